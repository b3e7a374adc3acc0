import { describe, expect, it } from 'vitest';
import type { Hold } from '../src/shared/deals';
import {
  artistCalendar,
  confirmHold,
  findConflicts,
  loadHoldBook,
  ordinal,
  placeHold,
  releaseHold,
  venueHoldsOn,
  type PlaceHoldRequest,
} from '../src/main/services/deals/holds';

// A small world: two venues (trianon, cigale), three artists. placedAt follows the order of the calls.
let clock = 0;
const at = () => new Date(Date.UTC(2025, 0, 1, 9, 0, clock++)).toISOString();
const request = (
  id: string,
  artistId: string,
  venueId: string,
  startDate: string,
  endDate?: string,
): PlaceHoldRequest => ({
  id,
  artistId,
  venueId,
  startDate,
  endDate,
  placedAt: at(),
});

/** Places holds in order; returns the book. */
function book(...requests: PlaceHoldRequest[]): Hold[] {
  return requests.reduce<Hold[]>((b, r) => placeHold(b, r).book, []);
}
const levelOf = (b: Hold[], id: string) => b.find((h) => h.id === id)!.level;
const statusOf = (b: Hold[], id: string) => b.find((h) => h.id === id)!.status;

describe('placing holds', () => {
  it('gives the next free level on that date at that venue', () => {
    let b: Hold[] = [];
    const first = placeHold(b, request('h1', 'ana', 'trianon', '2025-03-14'));
    b = first.book;
    expect(first.hold).toMatchObject({ level: 1, status: 'held', endDate: '2025-03-14' });
    b = placeHold(b, request('h2', 'bob', 'trianon', '2025-03-14')).book;
    const third = placeHold(b, request('h3', 'cat', 'trianon', '2025-03-14'));
    expect(third.hold.level).toBe(3);
    // Another date or another venue starts again at 1st.
    expect(placeHold(third.book, request('h4', 'cat', 'trianon', '2025-03-15')).hold.level).toBe(1);
    expect(placeHold(third.book, request('h5', 'bob', 'cigale', '2025-03-15')).hold.level).toBe(1);
    expect(venueHoldsOn(third.book, 'trianon', '2025-03-14').map((h) => h.id)).toEqual(['h1', 'h2', 'h3']);
  });

  it('does not change the input book (pure)', () => {
    const b = book(request('h1', 'ana', 'trianon', '2025-03-14'));
    const copy = structuredClone(b);
    placeHold(b, request('h2', 'bob', 'trianon', '2025-03-14'));
    releaseHold(b, 'h1');
    confirmHold(b, 'h1');
    expect(b).toEqual(copy);
  });

  it('refuses invalid requests with VALIDATION and duplicates with CONFLICT', () => {
    const b = book(request('h1', 'ana', 'trianon', '2025-03-14'));
    expect(() => placeHold(b, request('h2', 'ana', 'trianon', '2025-02-30'))).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: expect.stringMatching(/startDate: This date does not exist/),
      }),
    );
    expect(() => placeHold(b, request('h2', 'ana', 'cigale', '2025-03-14', '2025-03-10'))).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: expect.stringMatching(/before the first day/) }),
    );
    expect(() => placeHold(b, request('h2', 'ana', 'cigale', '2025-03-01', '2025-04-15'))).toThrow(
      /at most 31 days/,
    );
    expect(() => placeHold(b, request('h1', 'bob', 'cigale', '2025-03-14'))).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: 'A hold with the id h1 already exists' }),
    );
    expect(() => placeHold(b, request('h2', 'ana', 'trianon', '2025-03-13', '2025-03-14'))).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: 'This artist already has a 1st hold at this venue on 2025-03-14',
      }),
    );
  });

  it("shows the artist's own conflicts: two venues on the same date", () => {
    const b = book(request('h1', 'ana', 'trianon', '2025-03-14'));
    const { conflicts } = placeHold(b, request('h2', 'ana', 'cigale', '2025-03-14'));
    expect(conflicts).toEqual([
      {
        kind: 'artistDoubleBooked',
        holdIds: ['h1', 'h2'],
        from: '2025-03-14',
        to: '2025-03-14',
        severity: 'warning',
        message: 'The artist is held at two venues on 2025-03-14',
      },
    ]);
    const b2 = placeHold(b, request('h2', 'ana', 'cigale', '2025-03-14')).book;
    const calendar = artistCalendar(b2, 'ana');
    expect(calendar.map((e) => [e.hold.id, e.conflicts.length])).toEqual([
      ['h1', 1],
      ['h2', 1],
    ]);
    expect(artistCalendar(b2, 'bob')).toEqual([]);
  });
});

describe('multi-day holds', () => {
  it('rank after every earlier overlapping hold, so levels never collide on a date', () => {
    // h1 (1st) on the 14th; h2 on the 15th (1st); h3 covers 14–16: behind both → 2nd.
    const b = book(
      request('h1', 'ana', 'trianon', '2025-03-14'),
      request('h2', 'bob', 'trianon', '2025-03-15'),
      request('h3', 'cat', 'trianon', '2025-03-14', '2025-03-16'),
    );
    expect(levelOf(b, 'h3')).toBe(2);
    // h4 on the 16th is behind h3 (2nd) → 3rd, although only h3 holds the 16th.
    const b2 = placeHold(b, request('h4', 'dan', 'trianon', '2025-03-16')).book;
    expect(levelOf(b2, 'h4')).toBe(3);
    for (const date of ['2025-03-14', '2025-03-15', '2025-03-16']) {
      const levels = venueHoldsOn(b2, 'trianon', date).map((h) => h.level);
      expect(new Set(levels).size, date).toBe(levels.length);
    }
  });

  it('reports overlapping ranges that do not cover the same dates', () => {
    const b = book(
      request('h1', 'ana', 'trianon', '2025-07-10', '2025-07-12'),
      request('h2', 'bob', 'trianon', '2025-07-12', '2025-07-14'),
      request('h3', 'cat', 'trianon', '2025-07-12', '2025-07-14'), // same range as h2: plain stacking
    );
    const overlapping = findConflicts(b).filter((c) => c.kind === 'overlappingRange');
    expect(overlapping.map((c) => [c.holdIds, c.from, c.to])).toEqual([
      [['h1', 'h2'], '2025-07-12', '2025-07-12'],
      [['h1', 'h3'], '2025-07-12', '2025-07-12'],
    ]);
    expect(overlapping[0]!.message).toBe(
      'Holds 2025-07-10 to 2025-07-12 and 2025-07-12 to 2025-07-14 at this venue overlap on 2025-07-12 only',
    );
  });

  it('detects an artist held on overlapping ranges at two venues', () => {
    const b = book(
      request('h1', 'ana', 'trianon', '2025-07-10', '2025-07-12'),
      request('h2', 'ana', 'cigale', '2025-07-12', '2025-07-13'),
    );
    expect(findConflicts(b)).toMatchObject([
      { kind: 'artistDoubleBooked', from: '2025-07-12', to: '2025-07-12' },
    ]);
  });
});

describe('confirming', () => {
  it('confirms only the 1st hold', () => {
    const b = book(
      request('h1', 'ana', 'trianon', '2025-03-14'),
      request('h2', 'bob', 'trianon', '2025-03-14'),
    );
    expect(() => confirmHold(b, 'h2')).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message:
          'Only the 1st hold can be confirmed: this is the 2nd hold. Release the holds before it first',
      }),
    );
    expect(() => confirmHold(b, 'nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('releases nothing but marks the other holds as challenged', () => {
    const b = book(
      request('h1', 'ana', 'trianon', '2025-03-14'),
      request('h2', 'bob', 'trianon', '2025-03-14'),
      request('h3', 'cat', 'trianon', '2025-03-14'),
      request('h4', 'dan', 'trianon', '2025-03-15'),
    );
    const result = confirmHold(b, 'h1');
    expect(result.hold).toMatchObject({ status: 'confirmed', level: 1 });
    expect(result.challenged.map((h) => [h.id, h.level])).toEqual([
      ['h2', 2],
      ['h3', 3],
    ]);
    expect(statusOf(result.book, 'h4')).toBe('held');
    expect(result.book.filter((h) => h.status === 'released')).toEqual([]);
    // Confirming twice is harmless (a retried request).
    expect(confirmHold(result.book, 'h1').challenged).toEqual([]);
  });

  it('refuses a confirmation where another show is confirmed', () => {
    // Two devices confirmed offline, merged by sync: the venue is double-confirmed.
    const merged = loadHoldBook([
      {
        id: 'h1',
        artistId: 'ana',
        venueId: 'trianon',
        startDate: '2025-03-14',
        endDate: '2025-03-14',
        level: 1,
        status: 'confirmed',
        placedAt: '2025-01-01T10:00:00Z',
      },
      {
        id: 'h2',
        artistId: 'bob',
        venueId: 'trianon',
        startDate: '2025-03-14',
        endDate: '2025-03-15',
        level: 1,
        status: 'confirmed',
        placedAt: '2025-01-01T11:00:00Z',
      },
    ]);
    expect(findConflicts(merged)).toMatchObject([
      { kind: 'venueDoubleConfirmed', severity: 'error', holdIds: ['h1', 'h2'] },
    ]);
    // And through the engine: h3 is 1st on the 15th only while h2 is not confirmed.
    const b = book(
      request('h1', 'ana', 'trianon', '2025-03-14'),
      request('h3', 'cat', 'trianon', '2025-03-15'),
    );
    const confirmed = confirmHold(b, 'h1').book;
    const withRange = placeHold(confirmed, request('h4', 'dan', 'trianon', '2025-03-14', '2025-03-15')).book;
    expect(levelOf(withRange, 'h4')).toBe(2);
    expect(() => confirmHold(withRange, 'h4')).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: 'The venue is already confirmed on 2025-03-14 for another show (hold h1)',
      }),
    );
  });

  it('refuses to confirm an artist already confirmed elsewhere that day, unless asked', () => {
    const b = confirmHold(
      book(request('h1', 'ana', 'trianon', '2025-03-14'), request('h2', 'ana', 'cigale', '2025-03-14')),
      'h1',
    ).book;
    expect(() => confirmHold(b, 'h2')).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: 'The artist is already confirmed elsewhere on 2025-03-14 (hold h1)',
      }),
    );
    const both = confirmHold(b, 'h2', { allowArtistDoubleBooking: true }).book;
    expect(findConflicts(both)).toMatchObject([{ kind: 'artistDoubleBooked', severity: 'error' }]);
  });

  it('refuses to confirm a released hold', () => {
    const b = releaseHold(book(request('h1', 'ana', 'trianon', '2025-03-14')), 'h1').book;
    expect(() => confirmHold(b, 'h1')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});

describe('releasing', () => {
  it('promotes the next holds and says so', () => {
    const b = book(
      request('h1', 'ana', 'trianon', '2025-03-14'),
      request('h2', 'bob', 'trianon', '2025-03-14'),
      request('h3', 'cat', 'trianon', '2025-03-14'),
      request('h4', 'dan', 'cigale', '2025-03-14'),
    );
    const result = releaseHold(b, 'h1');
    expect(result.released.status).toBe('released');
    expect(result.promotions).toEqual([
      { holdId: 'h2', from: 2, to: 1 },
      { holdId: 'h3', from: 3, to: 2 },
    ]);
    expect(venueHoldsOn(result.book, 'trianon', '2025-03-14').map((h) => [h.id, h.level])).toEqual([
      ['h2', 1],
      ['h3', 2],
    ]);
    // Releasing the last hold promotes nobody; releasing twice changes nothing.
    expect(releaseHold(result.book, 'h3').promotions).toEqual([]);
    expect(releaseHold(result.book, 'h1').promotions).toEqual([]);
  });

  it('releasing a middle hold only promotes those behind it', () => {
    const b = book(
      request('h1', 'ana', 'trianon', '2025-03-14'),
      request('h2', 'bob', 'trianon', '2025-03-14'),
      request('h3', 'cat', 'trianon', '2025-03-14'),
    );
    expect(releaseHold(b, 'h2').promotions).toEqual([{ holdId: 'h3', from: 3, to: 2 }]);
  });

  it('cancelling a confirmation lifts the challenge and promotes', () => {
    const b = confirmHold(
      book(request('h1', 'ana', 'trianon', '2025-03-14'), request('h2', 'bob', 'trianon', '2025-03-14')),
      'h1',
    ).book;
    expect(statusOf(b, 'h2')).toBe('challenged');
    const result = releaseHold(b, 'h1');
    expect(result.promotions).toEqual([{ holdId: 'h2', from: 2, to: 1 }]);
    expect(result.unchallenged.map((h) => h.id)).toEqual(['h2']);
    expect(statusOf(result.book, 'h2')).toBe('held');
    expect(confirmHold(result.book, 'h2').hold.status).toBe('confirmed');
  });

  it('promotes a multi-day hold once nothing ahead of it remains', () => {
    const b = book(
      request('h1', 'ana', 'trianon', '2025-03-14'),
      request('h2', 'bob', 'trianon', '2025-03-15'),
      request('h3', 'cat', 'trianon', '2025-03-14', '2025-03-15'),
    );
    expect(levelOf(b, 'h3')).toBe(2);
    const afterFirst = releaseHold(b, 'h1');
    expect(afterFirst.promotions).toEqual([]); // h2 is still ahead on the 15th
    expect(releaseHold(afterFirst.book, 'h2').promotions).toEqual([{ holdId: 'h3', from: 2, to: 1 }]);
  });
});

describe('loading a stored or synced book', () => {
  it('restores levels and statuses whatever was stored', () => {
    const stale = loadHoldBook([
      {
        id: 'b',
        artistId: 'bob',
        venueId: 'v',
        startDate: '2025-05-01',
        endDate: '2025-05-01',
        level: 1,
        status: 'held',
        placedAt: '2025-01-02T00:00:00Z',
      },
      {
        id: 'a',
        artistId: 'ana',
        venueId: 'v',
        startDate: '2025-05-01',
        endDate: '2025-05-01',
        level: 1,
        status: 'held',
        placedAt: '2025-01-01T00:00:00Z',
      },
    ]);
    expect(stale.map((h) => [h.id, h.level])).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
    expect(() => loadHoldBook([{ id: 'x' }])).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('orders the queue by time, not by how the timestamp is written', () => {
    const hold = (id: string, placedAt: string) => ({
      id,
      artistId: id,
      venueId: 'v',
      startDate: '2025-05-01',
      endDate: '2025-05-01',
      level: 1,
      status: 'held' as const,
      placedAt,
    });
    // As strings "…00.250Z" < "…00Z", yet it is a quarter of a second later.
    const b = loadHoldBook([hold('late', '2025-01-01T10:00:00.250Z'), hold('early', '2025-01-01T10:00:00Z')]);
    expect(b.map((h) => [h.id, h.level])).toEqual([
      ['late', 2],
      ['early', 1],
    ]);
    expect(() => placeHold(b, { ...request('h9', 'x', 'v', '2025-05-02'), placedAt: 'yesterday' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });

  it('writes ordinals in English', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
    ]);
  });
});
