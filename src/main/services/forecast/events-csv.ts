import { readFile, stat } from 'node:fs/promises';
import { parse as createParser } from 'csv-parse';
import { AppError } from '../../../shared/errors';
import { DEAL_TYPES, MAX_CAPACITY, type DealType } from '../../../shared/deals';
import {
  EVENT_CSV_COLUMNS,
  EventFields,
  MAX_EVENTS_CSV_BYTES,
  REQUIRED_EVENT_CSV_COLUMNS,
  type Bilingual,
  type CsvLineError,
  type Event,
  type EventDuplicateRow,
  type EventPreviewRow,
  type EventStatus,
  type EventsImportResult,
} from '../../../shared/forecast';
import { ArtistInput, VenueInput } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import { foldForSearch } from '../../../shared/text';
import type { Store } from '../../store/database';
import { createArtistRepository, createVenueRepository } from '../catalogue';
import { INSERT_EVENT_SQL, eventInsertValues } from './history';

// Events CSV import and export (columns: EVENT_CSV_COLUMNS, documented in docs/forecast.md).
// The import reads the whole file, checks every row and reports every problem with its line, column,
// value and a message in French and English; it writes only when no row has a problem, in one
// transaction (a bad row never half-imports). Delimiter: comma, semicolon (French spreadsheets) or tab,
// read from the header. Decimal comma accepted ("12,50"), as are "1 200", "12 €", DD/MM/YYYY dates.
// Files that are not UTF-8 are read as Windows-1252 (Excel's default in France).

const MAX_REPORTED_ERRORS = 500;
const PREVIEW_ROWS = 50;

/** Header aliases (folded: lower case, no accents, spaces and dashes as underscores) → column. */
const HEADER_ALIASES: Record<string, (typeof EVENT_CSV_COLUMNS)[number]> = {
  date: 'date',
  date_concert: 'date',
  artist: 'artist',
  artiste: 'artist',
  venue: 'venue',
  salle: 'venue',
  lieu: 'venue',
  venue_city: 'venue_city',
  ville: 'venue_city',
  city: 'venue_city',
  venue_country: 'venue_country',
  pays: 'venue_country',
  country: 'venue_country',
  status: 'status',
  statut: 'status',
  capacity: 'capacity',
  jauge: 'capacity',
  capacite: 'capacity',
  tickets_sold: 'tickets_sold',
  billets_vendus: 'tickets_sold',
  entrees: 'tickets_sold',
  entrees_payantes: 'tickets_sold',
  ticket_price: 'ticket_price',
  prix: 'ticket_price',
  prix_billet: 'ticket_price',
  prix_du_billet: 'ticket_price',
  currency: 'currency',
  devise: 'currency',
  fee: 'fee',
  cachet: 'fee',
  announced_on: 'announced_on',
  date_annonce: 'announced_on',
  date_reservation: 'announced_on',
  booked_on: 'announced_on',
  promotion_spend: 'promotion_spend',
  budget_promo: 'promotion_spend',
  promotion: 'promotion_spend',
  deal_type: 'deal_type',
  type_contrat: 'deal_type',
  type_de_contrat: 'deal_type',
  notes: 'notes',
  remarques: 'notes',
};

const STATUS_WORDS: Record<string, EventStatus> = {
  played: 'played',
  joue: 'played',
  realise: 'played',
  confirmed: 'confirmed',
  confirme: 'confirmed',
  planned: 'planned',
  prevu: 'planned',
  option: 'planned',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  annule: 'cancelled',
};

const DEAL_WORDS: Record<string, DealType> = {
  ...Object.fromEntries(DEAL_TYPES.map((t) => [t.toLowerCase(), t])),
  cession: 'flat',
  contrat_de_cession: 'flat',
  flat: 'flat',
  coproduction: 'doorSplit',
  corealisation: 'doorSplit',
  door_split: 'doorSplit',
  door: 'doorSplit',
  versus: 'versus',
  vs: 'versus',
  guarantee_plus: 'guaranteePlus',
  garantie_plus: 'guaranteePlus',
};

const foldHeader = (h: string) =>
  foldForSearch(h)
    .trim()
    .replace(/[\s\-.']+/g, '_')
    .replace(/^_+|_+$/g, '');

const msg = (fr: string, en: string): Bilingual => ({ fr, en });

type Column = (typeof EVENT_CSV_COLUMNS)[number];

function detectDelimiter(text: string): ',' | ';' | '\t' | null {
  const end = text.search(/\r?\n/);
  const header = end < 0 ? text : text.slice(0, end);
  const unquoted = header.replace(/"[^"]*"/g, '');
  const counts = ([',', ';', '\t'] as const).map((d) => [d, unquoted.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : null;
}

/** "1 200,50 €" → 1200.5; null for empty; an error message for anything that is not an amount. */
function parseAmount(raw: string): number | null | Bilingual {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/(€|eur|chf|fr\.?|sfr\.?)$/i, '');
  if (s === '') return null;
  if (s.startsWith('-')) return msg('un montant ne peut pas être négatif', 'an amount cannot be negative');
  if (s.includes(',') && s.includes('.')) {
    // The last separator is the decimal one: "1.200,50" or "1,200.50".
    s =
      s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (s.includes(',')) {
    s = s.replace(',', '.');
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return msg('ce n’est pas un montant', 'not an amount');
  const value = Number(s);
  if (value > 100_000_000) return msg('montant supérieur à 100 000 000', 'amount over 100,000,000');
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6)
    return msg('au plus 2 décimales (centimes)', 'at most 2 decimals (cents)');
  return value;
}

/** A whole number of tickets, or an error message. */
function parseCount(raw: string): number | null | Bilingual {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return null;
  if (/^-\d+$/.test(s)) return msg('ne peut pas être négatif', 'cannot be negative');
  if (/^\d+[.,]\d+$/.test(s)) return msg('doit être un nombre entier', 'must be a whole number');
  if (!/^\d+$/.test(s)) return msg('ce n’est pas un nombre entier', 'not a whole number');
  const value = Number(s);
  if (value > MAX_CAPACITY) return msg(`supérieur à ${MAX_CAPACITY}`, `over ${MAX_CAPACITY}`);
  return value;
}

/** YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY → ISO, or an error message. */
function parseDate(raw: string): string | null | Bilingual {
  const s = raw.trim();
  if (s === '') return null;
  let iso: string | null = null;
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const frMatch = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (isoMatch) iso = `${isoMatch[1]}-${isoMatch[2]!.padStart(2, '0')}-${isoMatch[3]!.padStart(2, '0')}`;
  else if (frMatch) iso = `${frMatch[3]}-${frMatch[2]!.padStart(2, '0')}-${frMatch[1]!.padStart(2, '0')}`;
  if (!iso)
    return msg(
      'date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA',
      'a date is written YYYY-MM-DD or DD/MM/YYYY',
    );
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso)
    return msg('cette date n’existe pas', 'this date does not exist');
  return iso;
}

const isMessage = (v: unknown): v is Bilingual => typeof v === 'object' && v !== null && 'fr' in v;

interface Catalogue {
  artistsByName: Map<string, string[]>;
  artistIds: Set<string>;
  venuesByName: Map<string, { id: string; city: string; currency: 'EUR' | 'CHF' }[]>;
  venueById: Map<string, { id: string; city: string; currency: 'EUR' | 'CHF' }>;
}

function loadCatalogue(store: Store): Catalogue {
  const artistsByName = new Map<string, string[]>();
  const artistIds = new Set<string>();
  for (const a of store.db.prepare('SELECT id, name FROM artists WHERE deleted_at IS NULL').all() as {
    id: string;
    name: string;
  }[]) {
    artistIds.add(a.id);
    const key = foldForSearch(a.name).trim();
    artistsByName.set(key, [...(artistsByName.get(key) ?? []), a.id]);
  }
  const venuesByName = new Map<string, { id: string; city: string; currency: 'EUR' | 'CHF' }[]>();
  const venueById = new Map<string, { id: string; city: string; currency: 'EUR' | 'CHF' }>();
  for (const v of store.db
    .prepare('SELECT id, name, city, currency FROM venues WHERE deleted_at IS NULL')
    .all() as {
    id: string;
    name: string;
    city: string;
    currency: 'EUR' | 'CHF';
  }[]) {
    const entry = { id: v.id, city: foldForSearch(v.city).trim(), currency: v.currency };
    venueById.set(v.id, entry);
    const key = foldForSearch(v.name).trim();
    venuesByName.set(key, [...(venuesByName.get(key) ?? []), entry]);
  }
  return { artistsByName, artistIds, venuesByName, venueById };
}

interface PlannedRow {
  line: number;
  fields: EventFields;
  /** Keys of the artist/venue to create (createMissing), resolved to ids when written. */
  newArtist: string | null;
  newVenue: string | null;
  artistName: string;
  venueName: string;
}

async function readCsvSource(input: {
  path?: string | undefined;
  text?: string | undefined;
}): Promise<string | CsvLineError> {
  const tooLarge = (bytes: number): CsvLineError => ({
    line: 0,
    column: null,
    value: null,
    message: msg(
      `Fichier trop volumineux (${Math.round(bytes / 1_048_576)} Mo) : 50 Mo au plus. Découpez-le.`,
      `File too large (${Math.round(bytes / 1_048_576)} MB): 50 MB at most. Split it.`,
    ),
  });
  if (input.text !== undefined) {
    const bytes = Buffer.byteLength(input.text, 'utf8');
    return bytes > MAX_EVENTS_CSV_BYTES ? tooLarge(bytes) : input.text;
  }
  const path = input.path!;
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('NOT_FOUND', `Not a file: ${path}`);
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('NOT_FOUND', `File not found: ${path}`);
  }
  if (size > MAX_EVENTS_CSV_BYTES) return tooLarge(size);
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function resultWith(
  errors: CsvLineError[],
  dryRun: boolean,
  delimiter: EventsImportResult['delimiter'],
  rows = 0,
): EventsImportResult {
  return {
    dryRun,
    rows,
    imported: 0,
    artistsCreated: 0,
    venuesCreated: 0,
    delimiter,
    preview: [],
    errors: errors.slice(0, MAX_REPORTED_ERRORS),
    errorCount: errors.length,
    duplicates: [],
    duplicateCount: 0,
    skippedDuplicates: 0,
  };
}

/** What the import needs of a job (services/jobs.ts `Job`): progress events and a cancel check. */
export interface ImportJob {
  progress(stage: string, fraction: number): void;
  throwIfCancelled(): void;
}

type ParsedRecord = { record: string[]; info: { lines: number } };

// Shares of the progress bar: parsing, checking the rows, then the write (the rest).
const PARSE_SHARE = 0.4;
const CHECK_SHARE = 0.5;
export const PARSE_SLICE = 256 * 1024; // characters fed to the parser between two turns of the event loop

/**
 * csv-parse's streaming parser fed slice by slice, with a turn of the event loop between slices: 100,000 rows
 * take seconds to parse, and the main process must keep answering (progress events, a cancel) meanwhile.
 * Quoted fields spanning two slices are handled by the parser's own state. A slice never ends between the two
 * halves of a surrogate pair (the stream encodes each slice to UTF-8 on its own).
 */
async function parseInSlices(
  text: string,
  delimiter: string,
  job: ImportJob | undefined,
): Promise<ParsedRecord[]> {
  const parser = createParser({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    trim: false,
  });
  const records: ParsedRecord[] = [];
  let failure: unknown = null;
  parser.on('readable', () => {
    let record: ParsedRecord | null;
    while ((record = parser.read() as ParsedRecord | null) !== null) records.push(record);
  });
  parser.on('error', (error) => (failure ??= error));
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
  });
  let at = 0;
  while (at < text.length && failure === null) {
    let end = Math.min(text.length, at + PARSE_SLICE);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--; // keep a surrogate pair together
    parser.write(text.slice(at, end));
    at = end;
    await new Promise((resolve) => setImmediate(resolve));
    try {
      job?.throwIfCancelled();
    } catch (cancelled) {
      parser.destroy();
      throw cancelled;
    }
    job?.progress('parse', (PARSE_SHARE * at) / text.length);
  }
  if (failure === null) parser.end();
  await ended;
  if (failure !== null) throw failure;
  return records;
}

export async function importEventsCsv(
  store: Store,
  input: {
    path?: string | undefined;
    text?: string | undefined;
    dryRun: boolean;
    createMissing: boolean;
    keepDuplicates?: boolean | undefined;
  },
  job?: ImportJob,
): Promise<EventsImportResult> {
  const source = await readCsvSource(input);
  if (typeof source !== 'string') return resultWith([source], input.dryRun, null);
  const text = source.replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    return resultWith(
      [{ line: 1, column: null, value: null, message: msg('Le fichier est vide.', 'The file is empty.') }],
      input.dryRun,
      null,
    );
  }
  const delimiter = detectDelimiter(text);
  let records: ParsedRecord[];
  try {
    records = await parseInSlices(text, delimiter ?? ',', job);
  } catch (error) {
    if (error instanceof AppError) throw error; // CANCELLED
    const line = (error as { lines?: number }).lines ?? 0;
    return resultWith(
      [
        {
          line,
          column: null,
          value: null,
          message: msg(
            `Le fichier n’est pas un CSV lisible (${(error as Error).message}) : vérifiez les guillemets.`,
            `The file is not readable CSV (${(error as Error).message}): check the quotes.`,
          ),
        },
      ],
      input.dryRun,
      delimiter,
    );
  }
  const [header, ...body] = records;
  const columnIndex = new Map<Column, number>();
  header!.record.forEach((name, i) => {
    const column = HEADER_ALIASES[foldHeader(name)];
    if (column && !columnIndex.has(column)) columnIndex.set(column, i);
  });
  const missing = REQUIRED_EVENT_CSV_COLUMNS.filter((c) => !columnIndex.has(c));
  if (missing.length > 0) {
    const oneColumn = header!.record.length <= 1;
    return resultWith(
      [
        {
          line: 1,
          column: null,
          value: header!.record.join(delimiter ?? ',').slice(0, 200),
          message: msg(
            `Colonne(s) obligatoire(s) absente(s) : ${missing.join(', ')}.` +
              (oneColumn
                ? ' L’en-tête ne forme qu’une colonne : le séparateur doit être une virgule, un point-virgule ou une tabulation.'
                : ''),
            `Missing required column(s): ${missing.join(', ')}.` +
              (oneColumn
                ? ' The header reads as a single column: the delimiter must be a comma, a semicolon or a tab.'
                : ''),
          ),
        },
      ],
      input.dryRun,
      delimiter,
      body.length,
    );
  }

  const catalogue = loadCatalogue(store);
  // Names repeat on thousands of rows: fold each distinct one once.
  const foldCache = new Map<string, string>();
  const fold = (text: string) => {
    let folded = foldCache.get(text);
    if (folded === undefined) {
      folded = foldForSearch(text).trim();
      foldCache.set(text, folded);
    }
    return folded;
  };
  const errors: CsvLineError[] = [];
  const planned: PlannedRow[] = [];
  const newArtists = new Map<string, string>(); // folded name → display name
  const newVenues = new Map<string, { name: string; city: string; country: string }>();

  let checked = 0;
  for (const { record, info } of body) {
    // A big file takes seconds to check: let the event loop breathe (other calls, progress, a cancel) every
    // few thousand rows.
    if (++checked % 2000 === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      job?.throwIfCancelled();
      job?.progress('check', PARSE_SHARE + (CHECK_SHARE * checked) / body.length);
    }
    const line = info.lines;
    const cell = (c: Column) => {
      const i = columnIndex.get(c);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };
    const rowErrors: CsvLineError[] = [];
    const fail = (column: Column | null, value: string | null, message: Bilingual) =>
      rowErrors.push({ line, column, value, message });
    const get = <T>(column: Column, parsed: T | null | Bilingual, label: Bilingual): T | null => {
      if (isMessage(parsed)) {
        fail(column, cell(column), msg(`${label.fr} : ${parsed.fr}`, `${label.en}: ${parsed.en}`));
        return null;
      }
      return parsed;
    };

    if (record.length !== header!.record.length && record.length === 1 && header!.record.length > 1) {
      fail(
        null,
        record[0]!.slice(0, 200),
        msg(
          `Une seule colonne sur cette ligne alors que l’en-tête en a ${header!.record.length} : mauvais séparateur ?`,
          `Only one column on this line while the header has ${header!.record.length}: wrong delimiter?`,
        ),
      );
      errors.push(...rowErrors);
      continue;
    }

    const date = get('date', parseDate(cell('date')), msg('Date', 'Date'));
    if (cell('date') === '') fail('date', '', msg('Date manquante', 'Date missing'));

    // Artist: an id, or a name (accents and case ignored).
    const artistRaw = cell('artist');
    let artistId: string | null = null;
    let newArtist: string | null = null;
    if (artistRaw === '') fail('artist', '', msg('Artiste manquant', 'Artist missing'));
    else if (catalogue.artistIds.has(artistRaw)) artistId = artistRaw;
    else {
      const key = fold(artistRaw);
      const ids = catalogue.artistsByName.get(key) ?? [];
      if (ids.length === 1) artistId = ids[0]!;
      else if (ids.length > 1)
        fail(
          'artist',
          artistRaw,
          msg(
            `Plusieurs artistes s’appellent « ${artistRaw} » : utilisez leur identifiant`,
            `Several artists are called "${artistRaw}": use their id`,
          ),
        );
      else if (input.createMissing) {
        newArtist = key;
        if (!newArtists.has(key)) newArtists.set(key, artistRaw.slice(0, 200));
      } else
        fail(
          'artist',
          artistRaw,
          msg(
            `Artiste inconnu « ${artistRaw} » (cochez « créer les artistes et salles manquants »)`,
            `Unknown artist "${artistRaw}" (tick "create missing artists and venues")`,
          ),
        );
    }

    const venueRaw = cell('venue');
    const cityRaw = cell('venue_city');
    const countryRaw = cell('venue_country').toUpperCase();
    if (countryRaw !== '' && !/^[A-Z]{2}$/.test(countryRaw))
      fail(
        'venue_country',
        countryRaw,
        msg('Pays : code à deux lettres (FR, BE, CH…)', 'Country: two-letter code (FR, BE, CH…)'),
      );
    let venue: { id: string; city: string; currency: 'EUR' | 'CHF' } | null = null;
    let newVenue: string | null = null;
    if (venueRaw === '') fail('venue', '', msg('Salle manquante', 'Venue missing'));
    else if (catalogue.venueById.has(venueRaw)) venue = catalogue.venueById.get(venueRaw)!;
    else {
      const key = fold(venueRaw);
      const city = fold(cityRaw);
      let matches = catalogue.venuesByName.get(key) ?? [];
      if (matches.length > 1 && city) matches = matches.filter((m) => m.city === city);
      if (matches.length === 1) venue = matches[0]!;
      else if (matches.length > 1)
        fail(
          'venue',
          venueRaw,
          msg(
            `Plusieurs salles s’appellent « ${venueRaw} » : précisez la ville (venue_city) ou l’identifiant`,
            `Several venues are called "${venueRaw}": give the city (venue_city) or the id`,
          ),
        );
      else if (input.createMissing) {
        newVenue = `${key}|${city}`;
        if (!newVenues.has(newVenue))
          newVenues.set(newVenue, {
            name: venueRaw.slice(0, 200),
            city: cityRaw.slice(0, 120),
            country: countryRaw,
          });
      } else
        fail(
          'venue',
          venueRaw,
          msg(
            `Salle inconnue « ${venueRaw} » (cochez « créer les artistes et salles manquants »)`,
            `Unknown venue "${venueRaw}" (tick "create missing artists and venues")`,
          ),
        );
    }

    const statusRaw = cell('status');
    let status: EventStatus = 'played';
    if (statusRaw !== '') {
      const s = STATUS_WORDS[foldHeader(statusRaw)];
      if (s) status = s;
      else
        fail(
          'status',
          statusRaw,
          msg(
            'Statut : played/joué, confirmed/confirmé, planned/prévu ou cancelled/annulé',
            'Status: played, confirmed, planned or cancelled',
          ),
        );
    }
    const capacity = get('capacity', parseCount(cell('capacity')), msg('Jauge', 'Capacity'));
    if (capacity === 0)
      fail(
        'capacity',
        cell('capacity'),
        msg(
          'Jauge : 0 n’est pas une jauge (laissez vide si inconnue)',
          'Capacity: 0 is not a capacity (leave it empty when unknown)',
        ),
      );
    const ticketsSold = get(
      'tickets_sold',
      parseCount(cell('tickets_sold')),
      msg('Billets vendus', 'Tickets sold'),
    );
    if (capacity && ticketsSold !== null && ticketsSold > capacity)
      fail(
        'tickets_sold',
        cell('tickets_sold'),
        msg(
          `Billets vendus (${ticketsSold}) supérieurs à la jauge (${capacity})`,
          `Tickets sold (${ticketsSold}) exceed the capacity (${capacity})`,
        ),
      );
    const ticketPrice = get(
      'ticket_price',
      parseAmount(cell('ticket_price')),
      msg('Prix du billet', 'Ticket price'),
    );
    const fee = get('fee', parseAmount(cell('fee')), msg('Cachet', 'Fee'));
    const promotionSpend = get(
      'promotion_spend',
      parseAmount(cell('promotion_spend')),
      msg('Budget promotion', 'Promotion spend'),
    );
    const announcedOn = get(
      'announced_on',
      parseDate(cell('announced_on')),
      msg('Date d’annonce', 'Announcement date'),
    );
    if (announcedOn && date && announcedOn > date)
      fail(
        'announced_on',
        cell('announced_on'),
        msg('Date d’annonce postérieure au concert', 'The announcement date is after the show'),
      );
    const currencyRaw = cell('currency').toUpperCase();
    let currency: 'EUR' | 'CHF' = venue?.currency ?? (countryRaw === 'CH' ? 'CHF' : 'EUR');
    if (currencyRaw !== '') {
      if (currencyRaw === 'EUR' || currencyRaw === '€') currency = 'EUR';
      else if (currencyRaw === 'CHF') currency = 'CHF';
      else fail('currency', currencyRaw, msg('Devise : EUR ou CHF', 'Currency: EUR or CHF'));
    }
    const dealRaw = cell('deal_type');
    let dealType: DealType | null = null;
    if (dealRaw !== '') {
      dealType = DEAL_WORDS[foldHeader(dealRaw)] ?? DEAL_WORDS[dealRaw.toLowerCase()] ?? null;
      if (!dealType)
        fail(
          'deal_type',
          dealRaw,
          msg(
            'Type de contrat : flat/cession, doorSplit/coréalisation, versus ou guaranteePlus',
            'Deal type: flat, doorSplit, versus or guaranteePlus',
          ),
        );
    }
    const notes = cell('notes');
    if (notes.length > 5000)
      fail(
        'notes',
        notes.slice(0, 50),
        msg('Notes : 5000 caractères au plus', 'Notes: 5000 characters at most'),
      );

    if (rowErrors.length === 0) {
      // The contract's own schema, as a last guard (same rules as events.create).
      const parsed = EventFields.safeParse({
        artistId: artistId ?? '00000000-0000-7000-8000-000000000000',
        venueId: venue?.id ?? '00000000-0000-7000-8000-000000000000',
        date,
        status,
        currency,
        ticketPrice,
        fee,
        capacity,
        ticketsSold,
        announcedOn,
        promotionSpend,
        dealType,
        notes,
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          fail(
            null,
            null,
            msg(`${issue.path.join('.')} : ${issue.message}`, `${issue.path.join('.')}: ${issue.message}`),
          );
        }
      } else {
        planned.push({
          line,
          fields: parsed.data,
          newArtist,
          newVenue,
          artistName: artistRaw,
          venueName: venueRaw,
        });
      }
    }
    errors.push(...rowErrors);
  }

  if (body.length === 0) {
    errors.push({
      line: 2,
      column: null,
      value: null,
      message: msg('Aucune ligne de données après l’en-tête.', 'No data rows after the header.'),
    });
  }

  // Duplicates: the same artist, venue and date as an event already in the history (not deleted) or as an
  // earlier row of this file. A new artist or venue (createMissing) has no history yet, so only the file can
  // repeat it. Skipped by default: importing the same file twice must not double the history.
  const existing = store.db.prepare(
    'SELECT 1 FROM events WHERE artist_id = ? AND venue_id = ? AND date = ? AND deleted_at IS NULL LIMIT 1',
  );
  const seen = new Map<string, number>();
  const duplicates: EventDuplicateRow[] = [];
  const toWrite: typeof planned = [];
  for (const p of planned) {
    const artistKey = p.newArtist !== null ? `new:${p.newArtist}` : p.fields.artistId;
    const venueKey = p.newVenue !== null ? `new:${p.newVenue}` : p.fields.venueId;
    const key = `${artistKey}|${venueKey}|${p.fields.date}`;
    const firstLine = seen.get(key);
    const inStore =
      firstLine === undefined &&
      p.newArtist === null &&
      p.newVenue === null &&
      existing.get(p.fields.artistId, p.fields.venueId, p.fields.date) !== undefined;
    if (firstLine === undefined) seen.set(key, p.line);
    if (firstLine !== undefined || inStore) {
      duplicates.push({
        line: p.line,
        date: p.fields.date,
        artistName: p.artistName,
        venueName: p.venueName,
        against: inStore ? 'store' : 'file',
        firstLine: firstLine ?? null,
      });
      if (input.keepDuplicates) toWrite.push(p);
    } else toWrite.push(p);
  }
  const duplicateReport = {
    duplicates: duplicates.slice(0, MAX_REPORTED_ERRORS),
    duplicateCount: duplicates.length,
    skippedDuplicates: planned.length - toWrite.length,
  };

  const preview: EventPreviewRow[] = toWrite.slice(0, PREVIEW_ROWS).map((p) => ({
    line: p.line,
    date: p.fields.date,
    artistName: p.artistName,
    venueName: p.venueName,
    createsArtist: p.newArtist !== null,
    createsVenue: p.newVenue !== null,
    status: p.fields.status,
    capacity: p.fields.capacity,
    ticketsSold: p.fields.ticketsSold,
    ticketPrice: p.fields.ticketPrice,
    currency: p.fields.currency,
  }));
  const base = {
    dryRun: input.dryRun,
    rows: body.length,
    delimiter,
    preview,
    errors: errors.slice(0, MAX_REPORTED_ERRORS),
    errorCount: errors.length,
    ...duplicateReport,
  };
  if (errors.length > 0 || input.dryRun) {
    return {
      ...base,
      imported: 0,
      artistsCreated: errors.length > 0 ? 0 : newArtists.size,
      venuesCreated: errors.length > 0 ? 0 : newVenues.size,
    };
  }

  // Every row is valid: write them all, or nothing. Past this point a cancel is too late: the write is short.
  job?.throwIfCancelled();
  job?.progress('write', PARSE_SHARE + CHECK_SHARE);
  const artists = createArtistRepository(store);
  const venues = createVenueRepository(store);
  const insert = store.db.prepare(INSERT_EVENT_SQL);
  store.db.transaction(() => {
    const artistIds = new Map<string, string>();
    for (const [key, name] of newArtists) artistIds.set(key, artists.create(ArtistInput.parse({ name })).id);
    const venueIds = new Map<string, string>();
    for (const [key, v] of newVenues) {
      venueIds.set(
        key,
        venues.create(VenueInput.parse({ name: v.name, city: v.city, country: v.country })).id,
      );
    }
    const created = new Date().toISOString();
    for (const p of toWrite) {
      const fields: EventFields = {
        ...p.fields,
        artistId: p.newArtist ? artistIds.get(p.newArtist)! : p.fields.artistId,
        venueId: p.newVenue ? venueIds.get(p.newVenue)! : p.fields.venueId,
      };
      insert.run(...eventInsertValues(uuidv7(), fields, 'csv', created, store.clock.tick()));
    }
  })();
  job?.progress('write', 1);
  return {
    ...base,
    imported: toWrite.length,
    artistsCreated: newArtists.size,
    venuesCreated: newVenues.size,
  };
}

// ---- Export ---------------------------------------------------------------------------------------

function quote(value: string): string {
  return /[",\r\n;]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The events as CSV with the import's columns (comma-separated, UTF-8): re-importable as is. */
export function exportEventsCsv(store: Store, events: readonly Event[]): string {
  const places = new Map<string, { city: string; country: string }>(
    (
      store.db.prepare('SELECT id, city, country FROM venues').all() as {
        id: string;
        city: string;
        country: string;
      }[]
    ).map((v) => [v.id, { city: v.city, country: v.country }]),
  );
  const lines = [EVENT_CSV_COLUMNS.join(',')];
  const n = (v: number | null) => (v === null ? '' : String(v));
  for (const e of events) {
    const place = places.get(e.venueId);
    const values: Record<Column, string> = {
      date: e.date,
      artist: e.artistName,
      venue: e.venueName,
      venue_city: place?.city ?? '',
      venue_country: place?.country ?? '',
      status: e.status,
      capacity: n(e.capacity),
      tickets_sold: n(e.ticketsSold),
      ticket_price: n(e.ticketPrice),
      currency: e.currency,
      fee: n(e.fee),
      announced_on: e.announcedOn ?? '',
      promotion_spend: n(e.promotionSpend),
      deal_type: e.dealType ?? '',
      notes: e.notes,
    };
    lines.push(EVENT_CSV_COLUMNS.map((c) => quote(values[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
