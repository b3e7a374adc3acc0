import { MAX_HOLD_DAYS, type Hold } from '../../shared/deals';
import { AppError } from '../../shared/errors';
import { uuidv7 } from '../../shared/ids';
import type { CalendarBlock, HoldConflict, HoldView } from '../../shared/offers';
import type { Store } from '../store/database';
import { confirmHold, findConflicts, placeHold, releaseHold } from './deals/holds';
import { exportIcs, icsEventsFromHolds, importIcs, type ImportedEvent } from './deals/ics';

// The holds calendar on the store: loads the book the holds engine needs, applies one operation,
// and writes back only the holds whose level or status changed, in one transaction.

interface HoldRow {
  id: string;
  artist_id: string;
  venue_id: string;
  start_date: string;
  end_date: string;
  level: number;
  status: Hold['status'];
  placed_at: string;
  note: string;
  artist_name: string;
  venue_name: string;
}

const HOLD_SELECT = `
  SELECT h.id, h.artist_id, h.venue_id, h.start_date, h.end_date, h.level, h.status, h.placed_at, h.note,
         a.name AS artist_name, v.name AS venue_name
  FROM holds h JOIN artists a ON a.id = h.artist_id JOIN venues v ON v.id = h.venue_id
  WHERE h.deleted_at IS NULL`;

const holdFromRow = (r: HoldRow): Hold => ({
  id: r.id,
  artistId: r.artist_id,
  venueId: r.venue_id,
  startDate: r.start_date,
  endDate: r.end_date,
  level: r.level,
  status: r.status,
  placedAt: r.placed_at,
  note: r.note,
});

const shiftDate = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The booker's own zone: timed events from other calendars are placed on its days. */
const BOOKER_TIME_ZONE = 'Europe/Paris';
const localDate = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: BOOKER_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));

/** The days an imported event makes the artist busy (an event ending at midnight does not take the next day). */
function busyDays(event: ImportedEvent): { startDate: string; endDate: string } {
  if (event.allDay) return { startDate: event.startDate, endDate: event.endDate };
  const endInstant = new Date(Math.max(Date.parse(event.start), Date.parse(event.end) - 1)).toISOString();
  return { startDate: localDate(event.start), endDate: localDate(endInstant) };
}

export function createCalendarService(store: Store) {
  const { db, clock } = store;
  const names = new Map<string, { artist: string; venue: string }>();

  // The holds engine recomputes levels per venue, so an operation needs the whole active book of every
  // venue it may touch: the hold's venue, and the venues where the artist is held on overlapping days
  // (for double-booking checks). Loading only those keeps operations fast with years of holds.
  const scopeRows = db.prepare<
    { venueId: string; artistId: string; start: string; end: string; includeId: string },
    HoldRow
  >(
    `${HOLD_SELECT} AND (h.status <> 'released' OR h.id = @includeId) AND (
       h.venue_id = @venueId OR h.venue_id IN (
         SELECT venue_id FROM holds WHERE artist_id = @artistId AND status <> 'released' AND deleted_at IS NULL
           AND start_date <= @end AND end_date >= @start))`,
  );
  const windowRows = db.prepare<{ from: string; to: string }, HoldRow>(
    `${HOLD_SELECT} AND h.status <> 'released' AND h.start_date <= @to AND h.end_date >= @from`,
  );
  const holdRow = db.prepare<[string], HoldRow>(`${HOLD_SELECT} AND h.id = ?`);
  const insertHold = db.prepare(
    `INSERT INTO holds (id, artist_id, venue_id, start_date, end_date, level, status, placed_at, note, created_at, updated_at)
     VALUES (@id, @artistId, @venueId, @startDate, @endDate, @level, @status, @placedAt, @note, @now, @updated)`,
  );
  const updateHold = db.prepare(
    `UPDATE holds SET level = @level, status = @status, updated_at = @updated WHERE id = @id`,
  );

  function remember(rows: HoldRow[]): Hold[] {
    return rows.map((row) => {
      names.set(row.id, { artist: row.artist_name, venue: row.venue_name });
      return holdFromRow(row);
    });
  }

  /** The book an operation on (venue, artist, dates) needs; `includeId` keeps a released target in it. */
  function loadScope(
    scope: { venueId: string; artistId: string; start: string; end: string },
    includeId = '',
  ): Hold[] {
    return remember(scopeRows.all({ ...scope, includeId }));
  }

  function loadScopeOf(id: string): Hold[] {
    const target = holdRow.get(id);
    if (!target) throw new AppError('NOT_FOUND', `No hold with id ${id}`);
    return loadScope(
      {
        venueId: target.venue_id,
        artistId: target.artist_id,
        start: target.start_date,
        end: target.end_date,
      },
      id,
    );
  }

  function view(hold: Hold): HoldView {
    let known = names.get(hold.id);
    if (!known) {
      const row = holdRow.get(hold.id);
      known = { artist: row?.artist_name ?? '', venue: row?.venue_name ?? '' };
    }
    return { ...hold, artistName: known.artist, venueName: known.venue };
  }

  /** Writes the holds of `after` that are new or changed compared with `before`. */
  function save(before: readonly Hold[], after: readonly Hold[]): void {
    const old = new Map(before.map((h) => [h.id, h]));
    for (const hold of after) {
      const previous = old.get(hold.id);
      if (!previous) {
        const now = new Date().toISOString();
        insertHold.run({ ...hold, now, updated: clock.tick() });
      } else if (previous.level !== hold.level || previous.status !== hold.status) {
        updateHold.run({ id: hold.id, level: hold.level, status: hold.status, updated: clock.tick() });
      }
    }
  }

  function blocksFor(artistIds: readonly string[], from: string, to: string): CalendarBlock[] {
    if (artistIds.length === 0) return [];
    const rows = db
      .prepare(
        `SELECT id, artist_id, start_date, end_date, summary, source FROM calendar_blocks
         WHERE deleted_at IS NULL AND start_date <= ? AND end_date >= ?
           AND artist_id IN (${artistIds.map(() => '?').join(', ')})
         ORDER BY start_date`,
      )
      .all(to, from, ...artistIds) as {
      id: string;
      artist_id: string;
      start_date: string;
      end_date: string;
      summary: string;
      source: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      artistId: r.artist_id,
      startDate: r.start_date,
      endDate: r.end_date,
      summary: r.summary,
      source: r.source,
    }));
  }

  /**
   * The engine's conflicts that involve at least one shown hold, each pair once. Only holds sharing a
   * venue or an artist and overlapping in dates can conflict, so each shown hold is checked against
   * those few instead of pairing the whole book.
   */
  function conflictsInvolving(shown: readonly Hold[], book: readonly Hold[]): HoldConflict[] {
    const seen = new Set<string>();
    const found: HoldConflict[] = [];
    const byVenue = new Map<string, Hold[]>();
    const byArtist = new Map<string, Hold[]>();
    const add = (index: Map<string, Hold[]>, key: string, h: Hold) => {
      const list = index.get(key);
      if (list) list.push(h);
      else index.set(key, [h]);
    };
    for (const h of book) {
      add(byVenue, h.venueId, h);
      add(byArtist, h.artistId, h);
    }
    for (const hold of shown) {
      const candidates = new Set([
        ...(byVenue.get(hold.venueId) ?? []),
        ...(byArtist.get(hold.artistId) ?? []),
      ]);
      const partners = [...candidates].filter(
        (o) => o.id !== hold.id && o.startDate <= hold.endDate && hold.startDate <= o.endDate,
      );
      if (partners.length === 0) continue;
      for (const conflict of findConflicts([hold, ...partners])) {
        if (!conflict.holdIds.includes(hold.id)) continue;
        const key = [...conflict.holdIds].sort().join('|') + conflict.kind;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push(conflict);
      }
    }
    return found;
  }

  /** Busy blocks that overlap a hold: a warning, the booker decides. */
  function busyConflicts(holds: readonly Hold[]): HoldConflict[] {
    const live = holds.filter((h) => h.status !== 'released');
    if (live.length === 0) return [];
    // One query for the whole span, grouped by artist, rather than one per hold.
    const from = live.reduce((m, h) => (h.startDate < m ? h.startDate : m), live[0]!.startDate);
    const to = live.reduce((m, h) => (h.endDate > m ? h.endDate : m), live[0]!.endDate);
    const byArtist = new Map<string, CalendarBlock[]>();
    for (const block of blocksFor([...new Set(live.map((h) => h.artistId))], from, to)) {
      const list = byArtist.get(block.artistId);
      if (list) list.push(block);
      else byArtist.set(block.artistId, [block]);
    }
    const conflicts: HoldConflict[] = [];
    for (const hold of live) {
      for (const block of byArtist.get(hold.artistId) ?? []) {
        if (block.startDate > hold.endDate || block.endDate < hold.startDate) continue;
        const overlapFrom = block.startDate > hold.startDate ? block.startDate : hold.startDate;
        const overlapTo = block.endDate < hold.endDate ? block.endDate : hold.endDate;
        const span = overlapFrom === overlapTo ? overlapFrom : `${overlapFrom} to ${overlapTo}`;
        conflicts.push({
          kind: 'artistBusy',
          holdIds: [hold.id, block.id],
          from: overlapFrom,
          to: overlapTo,
          severity: 'warning',
          message: `The artist's calendar (${block.source}) shows "${block.summary || 'busy'}" on ${span}`,
        });
      }
    }
    return conflicts;
  }

  /**
   * The holds queue orders by placement time: two holds placed in the same millisecond must still
   * keep the order they were placed in, so placement times on this device strictly increase.
   */
  let lastPlacedMs = Date.parse(
    (db.prepare('SELECT max(placed_at) AS latest FROM holds').get() as { latest: string | null }).latest ??
      '1970-01-01T00:00:00Z',
  );
  function nextPlacedAt(): string {
    lastPlacedMs = Math.max(Date.now(), lastPlacedMs + 1);
    return new Date(lastPlacedMs).toISOString();
  }

  function requireRow(table: 'artists' | 'venues', id: string, noun: string): void {
    if (!db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id)) {
      throw new AppError('NOT_FOUND', `No ${noun} with id ${id}`);
    }
  }

  return {
    list(query: { from: string; to: string; artistId?: string | undefined; venueId?: string | undefined }) {
      // Every hold overlapping a shown one starts within MAX_HOLD_DAYS of the window.
      const book = remember(
        windowRows.all({
          from: shiftDate(query.from, -MAX_HOLD_DAYS),
          to: shiftDate(query.to, MAX_HOLD_DAYS),
        }),
      );
      const inWindow = book.filter(
        (h) =>
          h.startDate <= query.to &&
          h.endDate >= query.from &&
          (!query.artistId || h.artistId === query.artistId) &&
          (!query.venueId || h.venueId === query.venueId),
      );
      const conflicts: HoldConflict[] = [...conflictsInvolving(inWindow, book), ...busyConflicts(inWindow)];
      const artistIds = query.artistId ? [query.artistId] : [...new Set(inWindow.map((h) => h.artistId))];
      return { holds: inWindow.map(view), conflicts, blocks: blocksFor(artistIds, query.from, query.to) };
    },

    place(request: {
      id?: string | undefined;
      artistId: string;
      venueId: string;
      startDate: string;
      endDate?: string | undefined;
      note: string;
    }) {
      requireRow('artists', request.artistId, 'artist');
      requireRow('venues', request.venueId, 'venue');
      return db.transaction(() => {
        const endDate = request.endDate ?? request.startDate;
        const before = loadScope({
          venueId: request.venueId,
          artistId: request.artistId,
          start: request.startDate,
          end: endDate,
        });
        const result = placeHold(before, {
          id: request.id ?? uuidv7(),
          artistId: request.artistId,
          venueId: request.venueId,
          startDate: request.startDate,
          ...(request.endDate ? { endDate: request.endDate } : {}),
          placedAt: nextPlacedAt(),
          note: request.note,
        });
        save(before, result.book);
        return { hold: view(result.hold), conflicts: [...result.conflicts, ...busyConflicts([result.hold])] };
      })();
    },

    confirm(id: string, allowArtistDoubleBooking: boolean) {
      return db.transaction(() => {
        const before = loadScopeOf(id);
        const result = confirmHold(before, id, { allowArtistDoubleBooking });
        save(before, result.book);
        return { hold: view(result.hold), challenged: result.challenged.map(view) };
      })();
    },

    release(id: string) {
      return db.transaction(() => {
        const before = loadScopeOf(id);
        const result = releaseHold(before, id);
        save(before, result.book);
        return {
          hold: view(result.released),
          promotions: result.promotions,
          unchallenged: result.unchallenged.map(view),
        };
      })();
    },

    exportIcs(filter: { artistId?: string | undefined; venueId?: string | undefined }) {
      const book = remember(windowRows.all({ from: '0000-01-01', to: '9999-12-31' })).filter(
        (h) =>
          (!filter.artistId || h.artistId === filter.artistId) &&
          (!filter.venueId || h.venueId === filter.venueId),
      );
      const events = icsEventsFromHolds(book, (hold) => {
        const v = view(hold);
        return { summary: `${v.artistName} @ ${v.venueName}`, location: v.venueName, description: hold.note };
      });
      const ics = exportIcs(events, {
        now: new Date(),
        timeZone: 'Europe/Paris',
        calendarName: 'Flow Stage',
      });
      return { filename: 'flowstage-dates-confirmees.ics', ics };
    },

    importIcs(request: { artistId: string; ics: string; source: string; from: string; to: string }) {
      requireRow('artists', request.artistId, 'artist');
      const window = { from: new Date(`${request.from}T00:00:00Z`), to: new Date(`${request.to}T23:59:59Z`) };
      const { events, warnings } = importIcs(request.ics, { window, floatingTimeZone: BOOKER_TIME_ZONE });
      const busy = events.filter((e) => e.busy);
      db.transaction(() => {
        // A re-import of the same calendar replaces its blocks (tombstoned, for sync).
        const now = clock.tick();
        db.prepare(
          `UPDATE calendar_blocks SET deleted_at = ?, updated_at = ? WHERE artist_id = ? AND source = ? AND deleted_at IS NULL`,
        ).run(now, now, request.artistId, request.source);
        const insert = db.prepare(
          `INSERT INTO calendar_blocks (id, artist_id, start_date, end_date, summary, source, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const event of busy) {
          const days = busyDays(event);
          insert.run(
            uuidv7(),
            request.artistId,
            days.startDate,
            days.endDate,
            event.summary.slice(0, 500),
            request.source,
            new Date().toISOString(),
            clock.tick(),
          );
        }
      })();
      return { imported: busy.length, warnings };
    },
  };
}
