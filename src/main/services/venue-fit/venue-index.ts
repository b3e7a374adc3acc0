import type { VenueKind } from '../../../shared/domain';
import { GENRE_IDS, normalizeGenres, type GenreId } from '../../../shared/genres';
import type { SurfaceMaterial } from '../../../shared/materials';
import { findCity, placeKey, regionsOfVenue } from '../../../shared/places';
import type { Store } from '../../store/database';
import { estimateRoom, type RoomEstimate } from './acoustics';

/*
 * The venue catalogue as compact columns in memory, so that ranking 100,000 venues for an artist is a
 * tight loop over typed arrays (no SQL, no objects) — see bench/venue-fit.bench.ts.
 *
 * Freshness: `refresh()` is called before every ranking. It first compares two O(1) counters —
 * `PRAGMA data_version` (commits by other connections: the CLI, a second window) and `total_changes()`
 * (writes by this connection) — and only when one moved runs `SELECT count(*), max(updated_at)` on the
 * venue tables. Changed rows (updated_at above the last seen) are reloaded one by one; a large change
 * (an import) or a shrinking table rebuilds the whole index.
 */

export const WEEKDAY_BITS = { mon: 1, tue: 2, wed: 4, thu: 8, fri: 16, sat: 32, sun: 64 } as const;
export const GENRE_BIT = new Map<GenreId, number>(GENRE_IDS.map((id, i) => [id, 1 << i]));

interface VenueRow {
  id: string;
  name: string;
  city: string;
  region: string;
  country: string;
  postal_code: string;
  kind: VenueKind;
  latitude: number | null;
  longitude: number | null;
  capacity_standing: number | null;
  capacity_seated: number | null;
  room_length_m: number | null;
  room_width_m: number | null;
  room_height_m: number | null;
  rt60_sec: number | null;
  treatment: 'unknown' | 'untreated' | 'partial' | 'treated';
  floor_material: SurfaceMaterial | null;
  wall_material: SurfaceMaterial | null;
  ceiling_material: SurfaceMaterial | null;
  pa_power_w: number | null;
  genres: string;
  days_open: string;
  months: string;
  currency: 'EUR' | 'CHF';
  budget_min: number | null;
  budget_max: number | null;
  deleted_at: string | null;
}

const SELECT = `
  SELECT v.id, v.name, v.city, v.region, v.country, v.postal_code, v.kind, v.latitude, v.longitude,
         v.capacity_standing, v.capacity_seated, v.room_length_m, v.room_width_m, v.room_height_m,
         v.rt60_sec, v.treatment, v.floor_material, v.wall_material, v.ceiling_material, v.pa_power_w,
         v.genres, v.days_open, v.months, v.currency, p.budget_min, p.budget_max, v.deleted_at
  FROM venues v JOIN venues_private p ON p.venue_id = v.id`;

const RT_SOURCES = ['measured', 'estimated', 'rough', 'open_air', 'unknown'] as const;

/** Interns strings (folded) to small integers, so comparisons in the loop are integer compares. */
class Interner {
  readonly ids = new Map<string, number>();
  /** id → folded name. */
  readonly names: string[] = [];
  id(folded: string): number {
    if (!folded) return -1;
    let id = this.ids.get(folded);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(folded, id);
      this.names.push(folded);
    }
    return id;
  }
  find(folded: string): number {
    return folded ? (this.ids.get(folded) ?? -1) : -1;
  }
}

/** A city's comparison key, through the gazetteer so that "Brussel" and "Bruxelles" meet. */
export function cityKey(city: string, country = ''): string {
  if (!city.trim()) return '';
  return placeKey(findCity(city, country || undefined)?.name ?? city);
}

/** A venue's own region (its field, else its city's region in the gazetteer), as a key. */
export function regionKey(region: string, city: string, country = ''): string {
  if (region.trim()) return placeKey(region);
  const found = city.trim() ? findCity(city, country || undefined) : undefined;
  return found ? placeKey(found.region) : '';
}

export class VenueIndex {
  size = 0;
  private slots = 0;
  readonly slotById = new Map<string, number>();
  ids: string[] = [];
  names: string[] = [];
  cities: string[] = [];
  countries: string[] = [];
  kinds: VenueKind[] = [];
  treatments: VenueRow['treatment'][] = [];
  alive = new Uint8Array(0);
  genreMask = new Uint32Array(0);
  cityId = new Int32Array(0);
  regionId = new Int32Array(0);
  /** Every region the venue lies in (department, region, canton, Swiss area), as region ids. */
  regionSets: Int32Array[] = [];
  countryId = new Int32Array(0);
  capacity = new Float64Array(0);
  lat = new Float64Array(0);
  lon = new Float64Array(0);
  monthsMask = new Uint16Array(0);
  daysMask = new Uint8Array(0);
  /** Private budget, integer cents (NaN unknown). */
  budgetMinCents = new Float64Array(0);
  budgetMaxCents = new Float64Array(0);
  /** 0 EUR, 1 CHF. */
  currency = new Uint8Array(0);
  rt60Mid = new Float64Array(0);
  rt60Low = new Float64Array(0);
  volume = new Float64Array(0);
  paW = new Float64Array(0);
  openAir = new Uint8Array(0);
  rtSource = new Uint8Array(0);

  readonly cityNames = new Interner();
  readonly regionNames = new Interner();
  readonly countryNames = new Interner();
  /** Mean coordinates of the venues of each city id (to place an artist's home town). */
  private cityCoords = new Map<number, { lat: number; lon: number; n: number }>();
  private genreCache = new Map<string, number>();
  /** Gazetteer lookups repeat for every venue of a town: memoised by their inputs. */
  private placeCache = new Map<string, { city: number; region: number; regions: Int32Array }>();

  private fingerprint = { dataVersion: -1, changes: -1, count: -1, max: '' };

  constructor(private readonly store: Store) {}

  /** Brings the index up to date with the database (cheap when nothing changed). */
  refresh(): void {
    const { db } = this.store;
    const dataVersion = db.pragma('data_version', { simple: true }) as number;
    const changes = (db.prepare('SELECT total_changes() AS c').get() as { c: number }).c;
    if (dataVersion === this.fingerprint.dataVersion && changes === this.fingerprint.changes) return;
    const { n, m } = db
      .prepare(
        `SELECT (SELECT count(*) FROM venues) AS n,
                max((SELECT coalesce(max(updated_at), '') FROM venues),
                    (SELECT coalesce(max(updated_at), '') FROM venues_private)) AS m`,
      )
      .get() as { n: number; m: string };
    const previous = this.fingerprint;
    this.fingerprint = { dataVersion, changes, count: n, max: m };
    if (n === previous.count && m === previous.max) return;
    if (previous.count < 0 || n < previous.count || n - previous.count > 2000) {
      this.rebuild();
      return;
    }
    const changed = db
      .prepare<[string, string], VenueRow>(`${SELECT} WHERE v.updated_at > ? OR p.updated_at > ?`)
      .all(previous.max, previous.max);
    if (changed.length > 2000) {
      this.rebuild();
      return;
    }
    for (const row of changed) this.upsert(row);
  }

  /** Forces a full reload at the next refresh (e.g. after a bulk import outside the repositories). */
  invalidate(): void {
    this.fingerprint = { dataVersion: -1, changes: -1, count: -1, max: '' };
  }

  private rebuild(): void {
    const rows = this.store.db.prepare<[], VenueRow>(`${SELECT} WHERE v.deleted_at IS NULL`).all();
    this.size = 0;
    this.slots = 0;
    this.slotById.clear();
    this.cityCoords.clear();
    this.grow(rows.length + 64, true);
    for (const row of rows) this.upsert(row);
  }

  private grow(min: number, reset = false): void {
    if (!reset && min <= this.slots) return;
    const n = reset ? min : Math.max(min, this.slots * 2, 64);
    const f64 = (old: Float64Array) => {
      const a = new Float64Array(n).fill(NaN);
      if (!reset) a.set(old);
      return a;
    };
    const typed = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(
      make: (n: number) => T,
      old: T,
    ) => {
      const a = make(n);
      if (!reset) a.set(old);
      return a;
    };
    this.alive = typed((k) => new Uint8Array(k), this.alive);
    this.genreMask = typed((k) => new Uint32Array(k), this.genreMask);
    this.cityId = typed((k) => new Int32Array(k), this.cityId);
    this.regionId = typed((k) => new Int32Array(k), this.regionId);
    this.countryId = typed((k) => new Int32Array(k), this.countryId);
    this.monthsMask = typed((k) => new Uint16Array(k), this.monthsMask);
    this.daysMask = typed((k) => new Uint8Array(k), this.daysMask);
    this.currency = typed((k) => new Uint8Array(k), this.currency);
    this.openAir = typed((k) => new Uint8Array(k), this.openAir);
    this.rtSource = typed((k) => new Uint8Array(k), this.rtSource);
    this.capacity = f64(this.capacity);
    this.lat = f64(this.lat);
    this.lon = f64(this.lon);
    this.budgetMinCents = f64(this.budgetMinCents);
    this.budgetMaxCents = f64(this.budgetMaxCents);
    this.rt60Mid = f64(this.rt60Mid);
    this.rt60Low = f64(this.rt60Low);
    this.volume = f64(this.volume);
    this.paW = f64(this.paW);
    if (reset) {
      this.ids = [];
      this.names = [];
      this.cities = [];
      this.countries = [];
      this.kinds = [];
      this.treatments = [];
      this.regionSets = [];
    }
    this.slots = n;
  }

  private genresToMask(json: string): number {
    let mask = this.genreCache.get(json);
    if (mask === undefined) {
      mask = 0;
      let labels: unknown;
      try {
        labels = JSON.parse(json);
      } catch {
        labels = [];
      }
      if (Array.isArray(labels))
        for (const id of normalizeGenres(labels.filter((l): l is string => typeof l === 'string')))
          mask |= GENRE_BIT.get(id)!;
      this.genreCache.set(json, mask);
    }
    return mask;
  }

  private upsert(row: VenueRow): void {
    let slot = this.slotById.get(row.id);
    if (row.deleted_at !== null) {
      if (slot !== undefined && this.alive[slot]) {
        this.alive[slot] = 0;
        this.size -= 1;
      }
      return;
    }
    if (slot === undefined) {
      slot = this.ids.length;
      this.grow(slot + 1);
      this.slotById.set(row.id, slot);
      this.ids.push(row.id);
      this.names.push('');
      this.cities.push('');
      this.countries.push('');
      this.kinds.push('other');
      this.treatments.push('unknown');
      this.regionSets.push(new Int32Array(0));
    }
    if (!this.alive[slot]) this.size += 1;
    this.alive[slot] = 1;
    this.names[slot] = row.name;
    this.cities[slot] = row.city;
    this.countries[slot] = row.country;
    this.kinds[slot] = row.kind;
    this.treatments[slot] = row.treatment;
    this.genreMask[slot] = this.genresToMask(row.genres);
    const placeId = `${row.city}\u0000${row.region}\u0000${row.country}\u0000${row.postal_code}`;
    let place = this.placeCache.get(placeId);
    if (!place) {
      const regions = regionsOfVenue({
        city: row.city,
        region: row.region,
        country: row.country,
        postalCode: row.postal_code,
      });
      place = {
        city: this.cityNames.id(cityKey(row.city, row.country)),
        region: this.regionNames.id(regionKey(row.region, row.city, row.country)),
        regions: Int32Array.from(
          [...regions].map((r) => this.regionNames.id(placeKey(r))).filter((id) => id >= 0),
        ),
      };
      this.placeCache.set(placeId, place);
    }
    const city = place.city;
    this.cityId[slot] = city;
    this.regionId[slot] = place.region;
    this.regionSets[slot] = place.regions;
    this.countryId[slot] = this.countryNames.id(row.country.toUpperCase());
    const capacity = Math.max(row.capacity_standing ?? 0, row.capacity_seated ?? 0);
    this.capacity[slot] = capacity > 0 ? capacity : NaN;
    this.lat[slot] = row.latitude ?? NaN;
    this.lon[slot] = row.longitude ?? NaN;
    if (city >= 0 && row.latitude !== null && row.longitude !== null) {
      const c = this.cityCoords.get(city) ?? { lat: 0, lon: 0, n: 0 };
      c.lat += row.latitude;
      c.lon += row.longitude;
      c.n += 1;
      this.cityCoords.set(city, c);
    }
    this.monthsMask[slot] = maskOf(row.months, (v) =>
      typeof v === 'number' && v >= 1 && v <= 12 ? 1 << (v - 1) : 0,
    );
    this.daysMask[slot] = maskOf(row.days_open, (v) =>
      typeof v === 'string' && v in WEEKDAY_BITS ? WEEKDAY_BITS[v as keyof typeof WEEKDAY_BITS] : 0,
    );
    this.budgetMinCents[slot] = row.budget_min === null ? NaN : Math.round(row.budget_min * 100);
    this.budgetMaxCents[slot] = row.budget_max === null ? NaN : Math.round(row.budget_max * 100);
    this.currency[slot] = row.currency === 'CHF' ? 1 : 0;
    const room = estimateRoom({
      kind: row.kind,
      capacityStanding: row.capacity_standing,
      capacitySeated: row.capacity_seated,
      room: { lengthM: row.room_length_m, widthM: row.room_width_m, heightM: row.room_height_m },
      acoustics: {
        rt60Sec: row.rt60_sec,
        treatment: row.treatment,
        surfaces: { floor: row.floor_material, walls: row.wall_material, ceiling: row.ceiling_material },
      },
      paPowerW: row.pa_power_w,
    });
    this.rt60Mid[slot] = room.rt60Mid;
    this.rt60Low[slot] = room.rt60Low;
    this.volume[slot] = room.volume;
    this.paW[slot] = room.paW;
    this.openAir[slot] = room.openAir ? 1 : 0;
    this.rtSource[slot] = RT_SOURCES.indexOf(room.source);
  }

  /** Slots in use (alive or not): loop bound. */
  get slotCount(): number {
    return this.ids.length;
  }

  /** The room numbers of a slot, written into `into` (reused by the ranking loop: no allocation). */
  roomAt(slot: number, into: RoomEstimate): RoomEstimate {
    into.rt60Mid = this.rt60Mid[slot]!;
    into.rt60Low = this.rt60Low[slot]!;
    into.volume = this.volume[slot]!;
    into.capacity = this.capacity[slot]!;
    into.paW = this.paW[slot]!;
    into.openAir = this.openAir[slot] === 1;
    into.source = RT_SOURCES[this.rtSource[slot]!]!;
    return into;
  }

  cityCoordinates(cityId: number): { lat: number; lon: number } | null {
    const c = this.cityCoords.get(cityId);
    return c ? { lat: c.lat / c.n, lon: c.lon / c.n } : null;
  }
}

function maskOf(json: string, bit: (value: unknown) => number): number {
  let values: unknown;
  try {
    values = JSON.parse(json);
  } catch {
    return 0;
  }
  if (!Array.isArray(values)) return 0;
  let mask = 0;
  for (const v of values) mask |= bit(v);
  return mask;
}

export function emptyRoom(): RoomEstimate {
  return {
    source: 'unknown',
    rt60Mid: NaN,
    rt60Low: NaN,
    bands: [],
    volume: NaN,
    capacity: NaN,
    paW: NaN,
    openAir: false,
    assumptions: [],
  };
}
