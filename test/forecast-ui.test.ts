import { describe, expect, it } from 'vitest';
import { Venue } from '../src/shared/domain';
import { i18next } from '../src/renderer/src/i18n';
import { readTerms, termsFromVenue, type TermsDraft } from '../src/renderer/src/sections/forecast/terms';
import { rampColour } from '../src/renderer/src/sections/forecast/heat';
import { eventMessage } from '../src/renderer/src/sections/forecast/messages';

// The Prévisions screens' pure parts: the « Conditions envisagées » draft read into a Deal (what the
// forecast, price curve and fee advice receive), the heat map's colour ramp, and the event messages.

const t = i18next.getFixedT('fr', 'forecast') as unknown as (key: string) => string;

const venue = (fields: Record<string, unknown> = {}) =>
  Venue.parse({
    id: '01890000-0000-7000-8000-000000000001',
    name: 'Le Périscope',
    country: 'FR',
    capacityStanding: 600,
    ticketPrice: { min: 15, max: 25 },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  });

const enabled = (v: ReturnType<typeof venue>, patch: Partial<TermsDraft> = {}): TermsDraft => ({
  ...termsFromVenue(v),
  enabled: true,
  ...patch,
});

describe('deal terms of the forecast', () => {
  it('without terms, no deal and no message', () => {
    const v = venue();
    expect(readTerms(termsFromVenue(v), v, t)).toEqual({ deal: null, errors: {} });
  });

  it('takes the price and capacity from the venue, the currency and ticket VAT from its country', () => {
    const v = venue();
    const draft = enabled(v, { guarantee: '2 500', artistPercentage: '70', costs: '1800,50' });
    expect(draft.ticketPrice).toBe('25');
    expect(draft.capacity).toBe('600');
    const { deal, errors } = readTerms(draft, v, t);
    expect(errors).toEqual({});
    expect(deal).toMatchObject({
      type: 'versus',
      currency: 'EUR',
      capacity: 600,
      ticketPrice: 25,
      ticketVatRate: 0.055,
      guarantee: 2500,
      artistPercentage: 70,
      expenses: [{ amount: 1800.5, paidBy: 'organiser', kind: 'production' }],
    });
  });

  it('a Swiss venue: francs and no ticket VAT', () => {
    const v = venue({ country: 'CH', currency: 'CHF' });
    const { deal } = readTerms(enabled(v, { type: 'flat' }), v, t);
    expect(deal).toMatchObject({ currency: 'CHF', ticketVatRate: 0, artistPercentage: 0 });
  });

  it('puts each message under its field, in French, and gives no deal', () => {
    const v = venue();
    const notNumber = readTerms(enabled(v, { guarantee: 'abc', capacity: '' }), v, t);
    expect(notNumber.deal).toBeNull();
    expect(notNumber.errors.guarantee).toMatch(/^Saisissez un nombre positif/);
    expect(notNumber.errors.capacity).toBe('Ce champ est obligatoire.');

    const doorAtZero = readTerms(enabled(v, { type: 'doorSplit', artistPercentage: '0' }), v, t);
    expect(doorAtZero.deal).toBeNull();
    expect(doorAtZero.errors.artistPercentage).toBe(
      'Une recette partagée à 0 % ne rapporte rien à l’artiste.',
    );

    const tooMuch = readTerms(enabled(v, { artistPercentage: '120' }), v, t);
    expect(tooMuch.errors.artistPercentage).toMatch(/^Au plus 100/);
  });
});

describe('heat map and event messages', () => {
  it('the colour ramp goes from light to dark and stays inside it', () => {
    expect(rampColour(0)).toBe('#eff6ff');
    expect(rampColour(1)).toBe('#1e3a8a');
    expect(rampColour(-0.2)).toBe(rampColour(0));
    expect(rampColour(1.7)).toBe(rampColour(1));
    expect(rampColour(0.5)).not.toBe(rampColour(0.9));
  });

  it('translates the event schema’s own messages', () => {
    expect(eventMessage('Tickets sold (700) exceed the capacity (600)')).toBe(
      'Les billets vendus (700) dépassent la jauge (600).',
    );
    expect(eventMessage('The announcement date is after the show')).toBe(
      'La date d’annonce est après le concert.',
    );
    expect(eventMessage('Some message nobody translated')).toBe('Some message nobody translated');
  });
});

describe('model card metrics', () => {
  it('reads whose metric a key is, and formats it the French way', async () => {
    const { splitMetricKey, formatMetric } = await import('../src/renderer/src/sections/forecast/metrics');
    expect(splitMetricKey('mae')).toEqual({ row: 'model', metric: 'mae' });
    expect(splitMetricKey('baselineVenueMedianFillPinball')).toEqual({
      row: 'VenueMedianFill',
      metric: 'pinball',
    });
    expect(splitMetricKey('baselineArtistLastMae')).toEqual({ row: 'ArtistLast', metric: 'mae' });
    expect(splitMetricKey('baseRateBrier')).toEqual({ row: 'baseRate', metric: 'brier' });
    expect(splitMetricKey('somethingElse')).toBeNull();
    const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');
    expect(formatMetric('mae', 95.44)).toBe('95,4');
    expect(formatMetric('pinball', 24)).toBe('24,0');
    expect(formatMetric('brier', 0.13085)).toBe('0,131');
    expect(plain(formatMetric('coverage80', 0.8433))).toBe('84 %');
  });
});
