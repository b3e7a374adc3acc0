import { VENUE_KINDS, type VenueKind } from '../../../shared/domain';
import { GENRE_IDS, normalizeGenres, type GenreId } from '../../../shared/genres';
import type { SurfaceMaterial } from '../../../shared/materials';
import { findCity, placeKey, regionsOfVenue } from '../../../shared/places';
import type { Store } from '../../store/database';
import { roomFigures, type RoomEstimate } from './acoustics';

/*
 * The venue catalogue as compact columns in memory, so that ranking 100,000 venues for an artist is a
 * tight loop over typed arrays (no SQL, no objects) — see bench/venue-fit.bench.ts.
 *
 * Freshness: `refresh()` is called before every ranking. It first compares two O(1) counters —
 * `PRAGMA data_version` (commits by other connections: the CLI, a second window) and `total_changes()`
 * (writes by this connection) — and only when one moved runs `SELECT count(*), max(updated_at)` on the
 * venue tables. Changed rows (updated_at above the last seen) are reloaded; a large change (an import)
 * or a shrinking table rebuilds the whole index.
 */

export const WEEKDAY_BITS = { mon: 1, tue: 2, wed: 4, thu: 8, fri: 16, sat: 32, sun: 64 } as const;
export const GENRE_BIT = new Map<GenreId, number>(GENRE_IDS.map((id, i) => [id, 1 << i]));

/*
 * One SELECT reads the whole catalogue as one JSON array per column (json_group_array): a single
 * row crosses from SQLite to JavaScript instead of 100,000 row objects, which is what made the first
 * build take 8–11 s (per-row overhead and garbage collection). Strings that repeat from venue to venue
 * (the place, the programming profile) come concatenated with a U+0001 separator and are decoded once
 * per distinct value. Real numbers come as scaled integers (SQLite formats integers several times
 * faster than doubles, and V8 keeps small integers unboxed): coordinates in micro-degrees, room
 * dimensions in millimetres, RT60 in milliseconds, PA power in watts, budgets in cents — far finer
 * than any score can tell.
 */
const SEP = '\u0001';
const scaled = (column: string, factor: number) =>
  `json_group_array(cast(round(${column} * ${factor}) AS INTEGER))`;
const COLUMNS = `
  SELECT json_group_array(v.id), json_group_array(v.name),
         json_group_array(v.city || char(1) || v.region || char(1) || v.country || char(1) || v.postal_code),
         json_group_array(v.kind || char(1) || v.treatment || char(1) || v.currency || char(1) ||
           coalesce(v.floor_material, '') || char(1) || coalesce(v.wall_material, '') || char(1) ||
           coalesce(v.ceiling_material, '') || char(1) || v.genres || char(1) || v.days_open || char(1) ||
           v.months),
         ${scaled('v.latitude', 1e6)}, ${scaled('v.longitude', 1e6)},
         ${scaled('v.capacity_standing', 1)}, ${scaled('v.capacity_seated', 1)},
         ${scaled('v.room_length_m', 1000)}, ${scaled('v.room_width_m', 1000)}, ${scaled('v.room_height_m', 1000)},
         ${scaled('v.rt60_sec', 1000)}, ${scaled('v.pa_power_w', 1)},
         ${scaled('p.budget_min', 100)}, ${scaled('p.budget_max', 100)},
         json_group_array(v.deleted_at IS NOT NULL)
  FROM venues v JOIN venues_private p ON p.venue_id = v.id`;

type Num = number | null;
/** The parsed columns, in COLUMNS order. */
type Columns = [
  string[],
  string[],
  string[],
  string[],
  Num[],
  Num[],
  Num[],
  Num[],
  Num[],
  Num[],
  Num[],
  Num[],
  Num[],
  Num[],
  Num[],
  number[],
];

interface PlaceEntry {
  city: string;
  country: string;
  cityId: number;
  regionId: number;
  countryId: number;
  regions: Int32Array;
}

interface ProfileEntry {
  kind: VenueKind;
  treatment: 'unknown' | 'untreated' | 'partial' | 'treated';
  currency: number;
  floor: SurfaceMaterial | null;
  walls: SurfaceMaterial | null;
  ceiling: SurfaceMaterial | null;
  genreMask: number;
  kindBit: number;
  daysMask: number;
  monthsMask: number;
}

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
  treatments: ProfileEntry['treatment'][] = [];
  alive = new Uint8Array(0);
  /** 1 << (index of the venue's kind in VENUE_KINDS), for the kinds filter. */
  kindBit = new Uint16Array(0);
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
  /** Gazetteer lookups and JSON lists repeat from venue to venue: decoded once per distinct value. */
  private placeCache = new Map<string, PlaceEntry>();
  private profileCache = new Map<string, ProfileEntry>();

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
    const changed = this.load('WHERE v.updated_at > ? OR p.updated_at > ?', previous.max, previous.max);
    if (changed[0].length > 2000) {
      this.rebuild();
      return;
    }
    this.apply(changed);
  }

  /** Forces a full reload at the next refresh (e.g. after a bulk import outside the repositories). */
  invalidate(): void {
    this.fingerprint = { dataVersion: -1, changes: -1, count: -1, max: '' };
  }

  private rebuild(): void {
    const columns = this.load('WHERE v.deleted_at IS NULL');
    this.size = 0;
    this.slots = 0;
    this.slotById.clear();
    this.cityCoords.clear();
    this.grow(columns[0].length + 64, true);
    this.apply(columns);
  }

  private load(where: string, ...params: string[]): Columns {
    const row = this.store.db
      .prepare<string[], string[]>(`${COLUMNS} ${where}`)
      .raw()
      .get(...params)!;
    return row.map((json) => JSON.parse(json) as unknown) as Columns;
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
    this.kindBit = typed((k) => new Uint16Array(k), this.kindBit);
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

  private place(key: string): PlaceEntry {
    let place = this.placeCache.get(key);
    if (!place) {
      const [city = '', region = '', country = '', postalCode = ''] = key.split(SEP);
      const regions = regionsOfVenue({ city, region, country, postalCode });
      place = {
        city,
        country,
        cityId: this.cityNames.id(cityKey(city, country)),
        regionId: this.regionNames.id(regionKey(region, city, country)),
        countryId: this.countryNames.id(country.toUpperCase()),
        regions: Int32Array.from(
          [...regions].map((r) => this.regionNames.id(placeKey(r))).filter((id) => id >= 0),
        ),
      };
      this.placeCache.set(key, place);
    }
    return place;
  }

  private profile(key: string): ProfileEntry {
    let profile = this.profileCache.get(key);
    if (!profile) {
      const [kind, treatment, currency, floor, walls, ceiling, genres = '[]', days = '[]', months = '[]'] =
        key.split(SEP);
      let genreMask = 0;
      const labels = parseArray(genres);
      for (const id of normalizeGenres(labels.filter((l): l is string => typeof l === 'string')))
        genreMask |= GENRE_BIT.get(id)!;
      profile = {
        kind: (kind || 'other') as VenueKind,
        treatment: (treatment || 'unknown') as ProfileEntry['treatment'],
        currency: currency === 'CHF' ? 1 : 0,
        floor: (floor || null) as SurfaceMaterial | null,
        walls: (walls || null) as SurfaceMaterial | null,
        ceiling: (ceiling || null) as SurfaceMaterial | null,
        genreMask,
        kindBit: 1 << Math.max(0, VENUE_KINDS.indexOf((kind || 'other') as VenueKind)),
        daysMask: maskOf(days, (v) =>
          typeof v === 'string' && v in WEEKDAY_BITS ? WEEKDAY_BITS[v as keyof typeof WEEKDAY_BITS] : 0,
        ),
        monthsMask: maskOf(months, (v) => (typeof v === 'number' && v >= 1 && v <= 12 ? 1 << (v - 1) : 0)),
      };
      this.profileCache.set(key, profile);
    }
    return profile;
  }

  /** Writes loaded rows into their slots (new venues appended, deleted ones marked dead). */
  private apply(columns: Columns): void {
    const [ids, names, places, profiles, lats, lons, standing, seated] = columns;
    const [, , , , , , , , lengths, widths, heights, rt60s, paWs, budgetMins, budgetMaxs, deleted] = columns;
    const room = emptyRoom();
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      let slot = this.slotById.get(id);
      if (deleted[i]) {
        if (slot !== undefined && this.alive[slot]) {
          this.alive[slot] = 0;
          this.size -= 1;
        }
        continue;
      }
      const place = this.place(places[i]!);
      const profile = this.profile(profiles[i]!);
      if (slot === undefined) {
        slot = this.ids.length;
        this.grow(slot + 1);
        this.slotById.set(id, slot);
        this.ids.push(id);
        this.names.push(names[i]!);
        this.cities.push(place.city);
        this.countries.push(place.country);
        this.kinds.push(profile.kind);
        this.treatments.push(profile.treatment);
        this.regionSets.push(place.regions);
      } else {
        this.names[slot] = names[i]!;
        this.cities[slot] = place.city;
        this.countries[slot] = place.country;
        this.kinds[slot] = profile.kind;
        this.treatments[slot] = profile.treatment;
        this.regionSets[slot] = place.regions;
      }
      if (!this.alive[slot]) this.size += 1;
      this.alive[slot] = 1;
      this.genreMask[slot] = profile.genreMask;
      this.kindBit[slot] = profile.kindBit;
      this.monthsMask[slot] = profile.monthsMask;
      this.daysMask[slot] = profile.daysMask;
      this.currency[slot] = profile.currency;
      this.cityId[slot] = place.cityId;
      this.regionId[slot] = place.regionId;
      this.countryId[slot] = place.countryId;
      const capacity = Math.max(standing[i] ?? 0, seated[i] ?? 0);
      this.capacity[slot] = capacity > 0 ? capacity : NaN;
      const lat = unscale(lats[i], 1e6);
      const lon = unscale(lons[i], 1e6);
      this.lat[slot] = lat ?? NaN;
      this.lon[slot] = lon ?? NaN;
      if (place.cityId >= 0 && lat !== null && lon !== null) {
        const c = this.cityCoords.get(place.cityId) ?? { lat: 0, lon: 0, n: 0 };
        c.lat += lat;
        c.lon += lon;
        c.n += 1;
        this.cityCoords.set(place.cityId, c);
      }
      this.budgetMinCents[slot] = budgetMins[i] ?? NaN;
      this.budgetMaxCents[slot] = budgetMaxs[i] ?? NaN;
      roomFigures(
        profile.kind,
        standing[i] ?? null,
        seated[i] ?? null,
        unscale(lengths[i], 1000),
        unscale(widths[i], 1000),
        unscale(heights[i], 1000),
        unscale(rt60s[i], 1000),
        profile.treatment,
        profile.floor,
        profile.walls,
        profile.ceiling,
        paWs[i] ?? null,
        room,
      );
      this.rt60Mid[slot] = room.rt60Mid;
      this.rt60Low[slot] = room.rt60Low;
      this.volume[slot] = room.volume;
      this.paW[slot] = room.paW;
      this.openAir[slot] = room.openAir ? 1 : 0;
      this.rtSource[slot] = RT_SOURCES.indexOf(room.source);
    }
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

const unscale = (value: number | null | undefined, factor: number): number | null =>
  value === null || value === undefined ? null : value / factor;

function parseArray(json: string): unknown[] {
  try {
    const values: unknown = JSON.parse(json);
    return Array.isArray(values) ? values : [];
  } catch {
    return [];
  }
}

function maskOf(json: string, bit: (value: unknown) => number): number {
  let mask = 0;
  for (const v of parseArray(json)) mask |= bit(v);
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
