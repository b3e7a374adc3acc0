import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Artist, Venue } from '../src/shared/domain';
import type { DealInput } from '../src/shared/deals';
import type {
  BestDates,
  Event,
  FeeRecommendation,
  Forecast,
  ModelStatus,
  PriceCurve,
} from '../src/shared/forecast';
import type { Offer } from '../src/shared/offers';
import { call, testCore } from './helpers';
import { useTestPrior } from './forecast-service-fixtures';
import { ticketDistribution } from '../src/main/services/forecast/optimise';

const versus = JSON.parse(readFileSync('resources/examples/deal-versus.json', 'utf8')) as { deal: DealInput };

beforeAll(async () => {
  await useTestPrior();
}, 120_000);

async function seed() {
  const core = testCore();
  const artist = await call<Artist>(core, 'artists.create', {
    name: 'Nadia Kessler Trio',
    genres: ['jazz'],
    country: 'FR',
  });
  const other = await call<Artist>(core, 'artists.create', { name: 'Orage Mécanique', country: 'BE' });
  const venue = await call<Venue>(core, 'venues.create', {
    name: 'Le Périscope',
    city: 'Lyon',
    postalCode: '69002',
    country: 'FR',
    latitude: 45.75,
    longitude: 4.82,
    capacityStanding: 600,
    genres: ['jazz', 'musiques improvisées'],
    ticketPrice: { min: 15, max: 25 },
  });
  const nearby = await call<Venue>(core, 'venues.create', {
    name: 'Le Sonic',
    city: 'Lyon',
    country: 'FR',
    latitude: 45.76,
    longitude: 4.83,
    capacityStanding: 250,
  });
  const noCapacity = await call<Venue>(core, 'venues.create', { name: 'Salle sans jauge', country: 'FR' });
  return { core, artist, other, venue, nearby, noCapacity };
}

describe('event history', () => {
  it('creates, lists, updates and deletes events, refusing bad ones', async () => {
    const { core, artist, venue } = await seed();
    const created = await call<Event>(core, 'events.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2025-03-14',
      ticketPrice: 18,
      ticketsSold: 420,
      announcedOn: '2024-12-01',
      promotionSpend: 300,
      dealType: 'flat',
    });
    expect(created).toMatchObject({
      status: 'played',
      source: 'manual',
      capacity: null,
      fillRate: 0.7, // measured against the venue's 600
      artistName: 'Nadia Kessler Trio',
    });
    const updated = await call<Event>(core, 'events.update', {
      id: created.id,
      fields: { artistId: artist.id, venueId: venue.id, date: '2025-03-14', capacity: 500, ticketsSold: 500 },
    });
    expect(updated).toMatchObject({ capacity: 500, fillRate: 1, ticketPrice: null });
    expect((await call<{ total: number }>(core, 'events.list', { venueId: venue.id })).total).toBe(1);

    const zero = await core.dispatch('events.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2025-03-15',
      capacity: 0,
    });
    expect(zero).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const over = await core.dispatch('events.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2025-03-15',
      capacity: 100,
      ticketsSold: 150,
    });
    expect(over).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!over.ok) expect(over.error.message).toContain('exceed the capacity');
    const ghost = await core.dispatch('events.create', {
      artistId: '0190f5c2-0000-7000-8000-000000000000',
      venueId: venue.id,
      date: '2025-03-15',
    });
    expect(ghost).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    await call(core, 'events.delete', { id: created.id });
    expect((await call<{ total: number }>(core, 'events.list', {})).total).toBe(0);
  });

  it('the post-show settlement of an offer becomes a settlement event with its deal and booking date', async () => {
    const { core, artist, venue } = await seed();
    const offer = await call<Offer>(core, 'offers.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2025-05-16',
      deal: versus.deal,
    });
    await call(core, 'offers.addRound', { offerId: offer.id, by: 'us', action: 'sent' });
    await call(core, 'offers.addRound', { offerId: offer.id, by: 'them', action: 'accepted' });
    await call(core, 'offers.settle', { offerId: offer.id, ticketsSold: 520 });
    const { items } = await call<{ items: Event[] }>(core, 'events.list', { artistId: artist.id });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      source: 'settlement',
      status: 'played',
      dealType: 'versus',
      ticketsSold: 520,
      capacity: 600,
      ticketPrice: 24,
      promotionSpend: 800,
      announcedOn: offer.createdAt.slice(0, 10),
    });
    // …and it counts as history for the forecasts.
    const forecast = await call<Forecast>(core, 'forecast.predict', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2026-05-15',
    });
    expect(forecast.basis.venueEvents).toBe(1);
    expect(forecast.basis.artistEvents).toBe(1);
  });
});

describe('forecasts', () => {
  it('with no history: the prior, and it says so', async () => {
    const { core, artist, venue } = await seed();
    const f = await call<Forecast>(core, 'forecast.predict', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2026-10-16',
      ticketPrice: 20,
    });
    expect(f.capacity).toBe(600);
    expect(f.tickets.p10).toBeLessThanOrEqual(f.tickets.p50);
    expect(f.tickets.p50).toBeLessThanOrEqual(f.tickets.p90);
    expect(f.tickets.p90).toBeLessThanOrEqual(600);
    expect(f.soldOutProbability).toBeGreaterThanOrEqual(0);
    expect(f.soldOutProbability).toBeLessThanOrEqual(1);
    expect(f.basis).toMatchObject({
      modelKind: 'prior',
      venueEvents: 0,
      artistEvents: 0,
      typicalError: null,
    });
    expect(f.basis.summary.en).toBe(
      'Prior only (synthetic data from CNM statistics) — 0 past events at this venue, 0 for this artist',
    );
    expect(f.basis.summary.fr).toContain('0 concert passé dans cette salle');
    expect(f.breakEven).toBeNull();
    expect(f.factors.length).toBeGreaterThan(0);
    expect(f.factors[0]!.label.fr).not.toBe('');
  });

  it('refuses a capacity of 0 and an unknown capacity with a clear message', async () => {
    const { core, artist, venue, noCapacity } = await seed();
    const zero = await core.dispatch('forecast.predict', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2026-10-16',
      capacity: 0,
    });
    expect(zero).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const dealAtZero = await core.dispatch('forecast.predict', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2026-10-16',
      deal: { ...versus.deal, capacity: 0, bonuses: [] },
    });
    expect(dealAtZero).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!dealAtZero.ok) expect(dealAtZero.error.message).toContain('capacity of 0');
    const unknown = await core.dispatch('forecast.predict', {
      artistId: artist.id,
      venueId: noCapacity.id,
      date: '2026-10-16',
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!unknown.ok) expect(unknown.error.message).toContain('Salle sans jauge is unknown');
    // A capacity given with the request is enough.
    const given = await call<Forecast>(core, 'forecast.predict', {
      artistId: artist.id,
      venueId: noCapacity.id,
      date: '2026-10-16',
      capacity: 80,
    });
    expect(given.capacity).toBe(80);
    expect(given.warnings.some((w) => w.en.startsWith('Ticket price unknown'))).toBe(true);
  });

  it('with one event, events with missing fields, and a deal: break-even chance and history counts', async () => {
    const { core, artist, other, venue, noCapacity } = await seed();
    await call(core, 'events.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2025-02-07',
      ticketsSold: 300,
    });
    // Missing price, capacity nowhere, status planned: kept, but not outcomes the forecast can use.
    await call(core, 'events.create', {
      artistId: artist.id,
      venueId: noCapacity.id,
      date: '2025-03-01',
      ticketsSold: 90,
    });
    await call(core, 'events.create', {
      artistId: other.id,
      venueId: venue.id,
      date: '2025-04-01',
      status: 'planned',
    });
    const f = await call<Forecast>(core, 'forecast.predict', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2026-11-13',
      deal: versus.deal,
    });
    expect(f.basis.venueEvents).toBe(1);
    expect(f.basis.artistEvents).toBe(2);
    expect(f.ticketPrice).toBe(24); // the deal's
    expect(f.breakEven).not.toBeNull();
    const be = f.breakEven!;
    expect(be.organiserTickets).toBeGreaterThan(0);
    expect(be.organiserProbability).toBeGreaterThanOrEqual(0);
    expect(be.organiserProbability).toBeLessThanOrEqual(1);
    // Reaching more tickets is never likelier than reaching fewer.
    if (be.artistTickets !== null && be.organiserTickets !== null) {
      const [fewer, more] =
        be.artistTickets <= be.organiserTickets
          ? [be.artistProbability, be.organiserProbability]
          : [be.organiserProbability, be.artistProbability];
      expect(fewer).toBeGreaterThanOrEqual(more);
    }
    expect(Number.isInteger(be.expectedOrganiserResult)).toBe(true);
  });

  it('flags holidays and competing shows nearby', async () => {
    const { core, artist, other, venue, nearby } = await seed();
    await call(core, 'events.create', {
      artistId: other.id,
      venueId: nearby.id,
      date: '2026-07-15',
      status: 'confirmed',
    });
    const f = await call<Forecast>(core, 'forecast.predict', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2026-07-13',
      ticketPrice: 20,
    });
    expect(f.flags.publicHoliday).toBe('Veille : Fête nationale');
    expect(f.flags.schoolHoliday).toBe(true);
    expect(f.flags.competingEvents).toBe(1);
  });

  it('price curve: expected revenue per price and the best prices', async () => {
    const { core, artist, venue } = await seed();
    const curve = await call<PriceCurve>(core, 'forecast.priceCurve', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2026-10-16',
      deal: versus.deal,
    });
    expect(curve.referencePrice).toBe(24);
    expect(curve.points.length).toBeGreaterThan(20);
    expect(curve.points[0]!.price).toBeCloseTo(9.5, 5); // 40 % of 24, to 0.50
    expect(curve.points.at(-1)!.price).toBe(48);
    const best = curve.points.reduce((a, b) => (b.expectedRevenue > a.expectedRevenue ? b : a));
    expect(curve.bestForRevenue.expectedRevenue).toBe(best.expectedRevenue);
    for (const p of curve.points) {
      expect(Number.isInteger(p.expectedRevenue)).toBe(true);
      expect(p.expectedRevenue).toBeLessThanOrEqual(Math.round(p.price * 100 * 600));
      expect(p.expectedProfit).not.toBeNull();
    }
    expect(curve.bestForProfit).not.toBeNull();
    const atEdge = [curve.points[0]!.price, curve.points.at(-1)!.price].includes(curve.bestForRevenue.price);
    expect(curve.warnings.some((w) => w.en.startsWith('The best price is at the edge'))).toBe(
      atEdge || [curve.points[0]!.price, curve.points.at(-1)!.price].includes(curve.bestForProfit!.price),
    );
    const invalid = await core.dispatch('forecast.priceCurve', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2026-10-16',
      prices: { min: 30, max: 10 },
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('best dates: one cell per day, conflicts with holds, top dates available', async () => {
    const { core, artist, other, venue } = await seed();
    await call(core, 'holds.place', { artistId: artist.id, venueId: venue.id, startDate: '2026-10-09' });
    const otherHold = await call<{ hold: { id: string } }>(core, 'holds.place', {
      artistId: other.id,
      venueId: venue.id,
      startDate: '2026-10-10',
    });
    await call(core, 'holds.confirm', { id: otherHold.hold.id });
    const result = await call<BestDates>(core, 'forecast.bestDates', {
      artistId: artist.id,
      venueId: venue.id,
      from: '2026-10-01',
      to: '2026-10-31',
      ticketPrice: 20,
      top: 5,
    });
    expect(result.days).toHaveLength(31);
    expect(result.days[0]).toMatchObject({ date: '2026-10-01', weekday: 3 });
    const ninth = result.days.find((d) => d.date === '2026-10-09')!;
    expect(ninth.conflicts[0]).toMatchObject({ kind: 'artistBooked', severity: 'warning' });
    expect(ninth.available).toBe(true);
    const tenth = result.days.find((d) => d.date === '2026-10-10')!;
    expect(tenth.conflicts[0]).toMatchObject({ kind: 'venueTaken', severity: 'error' });
    expect(tenth.available).toBe(false);
    expect(result.top).toHaveLength(5);
    expect(result.top).not.toContain('2026-10-10');
    const p50 = (date: string) => result.days.find((d) => d.date === date)!.tickets.p50;
    for (const d of result.days)
      if (d.available && !result.top.includes(d.date))
        expect(d.tickets.p50).toBeLessThanOrEqual(p50(result.top.at(-1)!));
    const tooLong = await core.dispatch('forecast.bestDates', {
      artistId: artist.id,
      venueId: venue.id,
      from: '2026-01-01',
      to: '2027-06-01',
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('fee recommendation: safe ≤ target ≤ stretch, from the deal arithmetic', async () => {
    const { core, artist, venue } = await seed();
    const fee = await call<FeeRecommendation>(core, 'forecast.feeRecommendation', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2026-10-16',
      deal: versus.deal,
    });
    expect(fee.adjusts).toBe('guarantee');
    expect(fee.current.value).toBe(3000);
    expect(fee.safe.value).toBeLessThanOrEqual(fee.target.value);
    expect(fee.target.value).toBeLessThanOrEqual(fee.stretch.value);
    // A higher guarantee is never easier for the organiser to cover.
    expect(fee.safe.organiserBreakEvenProbability).toBeGreaterThanOrEqual(
      fee.stretch.organiserBreakEvenProbability,
    );
    expect(fee.explanation.fr).toContain('billets attendus');
    const door = await call<FeeRecommendation>(core, 'forecast.feeRecommendation', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2026-10-16',
      deal: { ...versus.deal, type: 'doorSplit', artistPercentage: 70 },
    });
    expect(door.adjusts).toBe('artistPercentage');
    expect(door.stretch.value).toBeLessThanOrEqual(100);
  });

  it('model status: the prior, the history needed before retraining', async () => {
    const { core } = await seed();
    const status = await call<ModelStatus>(core, 'forecast.model', {});
    expect(status).toMatchObject({
      source: 'prior',
      card: { kind: 'prior' },
      lastReport: null,
      lastRetrain: null,
      history: { usableEvents: 0, minimumForRetrain: 30, canRetrain: false },
    });
    expect(status.card.syntheticRows).toBeGreaterThan(0);
  });
});

describe('the ticket distribution behind the optimisers', () => {
  it('reproduces the three quantiles and never goes below the calibrated sold-out chance', () => {
    const forecast = { p10: 100, p50: 200, p90: 350, fill50: 0.5, soldOutProbability: 0.05, demand50: 200 };
    const d = ticketDistribution(forecast, 400);
    expect(d.atLeast(0)).toBe(1);
    expect(d.atLeast(401)).toBe(0);
    expect(d.atLeast(100.5)).toBeCloseTo(0.9, 2);
    expect(d.atLeast(200.5)).toBeCloseTo(0.5, 2);
    expect(d.atLeast(350.5)).toBeCloseTo(0.1, 2);
    expect(d.atLeast(399)).toBeCloseTo(0.05, 5); // the split normal's tail is thinner: the sold-out chance holds
    expect(Math.min(...d.samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...d.samples)).toBeLessThanOrEqual(400);
    expect(d.mean).toBeGreaterThan(200); // right-skewed range
    for (let t = 1; t < 400; t++) expect(d.atLeast(t)).toBeGreaterThanOrEqual(d.atLeast(t + 1));
  });
});
