import { statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  VenueInput,
  WEEKDAYS,
  schemaMessages,
  type Contact,
  type Language,
  type Venue,
  type VenueFields,
  type Weekday,
} from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { SURFACE_MATERIALS } from '../../../shared/materials';
import { foldForSearch } from '../../../shared/text';
import {
  MAX_VENUE_CSV_BYTES,
  type CsvImportError,
  type CsvPreviewRow,
  type CsvRowAction,
  type DuplicatePolicy,
  type VenueCsvImportReport,
} from '../../../shared/venue-import';
import type { Store } from '../../store/database';
import type { createVenueRepository } from '../catalogue';
import {
  CsvReader,
  UnterminatedQuoteError,
  countDelimiters,
  csvCell,
  detectDelimiter,
  fileChunks,
  firstLine,
  textChunks,
  type CsvRecord,
  type Delimiter,
  type TextChunks,
} from './csv-reader';

// Venue CSV import and export. One column per Venue field (documented in docs/venue-data.md, French
// headers accepted as aliases), lists separated by "|". The import validates every row (cell parsers
// with messages a booker can act on, then the Venue schema), finds duplicates within the file and
// against the catalogue, and writes all rows in one transaction, or nothing when any row is invalid.

type VenueRepository = ReturnType<typeof createVenueRepository>;
type Lang = Language;

// ---- Messages --------------------------------------------------------------------------------

const fmt = (n: number, lang: Lang) => n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');

const detail = {
  required: { fr: 'obligatoire', en: 'required' },
  notNumber: { fr: "n'est pas un nombre", en: 'is not a number' },
  wholeAtLeast: (min: number) => ({
    fr: `doit être un nombre entier ≥ ${min}`,
    en: `must be a whole number ≥ ${min}`,
  }),
  atLeast: (min: number) => ({ fr: `doit être ≥ ${min}`, en: `must be ≥ ${min}` }),
  atMost: (max: number, lang: Lang) => ({
    fr: `doit être ≤ ${fmt(max, lang)}`,
    en: `must be ≤ ${fmt(max, lang)}`,
  }),
  twoDecimals: { fr: 'au plus 2 décimales', en: 'at most 2 decimals' },
  tooLong: (max: number) => ({ fr: `${max} caractères au plus`, en: `at most ${max} characters` }),
  oneOf: (values: readonly string[]) => ({
    fr: `valeur inconnue ; valeurs possibles : ${values.join(', ')}`,
    en: `unknown value; expected one of: ${values.join(', ')}`,
  }),
  day: { fr: 'jour inconnu (lun, mar, mer… ou mon, tue, wed…)', en: 'unknown day (mon, tue, wed…)' },
  month: {
    fr: 'mois inconnu (1 à 12, janvier…décembre, ou une plage comme 6-9)',
    en: 'unknown month (1 to 12, January…December, or a range such as 6-9)',
  },
  country: {
    fr: 'code pays à deux lettres (FR, BE, CH…)',
    en: 'two-letter country code (FR, BE, CH…)',
  },
  contact: {
    fr: 'contact illisible ; forme attendue : Nom (rôle) <e-mail> téléphone',
    en: 'unreadable contact; expected: Name (role) <e-mail> phone',
  },
  uuid: { fr: "n'est pas un identifiant de salle", en: 'is not a venue id' },
  minOverMax: { fr: 'le minimum dépasse le maximum', en: 'the minimum exceeds the maximum' },
  email: { fr: 'adresse e-mail invalide', en: 'invalid e-mail address' },
} as const;

type Detail = { fr: string; en: string };

function cellMessage(lang: Lang, line: number, column: string, value: string, text: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  if (lang === 'fr')
    return shown === ''
      ? `Ligne ${line} : ${column} : ${text}`
      : `Ligne ${line} : ${column} « ${shown} » : ${text}`;
  return shown === '' ? `Line ${line}: ${column}: ${text}` : `Line ${line}: ${column} "${shown}": ${text}`;
}

function rowMessage(lang: Lang, line: number, text: string): string {
  return lang === 'fr' ? `Ligne ${line} : ${text}` : `Line ${line}: ${text}`;
}

const delimiterName = (d: Delimiter, lang: Lang) =>
  d === '\t' ? (lang === 'fr' ? 'la tabulation' : 'tab') : lang === 'fr' ? `« ${d} »` : `"${d}"`;

// ---- Cell parsers ----------------------------------------------------------------------------

type Parsed = { ok: true; value: unknown } | { ok: false; detail: Detail };
type CellParser = (cell: string, lang: Lang) => Parsed;

const ok = (value: unknown): Parsed => ({ ok: true, value });
const fail = (d: Detail): Parsed => ({ ok: false, detail: d });

/** A slug for header and value matching: folded, non-alphanumerics as "_". */
export function slug(text: string): string {
  return foldForSearch(text)
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** "1 200", "1200", "12,5", "12.5", "-5" → number; null when it is not a plain number. */
function readNumber(cell: string): number | null {
  const compact = cell.replace(/[\s\u00a0\u202f']/g, '');
  const normal = /^-?\d+,\d+$/.test(compact) ? compact.replace(',', '.') : compact;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(normal)) return null;
  return Number(normal);
}

const text =
  (max: number, required = false): CellParser =>
  (cell) => {
    const value = cell.trim();
    if (required && value === '') return fail(detail.required);
    if (value.length > max) return fail(detail.tooLong(max));
    return ok(value);
  };

const integer =
  (min: number, max: number): CellParser =>
  (cell, lang) => {
    if (cell.trim() === '') return ok(null);
    const n = readNumber(cell);
    if (n === null) return fail(detail.notNumber);
    if (!Number.isInteger(n) || n < min) return fail(detail.wholeAtLeast(min));
    if (n > max) return fail(detail.atMost(max, lang));
    return ok(n);
  };

const decimal =
  (min: number, max: number): CellParser =>
  (cell, lang) => {
    if (cell.trim() === '') return ok(null);
    const n = readNumber(cell);
    if (n === null) return fail(detail.notNumber);
    if (n < min) return fail(detail.atLeast(min));
    if (n > max) return fail(detail.atMost(max, lang));
    return ok(n);
  };

const money: CellParser = (cell, lang) => {
  const parsed = decimal(0, 100_000_000)(cell.replace(/[€]|CHF|EUR/gi, ''), lang);
  if (!parsed.ok || parsed.value === null) return parsed;
  const n = parsed.value as number;
  return Math.abs(Math.round(n * 100) - n * 100) > 1e-6 ? fail(detail.twoDecimals) : ok(n);
};

/** One of `values`, or an alias (matched by slug). */
function choice<T extends string>(
  values: readonly T[],
  aliases: Record<string, T>,
  options: { nullable: boolean; fallback?: T },
): CellParser {
  return (cell) => {
    const key = slug(cell);
    if (key === '') return ok(options.nullable ? null : (options.fallback ?? values[0]));
    if ((values as readonly string[]).includes(key)) return ok(key);
    const alias = aliases[key];
    if (alias) return ok(alias);
    return fail(detail.oneOf(values));
  };
}

const KIND_ALIASES: Record<string, string> = {
  salle_de_concert: 'concert_hall',
  salle_de_concerts: 'concert_hall',
  salle_de_spectacle: 'concert_hall',
  concert_hall: 'concert_hall',
  salle: 'concert_hall',
  smac: 'concert_hall',
  theatre: 'theatre',
  theater: 'theatre',
  opera: 'theatre',
  eglise: 'church',
  chapelle: 'church',
  cathedrale: 'church',
  temple: 'church',
  plein_air: 'outdoor',
  exterieur: 'outdoor',
  open_air: 'outdoor',
  zenith: 'arena',
  autre: 'other',
  cafe_concert: 'bar',
  cafe: 'bar',
  boite: 'club',
};

const TREATMENT_ALIASES: Record<string, string> = {
  inconnu: 'unknown',
  non_traite: 'untreated',
  non_traitee: 'untreated',
  aucun: 'untreated',
  partiel: 'partial',
  partielle: 'partial',
  traite: 'treated',
  traitee: 'treated',
};

const MATERIAL_ALIASES: Record<string, string> = {
  beton: 'concrete',
  brique: 'brick',
  briques: 'brick',
  pierre: 'brick',
  platre: 'plaster',
  enduit: 'plaster',
  placo: 'plaster',
  lambris: 'wood_panel',
  bois: 'wood_panel',
  panneaux_bois: 'wood_panel',
  parquet: 'wood_floor',
  plancher: 'wood_floor',
  verre: 'glass',
  vitre: 'glass',
  baie_vitree: 'glass',
  moquette: 'carpet',
  tapis: 'carpet',
  rideau: 'heavy_curtain',
  rideaux: 'heavy_curtain',
  rideau_lourd: 'heavy_curtain',
  velours: 'heavy_curtain',
  panneaux_acoustiques: 'acoustic_panel',
  panneau_acoustique: 'acoustic_panel',
  absorbant: 'acoustic_panel',
  fauteuils: 'upholstered_seats',
  sieges: 'upholstered_seats',
  sieges_rembourres: 'upholstered_seats',
  public_debout: 'audience_standing',
  public: 'audience_standing',
};

const COUNTRY_NAMES: Record<string, string> = {
  france: 'FR',
  belgique: 'BE',
  belgium: 'BE',
  belgie: 'BE',
  suisse: 'CH',
  switzerland: 'CH',
  schweiz: 'CH',
  svizzera: 'CH',
  luxembourg: 'LU',
};

const country: CellParser = (cell) => {
  const value = cell.trim();
  if (value === '') return ok('');
  const named = COUNTRY_NAMES[slug(value)];
  if (named) return ok(named);
  return /^[a-z]{2}$/i.test(value) ? ok(value.toUpperCase()) : fail(detail.country);
};

const currency: CellParser = (cell) => {
  const key = slug(cell);
  if (key === '' || key === 'eur' || key === 'euro' || key === 'euros' || cell.trim() === '€')
    return ok('EUR');
  if (key === 'chf' || key === 'fr' || key === 'franc' || key === 'francs') return ok('CHF');
  return fail(detail.oneOf(['EUR', 'CHF']));
};

const DAY_ALIASES: Record<string, Weekday> = {};
(
  [
    ['mon', ['lun', 'lundi', 'monday', 'mo', 'lu']],
    ['tue', ['mar', 'mardi', 'tuesday', 'tu', 'ma']],
    ['wed', ['mer', 'mercredi', 'wednesday', 'we', 'me']],
    ['thu', ['jeu', 'jeudi', 'thursday', 'th', 'je']],
    ['fri', ['ven', 'vendredi', 'friday', 'fr', 've']],
    ['sat', ['sam', 'samedi', 'saturday', 'sa']],
    ['sun', ['dim', 'dimanche', 'sunday', 'su', 'di']],
  ] as const
).forEach(([id, names]) => {
  DAY_ALIASES[id] = id;
  for (const n of names) DAY_ALIASES[n] = id;
});

const MONTH_NAMES: ReadonlyArray<readonly string[]> = [
  ['janvier', 'janv', 'jan', 'january'],
  ['fevrier', 'fevr', 'fev', 'feb', 'february'],
  ['mars', 'mar', 'march'],
  ['avril', 'avr', 'apr', 'april'],
  ['mai', 'may'],
  ['juin', 'jun', 'june'],
  ['juillet', 'juil', 'jul', 'july'],
  ['aout', 'aug', 'august'],
  ['septembre', 'sept', 'sep', 'september'],
  ['octobre', 'oct', 'october'],
  ['novembre', 'nov', 'november'],
  ['decembre', 'dec', 'december'],
];

export function monthNumber(word: string): number | null {
  const key = slug(word);
  if (/^\d{1,2}$/.test(key)) {
    const n = Number(key);
    return n >= 1 && n <= 12 ? n : null;
  }
  const index = MONTH_NAMES.findIndex((names) => names.includes(key));
  return index >= 0 ? index + 1 : null;
}

const listItems = (cell: string) =>
  cell
    .split(/[|,;/]|\s+(?:et|and|&)\s+|\s+/)
    .map((s) => s.trim())
    .filter(Boolean);

const days: CellParser = (cell) => {
  const found = new Set<Weekday>();
  for (const item of listItems(cell)) {
    const day = DAY_ALIASES[slug(item)];
    if (!day) return fail(detail.day);
    found.add(day);
  }
  return ok(WEEKDAYS.filter((d) => found.has(d)));
};

const months: CellParser = (cell) => {
  const found = new Set<number>();
  // Ranges first ("6-9", "juin-septembre", wrapping "11-2"), then single months.
  const items = cell
    .replace(/\s*[-–]\s*/g, '-')
    .split(/[|,;/]|\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    const range = /^([^-–]+)[-–]([^-–]+)$/.exec(item);
    if (range) {
      const from = monthNumber(range[1]!);
      const to = monthNumber(range[2]!);
      if (from === null || to === null) return fail(detail.month);
      for (let m = from; ; m = (m % 12) + 1) {
        found.add(m);
        if (m === to) break;
      }
      continue;
    }
    const m = monthNumber(item);
    if (m === null) return fail(detail.month);
    found.add(m);
  }
  return ok([...found].sort((a, b) => a - b));
};

const genres: CellParser = (cell) => {
  const items = cell
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.some((g) => g.length > 60)) return fail(detail.tooLong(60));
  return ok([...new Set(items)]);
};

// Name (role) <email> phone: the phone starts with "+" or a digit.
const CONTACT = /^([^(<]+?)\s*(?:\(([^)]*)\))?\s*(?:<([^>]*)>)?\s*(\+?\d[\d\s./-]*)?$/;

/** "Name (role) <email> phone" entries separated by "|". */
const contacts: CellParser = (cell) => {
  const out: Contact[] = [];
  for (const entry of cell
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = CONTACT.exec(entry);
    if (!m || !m[1]) return fail(detail.contact);
    out.push({ name: m[1], role: m[2]?.trim() ?? '', email: m[3]?.trim() ?? '', phone: m[4]?.trim() ?? '' });
  }
  return ok(out);
};

const formatContact = (c: Contact) =>
  [c.name, c.role ? `(${c.role})` : '', c.email ? `<${c.email}>` : '', c.phone].filter(Boolean).join(' ');

const uuid: CellParser = (cell) => {
  const value = cell.trim().toLowerCase();
  if (value === '') return ok(null);
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)
    ? ok(value)
    : fail(detail.uuid);
};

// ---- Columns ---------------------------------------------------------------------------------

const num = (n: number | null) => (n === null ? '' : String(n));

interface ColumnSpec {
  /** The documented (English) header. */
  en: string;
  /** The French header (export with French headers; accepted on import). */
  fr: string;
  /** Other accepted headers (as slugs). */
  aliases?: string[];
  /** Where the value goes in a VenueInput; [] for the id, which only matches existing venues. */
  path: readonly string[];
  parse: CellParser;
  format(v: Venue, decimalComma: boolean): string;
}

const decimalText = (n: number | null, comma: boolean) => {
  const s = num(n);
  return comma ? s.replace('.', ',') : s;
};

/** Every column, in export order. Docs: docs/venue-data.md (keep them in step). */
export const VENUE_CSV_COLUMNS: readonly ColumnSpec[] = [
  { en: 'id', fr: 'id', path: [], parse: uuid, format: (v) => v.id },
  {
    en: 'name',
    fr: 'nom',
    aliases: ['venue', 'salle', 'lieu', 'nom_de_la_salle', 'nom_du_lieu'],
    path: ['name'],
    parse: text(200, true),
    format: (v) => v.name,
  },
  {
    en: 'kind',
    fr: 'type',
    aliases: ['type_de_lieu', 'categorie'],
    path: ['kind'],
    parse: choice(
      ['club', 'concert_hall', 'theatre', 'festival', 'bar', 'church', 'outdoor', 'arena', 'other'] as const,
      KIND_ALIASES as Record<string, 'other'>,
      { nullable: false, fallback: 'other' },
    ),
    format: (v) => v.kind,
  },
  { en: 'address', fr: 'adresse', path: ['address'], parse: text(300), format: (v) => v.address },
  {
    en: 'postal_code',
    fr: 'code_postal',
    aliases: ['cp', 'zip', 'postcode', 'npa', 'code_postal'],
    path: ['postalCode'],
    parse: text(20),
    format: (v) => v.postalCode,
  },
  {
    en: 'city',
    fr: 'ville',
    aliases: ['commune', 'localite', 'town'],
    path: ['city'],
    parse: text(120),
    format: (v) => v.city,
  },
  {
    en: 'region',
    fr: 'region',
    aliases: ['canton', 'province'],
    path: ['region'],
    parse: text(120),
    format: (v) => v.region,
  },
  { en: 'country', fr: 'pays', path: ['country'], parse: country, format: (v) => v.country },
  {
    en: 'latitude',
    fr: 'latitude',
    aliases: ['lat'],
    path: ['latitude'],
    parse: decimal(-90, 90),
    format: (v, c) => decimalText(v.latitude, c),
  },
  {
    en: 'longitude',
    fr: 'longitude',
    aliases: ['lon', 'lng'],
    path: ['longitude'],
    parse: decimal(-180, 180),
    format: (v, c) => decimalText(v.longitude, c),
  },
  {
    en: 'capacity_standing',
    fr: 'capacite_debout',
    aliases: ['jauge_debout', 'capacity', 'capacite', 'jauge'],
    path: ['capacityStanding'],
    parse: integer(0, 200_000),
    format: (v) => num(v.capacityStanding),
  },
  {
    en: 'capacity_seated',
    fr: 'capacite_assise',
    aliases: ['jauge_assise', 'places_assises'],
    path: ['capacitySeated'],
    parse: integer(0, 200_000),
    format: (v) => num(v.capacitySeated),
  },
  ...(
    [
      ['room', 'salle'],
      ['stage', 'scene'],
    ] as const
  ).flatMap(([part, frPart]) =>
    (
      [
        ['length', 'longueur', 'lengthM'],
        ['width', 'largeur', 'widthM'],
        ['height', 'hauteur', 'heightM'],
      ] as const
    ).map(([dim, frDim, key]): ColumnSpec => ({
      en: `${part}_${dim}_m`,
      fr: `${frPart}_${frDim}_m`,
      aliases: [`${part}_${dim}`, `${frDim}_${frPart}_m`, `${frDim}_${frPart}`],
      path: [part, key],
      parse: decimal(0, 10_000),
      format: (v, c) => decimalText(v[part][key], c),
    })),
  ),
  {
    en: 'rt60_s',
    fr: 'rt60_s',
    aliases: ['rt60', 'rt60_sec', 'temps_de_reverberation'],
    path: ['acoustics', 'rt60Sec'],
    parse: decimal(0, 20),
    format: (v, c) => decimalText(v.acoustics.rt60Sec, c),
  },
  {
    en: 'treatment',
    fr: 'traitement_acoustique',
    aliases: ['traitement'],
    path: ['acoustics', 'treatment'],
    parse: choice(
      ['unknown', 'untreated', 'partial', 'treated'] as const,
      TREATMENT_ALIASES as Record<string, 'unknown'>,
      { nullable: false, fallback: 'unknown' },
    ),
    format: (v) => v.acoustics.treatment,
  },
  ...(
    [
      ['floor', 'sol', 'floor'],
      ['wall', 'murs', 'walls'],
      ['ceiling', 'plafond', 'ceiling'],
    ] as const
  ).map(([en, fr, key]): ColumnSpec => ({
    en: `${en}_material`,
    fr: `materiau_${fr}`,
    aliases: [fr, `${en}s_material`],
    path: ['acoustics', 'surfaces', key],
    parse: choice(SURFACE_MATERIALS, MATERIAL_ALIASES as Record<string, 'concrete'>, { nullable: true }),
    format: (v) => v.acoustics.surfaces[key] ?? '',
  })),
  {
    en: 'acoustic_notes',
    fr: 'notes_acoustiques',
    path: ['acoustics', 'notes'],
    parse: text(2000),
    format: (v) => v.acoustics.notes,
  },
  {
    en: 'pa_system',
    fr: 'sonorisation',
    aliases: ['sono', 'systeme_de_diffusion', 'diffusion', 'pa'],
    path: ['paSystem'],
    parse: text(2000),
    format: (v) => v.paSystem,
  },
  {
    en: 'pa_power_w',
    fr: 'puissance_sono_w',
    aliases: ['puissance_w', 'pa_power', 'puissance_sono'],
    path: ['paPowerW'],
    parse: decimal(0, 2_000_000),
    format: (v, c) => decimalText(v.paPowerW, c),
  },
  { en: 'backline', fr: 'backline', path: ['backline'], parse: text(2000), format: (v) => v.backline },
  {
    en: 'genres',
    fr: 'genres',
    aliases: ['styles', 'genre', 'style'],
    path: ['genres'],
    parse: genres,
    format: (v) => v.genres.join('|'),
  },
  {
    en: 'days_open',
    fr: 'jours',
    aliases: ['jours_ouverts', 'jours_de_concert', 'days', 'jours_d_ouverture'],
    path: ['daysOpen'],
    parse: days,
    format: (v) => v.daysOpen.join('|'),
  },
  {
    en: 'months',
    fr: 'mois',
    aliases: ['saison', 'season'],
    path: ['months'],
    parse: months,
    format: (v) => v.months.join('|'),
  },
  {
    en: 'website',
    fr: 'site_web',
    aliases: ['site', 'site_internet', 'url', 'web'],
    path: ['website'],
    parse: text(500),
    format: (v) => v.website,
  },
  {
    en: 'currency',
    fr: 'devise',
    aliases: ['monnaie'],
    path: ['currency'],
    parse: currency,
    format: (v) => v.currency,
  },
  {
    en: 'ticket_price_min',
    fr: 'prix_billet_min',
    aliases: ['prix_min'],
    path: ['ticketPrice', 'min'],
    parse: money,
    format: (v, c) => decimalText(v.ticketPrice.min, c),
  },
  {
    en: 'ticket_price_max',
    fr: 'prix_billet_max',
    aliases: ['prix_max'],
    path: ['ticketPrice', 'max'],
    parse: money,
    format: (v, c) => decimalText(v.ticketPrice.max, c),
  },
  {
    en: 'budget_min',
    fr: 'budget_min',
    path: ['budget', 'min'],
    parse: money,
    format: (v, c) => decimalText(v.budget.min, c),
  },
  {
    en: 'budget_max',
    fr: 'budget_max',
    path: ['budget', 'max'],
    parse: money,
    format: (v, c) => decimalText(v.budget.max, c),
  },
  {
    en: 'contacts',
    fr: 'contacts',
    aliases: ['contact'],
    path: ['contacts'],
    parse: contacts,
    format: (v) => v.contacts.map(formatContact).join(' | '),
  },
  {
    en: 'notes',
    fr: 'notes',
    aliases: ['remarques'],
    path: ['notes'],
    parse: text(20_000),
    format: (v) => v.notes,
  },
  {
    en: 'source',
    fr: 'source',
    path: ['source', 'kind'],
    parse: choice(
      ['user', 'csv', 'festivals-fr'] as const,
      { festivals_fr: 'festivals-fr' },
      { nullable: true },
    ),
    format: (v) => v.source.kind,
  },
  {
    en: 'source_ref',
    fr: 'reference_source',
    aliases: ['ref_source'],
    path: ['source', 'ref'],
    parse: text(200),
    format: (v) => v.source.ref,
  },
];

/** Header slug → column. */
const HEADER_INDEX = (() => {
  const index = new Map<string, ColumnSpec>();
  for (const column of VENUE_CSV_COLUMNS)
    for (const name of [column.en, column.fr, ...(column.aliases ?? [])]) {
      const key = slug(name);
      const taken = index.get(key);
      if (taken && taken !== column) throw new Error(`CSV header alias "${key}" names two columns`);
      index.set(key, column);
    }
  return index;
})();

export const REQUIRED_CSV_COLUMNS = ['name', 'city'] as const;

// ---- Import ----------------------------------------------------------------------------------

const MAX_LISTED = 1000;

export interface CsvImportOptions {
  dryRun: boolean;
  onDuplicate: DuplicatePolicy;
  delimiter?: Delimiter | undefined;
  language: Lang;
  previewRows: number;
}

export type CsvSource = { path: string } | { text: string; fileName?: string | undefined };

/** Name + city + country, folded: two rows with the same key are the same venue. */
export function venueKey(v: { name: string; city: string; country: string }): string {
  const fold = (s: string) => foldForSearch(s).replace(/\s+/g, ' ').trim();
  return `${fold(v.name)}|${fold(v.city)}|${v.country.trim().toUpperCase()}`;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}

/** `base` with `patch`'s values laid over it (objects merged key by key, arrays replaced). */
function overlay(base: unknown, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? overlay(current, value as Record<string, unknown>)
        : value;
  }
  return out;
}

const stripMeta = (v: Venue): VenueFields => {
  const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = v;
  return fields;
};

/** Rolls the write transaction back when a row turned out invalid. */
class RollBack extends Error {}

function openSource(source: CsvSource, lang: Lang): { chunks: TextChunks; fileName: string } {
  if ('text' in source) return { chunks: textChunks(source.text), fileName: source.fileName ?? '' };
  let size: number;
  try {
    const stat = statSync(source.path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new AppError(
      'NOT_FOUND',
      lang === 'fr' ? `Fichier introuvable : ${source.path}` : `File not found: ${source.path}`,
    );
  }
  if (size > MAX_VENUE_CSV_BYTES) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      lang === 'fr'
        ? `Le fichier fait ${mb(size).replace('.', ',')} Mo ; la limite est de 50 Mo. Coupez-le en plusieurs fichiers.`
        : `The file is ${mb(size)} MB; the limit is 50 MB. Split it into several files.`,
    );
  }
  return { chunks: fileChunks(source.path), fileName: basename(source.path) };
}

/**
 * Reads, validates and (unless dryRun) writes a venue CSV. Synchronous by design: the write happens
 * in one SQLite transaction, rolled back when any row is invalid, so the file imports whole or not at
 * all. File-level problems (unreadable, too large, wrong separator, missing columns) throw AppError.
 */
export function importVenuesCsv(
  store: Store,
  venues: VenueRepository,
  source: CsvSource,
  options: CsvImportOptions,
): VenueCsvImportReport {
  const lang = options.language;
  const { chunks, fileName } = openSource(source, lang);
  const header = firstLine(chunks.first);
  if (header.trim() === '')
    throw new AppError('VALIDATION', lang === 'fr' ? 'Le fichier est vide.' : 'The file is empty.');
  const delimiter = chooseDelimiter(header, options.delimiter, lang);

  // Catalogue lookups, loaded once: live venues by id and by name + city + country.
  const byKey = new Map<string, string>();
  const liveIds = new Set<string>();
  for (const row of store.db
    .prepare('SELECT id, name, city, country FROM venues WHERE deleted_at IS NULL')
    .all() as Array<{ id: string; name: string; city: string; country: string }>) {
    liveIds.add(row.id);
    byKey.set(venueKey(row), row.id);
  }

  const report: VenueCsvImportReport = {
    dryRun: options.dryRun,
    written: false,
    delimiter,
    encoding: chunks.encoding,
    columns: [],
    ignoredColumns: [],
    rows: 0,
    counts: { new: 0, updated: 0, duplicate: 0, invalid: 0 },
    preview: [],
    errors: [],
    errorCount: 0,
    duplicates: [],
  };
  const addError = (error: CsvImportError) => {
    report.errorCount++;
    if (report.errors.length < MAX_LISTED) report.errors.push(error);
  };

  let columns: Array<ColumnSpec | null> | null = null;
  let headerNames: string[] = [];
  const seen = new Map<string, number>(); // key → first line in this file
  const defaultSource = { kind: 'csv' as const, ref: fileName.slice(0, 200) };

  const handleHeader = (record: CsvRecord) => {
    const cells = record.fields.map((f) => f.trim());
    headerNames = cells;
    columns = cells.map((cell) => HEADER_INDEX.get(slug(cell)) ?? null);
    const found = new Set<ColumnSpec>();
    columns.forEach((column, i) => {
      if (!column) {
        if (cells[i] !== '') report.ignoredColumns.push(cells[i]!);
        return;
      }
      if (found.has(column)) {
        throw new AppError(
          'VALIDATION',
          lang === 'fr'
            ? `La colonne « ${cells[i]} » apparaît deux fois (${column.en}).`
            : `Column "${cells[i]}" appears twice (${column.en}).`,
        );
      }
      found.add(column);
      report.columns.push(cells[i]!);
    });
    const missing = REQUIRED_CSV_COLUMNS.filter((en) => ![...found].some((c) => c.en === en));
    if (missing.length > 0) {
      const names = missing.map((en) => {
        const c = VENUE_CSV_COLUMNS.find((col) => col.en === en)!;
        return lang === 'fr' ? `${c.en} (ou ${c.fr})` : `${c.en} (or ${c.fr})`;
      });
      const seenHeaders = cells.filter(Boolean).slice(0, 12).join(', ');
      throw new AppError(
        'VALIDATION',
        lang === 'fr'
          ? `Colonnes obligatoires absentes : ${names.join(', ')}. En-tête lu : ${seenHeaders}.`
          : `Required columns missing: ${names.join(', ')}. Header read: ${seenHeaders}.`,
      );
    }
  };

  const handleRow = (record: CsvRecord, write: boolean) => {
    const cols = columns!;
    report.rows++;
    const line = record.line;
    const preview = (
      action: CsvRowAction,
      venue: VenueFields | null,
      existingId: string | null,
      dupOf: number | null,
    ) => {
      if (report.preview.length < options.previewRows)
        report.preview.push({
          line,
          action,
          venue,
          existingId,
          duplicateOfLine: dupOf,
        } satisfies CsvPreviewRow);
    };
    if (record.fields.length !== cols.length) {
      report.counts.invalid++;
      const one = record.fields.length === 1;
      addError({
        line,
        column: '',
        value: '',
        message: rowMessage(
          lang,
          line,
          lang === 'fr'
            ? `${record.fields.length} colonne${one ? '' : 's'} au lieu de ${cols.length} (l'en-tête utilise ${delimiterName(delimiter, lang)}) — un séparateur différent, ou des guillemets non fermés ?`
            : `${record.fields.length} column${one ? '' : 's'} instead of ${cols.length} (the header uses ${delimiterName(delimiter, lang)}) — a different separator, or unclosed quotes?`,
        ),
      });
      preview('invalid', null, null, null);
      return;
    }

    const raw: Record<string, unknown> = {};
    let id: string | null = null;
    let rowErrors = 0;
    const columnOf = new Map<string, { header: string; value: string }>();
    for (let i = 0; i < cols.length; i++) {
      const column = cols[i];
      if (!column) continue;
      const cell = record.fields[i]!;
      const headerName = headerNames[i]!;
      const parsed = column.parse(cell, lang);
      if (!parsed.ok) {
        rowErrors++;
        addError({
          line,
          column: headerName,
          value: cell,
          message: cellMessage(lang, line, headerName, cell.trim(), parsed.detail[lang]),
        });
        continue;
      }
      // An empty source cell leaves the provenance to the import (csv + file name) or the stored one.
      if (column.path.length === 0) id = parsed.value as string | null;
      else if (parsed.value !== null || column.path[0] !== 'source') setPath(raw, column.path, parsed.value);
      columnOf.set(column.path.join('.'), { header: headerName, value: cell.trim() });
    }
    if (rowErrors === 0) {
      const checked = VenueInput.safeParse(raw);
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          rowErrors++;
          const path = issue.path.map(String);
          // The column whose field holds the issue (the longest matching path).
          let where: { header: string; value: string } | undefined;
          for (let n = path.length; n > 0 && !where; n--) where = columnOf.get(path.slice(0, n).join('.'));
          const message =
            issue.message === schemaMessages.minOverMax
              ? detail.minOverMax[lang]
              : issue.message === schemaMessages.nameRequired
                ? detail.required[lang]
                : path.includes('email')
                  ? detail.email[lang]
                  : issue.message;
          addError({
            line,
            column: where?.header ?? '',
            value: where?.value ?? '',
            message: where
              ? cellMessage(lang, line, where.header, where.value, message)
              : rowMessage(lang, line, message),
          });
        }
      }
    }
    if (rowErrors > 0) {
      report.counts.invalid++;
      preview('invalid', null, null, null);
      return;
    }

    const fields = VenueInput.parse(raw);
    const key = venueKey(fields);
    const firstLineOfKey = seen.get(key);
    const existingId = (id !== null && liveIds.has(id) ? id : null) ?? byKey.get(key) ?? null;
    const reportDuplicate = (dupOf: number | null) => {
      report.counts.duplicate++;
      if (report.duplicates.length < MAX_LISTED)
        report.duplicates.push({ line, name: fields.name, existingId, duplicateOfLine: dupOf });
      preview('duplicate', null, existingId, dupOf);
    };
    if (firstLineOfKey !== undefined) return reportDuplicate(firstLineOfKey);
    seen.set(key, line);

    if (existingId !== null) {
      if (options.onDuplicate === 'skip') return reportDuplicate(null);
      const merged = VenueInput.safeParse(overlay(stripMeta(venues.get(existingId)), raw));
      if (!merged.success) {
        report.counts.invalid++;
        const issue = merged.error.issues[0]!;
        addError({
          line,
          column: '',
          value: '',
          message: rowMessage(
            lang,
            line,
            `${issue.path.join('.')}: ${issue.message === schemaMessages.minOverMax ? detail.minOverMax[lang] : issue.message}`,
          ),
        });
        preview('invalid', null, existingId, null);
        return;
      }
      report.counts.updated++;
      preview('update', merged.data, existingId, null);
      if (write) venues.update(existingId, merged.data);
      return;
    }
    const created = raw.source === undefined ? { ...fields, source: defaultSource } : fields;
    report.counts.new++;
    preview('new', created, null, null);
    if (write) venues.create(created);
  };

  const run = (write: boolean) => {
    const reader = new CsvReader(delimiter);
    const emit = (record: CsvRecord) => {
      if (columns === null) handleHeader(record);
      else handleRow(record, write && report.errorCount === 0);
    };
    try {
      reader.push(chunks.first, emit);
      for (const chunk of chunks.rest()) reader.push(chunk, emit);
      reader.end(emit);
    } catch (error) {
      if (error instanceof UnterminatedQuoteError) {
        report.counts.invalid++;
        addError({
          line: error.line,
          column: '',
          value: '',
          message: rowMessage(
            lang,
            error.line,
            lang === 'fr'
              ? 'des guillemets ouverts ici ne sont jamais fermés : la fin du fichier est lue comme un seul champ'
              : 'quotes opened here are never closed: the rest of the file reads as one field',
          ),
        });
      } else throw error;
    }
    if (columns === null)
      throw new AppError('VALIDATION', lang === 'fr' ? 'Le fichier est vide.' : 'The file is empty.');
  };

  if (options.dryRun) {
    run(false);
    return report;
  }
  try {
    store.db.transaction(() => {
      run(true);
      if (report.errorCount > 0) throw new RollBack();
    })();
    report.written = true;
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return report;
}

function chooseDelimiter(header: string, forced: Delimiter | undefined, lang: Lang): Delimiter {
  const detected = detectDelimiter(header);
  const shownHeader = header.length > 80 ? `${header.slice(0, 77)}…` : header;
  if (forced) {
    const counts = countDelimiters(header);
    if (counts[forced] === 0 && detected !== null) {
      throw new AppError(
        'VALIDATION',
        lang === 'fr'
          ? `Le fichier utilise ${delimiterName(detected, lang)} comme séparateur, mais ${delimiterName(forced, lang)} a été demandé. En-tête lu : ${shownHeader}`
          : `The file uses ${delimiterName(detected, lang)} as separator, but ${delimiterName(forced, lang)} was asked for. Header read: ${shownHeader}`,
      );
    }
    return forced;
  }
  if (detected === null) {
    throw new AppError(
      'VALIDATION',
      lang === 'fr'
        ? `Une seule colonne trouvée — le séparateur est-il le bon ? Attendu : point-virgule, virgule ou tabulation. En-tête lu : ${shownHeader}`
        : `Only one column found — is the separator right? Expected: semicolon, comma or tab. Header read: ${shownHeader}`,
    );
  }
  return detected;
}

// ---- Export ----------------------------------------------------------------------------------

/**
 * The catalogue as CSV: every column, English or French headers, numbers with a decimal comma when
 * the headers are French (what a French spreadsheet expects). Re-importable as it is.
 */
export function venuesToCsv(
  list: Iterable<Venue>,
  options: { delimiter: Delimiter; headers: Lang },
): { csv: string; rows: number } {
  const comma = options.headers === 'fr';
  const lines = [
    VENUE_CSV_COLUMNS.map((c) => (options.headers === 'fr' ? c.fr : c.en)).join(options.delimiter),
  ];
  let rows = 0;
  for (const venue of list) {
    lines.push(
      VENUE_CSV_COLUMNS.map((c) => csvCell(c.format(venue, comma), options.delimiter)).join(
        options.delimiter,
      ),
    );
    rows++;
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows };
}

/** Every live venue, page by page (the catalogue may be large). */
export function* allVenues(venues: VenueRepository): Generator<Venue> {
  const limit = 1000;
  for (let offset = 0; ; offset += limit) {
    const page = venues.list({ query: '', limit, offset });
    yield* page.items;
    if (page.items.length < limit) return;
  }
}
