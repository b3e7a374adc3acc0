import { AppError } from '../../../shared/errors';
import { genreAffinity, normalizeGenres } from '../../../shared/genres';
import type { Db, Store } from '../../store/database';
import type { ForecastInput, TrainingRow } from './features';
import { dayNumber, isoOfDay, publicHolidayOnOrEve, schoolHolidayOn, type Region } from './holidays';

// Builds the model's ForecastInput from the store, for a prediction (artist × venue × date × price) and
// for every past event of the booker (the training rows). Both paths compute every statistic with the
// same functions, from the events strictly BEFORE the date concerned, so that a training row never
// sees its own outcome or a later one (no leakage) and a prediction sees what a training row would have.
//
// Definitions (docs/forecast.md repeats them for the booker):
// - outcome: a played event with tickets sold, not synthetic, not deleted. Its capacity is the event's,
//   else the venue's standing, else seated capacity. Tickets above capacity are capped (sold out).
// - artistFillRate / venueFillRate: median fill of the RECENT (20) latest outcomes before the date.
// - artistDraw: median tickets sold over the artist's 20 latest outcomes in the venue's country.
// - venueUsualPrice: median ticket price of the venue's 20 latest priced events, else the midpoint of
//   its configured price range.
// - competingEvents: confirmed or played events and confirmed holds of OTHER artists within 30 km
//   (great-circle, venue coordinates) and ±3 days; same-venue only when the venue has no coordinates.
// - genreFit: the venue-fit hook when one is registered, else an overlap of artist and venue genres.
// - energy, danceability: the artist's latest analysed demo (its current sound, not as of the date).

export const RECENT = 20;
export const COMPETING_RADIUS_KM = 30;
export const COMPETING_DAYS = 3;

export interface VenueInfo {
  id: string;
  name: string;
  country: string;
  postalCode: string;
  latitude: number | null;
  longitude: number | null;
  /** Standing, else seated capacity; null when neither is set (or 0). */
  capacity: number | null;
  currency: 'EUR' | 'CHF';
  genres: string[];
  priceMin: number | null;
  priceMax: number | null;
}

export interface ArtistInfo {
  id: string;
  name: string;
  genres: string[];
  feeMin: number | null;
  feeMax: number | null;
  currency: 'EUR' | 'CHF';
}

export interface AudioDna {
  energy: number | null;
  danceability: number | null;
}

interface Outcome {
  day: number;
  country: string;
  ticketsSold: number;
  capacity: number | null;
}

interface PricePoint {
  day: number;
  price: number;
}

interface BusyEntry {
  day: number;
  artistId: string;
  venueId: string;
  latitude: number | null;
  longitude: number | null;
}

/**
 * Hook for the full venue-fit score (src/main/services/venue-fit/): when that service registers a
 * function here, the forecasts use it instead of the simple genre overlap below. Returns 0–1 or null.
 */
export type GenreFitProvider = (artist: ArtistInfo, venue: VenueInfo) => number | null;
let genreFitProvider: GenreFitProvider | null = null;
export function registerGenreFitProvider(provider: GenreFitProvider | null): void {
  genreFitProvider = provider;
}

/** Mean, over the artist's genres, of the best affinity with one of the venue's genres; null if either has none. */
export function genreOverlap(artistGenres: readonly string[], venueGenres: readonly string[]): number | null {
  const a = normalizeGenres(artistGenres);
  const v = normalizeGenres(venueGenres);
  if (a.length === 0 || v.length === 0) return null;
  let total = 0;
  for (const g of a) total += Math.max(...v.map((h) => genreAffinity(g, h)));
  return total / a.length;
}

function genreFitOf(artist: ArtistInfo, venue: VenueInfo): number | null {
  const hooked = genreFitProvider?.(artist, venue);
  if (hooked !== undefined && hooked !== null && Number.isFinite(hooked))
    return Math.min(1, Math.max(0, hooked));
  return genreOverlap(artist.genres, venue.genres);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Index of the first item whose day is ≥ `day` (items sorted by day). */
function lowerBound(list: readonly { day: number }[], day: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Great-circle distance, km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

interface HistoryStats {
  artistDraw: number | null;
  artistFillRate: number | null;
  artistEvents: number;
  venueFillRate: number | null;
  venueEvents: number;
  venueUsualPrice: number | null;
}

/** The statistics of a (artist, venue) pair from the outcomes strictly before `day`. */
function statsBefore(
  artistOutcomes: readonly Outcome[],
  venueOutcomes: readonly Outcome[],
  venuePrices: readonly PricePoint[],
  venue: VenueInfo,
  day: number,
): HistoryStats {
  const artistEnd = lowerBound(artistOutcomes, day);
  const venueEnd = lowerBound(venueOutcomes, day);
  const fills = (list: readonly Outcome[], end: number) => {
    const out: number[] = [];
    for (let i = end - 1; i >= 0 && out.length < RECENT; i--) {
      const o = list[i]!;
      if (o.capacity) out.push(Math.min(1, o.ticketsSold / o.capacity));
    }
    return median(out);
  };
  const draws: number[] = [];
  for (let i = artistEnd - 1; i >= 0 && draws.length < RECENT; i--) {
    const o = artistOutcomes[i]!;
    if (o.country === venue.country) draws.push(o.ticketsSold);
  }
  const priceEnd = lowerBound(venuePrices, day);
  const prices: number[] = [];
  for (let i = priceEnd - 1; i >= 0 && prices.length < RECENT; i--) prices.push(venuePrices[i]!.price);
  const configured =
    venue.priceMin !== null && venue.priceMax !== null
      ? (venue.priceMin + venue.priceMax) / 2
      : (venue.priceMin ?? venue.priceMax);
  return {
    artistDraw: median(draws),
    artistFillRate: fills(artistOutcomes, artistEnd),
    artistEvents: artistEnd,
    venueFillRate: fills(venueOutcomes, venueEnd),
    venueEvents: venueEnd,
    venueUsualPrice: median(prices) ?? configured,
  };
}

/** Counts the busy entries of other artists near the venue within ±3 days of `day`. */
function countCompeting(
  busyByDay: ReadonlyMap<number, readonly BusyEntry[]>,
  venue: VenueInfo,
  artistId: string,
  day: number,
): number {
  const seen = new Set<string>();
  for (let d = day - COMPETING_DAYS; d <= day + COMPETING_DAYS; d++) {
    for (const entry of busyByDay.get(d) ?? []) {
      if (entry.artistId === artistId) continue;
      const near =
        venue.latitude !== null && venue.longitude !== null
          ? entry.latitude !== null &&
            entry.longitude !== null &&
            distanceKm(venue.latitude, venue.longitude, entry.latitude, entry.longitude) <=
              COMPETING_RADIUS_KM
          : entry.venueId === venue.id;
      // A settled show is both a confirmed hold and a played event: count the show once.
      if (near) seen.add(`${entry.artistId}|${entry.venueId}|${entry.day}`);
    }
  }
  return seen.size;
}

export interface InputParts {
  date: string;
  capacity: number;
  ticketPrice: number;
  /** Days between announcement and show; null when unknown. */
  leadTimeDays: number | null;
  promotionSpend: number | null;
}

function assemble(
  parts: InputParts,
  venue: VenueInfo,
  stats: HistoryStats,
  dna: AudioDna,
  genreFit: number | null,
  competingEvents: number,
): ForecastInput {
  const region: Region = { country: venue.country, postalCode: venue.postalCode };
  return {
    date: parts.date,
    country: venue.country,
    capacity: parts.capacity,
    ticketPrice: parts.ticketPrice,
    venueUsualPrice: stats.venueUsualPrice,
    leadTimeDays: parts.leadTimeDays,
    artistDraw: stats.artistDraw,
    artistFillRate: stats.artistFillRate,
    artistEvents: stats.artistEvents,
    venueFillRate: stats.venueFillRate,
    venueEvents: stats.venueEvents,
    genreFit,
    energy: dna.energy,
    danceability: dna.danceability,
    publicHoliday: publicHolidayOnOrEve(parts.date, region) !== null,
    schoolHoliday: schoolHolidayOn(parts.date, region) !== null,
    competingEvents,
    promotionSpend: parts.promotionSpend,
  };
}

// ---- Store reads ----------------------------------------------------------------------------------------

interface VenueRow {
  id: string;
  name: string;
  country: string;
  postal_code: string;
  latitude: number | null;
  longitude: number | null;
  capacity_standing: number | null;
  capacity_seated: number | null;
  currency: 'EUR' | 'CHF';
  genres: string;
  ticket_price_min: number | null;
  ticket_price_max: number | null;
}

const VENUE_SELECT = `SELECT id, name, country, postal_code, latitude, longitude, capacity_standing, capacity_seated,
  currency, genres, ticket_price_min, ticket_price_max FROM venues WHERE deleted_at IS NULL`;

function venueFromRow(r: VenueRow): VenueInfo {
  return {
    id: r.id,
    name: r.name,
    country: r.country,
    postalCode: r.postal_code,
    latitude: r.latitude,
    longitude: r.longitude,
    capacity: r.capacity_standing || r.capacity_seated || null,
    currency: r.currency,
    genres: JSON.parse(r.genres) as string[],
    priceMin: r.ticket_price_min,
    priceMax: r.ticket_price_max,
  };
}

export function loadVenue(db: Db, id: string): VenueInfo {
  const row = db.prepare<[string], VenueRow>(`${VENUE_SELECT} AND id = ?`).get(id);
  if (!row) throw new AppError('NOT_FOUND', `No venue with id ${id}`);
  return venueFromRow(row);
}

export function loadArtist(db: Db, id: string): ArtistInfo {
  const row = db
    .prepare<
      [string],
      {
        id: string;
        name: string;
        genres: string;
        fee_min: number | null;
        fee_max: number | null;
        currency: 'EUR' | 'CHF';
      }
    >(
      `SELECT a.id, a.name, a.genres, p.fee_min, p.fee_max, p.currency
       FROM artists a JOIN artists_private p ON p.artist_id = a.id WHERE a.deleted_at IS NULL AND a.id = ?`,
    )
    .get(id);
  if (!row) throw new AppError('NOT_FOUND', `No artist with id ${id}`);
  return {
    id: row.id,
    name: row.name,
    genres: JSON.parse(row.genres) as string[],
    feeMin: row.fee_min,
    feeMax: row.fee_max,
    currency: row.currency,
  };
}

/** Energy and danceability of the artist's latest analysed demo (all nulls without one). */
export function loadAudioDna(db: Db, artistId: string): AudioDna {
  const row = db
    .prepare<[string], { energy: number | null; danceability: number | null }>(
      `SELECT json_extract(r.result, '$.energy') AS energy, json_extract(r.result, '$.danceability') AS danceability
       FROM demos d JOIN demo_analyses r ON r.demo_id = d.id AND r.analysis_version = d.analysis_version
       WHERE d.artist_id = ? AND d.deleted_at IS NULL AND d.status = 'done'
       ORDER BY r.created_at DESC LIMIT 1`,
    )
    .get(artistId);
  const unit = (v: unknown) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : null);
  return { energy: unit(row?.energy), danceability: unit(row?.danceability) };
}

const OUTCOME_FROM = `
  FROM events e JOIN venues v ON v.id = e.venue_id
  WHERE e.deleted_at IS NULL AND e.status = 'played' AND e.tickets_sold IS NOT NULL AND e.source <> 'synthetic'`;
const CAPACITY = `coalesce(e.capacity, nullif(v.capacity_standing, 0), nullif(v.capacity_seated, 0))`;

interface OutcomeRow {
  date: string;
  country: string;
  tickets_sold: number;
  capacity: number | null;
}

function outcomeFromRow(r: OutcomeRow): Outcome {
  const capacity = r.capacity && r.capacity > 0 ? r.capacity : null;
  return {
    day: dayNumber(r.date),
    country: r.country,
    ticketsSold: capacity ? Math.min(r.tickets_sold, capacity) : r.tickets_sold,
    capacity,
  };
}

function loadOutcomes(db: Db, column: 'artist_id' | 'venue_id', id: string): Outcome[] {
  return db
    .prepare<[string], OutcomeRow>(
      `SELECT e.date, v.country, e.tickets_sold, ${CAPACITY} AS capacity ${OUTCOME_FROM} AND e.${column} = ? ORDER BY e.date`,
    )
    .all(id)
    .map(outcomeFromRow);
}

function loadVenuePrices(db: Db, venueId: string): PricePoint[] {
  return db
    .prepare<[string], { date: string; price: number }>(
      `SELECT date, ticket_price AS price FROM events
       WHERE deleted_at IS NULL AND venue_id = ? AND ticket_price IS NOT NULL AND ticket_price > 0
         AND status <> 'cancelled' AND source <> 'synthetic' ORDER BY date`,
    )
    .all(venueId)
    .map((r) => ({ day: dayNumber(r.date), price: r.price }));
}

/** Confirmed/played events and confirmed holds between two days (all venues, or a bounding box). */
function loadBusy(
  db: Db,
  fromDay: number,
  toDay: number,
  box: { latMin: number; latMax: number; lonMin: number; lonMax: number } | null,
  venueId: string | null,
): Map<number, BusyEntry[]> {
  const from = isoOfDay(fromDay);
  const to = isoOfDay(toDay);
  const where = box
    ? ' AND v.latitude BETWEEN @latMin AND @latMax AND v.longitude BETWEEN @lonMin AND @lonMax'
    : venueId
      ? ' AND v.id = @venueId'
      : '';
  const params = { from, to, ...(box ?? {}), ...(venueId ? { venueId } : {}) };
  const byDay = new Map<number, BusyEntry[]>();
  const add = (entry: BusyEntry) => {
    const list = byDay.get(entry.day);
    if (list) list.push(entry);
    else byDay.set(entry.day, [entry]);
  };
  const events = db
    .prepare(
      `SELECT e.date, e.artist_id, v.id AS venue_id, v.latitude, v.longitude
       FROM events e JOIN venues v ON v.id = e.venue_id
       WHERE e.deleted_at IS NULL AND e.status IN ('confirmed', 'played') AND e.source <> 'synthetic'
         AND e.date BETWEEN @from AND @to${where}`,
    )
    .all(params) as {
    date: string;
    artist_id: string;
    venue_id: string;
    latitude: number | null;
    longitude: number | null;
  }[];
  for (const e of events) {
    add({
      day: dayNumber(e.date),
      artistId: e.artist_id,
      venueId: e.venue_id,
      latitude: e.latitude,
      longitude: e.longitude,
    });
  }
  const holds = db
    .prepare(
      `SELECT h.start_date, h.end_date, h.artist_id, v.id AS venue_id, v.latitude, v.longitude
       FROM holds h JOIN venues v ON v.id = h.venue_id
       WHERE h.deleted_at IS NULL AND h.status = 'confirmed' AND h.start_date <= @to AND h.end_date >= @from${where}`,
    )
    .all(params) as {
    start_date: string;
    end_date: string;
    artist_id: string;
    venue_id: string;
    latitude: number | null;
    longitude: number | null;
  }[];
  for (const h of holds) {
    const first = Math.max(dayNumber(h.start_date), fromDay);
    const last = Math.min(dayNumber(h.end_date), toDay);
    for (let d = first; d <= last; d++) {
      add({
        day: d,
        artistId: h.artist_id,
        venueId: h.venue_id,
        latitude: h.latitude,
        longitude: h.longitude,
      });
    }
  }
  return byDay;
}

function boxAround(venue: VenueInfo) {
  if (venue.latitude === null || venue.longitude === null) return null;
  const dLat = COMPETING_RADIUS_KM / 111;
  const dLon = COMPETING_RADIUS_KM / (111 * Math.max(0.1, Math.cos((venue.latitude * Math.PI) / 180)));
  return {
    latMin: venue.latitude - dLat,
    latMax: venue.latitude + dLat,
    lonMin: venue.longitude - dLon,
    lonMax: venue.longitude + dLon,
  };
}

// ---- Prediction path ------------------------------------------------------------------------------------

/** Everything about an (artist, venue) pair that does not depend on the date or price, read once. */
export interface PairContext {
  artist: ArtistInfo;
  venue: VenueInfo;
  dna: AudioDna;
  genreFit: number | null;
  /** The booker's outcomes (before any date) for the data-basis sentence. */
  artistEvents: number;
  venueEvents: number;
  /** Venue's usual price as of today (the default price). */
  usualPriceNow: number | null;
  /** Median capacity of the venue's 20 latest outcomes: stands in when the venue has no capacity set. */
  usualCapacity: number | null;
  /** Inputs for many (date, price, capacity) at once; competing events read once for the whole span. */
  inputs(parts: readonly InputParts[]): ForecastInput[];
}

export function pairContext(store: Store, artistId: string, venueId: string): PairContext {
  const db = store.db;
  const artist = loadArtist(db, artistId);
  const venue = loadVenue(db, venueId);
  const artistOutcomes = loadOutcomes(db, 'artist_id', artistId);
  const venueOutcomes = loadOutcomes(db, 'venue_id', venueId);
  const venuePrices = loadVenuePrices(db, venueId);
  const dna = loadAudioDna(db, artistId);
  const genreFit = genreFitOf(artist, venue);
  const today = dayNumber(new Date().toISOString().slice(0, 10));
  const statsNow = statsBefore(artistOutcomes, venueOutcomes, venuePrices, venue, today + 1);
  return {
    artist,
    venue,
    dna,
    genreFit,
    artistEvents: artistOutcomes.length,
    venueEvents: venueOutcomes.length,
    usualPriceNow: statsNow.venueUsualPrice,
    usualCapacity: median(
      venueOutcomes
        .slice(-RECENT)
        .map((o) => o.capacity)
        .filter((c): c is number => c !== null),
    ),
    inputs(parts) {
      if (parts.length === 0) return [];
      const days = parts.map((p) => dayNumber(p.date));
      const fromDay = Math.min(...days) - COMPETING_DAYS;
      const toDay = Math.max(...days) + COMPETING_DAYS;
      const box = boxAround(venue);
      const busy = loadBusy(db, fromDay, toDay, box, box ? null : venue.id);
      const statsCache = new Map<number, HistoryStats>();
      return parts.map((p, i) => {
        const day = days[i]!;
        // A future show is forecast from everything known now; a past date from what preceded it.
        const asOf = Math.min(day, today + 1);
        let stats = statsCache.get(asOf);
        if (!stats) {
          stats = statsBefore(artistOutcomes, venueOutcomes, venuePrices, venue, asOf);
          statsCache.set(asOf, stats);
        }
        return assemble(p, venue, stats, dna, genreFit, countCompeting(busy, venue, artist.id, day));
      });
    },
  };
}

// ---- Training path --------------------------------------------------------------------------------------

export interface TrainingHistory {
  rows: TrainingRow[];
  /** Played events with tickets sold that could not be used: no capacity anywhere, or no price known. */
  skippedNoCapacity: number;
  skippedNoPrice: number;
}

/**
 * One training row per outcome of the booker (synthetic rows excluded), oldest first, each input built
 * from what preceded its date. Outcomes without any capacity are skipped and counted.
 */
export function buildTrainingRows(store: Store): TrainingHistory {
  const db = store.db;
  const rows = db
    .prepare(
      `SELECT e.artist_id, e.venue_id, e.date, v.country, e.tickets_sold, ${CAPACITY} AS capacity,
              e.ticket_price, e.announced_on, e.promotion_spend
       ${OUTCOME_FROM} ORDER BY e.date, e.id`,
    )
    .all() as (OutcomeRow & {
    artist_id: string;
    venue_id: string;
    ticket_price: number | null;
    announced_on: string | null;
    promotion_spend: number | null;
  })[];
  if (rows.length === 0) return { rows: [], skippedNoCapacity: 0, skippedNoPrice: 0 };

  const venues = new Map<string, VenueInfo>(
    db
      .prepare<[], VenueRow>(VENUE_SELECT)
      .all()
      .map((r) => [r.id, venueFromRow(r)]),
  );
  const byArtist = new Map<string, Outcome[]>();
  const byVenue = new Map<string, Outcome[]>();
  for (const r of rows) {
    const outcome = outcomeFromRow(r);
    (byArtist.get(r.artist_id) ?? byArtist.set(r.artist_id, []).get(r.artist_id)!).push(outcome);
    (byVenue.get(r.venue_id) ?? byVenue.set(r.venue_id, []).get(r.venue_id)!).push(outcome);
  }
  const pricesByVenue = new Map<string, PricePoint[]>();
  for (const r of db
    .prepare(
      `SELECT venue_id, date, ticket_price AS price FROM events
       WHERE deleted_at IS NULL AND ticket_price IS NOT NULL AND ticket_price > 0 AND status <> 'cancelled'
         AND source <> 'synthetic' ORDER BY date`,
    )
    .all() as { venue_id: string; date: string; price: number }[]) {
    const list = pricesByVenue.get(r.venue_id) ?? pricesByVenue.set(r.venue_id, []).get(r.venue_id)!;
    list.push({ day: dayNumber(r.date), price: r.price });
  }
  const firstDay = dayNumber(rows[0]!.date) - COMPETING_DAYS;
  const lastDay = dayNumber(rows.at(-1)!.date) + COMPETING_DAYS;
  const busy = loadBusy(db, firstDay, lastDay, null, null);
  const artistCache = new Map<string, { info: ArtistInfo; dna: AudioDna }>();
  const fitCache = new Map<string, number | null>();

  const out: TrainingRow[] = [];
  let skippedNoCapacity = 0;
  let skippedNoPrice = 0;
  for (const r of rows) {
    const venue = venues.get(r.venue_id);
    const capacity = r.capacity && r.capacity > 0 ? r.capacity : null;
    if (!venue || !capacity) {
      skippedNoCapacity++;
      continue;
    }
    let artist = artistCache.get(r.artist_id);
    if (!artist) {
      artist = { info: loadArtist(db, r.artist_id), dna: loadAudioDna(db, r.artist_id) };
      artistCache.set(r.artist_id, artist);
    }
    const fitKey = `${r.artist_id}|${r.venue_id}`;
    if (!fitCache.has(fitKey)) fitCache.set(fitKey, genreFitOf(artist.info, venue));
    const day = dayNumber(r.date);
    const stats = statsBefore(
      byArtist.get(r.artist_id)!,
      byVenue.get(r.venue_id)!,
      pricesByVenue.get(r.venue_id) ?? [],
      venue,
      day,
    );
    // An unknown price is the venue's usual one as of that date (what the booker would have assumed);
    // with neither, the row cannot teach the price effect and is left out.
    const ticketPrice = r.ticket_price ?? stats.venueUsualPrice;
    if (ticketPrice === null) {
      skippedNoPrice++;
      continue;
    }
    const leadTimeDays = r.announced_on ? day - dayNumber(r.announced_on) : null;
    const input = assemble(
      {
        date: r.date,
        capacity,
        ticketPrice,
        leadTimeDays: leadTimeDays !== null && leadTimeDays >= 0 ? leadTimeDays : null,
        promotionSpend: r.promotion_spend,
      },
      venue,
      stats,
      artist.dna,
      fitCache.get(fitKey) ?? null,
      countCompeting(busy, venue, r.artist_id, day),
    );
    out.push({
      input,
      ticketsSold: Math.min(r.tickets_sold, capacity),
      artistKey: r.artist_id,
      venueKey: r.venue_id,
    });
  }
  return { rows: out, skippedNoCapacity, skippedNoPrice };
}

/** Outcomes usable for training (played, tickets sold, a capacity), cheaply, for the model status. */
export function countUsableOutcomes(db: Db): number {
  return (
    db.prepare(`SELECT count(*) AS n ${OUTCOME_FROM} AND ${CAPACITY} > 0`).get() as {
      n: number;
    }
  ).n;
}
