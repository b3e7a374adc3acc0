import { AppError } from '../../../shared/errors';
import type { Event, EventFields, EventSource, EventStatus } from '../../../shared/forecast';
import type { DealType } from '../../../shared/deals';
import { uuidv7 } from '../../../shared/ids';
import type { Store } from '../../store/database';
import { hlcToIso } from '../../store/hlc';

// The event history: past and planned shows with their outcomes, on the `events` table (migration 1,
// extended by migration 6). Rows come from the booker (manual), a CSV import (csv), the post-show
// settlement of an offer (settlement, completed by the migration's triggers) or, never mixed with the
// booker's own, the prior's generator (synthetic). Deletion is a tombstone, as everywhere (sync).

interface EventRow {
  id: string;
  artist_id: string;
  venue_id: string;
  artist_name: string;
  venue_name: string;
  date: string;
  status: EventStatus;
  currency: 'EUR' | 'CHF';
  ticket_price: number | null;
  fee: number | null;
  capacity: number | null;
  tickets_sold: number | null;
  venue_capacity: number | null;
  announced_on: string | null;
  promotion_spend: number | null;
  deal_type: DealType | null;
  source: EventSource;
  notes: string;
  created_at: string;
  updated_at: string;
}

/** The capacity an event's outcome is measured against: its own, else the venue's standing, else seated. */
export const EFFECTIVE_CAPACITY_SQL = `coalesce(e.capacity, nullif(v.capacity_standing, 0), nullif(v.capacity_seated, 0))`;

const EVENT_SELECT = `
  SELECT e.id, e.artist_id, e.venue_id, a.name AS artist_name, v.name AS venue_name, e.date, e.status,
         e.currency, e.ticket_price, e.fee, e.capacity, e.tickets_sold,
         coalesce(nullif(v.capacity_standing, 0), nullif(v.capacity_seated, 0)) AS venue_capacity,
         e.announced_on, e.promotion_spend, e.deal_type, e.source, e.notes, e.created_at, e.updated_at
  FROM events e JOIN artists a ON a.id = e.artist_id JOIN venues v ON v.id = e.venue_id
  WHERE e.deleted_at IS NULL`;

function eventFromRow(r: EventRow): Event {
  const capacity = r.capacity ?? r.venue_capacity;
  return {
    id: r.id,
    artistId: r.artist_id,
    venueId: r.venue_id,
    artistName: r.artist_name,
    venueName: r.venue_name,
    date: r.date,
    status: r.status,
    currency: r.currency,
    ticketPrice: r.ticket_price,
    fee: r.fee,
    capacity: r.capacity,
    ticketsSold: r.tickets_sold,
    fillRate:
      capacity && capacity > 0 && r.tickets_sold !== null ? Math.min(1, r.tickets_sold / capacity) : null,
    announcedOn: r.announced_on,
    promotionSpend: r.promotion_spend,
    dealType: r.deal_type,
    source: r.source,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: hlcToIso(r.updated_at),
  };
}

export interface EventFilter {
  artistId?: string | undefined;
  venueId?: string | undefined;
  status?: EventStatus | undefined;
  source?: EventSource | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function whereOf(filter: EventFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    params.push(value);
  };
  if (filter.artistId) add('e.artist_id = ?', filter.artistId);
  if (filter.venueId) add('e.venue_id = ?', filter.venueId);
  if (filter.status) add('e.status = ?', filter.status);
  if (filter.source) add('e.source = ?', filter.source);
  if (filter.from) add('e.date >= ?', filter.from);
  if (filter.to) add('e.date <= ?', filter.to);
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** The values of an insert, in the order of INSERT_EVENT_SQL. */
export function eventInsertValues(
  id: string,
  fields: EventFields,
  source: EventSource,
  created: string,
  updated: string,
): unknown[] {
  return [
    id,
    fields.artistId,
    fields.venueId,
    fields.date,
    fields.status,
    fields.currency,
    fields.ticketPrice,
    fields.fee,
    fields.capacity,
    fields.ticketsSold,
    fields.announcedOn,
    fields.promotionSpend,
    fields.dealType,
    source,
    fields.notes,
    created,
    updated,
  ];
}

export const INSERT_EVENT_SQL = `
  INSERT INTO events (id, artist_id, venue_id, date, status, currency, ticket_price, fee, capacity, tickets_sold,
                      announced_on, promotion_spend, deal_type, source, notes, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function createEventRepository(store: Store) {
  const { db, clock } = store;
  const selectOne = db.prepare<[string], EventRow>(`${EVENT_SELECT} AND e.id = ?`);
  const insert = db.prepare(INSERT_EVENT_SQL);
  const artistExists = db.prepare<[string], { id: string }>(
    'SELECT id FROM artists WHERE id = ? AND deleted_at IS NULL',
  );
  const venueExists = db.prepare<[string], { id: string }>(
    'SELECT id FROM venues WHERE id = ? AND deleted_at IS NULL',
  );

  function get(id: string): Event {
    const row = selectOne.get(id);
    if (!row) throw new AppError('NOT_FOUND', `No event with id ${id}`);
    return eventFromRow(row);
  }

  function checkReferences(fields: EventFields): void {
    if (!artistExists.get(fields.artistId))
      throw new AppError('NOT_FOUND', `No artist with id ${fields.artistId}`);
    if (!venueExists.get(fields.venueId))
      throw new AppError('NOT_FOUND', `No venue with id ${fields.venueId}`);
  }

  return {
    get,
    list(query: EventFilter & { limit: number; offset: number }): { items: Event[]; total: number } {
      const where = whereOf(query);
      const total = (
        db
          .prepare(`SELECT count(*) AS n FROM events e WHERE e.deleted_at IS NULL${where.sql}`)
          .get(...where.params) as { n: number }
      ).n;
      const rows = db
        .prepare<unknown[], EventRow>(
          `${EVENT_SELECT}${where.sql} ORDER BY e.date DESC, e.id LIMIT ? OFFSET ?`,
        )
        .all(...where.params, query.limit, query.offset);
      return { items: rows.map(eventFromRow), total };
    },
    /** Every event matching the filter, oldest first (the CSV export). */
    all(filter: EventFilter): Event[] {
      const where = whereOf(filter);
      return db
        .prepare<unknown[], EventRow>(`${EVENT_SELECT}${where.sql} ORDER BY e.date, e.id`)
        .all(...where.params)
        .map(eventFromRow);
    },
    create(fields: EventFields, id: string = uuidv7(), source: EventSource = 'manual'): Event {
      db.transaction(() => {
        checkReferences(fields);
        if (db.prepare('SELECT 1 FROM events WHERE id = ?').get(id)) {
          throw new AppError('CONFLICT', `An event with id ${id} already exists`);
        }
        insert.run(...eventInsertValues(id, fields, source, new Date().toISOString(), clock.tick()));
      })();
      return get(id);
    },
    update(id: string, fields: EventFields): Event {
      db.transaction(() => {
        get(id);
        checkReferences(fields);
        db.prepare(
          `UPDATE events SET artist_id = ?, venue_id = ?, date = ?, status = ?, currency = ?, ticket_price = ?, fee = ?,
             capacity = ?, tickets_sold = ?, announced_on = ?, promotion_spend = ?, deal_type = ?, notes = ?, updated_at = ?
           WHERE id = ? AND deleted_at IS NULL`,
        ).run(
          fields.artistId,
          fields.venueId,
          fields.date,
          fields.status,
          fields.currency,
          fields.ticketPrice,
          fields.fee,
          fields.capacity,
          fields.ticketsSold,
          fields.announcedOn,
          fields.promotionSpend,
          fields.dealType,
          fields.notes,
          clock.tick(),
          id,
        );
      })();
      return get(id);
    },
    remove(id: string): { id: string } {
      const now = clock.tick();
      const changed = db
        .prepare('UPDATE events SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL')
        .run(now, now, id).changes;
      if (changed === 0) throw new AppError('NOT_FOUND', `No event with id ${id}`);
      return { id };
    },
  };
}
export type EventRepository = ReturnType<typeof createEventRepository>;
