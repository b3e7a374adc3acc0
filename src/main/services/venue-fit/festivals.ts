import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VenueInput, type Venue, type VenueFields } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { normalizeGenres } from '../../../shared/genres';
import type { DataSource, FestivalImportResult } from '../../../shared/venue-import';
import type { Store } from '../../store/database';
import type { createVenueRepository } from '../catalogue';
import type { Job } from '../jobs';
import { CsvReader, type CsvRecord } from './csv-reader';
import { monthNumber, slug } from './venues-csv';

// The French Ministry of Culture's list of festivals (open data, bundled in resources/data/ with its
// README: licence, attribution, changes). Its music festivals become venues of kind 'festival'.
// The file has no capacity, attendance, prices or dates: those stay unknown (null), never guessed.
// Re-running the import finds each festival by its dataset id (source.ref) and refreshes only the
// fields the dataset owns, so what the user added (capacity, contacts, notes) survives.

type VenueRepository = ReturnType<typeof createVenueRepository>;

export const FESTIVALS_FILE = 'festivals-france.csv';

export const FESTIVALS_SOURCE: Omit<DataSource, 'venueCount' | 'fileCount'> = {
  id: 'festivals-fr',
  name: 'Liste des festivals en France',
  publisher: 'Ministère de la Culture — Deps-doc / France festivals / Cepel (Cartographie nationale, 2022)',
  url: 'https://www.data.gouv.fr/fr/datasets/liste-des-festivals-en-france/',
  licence:
    "Données publiques de l'État sur data.gouv.fr (Licence Ouverte / Etalab 2.0 ou ODbL ; la mention exacte reste à vérifier sur la page du jeu de données)",
  attribution:
    'Source : Ministère de la Culture — Liste des festivals en France (Cartographie nationale Deps-doc / France festivals / Cepel, 2022), data.gouv.fr, version publiée en mai 2024',
  copiedOn: '2026-11-24',
};

/** The dataset's columns this import reads (exact headers of the file). */
const COLUMNS = {
  name: 'Nom du festival',
  scope: 'Envergure territoriale',
  region: 'Région principale de déroulement',
  department: 'Département principal de déroulement',
  city: 'Commune principale de déroulement',
  postalCode: 'Code postal (de la commune principale de déroulement)',
  insee: 'Code Insee commune',
  streetNumber: 'Numéro de voie',
  streetType: 'Type de voie (rue, Avenue, boulevard, etc.)',
  streetName: 'Nom de la voie',
  address: 'Adresse postale',
  website: 'Site internet du festival',
  year: 'Année de création du festival',
  discipline: 'Discipline dominante',
  musicCategory: 'Sous-catégorie musique',
  cnmCategory: 'Sous-catégorie Musique CNM',
  period: 'Période principale de déroulement du festival',
  id: 'Identifiant',
  geo: 'Géocodage xy',
} as const;
type ColumnKey = keyof typeof COLUMNS;
type FestivalRow = Record<ColumnKey, string>;

/** The bundled data file: beside the packaged app, or in the repository's resources/data/. */
export function festivalsCsvPath(): string {
  const candidates: string[] = [];
  if (process.env.FLOWSTAGE_FESTIVALS_CSV) candidates.push(process.env.FLOWSTAGE_FESTIVALS_CSV);
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'data', FESTIVALS_FILE));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir))
    candidates.push(join(dir, 'resources', 'data', FESTIVALS_FILE));
  candidates.push(join(process.cwd(), 'resources', 'data', FESTIVALS_FILE));
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new AppError('NOT_FOUND', `The festivals data file (${FESTIVALS_FILE}) is missing`);
  return found;
}

/** CNM music sub-categories that are music (not humour, theatre, town fairs or "other disciplines"). */
const CNM_MUSIC_CODES = new Set(['01', '02', '03', '04', '07', '08', '10', '11']);

export type FestivalSkipReason = 'notMusic' | 'noName' | 'noId' | 'repeatedId';

export interface MappedFestival {
  ref: string;
  /** What the dataset owns, refreshed on every run. */
  fields: VenueFields;
  /** Written at the first import only (the user may edit them afterwards). */
  notes: string;
}

/** Whether the dataset counts a row as a music festival, and why not. */
export function isMusicFestival(
  row: Pick<FestivalRow, 'discipline' | 'musicCategory' | 'cnmCategory'>,
): boolean {
  if (row.discipline.trim() === 'Musique') return true;
  const sub = row.musicCategory.trim();
  if (sub !== '' && (normalizeGenres([sub]).length > 0 || /musi/i.test(sub))) return true;
  const code = /^(\d{2})-/.exec(row.cnmCategory.trim())?.[1];
  return code !== undefined && CNM_MUSIC_CODES.has(code);
}

/**
 * French postcodes are 5 digits; the file lost the leading zero of departments 01–09 ("2220"). A
 * few cells list several codes ("75010, 75018"): the first is kept. "#N/A", "itinérant" or a
 * mistyped code ("630000") give '' (unknown), never a guess.
 */
export function fixPostalCode(raw: string): string {
  const first = /^\s*(\d{4,5})(?!\d)/.exec(raw)?.[1];
  if (!first) return '';
  return first.length === 4 ? `0${first}` : first;
}

/** "47.2237767737, 0.18754463005" (latitude first) → coordinates; nulls when absent or out of range. */
export function parseGeo(raw: string): { latitude: number | null; longitude: number | null } {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(raw);
  if (!m) return { latitude: null, longitude: null };
  const latitude = Number(m[1]);
  const longitude = Number(m[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return { latitude: null, longitude: null };
  return { latitude, longitude };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Edit distance, for the few misspelt month names of the file ("Ocotbre"). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

const FULL_MONTHS = [
  'janvier',
  'fevrier',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'aout',
  'septembre',
  'octobre',
  'novembre',
  'decembre',
];

/**
 * The season bucket → months. "Avant-saison (1er janvier - 20 juin)" → 1–6, "Saison (21 juin -
 * 5 septembre)" → 6–9, "Après-saison (6 septembre - 31 décembre)" → 9–12; month names as written;
 * "variable" or empty → [] (unknown).
 */
export function seasonMonths(raw: string): number[] {
  const key = slug(raw);
  if (key === '') return [];
  if (key.startsWith('avant_saison')) return range(1, 6);
  if (key.startsWith('apres_saison')) return range(9, 12);
  if (key.startsWith('saison')) return range(6, 9);
  const found = new Set<number>();
  for (const word of key.split('_').filter(Boolean)) {
    let month = monthNumber(word);
    if (month === null && word.length >= 4) {
      const near = FULL_MONTHS.findIndex((name) => distance(word, name) <= 2);
      if (near >= 0) month = near + 1;
    }
    if (month !== null) found.add(month);
  }
  return [...found].sort((a, b) => a - b);
}

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/** Dataset ids given to more than one festival (overseas collectivities without INSEE code share "FEST__7265"). */
export function sharedIds(rows: readonly FestivalRow[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const row of rows) {
    const id = row.id.trim();
    if (seen.has(id)) shared.add(id);
    seen.add(id);
  }
  return shared;
}

/**
 * The festival's reference: its dataset id, made unique with the name and commune when the dataset
 * gives the same id to several festivals (stable across runs as long as the dataset keeps them).
 */
export function festivalRef(row: FestivalRow, shared: ReadonlySet<string>): string {
  const id = row.id.trim();
  return shared.has(id) ? clip(`${id}/${slug(row.name)}/${slug(row.city)}`, 200) : id;
}

/** One row of the dataset → a venue, or the reason it is skipped. */
export function mapFestival(
  row: FestivalRow,
  shared: ReadonlySet<string> = new Set(),
): MappedFestival | FestivalSkipReason {
  if (!isMusicFestival(row)) return 'notMusic';
  const name = row.name.trim();
  if (name === '') return 'noName';
  if (row.id.trim() === '') return 'noId';
  const ref = festivalRef(row, shared);
  const sub = row.musicCategory.trim();
  const cnm = row.cnmCategory.trim();
  // The festival's own sub-category is the precise one; the CNM label is an umbrella ("musiques
  // actuelles sans distinction") used only when the first names no genre.
  let genres = sub ? normalizeGenres([sub]) : [];
  if (genres.length === 0 && cnm) genres = normalizeGenres([cnm.replace(/^\d{2}-\s*/, '')]);
  const street = [row.streetNumber, row.streetType, row.streetName]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
  const fields = VenueInput.parse({
    name: clip(name, 200),
    kind: 'festival',
    address: clip(row.address.trim() || street, 300),
    postalCode: clip(fixPostalCode(row.postalCode), 20),
    city: clip(row.city.trim(), 120),
    country: 'FR',
    region: clip(row.region.trim(), 120),
    ...parseGeo(row.geo),
    genres,
    months: seasonMonths(row.period),
    website: clip(row.website.trim(), 500),
    source: { kind: 'festivals-fr', ref },
  });
  const notes = [
    `Importé de « ${FESTIVALS_SOURCE.name} » (Ministère de la Culture), identifiant ${row.id.trim()}.`,
    sub && `Sous-catégorie musique : ${sub}`,
    cnm && `Sous-catégorie Musique CNM : ${cnm}`,
    fixPostalCode(row.postalCode) !== row.postalCode.trim() &&
      !/^\d{4}$/.test(row.postalCode.trim()) &&
      `Code postal indiqué : ${row.postalCode.trim()}`,
    row.period.trim() && `Période : ${row.period.trim()}`,
    row.scope.trim() && `Envergure : ${row.scope.trim()}`,
    row.year.trim() && `Création : ${row.year.trim()}`,
    row.department.trim() && `Département : ${row.department.trim()}`,
    'Jauge, prix et budget inconnus (absents du jeu de données).',
  ]
    .filter(Boolean)
    .join('\n');
  return { ref, fields, notes };
}

/** Parses the dataset (';' separated, UTF-8); throws when a column this import needs is missing. */
export function readFestivals(text: string): FestivalRow[] {
  const records: CsvRecord[] = [];
  const reader = new CsvReader(';');
  reader.push(text.replace(/^\uFEFF+/, ''), (r) => records.push(r));
  reader.end((r) => records.push(r));
  const [header, ...rows] = records;
  if (!header) throw new AppError('VALIDATION', 'The festivals file is empty');
  const index = {} as Record<ColumnKey, number>;
  for (const [key, title] of Object.entries(COLUMNS) as Array<[ColumnKey, string]>) {
    const i = header.fields.findIndex((f) => f.trim() === title);
    if (i < 0) throw new AppError('VALIDATION', `The festivals file has no column "${title}"`);
    index[key] = i;
  }
  return rows.map((r) => {
    const row = {} as FestivalRow;
    for (const key of Object.keys(COLUMNS) as ColumnKey[]) row[key] = r.fields[index[key]] ?? '';
    return row;
  });
}

const stripMeta = (v: Venue): VenueFields => {
  const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = v;
  return fields;
};

/** The fields the dataset owns; the rest of a stored venue is the user's. */
const OWNED = [
  'name',
  'kind',
  'address',
  'postalCode',
  'city',
  'country',
  'region',
  'latitude',
  'longitude',
  'genres',
  'months',
  'website',
  'source',
] as const satisfies ReadonlyArray<keyof VenueFields>;

/**
 * Imports or refreshes the music festivals. Reading and mapping can be cancelled; the writes then
 * happen in one transaction (a second or so), so a cancelled or failed run leaves the catalogue as
 * it was.
 */
export async function importFestivals(
  store: Store,
  venues: VenueRepository,
  job: Pick<Job, 'progress' | 'throwIfCancelled'>,
  path: string = festivalsCsvPath(),
): Promise<FestivalImportResult> {
  job.progress('reading', 0);
  const rows = readFestivals(readFileSync(path, 'utf8'));
  job.throwIfCancelled();

  const skipped: Record<string, number> = {};
  const mapped: MappedFestival[] = [];
  const refs = new Set<string>();
  const shared = sharedIds(rows);
  for (let i = 0; i < rows.length; i++) {
    const result = mapFestival(rows[i]!, shared);
    const reason = typeof result === 'string' ? result : refs.has(result.ref) ? 'repeatedId' : null;
    if (reason) skipped[reason] = (skipped[reason] ?? 0) + 1;
    else if (typeof result !== 'string') {
      refs.add(result.ref);
      mapped.push(result);
    }
    if (i % 500 === 499) {
      job.progress('mapping', (0.4 * i) / rows.length);
      await new Promise((resolve) => setImmediate(resolve));
      job.throwIfCancelled();
    }
  }

  const findByRef = store.db.prepare<[string], { id: string; deleted_at: string | null }>(
    `SELECT id, deleted_at FROM venues WHERE source_kind = 'festivals-fr' AND source_ref = ?
     ORDER BY deleted_at IS NULL DESC LIMIT 1`,
  );
  const result: FestivalImportResult = {
    rows: rows.length,
    music: mapped.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    keptDeleted: 0,
    skipped,
  };
  job.throwIfCancelled();
  store.db.transaction(() => {
    mapped.forEach((festival, i) => {
      if (i % 200 === 0) job.progress('writing', 0.4 + (0.6 * i) / mapped.length);
      const existing = findByRef.get(festival.ref);
      if (!existing) {
        venues.create({ ...festival.fields, notes: festival.notes });
        result.created++;
        return;
      }
      if (existing.deleted_at !== null) {
        result.keptDeleted++;
        return;
      }
      const stored = stripMeta(venues.get(existing.id));
      const next: VenueFields = { ...stored };
      for (const key of OWNED) (next as Record<string, unknown>)[key] = festival.fields[key];
      if (JSON.stringify(next) === JSON.stringify(stored)) result.unchanged++;
      else {
        venues.update(existing.id, next);
        result.updated++;
      }
    });
  })();
  job.progress('done', 1);
  return result;
}

/**
 * How many venues the festivals file would import — its music festivals, one per festival id — read
 * once per file version (path, size, modification time) and remembered: the import dialog says it
 * before the user starts.
 */
const fileCounts = new Map<string, number>();
export function festivalsInFile(path: string = festivalsCsvPath()): number | null {
  try {
    const { size, mtimeMs } = statSync(path);
    const key = `${path}\u0000${size}\u0000${mtimeMs}`;
    let count = fileCounts.get(key);
    if (count === undefined) {
      const rows = readFestivals(readFileSync(path, 'utf8'));
      const shared = sharedIds(rows);
      const refs = new Set<string>();
      for (const row of rows) {
        const mapped = mapFestival(row, shared);
        if (typeof mapped !== 'string') refs.add(mapped.ref);
      }
      count = refs.size;
      fileCounts.set(key, count);
    }
    return count;
  } catch {
    return null;
  }
}

/** The sources block for the app's credits. */
export function dataSources(store: Store): DataSource[] {
  const { n } = store.db
    .prepare(`SELECT count(*) AS n FROM venues WHERE source_kind = 'festivals-fr' AND deleted_at IS NULL`)
    .get() as { n: number };
  return [{ ...FESTIVALS_SOURCE, venueCount: n, fileCount: festivalsInFile() }];
}
