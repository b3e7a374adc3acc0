import { z } from 'zod';
import {
  Hold,
  IsoDate,
  MAX_HOLD_DAYS,
  type Hold as HoldRecord,
  type HoldStatus,
} from '../../../shared/deals';
import { AppError, validationError } from '../../../shared/errors';

// The holds engine: pure functions from a book of holds to a new book plus what changed, so the UI can
// tell the booker ("your 2nd hold at Le Trianon is now 1st"). No clock, no id generator, no store: the
// caller passes ids and timestamps, and saves the returned book.
//
// Rules (Prism.fm's hold levels, adapted to multi-day holds):
// - A hold reserves a venue for an artist from startDate to endDate (inclusive).
// - The active holds of a venue (held, challenged, confirmed) form a queue: confirmed first, then by
//   placedAt, then id. A hold's level is 1 + the highest level among the earlier holds that overlap it,
//   so overlapping holds never share a level and a later hold never ranks before an earlier one. For
//   one-day holds this is simply the rank on that date; a new hold gets the next free level.
// - Only a 1st hold can be confirmed. Confirming releases nothing: the overlapping holds become
//   "challenged" and stay in line (their holders must be told), and another confirmation on an
//   overlapping date at the venue is refused.
// - Releasing a hold promotes the ones behind it (2nd → 1st, 3rd → 2nd) and reports each promotion.
// - Conflicts are reported, not refused, when a booker may knowingly accept them: an artist held at two
//   venues on the same date, or multi-day holds that overlap without covering the same dates.

export type HoldBook = readonly HoldRecord[];

export interface Promotion {
  holdId: string;
  from: number;
  to: number;
}

export type ConflictKind =
  /** The same artist has active holds at two venues on overlapping dates. */
  | 'artistDoubleBooked'
  /** Two confirmations at one venue on overlapping dates: only a merge of offline edits can do that. */
  | 'venueDoubleConfirmed'
  /** Two holds at one venue overlap on some dates but not all: a level then hides a partial clash. */
  | 'overlappingRange';

export interface Conflict {
  kind: ConflictKind;
  holdIds: [string, string];
  /** The dates both holds cover, inclusive. */
  from: string;
  to: string;
  /** 'error' when both sides are confirmed. */
  severity: 'warning' | 'error';
  message: string;
}

export const PlaceHoldRequest = z
  .strictObject({
    id: z.string().min(1).max(64),
    artistId: z.string().min(1).max(64),
    venueId: z.string().min(1).max(64),
    startDate: IsoDate,
    endDate: IsoDate.optional(),
    placedAt: z.iso.datetime(),
    note: z.string().max(2000).default(''),
  })
  .superRefine((r, ctx) => {
    const end = r.endDate ?? r.startDate;
    if (end < r.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The last day is before the first day' });
    } else if (daysCovered(r.startDate, end) > MAX_HOLD_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: `A hold covers at most ${MAX_HOLD_DAYS} days`,
      });
    }
  });
export type PlaceHoldRequest = z.input<typeof PlaceHoldRequest>;

// ---- Operations ----------------------------------------------------------------------------------

/** Places a hold at the next free level for its venue and dates; reports the conflicts it creates. */
export function placeHold(
  book: HoldBook,
  request: PlaceHoldRequest,
): { book: HoldRecord[]; hold: HoldRecord; conflicts: Conflict[] } {
  const parsed = PlaceHoldRequest.safeParse(request);
  if (!parsed.success) throw validationError(parsed.error, 'hold');
  const r = parsed.data;
  if (book.some((h) => h.id === r.id)) {
    throw new AppError('CONFLICT', `A hold with the id ${r.id} already exists`);
  }
  const draft: HoldRecord = {
    id: r.id,
    artistId: r.artistId,
    venueId: r.venueId,
    startDate: r.startDate,
    endDate: r.endDate ?? r.startDate,
    level: 1,
    status: 'held',
    placedAt: r.placedAt,
    note: r.note,
  };
  const duplicate = active(book).find(
    (h) => h.artistId === draft.artistId && h.venueId === draft.venueId && overlaps(h, draft),
  );
  if (duplicate) {
    throw new AppError(
      'CONFLICT',
      `This artist already has a ${ordinal(duplicate.level)} hold at this venue on ${span(overlapOf(duplicate, draft))}`,
    );
  }
  const next = normalise([...book, draft]);
  const hold = next.find((h) => h.id === draft.id)!;
  return { book: next, hold, conflicts: findConflicts(next).filter((c) => c.holdIds.includes(hold.id)) };
}

/**
 * Confirms a 1st hold. The holds it overlaps at the venue become "challenged" (returned so the booker
 * can warn their holders). Confirming an artist already confirmed elsewhere on an overlapping date is
 * refused unless `allowArtistDoubleBooking` (an afternoon festival slot and a club show the same day).
 */
export function confirmHold(
  book: HoldBook,
  holdId: string,
  options: { allowArtistDoubleBooking?: boolean } = {},
): { book: HoldRecord[]; hold: HoldRecord; challenged: HoldRecord[] } {
  const hold = findHold(book, holdId);
  if (hold.status === 'released') throw new AppError('CONFLICT', 'This hold was released: place a new one');
  if (hold.status === 'confirmed') return { book: [...book], hold, challenged: [] };

  const confirmedAtVenue = active(book).find(
    (h) => h.status === 'confirmed' && h.venueId === hold.venueId && overlaps(h, hold),
  );
  if (confirmedAtVenue) {
    throw new AppError(
      'CONFLICT',
      `The venue is already confirmed on ${span(overlapOf(confirmedAtVenue, hold))} for another show (hold ${confirmedAtVenue.id})`,
    );
  }
  if (hold.level !== 1) {
    throw new AppError(
      'CONFLICT',
      `Only the 1st hold can be confirmed: this is the ${ordinal(hold.level)} hold. Release the holds before it first`,
    );
  }
  const artistElsewhere = active(book).find(
    (h) => h.status === 'confirmed' && h.artistId === hold.artistId && h.id !== hold.id && overlaps(h, hold),
  );
  if (artistElsewhere && !options.allowArtistDoubleBooking) {
    throw new AppError(
      'CONFLICT',
      `The artist is already confirmed elsewhere on ${span(overlapOf(artistElsewhere, hold))} (hold ${artistElsewhere.id})`,
    );
  }

  const next = normalise(book.map((h) => (h.id === holdId ? { ...h, status: 'confirmed' as const } : h)));
  const wasChallenged = new Set(book.filter((h) => h.status === 'challenged').map((h) => h.id));
  return {
    book: next,
    hold: next.find((h) => h.id === holdId)!,
    challenged: next.filter((h) => h.status === 'challenged' && !wasChallenged.has(h.id)),
  };
}

/**
 * Releases a hold (or cancels a confirmation): the holds behind it move up. Returns each change of
 * level, and the holds no longer challenged when a confirmation is cancelled.
 */
export function releaseHold(
  book: HoldBook,
  holdId: string,
): { book: HoldRecord[]; released: HoldRecord; promotions: Promotion[]; unchallenged: HoldRecord[] } {
  const hold = findHold(book, holdId);
  if (hold.status === 'released')
    return { book: [...book], released: hold, promotions: [], unchallenged: [] };
  const next = normalise(book.map((h) => (h.id === holdId ? { ...h, status: 'released' as const } : h)));
  const before = new Map(book.map((h) => [h.id, h]));
  const promotions: Promotion[] = [];
  const unchallenged: HoldRecord[] = [];
  for (const h of next) {
    const old = before.get(h.id)!;
    if (h.id === holdId || h.status === 'released') continue;
    if (h.level < old.level) promotions.push({ holdId: h.id, from: old.level, to: h.level });
    if (old.status === 'challenged' && h.status === 'held') unchallenged.push(h);
  }
  promotions.sort((a, b) => a.to - b.to || a.holdId.localeCompare(b.holdId));
  return { book: next, released: next.find((h) => h.id === holdId)!, promotions, unchallenged };
}

// ---- Queries -------------------------------------------------------------------------------------

/** Every conflict in the book, each pair once. */
export function findConflicts(book: HoldBook): Conflict[] {
  const holds = active(book);
  const conflicts: Conflict[] = [];
  for (let i = 0; i < holds.length; i++) {
    for (let j = i + 1; j < holds.length; j++) {
      const a = holds[i]!;
      const b = holds[j]!;
      if (!overlaps(a, b)) continue;
      const { from, to } = overlapOf(a, b);
      const bothConfirmed = a.status === 'confirmed' && b.status === 'confirmed';
      const pair: [string, string] = [a.id, b.id];
      if (a.artistId === b.artistId && a.venueId !== b.venueId) {
        conflicts.push({
          kind: 'artistDoubleBooked',
          holdIds: pair,
          from,
          to,
          severity: bothConfirmed ? 'error' : 'warning',
          message: `The artist is ${bothConfirmed ? 'confirmed' : 'held'} at two venues on ${span({ from, to })}`,
        });
      }
      if (a.venueId === b.venueId && bothConfirmed) {
        conflicts.push({
          kind: 'venueDoubleConfirmed',
          holdIds: pair,
          from,
          to,
          severity: 'error',
          message: `Two shows are confirmed at this venue on ${span({ from, to })}`,
        });
      } else if (a.venueId === b.venueId && (a.startDate !== b.startDate || a.endDate !== b.endDate)) {
        conflicts.push({
          kind: 'overlappingRange',
          holdIds: pair,
          from,
          to,
          severity: 'warning',
          message: `Holds ${span(a)} and ${span(b)} at this venue overlap on ${span({ from, to })} only`,
        });
      }
    }
  }
  return conflicts;
}

/** An artist's active holds by date, each with the conflicts it takes part in. */
export function artistCalendar(
  book: HoldBook,
  artistId: string,
): { hold: HoldRecord; conflicts: Conflict[] }[] {
  const conflicts = findConflicts(book);
  return active(book)
    .filter((h) => h.artistId === artistId)
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.level - b.level)
    .map((hold) => ({ hold, conflicts: conflicts.filter((c) => c.holdIds.includes(hold.id)) }));
}

/** The active holds of a venue on one date, 1st first. */
export function venueHoldsOn(book: HoldBook, venueId: string, date: string): HoldRecord[] {
  return active(book)
    .filter((h) => h.venueId === venueId && h.startDate <= date && date <= h.endDate)
    .sort((a, b) => a.level - b.level);
}

/** Checks a book read from storage or a sync payload, and restores levels and statuses. */
export function loadHoldBook(rows: unknown): HoldRecord[] {
  const parsed = z.array(Hold).safeParse(rows);
  if (!parsed.success) throw validationError(parsed.error, 'holds');
  return normalise(parsed.data);
}

// ---- Internals -----------------------------------------------------------------------------------

const isActive = (h: HoldRecord) => h.status !== 'released';
const active = (book: HoldBook) => book.filter(isActive);
const overlaps = (a: HoldRecord, b: HoldRecord) => a.startDate <= b.endDate && b.startDate <= a.endDate;
const overlapOf = (a: HoldRecord, b: HoldRecord) => ({
  from: a.startDate > b.startDate ? a.startDate : b.startDate,
  to: a.endDate < b.endDate ? a.endDate : b.endDate,
});
const span = (r: { from: string; to: string } | HoldRecord) => {
  const [from, to] = 'from' in r ? [r.from, r.to] : [r.startDate, r.endDate];
  return from === to ? from : `${from} to ${to}`;
};

function daysCovered(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

function findHold(book: HoldBook, holdId: string): HoldRecord {
  const hold = book.find((h) => h.id === holdId);
  if (!hold) throw new AppError('NOT_FOUND', `No hold ${holdId}`);
  return hold;
}

const queueOrder = (a: HoldRecord, b: HoldRecord) =>
  Number(b.status === 'confirmed') - Number(a.status === 'confirmed') ||
  Date.parse(a.placedAt) - Date.parse(b.placedAt) || // not as strings: "…00Z" sorts after "…00.5Z"
  a.id.localeCompare(b.id);

/**
 * Recomputes every active hold's level and held/challenged status from the queue order, so the book
 * can never hold two 1st holds on one date, whatever order operations or sync merges arrived in.
 * Returns the holds in their input order; unchanged holds keep their identity.
 */
function normalise(book: readonly HoldRecord[]): HoldRecord[] {
  const updated = new Map<string, HoldRecord>();
  const byVenue = new Map<string, HoldRecord[]>();
  for (const h of active(book)) byVenue.set(h.venueId, [...(byVenue.get(h.venueId) ?? []), h]);

  for (const queue of byVenue.values()) {
    queue.sort(queueOrder);
    const placed: HoldRecord[] = [];
    for (const h of queue) {
      const ahead = placed.filter((p) => overlaps(p, h));
      const level = 1 + Math.max(0, ...ahead.map((p) => p.level));
      const status: HoldStatus =
        h.status === 'confirmed'
          ? 'confirmed'
          : queue.some((c) => c.status === 'confirmed' && overlaps(c, h))
            ? 'challenged'
            : 'held';
      const next = level === h.level && status === h.status ? h : { ...h, level, status };
      placed.push(next);
      if (next !== h) updated.set(h.id, next);
    }
  }
  return book.map((h) => updated.get(h.id) ?? h);
}
