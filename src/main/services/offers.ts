import { Deal, type Expense } from '../../shared/deals';
import { AppError } from '../../shared/errors';
import { uuidv7 } from '../../shared/ids';
import type {
  Offer,
  OfferFields,
  OfferStatus,
  OfferSummary,
  Round,
  RoundAction,
  RoundParty,
  SettlementRecord,
} from '../../shared/offers';
import type { Store } from '../store/database';
import { hlcToIso } from '../store/hlc';
import type { createCalendarService } from './calendar';
import { breakEvenTickets, compareDealTypes, settle } from './deals/arithmetic';

// Offers and their negotiation rounds on the store. Every offer holds its date at the venue (a hold in
// the calendar, released when the offer is declined or deleted); the post-show settlement is stored
// with the offer and as a played event, which the forecasts learn from.

type CalendarService = ReturnType<typeof createCalendarService>;

interface OfferRow {
  id: string;
  artist_id: string;
  venue_id: string;
  artist_name: string;
  venue_name: string;
  date: string;
  side: 'artist' | 'organiser';
  walk_away: number | null;
  target: number | null;
  terms: string;
  note: string;
  status: OfferStatus;
  hold_id: string | null;
  created_at: string;
  updated_at: string;
  round_count: number;
}

const OFFER_SELECT = `
  SELECT o.id, o.artist_id, o.venue_id, a.name AS artist_name, v.name AS venue_name, o.date, o.side,
         o.walk_away, o.target, o.terms, o.note, o.status, o.hold_id, o.created_at, o.updated_at,
         (SELECT count(*) FROM offer_rounds r WHERE r.offer_id = o.id AND r.deleted_at IS NULL) AS round_count
  FROM offers o JOIN artists a ON a.id = o.artist_id JOIN venues v ON v.id = o.venue_id
  WHERE o.deleted_at IS NULL`;

/** Terms are stored as JSON; re-validated on the way out so a damaged row is an error, not a wrong sum. */
function parseDeal(text: string, where: string): Deal {
  const parsed = Deal.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppError('INTERNAL', `Stored terms of ${where} are damaged`);
  return parsed.data;
}

function summaryFromRow(r: OfferRow): OfferSummary {
  return {
    id: r.id,
    artistId: r.artist_id,
    venueId: r.venue_id,
    artistName: r.artist_name,
    venueName: r.venue_name,
    date: r.date,
    side: r.side,
    walkAway: r.walk_away,
    target: r.target,
    deal: parseDeal(r.terms, `offer ${r.id}`),
    note: r.note,
    status: r.status,
    holdId: r.hold_id,
    createdAt: r.created_at,
    updatedAt: hlcToIso(r.updated_at),
    roundCount: r.round_count,
  };
}

/** Which rounds each status allows: the negotiation's state machine. */
const NEXT_STATUS: Record<RoundAction, { from: readonly OfferStatus[]; to: OfferStatus }> = {
  sent: { from: ['draft', 'countered'], to: 'sent' },
  countered: { from: ['draft', 'sent', 'countered'], to: 'countered' },
  accepted: { from: ['sent', 'countered'], to: 'accepted' },
  declined: { from: ['sent', 'countered'], to: 'declined' },
};

export function evaluateDeal(deal: Deal, ticketsSold: number) {
  return {
    settlement: settle(deal, ticketsSold),
    breakEven: breakEvenTickets(deal),
    comparison: compareDealTypes(deal),
  };
}

export function createOfferService(store: Store, calendar: CalendarService) {
  const { db, clock } = store;
  const selectOne = db.prepare<[string], OfferRow>(`${OFFER_SELECT} AND o.id = ?`);

  function requireLive(table: 'artists' | 'venues', id: string, noun: string): void {
    if (!db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id)) {
      throw new AppError('NOT_FOUND', `No ${noun} with id ${id}`);
    }
  }

  function row(id: string): OfferRow {
    const found = selectOne.get(id);
    if (!found) throw new AppError('NOT_FOUND', `No offer with id ${id}`);
    return found;
  }

  function get(id: string): Offer {
    const r = row(id);
    const rounds = (
      db
        .prepare(
          `SELECT id, offer_id, at, by_party, action, terms, note FROM offer_rounds
           WHERE offer_id = ? AND deleted_at IS NULL ORDER BY at, updated_at`,
        )
        .all(id) as {
        id: string;
        offer_id: string;
        at: string;
        by_party: RoundParty;
        action: RoundAction;
        terms: string;
        note: string;
      }[]
    ).map((x): Round => ({
      id: x.id,
      offerId: x.offer_id,
      at: x.at,
      by: x.by_party,
      action: x.action,
      deal: parseDeal(x.terms, `round ${x.id}`),
      note: x.note,
    }));
    const s = db
      .prepare(`SELECT tickets_sold, actual_expenses, result, settled_at FROM settlements WHERE offer_id = ?`)
      .get(id) as
      { tickets_sold: number; actual_expenses: string; result: string; settled_at: string } | undefined;
    const settlement: SettlementRecord | null = s
      ? {
          ticketsSold: s.tickets_sold,
          actualExpenses: JSON.parse(s.actual_expenses) as Expense[],
          settlement: JSON.parse(s.result) as SettlementRecord['settlement'],
          settledAt: s.settled_at,
        }
      : null;
    const { roundCount: _count, ...summary } = summaryFromRow(r);
    return { ...summary, rounds, settlement };
  }

  /** The offer's hold on its date: a new one, or the artist's existing hold at that venue that day. */
  function holdFor(fields: OfferFields): string {
    try {
      return calendar.place({
        artistId: fields.artistId,
        venueId: fields.venueId,
        startDate: fields.date,
        note: '',
      }).hold.id;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'CONFLICT') throw error;
      const existing = db
        .prepare(
          `SELECT id FROM holds WHERE artist_id = ? AND venue_id = ? AND status <> 'released' AND deleted_at IS NULL
             AND start_date <= ? AND end_date >= ? LIMIT 1`,
        )
        .get(fields.artistId, fields.venueId, fields.date, fields.date) as { id: string } | undefined;
      if (!existing) throw error;
      return existing.id;
    }
  }

  function releaseHoldOf(r: OfferRow): void {
    if (!r.hold_id) return;
    const others = db
      .prepare(
        `SELECT count(*) AS n FROM offers WHERE hold_id = ? AND id <> ? AND deleted_at IS NULL AND status NOT IN ('declined', 'cancelled')`,
      )
      .get(r.hold_id, r.id) as { n: number };
    if (others.n === 0) calendar.release(r.hold_id);
  }

  return {
    list(filter: {
      artistId?: string | undefined;
      venueId?: string | undefined;
      status?: OfferStatus | undefined;
    }) {
      const conditions: [string, string | undefined][] = [
        [' AND o.artist_id = ?', filter.artistId],
        [' AND o.venue_id = ?', filter.venueId],
        [' AND o.status = ?', filter.status],
      ];
      const used = conditions.filter((c): c is [string, string] => Boolean(c[1]));
      const clauses = used.map(([sql]) => sql);
      const params = used.map(([, value]) => value);
      const rows = db
        .prepare<string[], OfferRow>(`${OFFER_SELECT}${clauses.join('')} ORDER BY o.date DESC, o.id`)
        .all(...params);
      return { items: rows.map(summaryFromRow) };
    },

    get,

    create(fields: OfferFields, id: string = uuidv7()): Offer {
      requireLive('artists', fields.artistId, 'artist');
      requireLive('venues', fields.venueId, 'venue');
      db.transaction(() => {
        if (db.prepare('SELECT 1 FROM offers WHERE id = ?').get(id))
          throw new AppError('CONFLICT', `An offer with id ${id} already exists`);
        const holdId = holdFor(fields);
        db.prepare(
          `INSERT INTO offers (id, artist_id, venue_id, date, side, walk_away, target, terms, note, status, hold_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
        ).run(
          id,
          fields.artistId,
          fields.venueId,
          fields.date,
          fields.side,
          fields.walkAway,
          fields.target,
          JSON.stringify(fields.deal),
          fields.note,
          holdId,
          new Date().toISOString(),
          clock.tick(),
        );
      })();
      return get(id);
    },

    update(id: string, fields: OfferFields): Offer {
      requireLive('artists', fields.artistId, 'artist');
      requireLive('venues', fields.venueId, 'venue');
      db.transaction(() => {
        const current = row(id);
        if (!['draft', 'sent', 'countered'].includes(current.status)) {
          throw new AppError('CONFLICT', `This offer is ${current.status}: its terms can no longer change`);
        }
        let holdId = current.hold_id;
        const moved =
          current.artist_id !== fields.artistId ||
          current.venue_id !== fields.venueId ||
          current.date !== fields.date;
        if (moved) {
          releaseHoldOf(current);
          holdId = holdFor(fields);
        }
        db.prepare(
          `UPDATE offers SET artist_id = ?, venue_id = ?, date = ?, side = ?, walk_away = ?, target = ?, terms = ?, note = ?,
             hold_id = ?, updated_at = ? WHERE id = ?`,
        ).run(
          fields.artistId,
          fields.venueId,
          fields.date,
          fields.side,
          fields.walkAway,
          fields.target,
          JSON.stringify(fields.deal),
          fields.note,
          holdId,
          clock.tick(),
          id,
        );
      })();
      return get(id);
    },

    remove(id: string): { id: string } {
      db.transaction(() => {
        const current = row(id);
        if (current.status === 'settled')
          throw new AppError('CONFLICT', 'A settled offer is history: it cannot be deleted');
        if (current.status !== 'declined') releaseHoldOf(current);
        const now = clock.tick();
        db.prepare('UPDATE offers SET deleted_at = ?, updated_at = ? WHERE id = ?').run(now, now, id);
      })();
      return { id };
    },

    addRound(input: {
      offerId: string;
      by: RoundParty;
      action: RoundAction;
      deal?: Deal | undefined;
      note: string;
    }): Offer {
      db.transaction(() => {
        const current = row(input.offerId);
        const rule = NEXT_STATUS[input.action];
        if (!rule.from.includes(current.status)) {
          throw new AppError('CONFLICT', `An offer that is ${current.status} cannot be ${input.action}`);
        }
        if (input.action === 'countered' && !input.deal) {
          throw new AppError('VALIDATION', 'A counter-offer needs its terms', [
            { path: 'deal', message: 'Required for a counter-offer' },
          ]);
        }
        const deal = input.deal ?? parseDeal(current.terms, `offer ${current.id}`);
        const at = new Date().toISOString();
        db.prepare(
          `INSERT INTO offer_rounds (id, offer_id, at, by_party, action, terms, note, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          uuidv7(),
          current.id,
          at,
          input.by,
          input.action,
          JSON.stringify(deal),
          input.note,
          at,
          clock.tick(),
        );
        db.prepare('UPDATE offers SET status = ?, terms = ?, updated_at = ? WHERE id = ?').run(
          rule.to,
          JSON.stringify(deal),
          clock.tick(),
          current.id,
        );
        if (input.action === 'declined') releaseHoldOf(current);
      })();
      return get(input.offerId);
    },

    settle(input: { offerId: string; ticketsSold: number; actualExpenses?: Expense[] | undefined }): Offer {
      db.transaction(() => {
        const current = row(input.offerId);
        if (current.status !== 'accepted' && current.status !== 'settled') {
          throw new AppError(
            'CONFLICT',
            `Only an accepted offer can be settled; this one is ${current.status}`,
          );
        }
        const deal = parseDeal(current.terms, `offer ${current.id}`);
        const result = settle(deal, input.ticketsSold, input.actualExpenses);
        const now = new Date().toISOString();
        const previous = db.prepare('SELECT event_id FROM settlements WHERE offer_id = ?').get(current.id) as
          { event_id: string | null } | undefined;
        // The outcome becomes history for the forecasts: one played event per settled offer.
        const eventId = previous?.event_id ?? uuidv7();
        const eventValues = [
          deal.currency,
          deal.ticketPrice,
          result.artistTotal / 100,
          deal.capacity,
          input.ticketsSold,
          clock.tick(),
        ];
        if (previous?.event_id) {
          db.prepare(
            `UPDATE events SET currency = ?, ticket_price = ?, fee = ?, capacity = ?, tickets_sold = ?, updated_at = ? WHERE id = ?`,
          ).run(...eventValues, eventId);
        } else {
          db.prepare(
            `INSERT INTO events (id, artist_id, venue_id, date, status, currency, ticket_price, fee, capacity, tickets_sold, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'played', ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            eventId,
            current.artist_id,
            current.venue_id,
            current.date,
            deal.currency,
            deal.ticketPrice,
            result.artistTotal / 100,
            deal.capacity,
            input.ticketsSold,
            now,
            clock.tick(),
          );
        }
        db.prepare(
          `INSERT INTO settlements (offer_id, tickets_sold, actual_expenses, result, event_id, settled_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (offer_id) DO UPDATE SET tickets_sold = excluded.tickets_sold, actual_expenses = excluded.actual_expenses,
             result = excluded.result, settled_at = excluded.settled_at, updated_at = excluded.updated_at`,
        ).run(
          current.id,
          input.ticketsSold,
          JSON.stringify(input.actualExpenses ?? deal.expenses),
          JSON.stringify(result),
          eventId,
          now,
          clock.tick(),
        );
        db.prepare(`UPDATE offers SET status = 'settled', updated_at = ? WHERE id = ?`).run(
          clock.tick(),
          current.id,
        );
      })();
      return get(input.offerId);
    },
  };
}
