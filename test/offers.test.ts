import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Artist, Venue } from '../src/shared/domain';
import type { DealInput } from '../src/shared/deals';
import type {
  Offer,
  OfferSummary,
  HoldView,
  HoldConflict,
  CalendarBlock,
  DealEvaluation,
} from '../src/shared/offers';
import { call, testCore } from './helpers';

const versus = JSON.parse(readFileSync('resources/examples/deal-versus.json', 'utf8')) as { deal: DealInput };

async function seed() {
  const core = testCore();
  const artist = await call<Artist>(core, 'artists.create', {
    name: 'Nadia Kessler Trio',
    city: 'Strasbourg',
    country: 'FR',
  });
  const other = await call<Artist>(core, 'artists.create', {
    name: 'Orage Mécanique',
    city: 'Liège',
    country: 'BE',
  });
  const venue = await call<Venue>(core, 'venues.create', {
    name: 'Le Périscope',
    city: 'Lyon',
    country: 'FR',
    capacityStanding: 600,
  });
  return { core, artist, other, venue };
}

type Calendar = { holds: HoldView[]; conflicts: HoldConflict[]; blocks: CalendarBlock[] };

describe('offers', () => {
  it('creates a draft that holds its date, negotiates, accepts and settles into a played event', async () => {
    const { core, artist, venue } = await seed();
    const offer = await call<Offer>(core, 'offers.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2027-03-12',
      target: 3500,
      walkAway: 2500,
      deal: versus.deal,
    });
    expect(offer).toMatchObject({
      status: 'draft',
      artistName: 'Nadia Kessler Trio',
      venueName: 'Le Périscope',
      rounds: [],
    });
    const cal = await call<Calendar>(core, 'holds.list', { from: '2027-03-01', to: '2027-03-31' });
    expect(cal.holds).toHaveLength(1);
    expect(cal.holds[0]).toMatchObject({ id: offer.holdId, level: 1, status: 'held' });

    await call(core, 'offers.addRound', { offerId: offer.id, by: 'us', action: 'sent' });
    const countered = await call<Offer>(core, 'offers.addRound', {
      offerId: offer.id,
      by: 'them',
      action: 'countered',
      deal: { ...versus.deal, guarantee: 2800 },
      note: 'Budget serré en mars',
    });
    expect(countered.status).toBe('countered');
    expect(countered.deal.guarantee).toBe(2800);
    const accepted = await call<Offer>(core, 'offers.addRound', {
      offerId: offer.id,
      by: 'us',
      action: 'accepted',
    });
    expect(accepted.rounds.map((r) => `${r.by}:${r.action}`)).toEqual([
      'us:sent',
      'them:countered',
      'us:accepted',
    ]);

    const refused = await core.dispatch('offers.addRound', {
      offerId: offer.id,
      by: 'them',
      action: 'countered',
      deal: versus.deal,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const settled = await call<Offer>(core, 'offers.settle', { offerId: offer.id, ticketsSold: 520 });
    expect(settled.status).toBe('settled');
    const s = settled.settlement!.settlement;
    // The balance identity the arithmetic guarantees, to the cent.
    const { organiser, artist: artistCosts } = s.expensesByPayer;
    expect(s.receipts.gross).toBe(520 * 2400);
    // Every cent of the gross is accounted for: VAT, ticketing fees, the artist, the organiser's costs and result.
    expect(
      s.receipts.vat +
        s.receipts.ticketingFees +
        s.artistTotal +
        organiser +
        s.taxesByPayer.organiser +
        s.organiserResult,
    ).toBe(s.receipts.gross);
    expect(s.artistTotal - s.artistResult).toBe(artistCosts + s.taxesByPayer.artist);
    const event = core.store.db.prepare('SELECT status, tickets_sold, fee, capacity FROM events').get();
    expect(event).toEqual({ status: 'played', tickets_sold: 520, fee: s.artistTotal / 100, capacity: 600 });

    const list = await call<{ items: OfferSummary[] }>(core, 'offers.list', { status: 'settled' });
    expect(list.items.map((o) => [o.id, o.roundCount])).toEqual([[offer.id, 3]]);
  });

  it('refuses impossible moves with clear errors and writes nothing', async () => {
    const { core, artist, venue } = await seed();
    const bad = await core.dispatch('offers.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2027-02-30',
      deal: { ...versus.deal, guarantee: -10 },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!bad.ok)
      expect(bad.error.issues!.map((i) => i.path)).toEqual(
        expect.arrayContaining(['date', 'deal.guarantee']),
      );
    const overPercent = await core.dispatch('offers.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2027-02-10',
      deal: { ...versus.deal, artistPercentage: 120 },
    });
    expect(overPercent).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const noPrice = await core.dispatch('offers.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2027-02-10',
      deal: {
        type: 'doorSplit',
        currency: 'EUR',
        capacity: 300,
        ticketPrice: 0,
        ticketVatRate: 0.055,
        artistPercentage: 70,
      },
    });
    expect(noPrice).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknownArtist = await core.dispatch('offers.create', {
      artistId: '01936b2e-0000-7000-8000-0000000000ff',
      venueId: venue.id,
      date: '2027-02-10',
      deal: versus.deal,
    });
    expect(unknownArtist).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const offer = await call<Offer>(core, 'offers.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2027-02-10',
      deal: versus.deal,
    });
    expect(await core.dispatch('offers.settle', { offerId: offer.id, ticketsSold: 10 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await core.dispatch('offers.addRound', { offerId: offer.id, by: 'them', action: 'accepted' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await core.dispatch('offers.addRound', { offerId: offer.id, by: 'them', action: 'countered' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect((core.store.db.prepare('SELECT count(*) AS n FROM offers').get() as { n: number }).n).toBe(1);
    expect((core.store.db.prepare('SELECT count(*) AS n FROM offer_rounds').get() as { n: number }).n).toBe(
      0,
    );
  });

  it('releases the hold of a declined offer, promoting the next one', async () => {
    const { core, artist, other, venue } = await seed();
    const first = await call<Offer>(core, 'offers.create', {
      artistId: artist.id,
      venueId: venue.id,
      date: '2027-05-01',
      deal: versus.deal,
    });
    const second = await call<Offer>(core, 'offers.create', {
      artistId: other.id,
      venueId: venue.id,
      date: '2027-05-01',
      deal: versus.deal,
    });
    let cal = await call<Calendar>(core, 'holds.list', {
      from: '2027-05-01',
      to: '2027-05-01',
      venueId: venue.id,
    });
    expect(cal.holds.map((h) => [h.id, h.level])).toEqual(
      expect.arrayContaining([
        [first.holdId, 1],
        [second.holdId, 2],
      ]),
    );
    await call(core, 'offers.addRound', { offerId: first.id, by: 'us', action: 'sent' });
    await call(core, 'offers.addRound', { offerId: first.id, by: 'them', action: 'declined' });
    cal = await call<Calendar>(core, 'holds.list', {
      from: '2027-05-01',
      to: '2027-05-01',
      venueId: venue.id,
    });
    expect(cal.holds.map((h) => [h.id, h.level])).toEqual([[second.holdId, 1]]);
  });

  it('evaluates a deal for the live P&L', async () => {
    const { core } = await seed();
    const evaluation = await call<DealEvaluation>(core, 'deals.evaluate', {
      deal: versus.deal,
      ticketsSold: 300,
    });
    expect(evaluation.settlement.receipts.gross).toBe(300 * 2400);
    expect(evaluation.comparison.series.map((s) => s.type)).toEqual([
      'flat',
      'doorSplit',
      'versus',
      'guaranteePlus',
    ]);
    expect(evaluation.breakEven.organiser).toBeGreaterThan(0);
    expect(await core.dispatch('deals.evaluate', { deal: versus.deal, ticketsSold: 601 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});

describe('holds calendar', () => {
  it('places, confirms and releases holds with promotions and conflicts', async () => {
    const { core, artist, other, venue } = await seed();
    const a = await call<{ hold: HoldView }>(core, 'holds.place', {
      artistId: artist.id,
      venueId: venue.id,
      startDate: '2027-06-20',
    });
    const b = await call<{ hold: HoldView }>(core, 'holds.place', {
      artistId: other.id,
      venueId: venue.id,
      startDate: '2027-06-20',
    });
    expect([a.hold.level, b.hold.level]).toEqual([1, 2]);
    expect(b.hold.artistName).toBe('Orage Mécanique');
    expect(await core.dispatch('holds.confirm', { id: b.hold.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const released = await call<{ promotions: { holdId: string; from: number; to: number }[] }>(
      core,
      'holds.release',
      { id: a.hold.id },
    );
    expect(released.promotions).toEqual([{ holdId: b.hold.id, from: 2, to: 1 }]);
    const confirmed = await call<{ hold: HoldView }>(core, 'holds.confirm', { id: b.hold.id });
    expect(confirmed.hold.status).toBe('confirmed');
    const ics = await call<{ ics: string; filename: string }>(core, 'holds.exportIcs', { venueId: venue.id });
    expect(ics.ics).toContain('BEGIN:VCALENDAR\r\n');
    expect(ics.ics).toContain('SUMMARY:Orage Mécanique @ Le Périscope');
    expect(ics.ics).toContain('DTSTART;VALUE=DATE:20270620');
  });

  it('keeps the levels at other venues intact when an operation loads only the venues it touches', async () => {
    const { core, artist, other, venue } = await seed();
    const second = await call<Venue>(core, 'venues.create', { name: 'La Laiterie', city: 'Strasbourg' });
    const first = await call<{ hold: HoldView }>(core, 'holds.place', {
      artistId: other.id,
      venueId: second.id,
      startDate: '2027-09-09',
    });
    const behind = await call<{ hold: HoldView }>(core, 'holds.place', {
      artistId: artist.id,
      venueId: second.id,
      startDate: '2027-09-09',
    });
    expect(behind.hold.level).toBe(2);
    const placed = await call<{ hold: HoldView; conflicts: HoldConflict[] }>(core, 'holds.place', {
      artistId: artist.id,
      venueId: venue.id,
      startDate: '2027-09-09',
    });
    expect(placed.conflicts.map((c) => c.kind)).toContain('artistDoubleBooked');
    const all = await call<Calendar>(core, 'holds.list', { from: '2027-09-01', to: '2027-09-30' });
    const level = (id: string) => all.holds.find((h) => h.id === id)!.level;
    expect([level(first.hold.id), level(behind.hold.id), level(placed.hold.id)]).toEqual([1, 2, 1]);
    await call(core, 'holds.release', { id: first.hold.id });
    const after = await call<Calendar>(core, 'holds.list', { from: '2027-09-01', to: '2027-09-30' });
    expect(after.holds.find((h) => h.id === behind.hold.id)!.level).toBe(1);
  });

  it('imports an artist calendar as busy blocks and flags holds on those days', async () => {
    const { core, artist, venue } = await seed();
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//EN',
      'BEGIN:VEVENT',
      'UID:1@test',
      'DTSTAMP:20261101T000000Z',
      'DTSTART;TZID=Europe/Paris:20270710T203000',
      'DTEND;TZID=Europe/Paris:20270710T233000',
      'SUMMARY:Festival privé',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const result = await call<{ imported: number }>(core, 'holds.importIcs', {
      artistId: artist.id,
      ics,
      source: 'agenda.ics',
      from: '2027-01-01',
      to: '2027-12-31',
    });
    expect(result.imported).toBe(1);
    // Importing the same file again replaces its blocks rather than doubling them.
    await call(core, 'holds.importIcs', {
      artistId: artist.id,
      ics,
      source: 'agenda.ics',
      from: '2027-01-01',
      to: '2027-12-31',
    });
    const placed = await call<{ conflicts: HoldConflict[] }>(core, 'holds.place', {
      artistId: artist.id,
      venueId: venue.id,
      startDate: '2027-07-10',
    });
    expect(placed.conflicts).toEqual([
      expect.objectContaining({ kind: 'artistBusy', from: '2027-07-10', to: '2027-07-10' }),
    ]);
    const cal = await call<Calendar>(core, 'holds.list', {
      from: '2027-07-01',
      to: '2027-07-31',
      artistId: artist.id,
    });
    expect(cal.blocks).toEqual([
      expect.objectContaining({ startDate: '2027-07-10', endDate: '2027-07-10', summary: 'Festival privé' }),
    ]);

    const broken = await core.dispatch('holds.importIcs', {
      artistId: artist.id,
      ics: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\n',
      source: 'x.ics',
      from: '2027-01-01',
      to: '2027-12-31',
    });
    expect(broken).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!broken.ok) expect(broken.error.message).toMatch(/^Line \d+/);
    expect(
      (
        await call<Calendar>(core, 'holds.list', {
          from: '2027-07-01',
          to: '2027-07-31',
          artistId: artist.id,
        })
      ).blocks,
    ).toHaveLength(1);
  });
});
