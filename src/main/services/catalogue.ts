import type { Artist, ArtistFields, Venue, VenueFields } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { SurfaceMaterial } from '../../shared/materials';
import { uuidv7 } from '../../shared/ids';
import { foldForSearch } from '../../shared/text';
import type { Store } from '../store/database';
import { hlcToIso } from '../store/hlc';

// Artists and venues: create, read, update, soft-delete (tombstone), search.
// Catalogue columns and private columns (fees, budgets, contacts, notes) are written to separate tables
// so that sync can share the first without the second.

export interface Page<T> {
  items: T[];
  total: number;
}
export interface ListParams {
  query: string;
  limit: number;
  offset: number;
}

/** Every search term must appear somewhere in the folded name/city/genres text. */
function searchClause(query: string): { sql: string; params: string[] } {
  const terms = foldForSearch(query).split(/\s+/).filter(Boolean).slice(0, 10);
  if (terms.length === 0) return { sql: '', params: [] };
  const escaped = terms.map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return { sql: terms.map(() => ` AND search_text LIKE ? ESCAPE '\\'`).join(''), params: escaped };
}

const json = (value: unknown) => JSON.stringify(value);
const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/**
 * A catalogue record kept in two tables: the shareable columns and the private ones (same id).
 * Both are written in one transaction, so a crash never leaves one without the other.
 */
interface TwoTableSpec<Row, Entity, Fields> {
  noun: string;
  /** SELECT … FROM <table> <alias> JOIN <private> … WHERE <alias>.deleted_at IS NULL */
  select: string;
  table: string;
  alias: string;
  insertPublic: string;
  insertPrivate: string;
  updatePublic: string;
  updatePrivate: string;
  toParams(id: string, fields: Fields, updated: string): Record<string, unknown>;
  fromRow(row: Row): Entity;
}

function createTwoTableRepository<Row, Entity, Fields>(
  store: Store,
  spec: TwoTableSpec<Row, Entity, Fields>,
) {
  const { db, clock } = store;
  const { noun, table, alias } = spec;
  const selectOne = db.prepare<[string], Row>(`${spec.select} AND ${alias}.id = ?`);
  const exists = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`);
  const insertPublic = db.prepare(spec.insertPublic);
  const insertPrivate = db.prepare(spec.insertPrivate);
  const updatePublic = db.prepare(spec.updatePublic);
  const updatePrivate = db.prepare(spec.updatePrivate);
  const tombstone = db.prepare(
    `UPDATE ${table} SET deleted_at = @now, updated_at = @now WHERE id = @id AND deleted_at IS NULL`,
  );
  const notFound = (id: string) => new AppError('NOT_FOUND', `No ${noun} with id ${id}`);

  function get(id: string): Entity {
    const row = selectOne.get(id);
    if (!row) throw notFound(id);
    return spec.fromRow(row);
  }

  return {
    list({ query, limit, offset }: ListParams): Page<Entity> {
      const search = searchClause(query);
      const count = db.prepare(
        `SELECT count(*) AS n FROM ${table} ${alias} WHERE ${alias}.deleted_at IS NULL${search.sql}`,
      );
      const total = (count.get(...search.params) as { n: number }).n;
      const rows = db
        .prepare<unknown[], Row>(
          `${spec.select}${search.sql} ORDER BY ${alias}.name COLLATE NOCASE, ${alias}.id LIMIT ? OFFSET ?`,
        )
        .all(...search.params, limit, offset);
      return { items: rows.map(spec.fromRow), total };
    },
    get,
    create(fields: Fields, id: string = uuidv7()): Entity {
      const values = spec.toParams(id, fields, clock.tick());
      db.transaction(() => {
        if (exists.get(id)) throw new AppError('CONFLICT', `A ${noun} with id ${id} already exists`);
        insertPublic.run({ ...values, created: new Date().toISOString() });
        insertPrivate.run(values);
      })();
      return get(id);
    },
    update(id: string, fields: Fields): Entity {
      const values = spec.toParams(id, fields, clock.tick());
      db.transaction(() => {
        if (updatePublic.run(values).changes === 0) throw notFound(id);
        updatePrivate.run(values);
      })();
      return get(id);
    },
    remove(id: string): { id: string } {
      if (tombstone.run({ id, now: clock.tick() }).changes === 0) throw notFound(id);
      return { id };
    },
  };
}

// ---- Artists ---------------------------------------------------------------------------------

interface ArtistRow {
  id: string;
  name: string;
  genres: string;
  city: string;
  country: string;
  members: number | null;
  created_at: string;
  updated_at: string;
  currency: 'EUR' | 'CHF';
  fee_min: number | null;
  fee_max: number | null;
  contacts: string;
  notes: string;
}

const ARTIST_SELECT = `
  SELECT a.id, a.name, a.genres, a.city, a.country, a.members, a.created_at, a.updated_at,
         p.currency, p.fee_min, p.fee_max, p.contacts, p.notes
  FROM artists a JOIN artists_private p ON p.artist_id = a.id
  WHERE a.deleted_at IS NULL`;

function artistFromRow(row: ArtistRow): Artist {
  return {
    id: row.id,
    name: row.name,
    genres: parseJson<string[]>(row.genres),
    city: row.city,
    country: row.country,
    currency: row.currency,
    fee: { min: row.fee_min, max: row.fee_max },
    members: row.members,
    contacts: parseJson(row.contacts),
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: hlcToIso(row.updated_at),
  };
}

const artistSearchText = (f: ArtistFields) =>
  foldForSearch([f.name, f.city, f.country, ...f.genres].join(' '));

export function createArtistRepository(store: Store) {
  return createTwoTableRepository<ArtistRow, Artist, ArtistFields>(store, {
    noun: 'artist',
    select: ARTIST_SELECT,
    table: 'artists',
    alias: 'a',
    insertPublic: `INSERT INTO artists (id, name, genres, city, country, members, search_text, created_at, updated_at)
      VALUES (@id, @name, @genres, @city, @country, @members, @search, @created, @updated)`,
    insertPrivate: `INSERT INTO artists_private (artist_id, currency, fee_min, fee_max, contacts, notes, updated_at)
      VALUES (@id, @currency, @feeMin, @feeMax, @contacts, @notes, @updated)`,
    updatePublic: `UPDATE artists SET name = @name, genres = @genres, city = @city, country = @country,
      members = @members, search_text = @search, updated_at = @updated WHERE id = @id AND deleted_at IS NULL`,
    updatePrivate: `UPDATE artists_private SET currency = @currency, fee_min = @feeMin, fee_max = @feeMax,
      contacts = @contacts, notes = @notes, updated_at = @updated WHERE artist_id = @id`,
    toParams: (id, f, updated) => ({
      id,
      updated,
      name: f.name,
      genres: json(f.genres),
      city: f.city,
      country: f.country,
      members: f.members,
      search: artistSearchText(f),
      currency: f.currency,
      feeMin: f.fee.min,
      feeMax: f.fee.max,
      contacts: json(f.contacts),
      notes: f.notes,
    }),
    fromRow: artistFromRow,
  });
}

// ---- Venues ----------------------------------------------------------------------------------

interface VenueRow {
  id: string;
  name: string;
  kind: Venue['kind'];
  region: string;
  days_open: string;
  months: string;
  website: string;
  pa_power_w: number | null;
  floor_material: SurfaceMaterial | null;
  wall_material: SurfaceMaterial | null;
  ceiling_material: SurfaceMaterial | null;
  source_kind: Venue['source']['kind'];
  source_ref: string;
  address: string;
  postal_code: string;
  city: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
  capacity_standing: number | null;
  capacity_seated: number | null;
  room_length_m: number | null;
  room_width_m: number | null;
  room_height_m: number | null;
  stage_length_m: number | null;
  stage_width_m: number | null;
  stage_height_m: number | null;
  rt60_sec: number | null;
  treatment: Venue['acoustics']['treatment'];
  acoustic_notes: string;
  pa_system: string;
  backline: string;
  genres: string;
  currency: 'EUR' | 'CHF';
  ticket_price_min: number | null;
  ticket_price_max: number | null;
  created_at: string;
  updated_at: string;
  budget_min: number | null;
  budget_max: number | null;
  contacts: string;
  notes: string;
}

const VENUE_SELECT = `
  SELECT v.*, p.budget_min, p.budget_max, p.contacts, p.notes
  FROM venues v JOIN venues_private p ON p.venue_id = v.id
  WHERE v.deleted_at IS NULL`;

function venueFromRow(row: VenueRow): Venue {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    address: row.address,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    region: row.region,
    latitude: row.latitude,
    longitude: row.longitude,
    capacityStanding: row.capacity_standing,
    capacitySeated: row.capacity_seated,
    room: { lengthM: row.room_length_m, widthM: row.room_width_m, heightM: row.room_height_m },
    stage: { lengthM: row.stage_length_m, widthM: row.stage_width_m, heightM: row.stage_height_m },
    acoustics: {
      rt60Sec: row.rt60_sec,
      treatment: row.treatment,
      notes: row.acoustic_notes,
      surfaces: { floor: row.floor_material, walls: row.wall_material, ceiling: row.ceiling_material },
    },
    paSystem: row.pa_system,
    paPowerW: row.pa_power_w,
    backline: row.backline,
    genres: parseJson<string[]>(row.genres),
    currency: row.currency,
    ticketPrice: { min: row.ticket_price_min, max: row.ticket_price_max },
    budget: { min: row.budget_min, max: row.budget_max },
    contacts: parseJson(row.contacts),
    notes: row.notes,
    daysOpen: parseJson(row.days_open),
    months: parseJson(row.months),
    website: row.website,
    source: { kind: row.source_kind, ref: row.source_ref },
    createdAt: row.created_at,
    updatedAt: hlcToIso(row.updated_at),
  };
}

const venueSearchText = (f: VenueFields) =>
  foldForSearch([f.name, f.city, f.postalCode, f.region, f.country, ...f.genres].join(' '));

const VENUE_COLUMNS = {
  name: 'name',
  address: 'address',
  postal_code: 'postalCode',
  city: 'city',
  country: 'country',
  latitude: 'latitude',
  longitude: 'longitude',
  capacity_standing: 'capacityStanding',
  capacity_seated: 'capacitySeated',
  room_length_m: 'roomLength',
  room_width_m: 'roomWidth',
  room_height_m: 'roomHeight',
  stage_length_m: 'stageLength',
  stage_width_m: 'stageWidth',
  stage_height_m: 'stageHeight',
  rt60_sec: 'rt60',
  treatment: 'treatment',
  acoustic_notes: 'acousticNotes',
  pa_system: 'paSystem',
  backline: 'backline',
  genres: 'genres',
  currency: 'currency',
  ticket_price_min: 'ticketMin',
  ticket_price_max: 'ticketMax',
  search_text: 'search',
  kind: 'kind',
  region: 'region',
  days_open: 'daysOpen',
  months: 'months',
  website: 'website',
  pa_power_w: 'paPowerW',
  floor_material: 'floorMaterial',
  wall_material: 'wallMaterial',
  ceiling_material: 'ceilingMaterial',
  source_kind: 'sourceKind',
  source_ref: 'sourceRef',
} as const;

export function createVenueRepository(store: Store) {
  const columns = Object.keys(VENUE_COLUMNS);
  const names = Object.values(VENUE_COLUMNS);
  return createTwoTableRepository<VenueRow, Venue, VenueFields>(store, {
    noun: 'venue',
    select: VENUE_SELECT,
    table: 'venues',
    alias: 'v',
    insertPublic: `INSERT INTO venues (id, ${columns.join(', ')}, created_at, updated_at)
      VALUES (@id, ${names.map((n) => `@${n}`).join(', ')}, @created, @updated)`,
    insertPrivate: `INSERT INTO venues_private (venue_id, budget_min, budget_max, contacts, notes, updated_at)
      VALUES (@id, @budgetMin, @budgetMax, @contacts, @notes, @updated)`,
    updatePublic: `UPDATE venues SET ${columns.map((c, i) => `${c} = @${names[i]}`).join(', ')},
      updated_at = @updated WHERE id = @id AND deleted_at IS NULL`,
    updatePrivate: `UPDATE venues_private SET budget_min = @budgetMin, budget_max = @budgetMax,
      contacts = @contacts, notes = @notes, updated_at = @updated WHERE venue_id = @id`,
    toParams: (id, f, updated) => ({
      id,
      updated,
      name: f.name,
      address: f.address,
      postalCode: f.postalCode,
      city: f.city,
      country: f.country,
      latitude: f.latitude,
      longitude: f.longitude,
      capacityStanding: f.capacityStanding,
      capacitySeated: f.capacitySeated,
      roomLength: f.room.lengthM,
      roomWidth: f.room.widthM,
      roomHeight: f.room.heightM,
      stageLength: f.stage.lengthM,
      stageWidth: f.stage.widthM,
      stageHeight: f.stage.heightM,
      rt60: f.acoustics.rt60Sec,
      treatment: f.acoustics.treatment,
      acousticNotes: f.acoustics.notes,
      paSystem: f.paSystem,
      backline: f.backline,
      genres: json(f.genres),
      currency: f.currency,
      ticketMin: f.ticketPrice.min,
      ticketMax: f.ticketPrice.max,
      search: venueSearchText(f),
      kind: f.kind,
      region: f.region,
      daysOpen: json(f.daysOpen),
      months: json(f.months),
      website: f.website,
      paPowerW: f.paPowerW,
      floorMaterial: f.acoustics.surfaces.floor,
      wallMaterial: f.acoustics.surfaces.walls,
      ceilingMaterial: f.acoustics.surfaces.ceiling,
      sourceKind: f.source.kind,
      sourceRef: f.source.ref,
      budgetMin: f.budget.min,
      budgetMax: f.budget.max,
      contacts: json(f.contacts),
      notes: f.notes,
    }),
    fromRow: venueFromRow,
  });
}
