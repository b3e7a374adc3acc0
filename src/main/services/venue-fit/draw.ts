import type { Database } from 'better-sqlite3';
import { cityKey, regionKey } from './venue-index';

/*
 * An artist's draw — how many tickets they sell — estimated from their past played shows (`events`
 * with status 'played'), by the venue's city, then region, then country, then anywhere:
 *
 *   same city      the tickets sold there (lowest–highest, at least the median ±20 %)
 *   same region    × 0.8   (an audience travels, but less far than it says)
 *   same country   × 0.6
 *   elsewhere      × 0.4
 *
 * With no ticket figures at all, the artist's fee range gives a rough order of magnitude: the
 * audience whose door (20 € a ticket, 60 % of it for the artist) pays that fee. Otherwise: unknown.
 */

export interface PlayedShow {
  artistId: string;
  venueId: string;
  venueName: string;
  city: string;
  region: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
  date: string;
  capacity: number | null;
  ticketsSold: number | null;
}

interface ShowRow {
  artist_id: string;
  venue_id: string;
  venue_name: string;
  city: string;
  region: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
  date: string;
  capacity: number | null;
  venue_capacity: number | null;
  tickets_sold: number | null;
}

/** Played shows of some artists, newest first (the event's capacity, else the venue's). */
export function loadPlayedShows(db: Database, artistIds: readonly string[]): PlayedShow[] {
  if (artistIds.length === 0) return [];
  const select = (where: string) => `
    SELECT e.artist_id, e.venue_id, v.name AS venue_name, v.city, v.region, v.country, v.latitude,
           v.longitude, e.date, e.capacity, e.tickets_sold,
           nullif(max(coalesce(v.capacity_standing, 0), coalesce(v.capacity_seated, 0)), 0) AS venue_capacity
    FROM events e JOIN venues v ON v.id = e.venue_id
    WHERE e.deleted_at IS NULL AND e.status = 'played' ${where}
    ORDER BY e.date DESC, e.id`;
  let rows: ShowRow[];
  if (artistIds.length > 500) {
    // Many artists (a venue's ranking of the whole roster): one pass over the played shows is
    // cheaper than batches of IN lists, and stays under SQLite's parameter limit.
    const wanted = new Set(artistIds);
    rows = db
      .prepare<[], ShowRow>(select(''))
      .all()
      .filter((r) => wanted.has(r.artist_id));
  } else {
    rows = db
      .prepare<string[], ShowRow>(select(`AND e.artist_id IN (${artistIds.map(() => '?').join(', ')})`))
      .all(...artistIds);
  }
  return rows.map((r) => ({
    artistId: r.artist_id,
    venueId: r.venue_id,
    venueName: r.venue_name,
    city: r.city,
    region: r.region,
    country: r.country,
    latitude: r.latitude,
    longitude: r.longitude,
    date: r.date,
    capacity: r.capacity ?? r.venue_capacity,
    ticketsSold: r.tickets_sold,
  }));
}

export const fillRate = (show: Pick<PlayedShow, 'capacity' | 'ticketsSold'>): number | null =>
  show.capacity && show.ticketsSold !== null ? show.ticketsSold / show.capacity : null;

export type DrawBasis = 'city' | 'region' | 'country' | 'elsewhere' | 'fee' | 'none';

export interface DrawEstimate {
  low: number;
  high: number;
  basis: DrawBasis;
  /** Shows the estimate rests on. */
  shows: number;
}

interface Stats {
  low: number;
  high: number;
  n: number;
}

const SCALE: Record<'city' | 'region' | 'country' | 'elsewhere', number> = {
  city: 1,
  region: 0.8,
  country: 0.6,
  elsewhere: 0.4,
};

/** A fee in euros → the audience that pays it at the door (20 € a ticket, 60 % for the artist). */
export const FEE_DRAW_TICKET_EUR = 20;
export const FEE_DRAW_ARTIST_SHARE = 0.6;

function statsOf(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return {
    low: Math.min(sorted[0]!, median * 0.8),
    high: Math.max(sorted[sorted.length - 1]!, median * 1.2),
    n: values.length,
  };
}

export class DrawModel {
  private readonly byCity = new Map<string, Stats>();
  private readonly byRegion = new Map<string, Stats>();
  private readonly byCountry = new Map<string, Stats>();
  private readonly overall: Stats | null;
  private readonly fee: { low: number; high: number } | null;

  constructor(shows: readonly PlayedShow[], feeMinEur: number | null, feeMaxEur: number | null) {
    const group = (key: (s: PlayedShow) => string, into: Map<string, Stats>) => {
      const values = new Map<string, number[]>();
      for (const s of shows) {
        const k = key(s);
        if (!k || s.ticketsSold === null) continue;
        values.set(k, [...(values.get(k) ?? []), s.ticketsSold]);
      }
      for (const [k, v] of values) into.set(k, statsOf(v));
    };
    group((s) => cityKey(s.city, s.country), this.byCity);
    group((s) => regionKey(s.region, s.city, s.country), this.byRegion);
    group((s) => s.country.toUpperCase(), this.byCountry);
    const all = shows.flatMap((s) => (s.ticketsSold === null ? [] : [s.ticketsSold]));
    this.overall = all.length ? statsOf(all) : null;
    const lowFee = feeMinEur ?? feeMaxEur;
    const highFee = feeMaxEur ?? feeMinEur;
    const perHead = FEE_DRAW_TICKET_EUR * FEE_DRAW_ARTIST_SHARE;
    this.fee =
      lowFee !== null && highFee !== null && highFee > 0
        ? { low: Math.max(1, lowFee / perHead), high: Math.max(1, highFee / perHead) }
        : null;
  }

  get known(): boolean {
    return this.overall !== null || this.fee !== null;
  }

  /** cityKey, regionKey and country code of the venue. */
  estimate(city: string, region: string, country: string): DrawEstimate {
    const pick = (stats: Stats | undefined | null, basis: keyof typeof SCALE): DrawEstimate | null =>
      stats
        ? { low: stats.low * SCALE[basis], high: stats.high * SCALE[basis], basis, shows: stats.n }
        : null;
    return (
      pick(city ? this.byCity.get(city) : undefined, 'city') ??
      pick(region ? this.byRegion.get(region) : undefined, 'region') ??
      pick(country ? this.byCountry.get(country) : undefined, 'country') ??
      pick(this.overall, 'elsewhere') ??
      (this.fee
        ? { low: this.fee.low, high: this.fee.high, basis: 'fee', shows: 0 }
        : { low: NaN, high: NaN, basis: 'none', shows: 0 })
    );
  }
}

/**
 * Capacity vs draw, 0–1: best when the expected audience fills 70–110 % of the room; a room far
 * larger than the draw falls fastest (empty rooms cost the most), a room too small falls gently
 * (a sold-out show is still a success).
 */
export function capacityFit(capacity: number, drawLow: number, drawHigh: number): number {
  const expected = Math.sqrt(drawLow * drawHigh);
  const ratio = expected / capacity;
  if (ratio < 0.7) return Math.exp(-((Math.log(0.7 / ratio) / 0.8) ** 2));
  if (ratio > 1.1) return Math.exp(-((Math.log(ratio / 1.1) / 1.0) ** 2));
  return 1;
}

/** Great-circle distance, km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(h)));
}
