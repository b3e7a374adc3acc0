import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acceptanceAt, fitAcceptanceModel, ACCEPTANCE_PRIOR } from '../src/main/services/deals/acceptance';
import type { Artist, Venue } from '../src/shared/domain';
import type { DealInput } from '../src/shared/deals';
import type { NegotiationBrief, Offer } from '../src/shared/offers';
import { call, testCore } from './helpers';

const versus = JSON.parse(readFileSync('resources/examples/deal-versus.json', 'utf8')) as { deal: DealInput };
const flat = (guarantee: number): DealInput => ({
  type: 'flat',
  currency: 'EUR',
  capacity: 300,
  ticketPrice: 18,
  ticketVatRate: 0.055,
  guarantee,
});

describe('acceptance model', () => {
  it('starts from the documented prior', () => {
    const prior = fitAcceptanceModel([]);
    expect(prior.intercept).toBeCloseTo(ACCEPTANCE_PRIOR.intercept, 6);
    expect(acceptanceAt(prior, 0).probability).toBeCloseTo(0.55, 2);
    expect(acceptanceAt(prior, Math.log(1.3)).probability).toBeCloseTo(0.25, 2);
    const at = acceptanceAt(prior, 0);
    expect(at.low).toBeLessThan(at.probability);
    expect(at.high).toBeGreaterThan(at.probability);
  });

  it('learns from the booker’s rounds and grows surer with data', () => {
    // This booker's counterparts accept asks 30 % above the yardstick most of the time.
    const rounds = Array.from({ length: 40 }, (_, i) => ({ x: Math.log(1.3), accepted: i % 5 !== 0 }));
    const few = fitAcceptanceModel(rounds.slice(0, 5));
    const many = fitAcceptanceModel(rounds);
    const prior = acceptanceAt(fitAcceptanceModel([]), Math.log(1.3));
    const learned = acceptanceAt(many, Math.log(1.3));
    expect(learned.probability).toBeGreaterThan(prior.probability + 0.3);
    const width = (m: ReturnType<typeof fitAcceptanceModel>) => {
      const a = acceptanceAt(m, Math.log(1.3));
      return a.high - a.low;
    };
    expect(width(many)).toBeLessThan(width(few));
  });

  it('gives a lower chance to a higher ask', () => {
    const model = fitAcceptanceModel([]);
    let previous = 1;
    for (let ratio = 0.5; ratio <= 1.6; ratio += 0.1) {
      const p = acceptanceAt(model, Math.log(ratio)).probability;
      expect(p).toBeLessThan(previous);
      previous = p;
    }
  });
});

describe('negotiation brief', () => {
  async function seed() {
    const core = testCore();
    const artist = await call<Artist>(core, 'artists.create', {
      name: 'Nadia Kessler Trio',
      genres: ['jazz'],
      fee: { min: 2000, max: 3000 },
      contacts: [{ name: 'Camille Roux', role: 'management' }],
    });
    const venue = await call<Venue>(core, 'venues.create', {
      name: 'Le Périscope',
      city: 'Lyon',
      country: 'FR',
      latitude: 45.7485,
      longitude: 4.8467,
      genres: ['jazz', 'musiques improvisées'],
      budget: { min: 1500, max: 2500 },
      contacts: [{ name: 'Julien Martin', role: 'programmation' }],
    });
    const near = await call<Venue>(core, 'venues.create', {
      name: 'Le Sonic',
      city: 'Villeurbanne',
      latitude: 45.7719,
      longitude: 4.8902,
    });
    return { core, artist, venue, near };
  }

  it('explains the odds, the zone, the frictions and drafts a French proposal', async () => {
    const { core, artist, venue, near } = await seed();
    await call(core, 'holds.place', { artistId: artist.id, venueId: near.id, startDate: '2027-03-20' });
    const offer = await call<Offer>(core, 'offers.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2027-03-12',
      target: 3000,
      walkAway: 2200,
      deal: versus.deal,
    });
    const brief = await call<NegotiationBrief>(core, 'offers.brief', { offerId: offer.id, language: 'fr' });
    expect(brief.amount).toBe(3000);
    expect(brief.reference).toEqual({ amount: 2000, basis: 'budget artistique habituel du lieu' });
    expect(brief.acceptance.observations).toBe(0);
    expect(brief.acceptance.probability).toBeLessThan(0.25); // 50 % above the venue's usual budget
    expect(brief.zone).toMatchObject({ ourLimit: 2200, theirLimit: 2500, overlap: true });
    expect(brief.frictions.map((f) => f.key)).toEqual(expect.arrayContaining(['aboveBudget', 'radius']));
    expect(brief.frictions.find((f) => f.key === 'radius')!.message).toMatch(/à \d+ km \(Le Sonic/);
    expect(brief.talkingPoints[0]).toBe("Le Périscope programme jazz, l'esthétique de Nadia Kessler Trio.");
    expect(brief.drafts.map((d) => d.kind)).toEqual(['proposal']);
    const draft = brief.drafts[0]!;
    expect(draft.body).toMatch(/^Bonjour Julien Martin,/);
    expect(draft.body).toContain('vendredi 12 mars 2027');
    expect(draft.body).toMatch(/un minimum garanti de 3\s000,00\s€ contre 85\s% de la recette nette/);
    expect(brief.curve).toHaveLength(23);
    const english = await call<NegotiationBrief>(core, 'offers.brief', { offerId: offer.id, language: 'en' });
    expect(english.drafts[0]!.body).toMatch(/^Dear Julien Martin,/);
    expect(english.drafts[0]!.body).toContain('Friday, 12 March 2027');
  });

  it('uses the booker’s own history once there is some', async () => {
    const { core, artist, venue } = await seed();
    // Past offers at 2,600 (30 % above the venue's 2,000 yardstick) that the venue accepted.
    for (let i = 0; i < 8; i++) {
      const past = await call<Offer>(core, 'offers.create', {
        artistId: artist.id,
        venueId: venue.id,
        date: `2026-0${1 + (i % 8)}-1${i}`,
        deal: flat(2600),
      });
      await call(core, 'offers.addRound', { offerId: past.id, by: 'us', action: 'sent' });
      await call(core, 'offers.addRound', {
        offerId: past.id,
        by: 'them',
        action: i < 7 ? 'accepted' : 'declined',
      });
    }
    const offer = await call<Offer>(core, 'offers.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2027-04-02',
      deal: flat(2600),
    });
    const brief = await call<NegotiationBrief>(core, 'offers.brief', { offerId: offer.id, language: 'fr' });
    expect(brief.acceptance.observations).toBe(8);
    expect(brief.acceptance.explanation).toMatch(/Ajusté sur 8 tour/);
    expect(brief.acceptance.probability).toBeGreaterThan(0.5);
  });
});
