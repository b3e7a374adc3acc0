import { z } from 'zod';
import { VENUE_KINDS, VenueKind, Weekday, WEEKDAYS } from './domain';
import { findGenrePhrases, genreLabel, GENRE_IDS, type GenreId } from './genres';
import {
  findCity,
  findDepartment,
  placeLabel,
  placeNames,
  placeTokens,
  type City,
  type Region,
} from './places';

// Natural-language venue search (issue #4, item 6): the filter schema shared by the parser, the
// search service, the CLI (`flowstage search --json`) and the search bar's chips.

export { Weekday, WEEKDAYS };

export const SearchCountry = z.enum(['FR', 'BE', 'CH']);
export type SearchCountry = z.infer<typeof SearchCountry>;

export const GenreIdSchema = z.enum(GENRE_IDS as [GenreId, ...GenreId[]]);

/** What a venue search asks for. Every field is optional: an empty filter matches every venue. */
export const VenueFilters = z.object({
  genres: z.array(GenreIdSchema).default([]),
  /** Inclusive bounds on the venue's capacity (persons); null = no bound. */
  capacityMin: z.number().int().min(0).nullable().default(null),
  capacityMax: z.number().int().min(0).nullable().default(null),
  /** City name as written in the gazetteer (canonical French spelling for FR/BE/CH Romandy). */
  city: z.string().max(120).nullable().default(null),
  /** French region, Belgian region/province, Swiss canton, or "Suisse romande". */
  region: z.string().max(120).nullable().default(null),
  country: SearchCountry.nullable().default(null),
  /** Months (1–12) the show should fall in; [] = any. */
  months: z.array(z.number().int().min(1).max(12)).max(12).default([]),
  daysOfWeek: z.array(Weekday).max(7).default([]),
  /**
   * Maximum artistic budget / fee, in whole currency units as typed (euros, or francs when the query
   * says CHF — no conversion); null = no limit. Venue budgets are stored in cents: multiply by 100.
   */
  budgetMax: z.number().int().min(0).nullable().default(null),
  /** Kinds of venue asked for ("festival", "théâtre", "club"…); [] = any. A venue of another kind fails. */
  kinds: z.array(VenueKind).max(VENUE_KINDS.length).default([]),
});
export type VenueFilters = z.infer<typeof VenueFilters>;

export const EMPTY_VENUE_FILTERS: VenueFilters = VenueFilters.parse({});

// ---- Chips ------------------------------------------------------------------------------------

export type QueryLanguage = 'fr' | 'en';

/** A date named in the query ("le 14 février"): it sets the month and, when the year is known, the day. */
export interface QueryDate {
  month: number;
  /** Day of month, or null for a range of days ("du 10 au 20 juillet"). */
  day: number | null;
  /** The year written or, with `today`, the next occurrence; null when unknown. */
  year: number | null;
  /** YYYY-MM-DD when day and year are known. */
  iso: string | null;
  weekday: Weekday | null;
}

export interface BudgetValue {
  amount: number;
  /** The currency written ("CHF 4000"); EUR when none was. */
  currency: 'EUR' | 'CHF' | 'USD' | 'GBP';
}

interface ChipBase {
  /** Label in the requested language. */
  label: string;
  /** Where the chip's words are in the query (UTF-16 offsets, end exclusive): remove them to drop it. */
  start: number;
  end: number;
}

/**
 * One understood piece of the query. `kind` names the filter it sets; capacity bounds come as one
 * chip ('capacity', both bounds) because "300 places" sets min and max together.
 */
export type QueryChip = ChipBase &
  (
    | { kind: 'genres'; value: GenreId[] }
    | { kind: 'capacity'; value: { min: number | null; max: number | null } }
    | { kind: 'city'; value: string }
    | { kind: 'region'; value: string }
    | { kind: 'country'; value: SearchCountry }
    | { kind: 'months'; value: number[] }
    | { kind: 'daysOfWeek'; value: Weekday[] }
    | { kind: 'budgetMax'; value: BudgetValue }
    | { kind: 'date'; value: QueryDate }
    | { kind: 'kinds'; value: VenueKind[] }
  );
export type QueryChipKind = QueryChip['kind'];

export interface ParsedVenueQuery {
  filters: VenueFilters;
  chips: QueryChip[];
  /** Word groups not understood, as typed, in order: the UI shows them so nothing is silently lost. */
  unparsed: string[];
}

export interface ParseVenueQueryOptions {
  /** YYYY-MM-DD, for "next month", "this summer" and the weekday of "le 14 février"; default: now. */
  today?: string;
  /** Language of the chip labels (the parser reads French and English either way); default 'fr'. */
  language?: QueryLanguage;
  /** Cities of the user's catalogue missing from the gazetteer (matched like the gazetteer's). */
  knownCities?: ReadonlyArray<{ name: string; region?: string; country: string }>;
}

// ---- Vocabulary (folded: lower case, no accents; apostrophes split words: "jusqu'à" → "jusqu a") ---

/**
 * Venue sizes by name, as capacity bands (inclusive). Small < 300, medium 300–1 000, large > 1 000 is
 * the convention of this app's brief (issue #4), in line with the French industry habit of calling a
 * room "petite" under a few hundred places (most French shows draw fewer than 200 — CNM summaries in
 * research/french-live-stats.md); the CNM's own size bands were not available to us.
 *
 * Words naming a kind of venue ("club", "bar", "festival", "théâtre", "arena"…) set the `kinds`
 * filter and no capacity: the kind already says the size, and a capacity bound would drop every venue
 * of unknown capacity — most of the imported festivals and many clubs. Two words name a size more than
 * a kind and keep their band besides the kind: a Zénith 3 000–12 000 (the network's halls range from
 * about 3 000 to 12 000; kinds arena or concert hall) and a stadium ≥ 15 000 (arena or open air).
 * A band from a word never overrides a number ("zénith 5000 places" is 4 000–6 000).
 */
export const SIZE_BANDS = {
  small: { min: null, max: 300 },
  medium: { min: 300, max: 1000 },
  large: { min: 1000, max: null },
  zenith: { min: 3000, max: 12000 },
  stadium: { min: 15000, max: null },
} as const satisfies Record<string, { min: number | null; max: number | null }>;

/** "300 places" means 240–360: ± this fraction around an exact capacity (rounded to whole places). */
export const CAPACITY_TOLERANCE = 0.2;

const SIZE_PHRASES: ReadonlyArray<readonly [string, keyof typeof SIZE_BANDS]> = [
  ['petite salle', 'small'],
  ['petites salles', 'small'],
  ['salle petite', 'small'],
  ['petit lieu', 'small'],
  ['petits lieux', 'small'],
  ['petite jauge', 'small'],
  ['petite scene', 'small'],
  ['small venue', 'small'],
  ['small venues', 'small'],
  ['small room', 'small'],
  ['small rooms', 'small'],
  ['small hall', 'small'],
  ['intimate venue', 'small'],
  ['salle intimiste', 'small'],
  ['salle moyenne', 'medium'],
  ['moyenne salle', 'medium'],
  ['salles moyennes', 'medium'],
  ['jauge moyenne', 'medium'],
  ['moyenne jauge', 'medium'],
  ['salle de taille moyenne', 'medium'],
  ['medium venue', 'medium'],
  ['medium venues', 'medium'],
  ['medium sized venue', 'medium'],
  ['mid size venue', 'medium'],
  ['mid sized venue', 'medium'],
  ['midsize venue', 'medium'],
  ['grande salle', 'large'],
  ['grandes salles', 'large'],
  ['grand lieu', 'large'],
  ['grande jauge', 'large'],
  ['grosse salle', 'large'],
  ['large venue', 'large'],
  ['large venues', 'large'],
  ['big venue', 'large'],
  ['big venues', 'large'],
  ['large hall', 'large'],
  ['big room', 'large'],
];

/** Words naming a kind of venue (folded), the kinds they ask for, and a size band when they name one. */
const KIND_PHRASES: ReadonlyArray<readonly [string, readonly VenueKind[], (keyof typeof SIZE_BANDS)?]> = [
  ['club', ['club']],
  ['clubs', ['club']],
  ['petit club', ['club'], 'small'],
  ['petits clubs', ['club'], 'small'],
  ['small club', ['club'], 'small'],
  ['small clubs', ['club'], 'small'],
  ['bar', ['bar']],
  ['bars', ['bar']],
  ['pub', ['bar']],
  ['pubs', ['bar']],
  ['cafe concert', ['bar']],
  ['cafes concerts', ['bar']],
  ['cafe concerts', ['bar']],
  ['caf conc', ['bar']],
  ['bar concert', ['bar']],
  ['caveau', ['bar']],
  ['cave a jazz', ['bar']],
  ['festival', ['festival']],
  ['festivals', ['festival']],
  ['theatre', ['theatre']],
  ['theatres', ['theatre']],
  ['theater', ['theatre']],
  ['theaters', ['theatre']],
  ['eglise', ['church']],
  ['eglises', ['church']],
  ['church', ['church']],
  ['churches', ['church']],
  ['chapelle', ['church']],
  ['chapel', ['church']],
  ['cathedrale', ['church']],
  ['cathedral', ['church']],
  ['abbaye', ['church']],
  ['abbey', ['church']],
  ['plein air', ['outdoor', 'festival']],
  ['en plein air', ['outdoor', 'festival']],
  ['open air', ['outdoor', 'festival']],
  ['outdoor', ['outdoor', 'festival']],
  ['outdoors', ['outdoor', 'festival']],
  ['en exterieur', ['outdoor', 'festival']],
  ['salle de concert', ['concert_hall']],
  ['salle de concerts', ['concert_hall']],
  ['salles de concert', ['concert_hall']],
  ['salles de concerts', ['concert_hall']],
  ['concert hall', ['concert_hall']],
  ['concert halls', ['concert_hall']],
  ['auditorium', ['concert_hall']],
  ['smac', ['concert_hall']],
  ['arena', ['arena']],
  ['arenas', ['arena']],
  ['zenith', ['arena', 'concert_hall'], 'zenith'],
  ['zeniths', ['arena', 'concert_hall'], 'zenith'],
  ['stade', ['arena', 'outdoor'], 'stadium'],
  ['stades', ['arena', 'outdoor'], 'stadium'],
  ['stadium', ['arena', 'outdoor'], 'stadium'],
  ['stadiums', ['arena', 'outdoor'], 'stadium'],
];

const MONTH_WORDS: Readonly<Record<string, number>> = {
  janvier: 1,
  janv: 1,
  january: 1,
  jan: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  february: 2,
  feb: 2,
  mars: 3,
  march: 3,
  avril: 4,
  avr: 4,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juin: 6,
  june: 6,
  juillet: 7,
  juil: 7,
  july: 7,
  aout: 8,
  august: 8,
  aug: 8,
  septembre: 9,
  sept: 9,
  september: 9,
  sep: 9,
  octobre: 10,
  october: 10,
  oct: 10,
  novembre: 11,
  november: 11,
  nov: 11,
  decembre: 12,
  december: 12,
  dec: 12,
};

/** Seasons by meteorological months (the way festivals are planned): summer = June–August. */
const SEASONS: ReadonlyArray<readonly [string, number[]]> = [
  ['printemps', [3, 4, 5]],
  ['spring', [3, 4, 5]],
  ['ete', [6, 7, 8]],
  ['summer', [6, 7, 8]],
  ['estival', [6, 7, 8]],
  ['estivale', [6, 7, 8]],
  ['estivales', [6, 7, 8]],
  ['automne', [9, 10, 11]],
  ['autumn', [9, 10, 11]],
  ['fall', [9, 10, 11]],
  ['automnal', [9, 10, 11]],
  ['hiver', [12, 1, 2]],
  ['winter', [12, 1, 2]],
  ['hivernal', [12, 1, 2]],
  ['fetes de fin d annee', [12]],
  ['fin d annee', [12]],
  ['fin de l annee', [12]],
  ['end of year', [12]],
  ['end of the year', [12]],
  ['noel', [12]],
  ['christmas', [12]],
];

/** Fixed-date occasions: [phrase, month, day]. */
const OCCASIONS: ReadonlyArray<readonly [string, number, number]> = [
  ['fete de la musique', 6, 21],
  ['saint sylvestre', 12, 31],
  ['nouvel an', 12, 31],
  ['new year s eve', 12, 31],
  ['new years eve', 12, 31],
  ['reveillon du nouvel an', 12, 31],
  ['saint valentin', 2, 14],
  ['valentine s day', 2, 14],
  ['14 juillet', 7, 14],
];

const DAY_WORDS: Readonly<Record<string, Weekday>> = {
  lundi: 'mon',
  lundis: 'mon',
  monday: 'mon',
  mondays: 'mon',
  mardi: 'tue',
  mardis: 'tue',
  tuesday: 'tue',
  tuesdays: 'tue',
  mercredi: 'wed',
  mercredis: 'wed',
  wednesday: 'wed',
  wednesdays: 'wed',
  jeudi: 'thu',
  jeudis: 'thu',
  thursday: 'thu',
  thursdays: 'thu',
  vendredi: 'fri',
  vendredis: 'fri',
  friday: 'fri',
  fridays: 'fri',
  samedi: 'sat',
  samedis: 'sat',
  saturday: 'sat',
  saturdays: 'sat',
  dimanche: 'sun',
  dimanches: 'sun',
  sunday: 'sun',
  sundays: 'sun',
};

/**
 * "Week-end" is Friday to Sunday and "en semaine" Monday to Thursday: for a booker, Friday night is a
 * weekend date (the strongest night of the week), so the two words split the week without overlap.
 */
export const WEEKEND: readonly Weekday[] = ['fri', 'sat', 'sun'];
export const WEEKDAYS_ONLY: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu'];

const DAY_GROUPS: ReadonlyArray<readonly [string, readonly Weekday[]]> = [
  ['week end', WEEKEND],
  ['week ends', WEEKEND],
  ['weekend', WEEKEND],
  ['weekends', WEEKEND],
  ['fin de semaine', WEEKEND],
  ['fins de semaine', WEEKEND],
  ['en semaine', WEEKDAYS_ONLY],
  ['jours de semaine', WEEKDAYS_ONLY],
  ['soirs de semaine', WEEKDAYS_ONLY],
  ['en milieu de semaine', WEEKDAYS_ONLY],
  ['milieu de semaine', WEEKDAYS_ONLY],
  ['weekday', WEEKDAYS_ONLY],
  ['weekdays', WEEKDAYS_ONLY],
  ['week days', WEEKDAYS_ONLY],
  ['week nights', WEEKDAYS_ONLY],
  ['weeknights', WEEKDAYS_ONLY],
  ['midweek', WEEKDAYS_ONLY],
  ['mid week', WEEKDAYS_ONLY],
  ['during the week', WEEKDAYS_ONLY],
];

const DAY_PREFIXES = [
  'le',
  'les',
  'ce',
  'chaque',
  'tous les',
  'on',
  'on the',
  'every',
  'the',
  'this',
  'next',
  'un',
  'a',
  'pendant le',
  'during the',
  'over the',
  'le week end du',
];
const DAY_SUFFIXES = [
  'soir',
  'soirs',
  'soiree',
  'soirees',
  'night',
  'nights',
  'evening',
  'evenings',
  'prochain',
  'prochaine',
  'apres midi',
  'afternoon',
  'matin',
  'morning',
  'midi',
];
const MONTH_PREFIXES = [
  'en',
  'in',
  'au mois de',
  'au mois d',
  'mois de',
  'mois d',
  'during',
  'pendant',
  'courant',
  'debut',
  'fin',
  'mi',
  'early',
  'late',
  'mid',
  'this',
  'next',
  'ce',
  'cet',
  'cette',
  'de',
  'd',
  'du',
  'le',
  'la',
  'l',
  'les',
  'the',
  'during the',
  'pendant l',
  'pendant le',
  'durant',
  'durant l',
  'durant le',
  'over the',
  'for',
  'pour',
  'a',
  'au',
  'on',
  'on the',
  'from',
  'des',
  'dès',
  'for the',
];
const MONTH_SUFFIXES = ['prochain', 'prochaine', 'next year', 'de l annee prochaine', 'prochain e'];
const DATE_PREFIXES = [
  'le',
  'on',
  'on the',
  'the',
  'for',
  'pour le',
  'du',
  'from',
  'des',
  'dès le',
  'des le',
];

const BOUND_MAX_BEFORE = [
  'moins de',
  'moins d',
  'less than',
  'fewer than',
  'under',
  'below',
  'jusqu a',
  'jusque',
  'up to',
  'max',
  'maxi',
  'maximum',
  'au maximum',
  'au plus',
  'at most',
  'pas plus de',
  'pas plus d',
  'no more than',
  'not more than',
  '<',
  '< =',
  '≤',
  'inferieur a',
  'inferieure a',
  'sous',
  'max de',
  'maximum de',
  'moins que',
  'limite a',
  'plafond',
  'plafond de',
];
const BOUND_MIN_BEFORE = [
  'plus de',
  'plus d',
  '+ de',
  '+ d',
  'more than',
  'over',
  'above',
  'at least',
  'au moins',
  'min',
  'mini',
  'minimum',
  'au minimum',
  'a partir de',
  'a partir d',
  '>',
  '> =',
  '≥',
  'superieur a',
  'superieure a',
  'minimum de',
  'pas moins de',
  'no less than',
  'upwards of',
];
const APPROX_BEFORE = [
  'environ',
  'about',
  'around',
  'approx',
  'approximately',
  '~',
  'autour de',
  'autour d',
  'a peu pres',
  'roughly',
  'circa',
  'quelque',
  'dans les',
  'de l ordre de',
  'some',
];
const CAPACITY_WORDS = [
  'jauge',
  'jauge de',
  'jauge d',
  'capacite',
  'capacite de',
  'capacite d',
  'capacity',
  'capacity of',
  'capacite d accueil',
  'cap',
  'accueillant',
  'pouvant accueillir',
  'for',
  'pour',
  'holding',
  'holds',
  'seating',
  'with a capacity of',
  'avec une jauge de',
];
const BUDGET_WORDS = [
  'budget',
  'budget de',
  'budget d',
  'budget artistique',
  'artistic budget',
  'cachet',
  'cachets',
  'cachet de',
  'cachet d',
  'fee',
  'fees',
  'fee of',
  'prix de cession',
  'cession',
  'cout plateau',
  'budget max',
  'budget maximum',
  'with a budget of',
  'avec un budget de',
  'for a fee of',
  'pour un cachet de',
  'paying',
  'pays',
  'payant',
];
const CURRENCY_BEFORE: ReadonlyArray<readonly [string, BudgetValue['currency']]> = [
  ['€', 'EUR'],
  ['eur', 'EUR'],
  ['chf', 'CHF'],
  ['$', 'USD'],
  ['usd', 'USD'],
  ['£', 'GBP'],
  ['gbp', 'GBP'],
];
const CURRENCY_AFTER: ReadonlyArray<readonly [string, BudgetValue['currency']]> = [
  ['€', 'EUR'],
  ['eur', 'EUR'],
  ['euro', 'EUR'],
  ['euros', 'EUR'],
  ['eu', 'EUR'],
  ['balles', 'EUR'],
  ['chf', 'CHF'],
  ['francs suisses', 'CHF'],
  ['francs', 'CHF'],
  ['fr', 'CHF'],
  ['fr s', 'CHF'],
  ['sfr', 'CHF'],
  ['$', 'USD'],
  ['usd', 'USD'],
  ['dollars', 'USD'],
  ['£', 'GBP'],
  ['gbp', 'GBP'],
  ['pounds', 'GBP'],
];
const UNITS = [
  'places',
  'place',
  'personnes',
  'personne',
  'pers',
  'pax',
  'spectateurs',
  'spectatrices',
  'spectators',
  'people',
  'persons',
  'person',
  'seats',
  'seat',
  'seater',
  'seated',
  'standing',
  'debout',
  'assis',
  'assises',
  'assise',
  'entrees',
  'capacity',
  'cap',
  'de jauge',
  'de capacite',
  'people capacity',
  'spectateurs max',
  'visiteurs',
  'festivaliers',
  'personnes debout',
  'places debout',
  'places assises',
];
const BOUND_MAX_AFTER = [
  'max',
  'maxi',
  'maximum',
  'au maximum',
  'at most',
  'ou moins',
  'or less',
  'or fewer',
  'et moins',
  'and less',
  'and under',
  'and below',
  'au plus',
  'tops',
  'max de jauge',
];
const BOUND_MIN_AFTER = [
  'min',
  'mini',
  'minimum',
  'au minimum',
  'au moins',
  'at least',
  'et plus',
  'ou plus',
  'or more',
  'and more',
  'and up',
  'and above',
  'and over',
  '+',
  'plus',
  'or over',
];
const BUDGET_AFTER = [
  'de budget',
  'de cachet',
  'budget',
  'fee',
  'fees',
  'cachet',
  'ht',
  'ttc',
  'brut',
  'net',
  'hors taxes',
  'de budget artistique',
  'de cachet max',
  'budget max',
  'fee max',
];
const APPROX_AFTER = ['environ', 'approx', 'or so', 'ish', 'a peu pres'];
const FILLERS = [
  'de',
  'd',
  'du',
  'of',
  'a',
  'an',
  'the',
  'un',
  'une',
  'avec',
  'with',
  'pour',
  'for',
  ':',
  '=',
  'mon',
  'ma',
  'notre',
  'my',
  'our',
  'son',
  'leur',
  'their',
  'its',
  'est',
  'is',
  'et',
  'and',
];
const RANGE_START = ['entre', 'between', 'de', 'd', 'from', 'du'];
const RANGE_JOIN = ['a', '-', 'to', 'au', 'jusqu a', 'through', 'until', 'thru'];
const RANGE_JOIN_AFTER_BETWEEN = ['et', 'and'];

const COUNTRY_PHRASES: ReadonlyArray<readonly [string, SearchCountry]> = [
  ['france', 'FR'],
  ['en france', 'FR'],
  ['hexagone', 'FR'],
  ['metropole', 'FR'],
  ['belgique', 'BE'],
  ['belgium', 'BE'],
  ['belge', 'BE'],
  ['belges', 'BE'],
  ['belgian', 'BE'],
  ['belgie', 'BE'],
  ['belgien', 'BE'],
  ['suisse', 'CH'],
  ['suisses', 'CH'],
  ['switzerland', 'CH'],
  ['swiss', 'CH'],
  ['schweiz', 'CH'],
  ['svizzera', 'CH'],
  ['helvetie', 'CH'],
];

/** A city named with one of these stands for its surroundings: its department, province or canton. */
const NEAR_PREPS = [
  'near',
  'around',
  'pres de',
  'pres d',
  'autour de',
  'autour d',
  'proche de',
  'proche d',
  'close to',
  'aux alentours de',
  'aux alentours d',
  'a cote de',
  'a cote d',
  'dans la region de',
  'dans la region d',
  'region de',
  'region d',
  'area',
  'in the area of',
  'in the region of',
  'nearby',
  'environs de',
  'aux environs de',
];
const CITY_PREPS = [
  'a',
  'au',
  'aux',
  'in',
  'at',
  'sur',
  'vers',
  'du cote de',
  'du cote d',
  'ville de',
  'ville d',
  'city of',
  'in the city of',
  'dans',
  'de',
  'd',
];
const REGION_PREPS = [
  'en',
  'in',
  'dans le',
  'dans la',
  'dans les',
  'dans l',
  'le',
  'la',
  'les',
  'l',
  'region',
  'la region',
  'region de',
  'region d',
  'en region',
  'departement',
  'departement de',
  'departement du',
  'dept',
  'canton',
  'canton de',
  'canton du',
  'canton d',
  'province',
  'province de',
  'province du',
  'province d',
  'dans',
  'du',
  'de',
  'd',
  'au',
  'aux',
  'in the',
  'the',
];
/** Prepositions that make an ambiguous name ("Nice", "Tours", "Orange") a place. */
const PLACE_SIGNALS = new Set([
  'a',
  'au',
  'aux',
  'en',
  'in',
  'at',
  'near',
  'around',
  'sur',
  'vers',
  'dans',
  'de',
  'pres',
  'autour',
  'proche',
  'to',
  'from',
  'du',
  'region',
  'departement',
  'canton',
  'province',
]);

const NEGATIONS = [
  'pas de',
  'pas d',
  'sans',
  'no',
  'not',
  'except',
  'sauf',
  'hors',
  'excepte',
  'without',
  'non',
  'pas du',
  'pas la',
  'pas le',
  'ni',
];

// Phrase lists used as wholes (hoisted: the parser indexes each list once, by identity).
const OCCASION_PHRASES = OCCASIONS.map(([phrase]) => phrase);
const SEASON_PHRASES = SEASONS.map(([phrase]) => phrase);
const RELATIVE_MONTHS: ReadonlyArray<readonly [string, number]> = [
  ['le mois prochain', 1],
  ['mois prochain', 1],
  ['next month', 1],
  ['le mois suivant', 1],
  ['the following month', 1],
  ['dans un mois', 1],
  ['in a month', 1],
  ['ce mois ci', 0],
  ['ce mois', 0],
  ['this month', 0],
  ['dans deux mois', 2],
  ['dans 2 mois', 2],
  ['in two months', 2],
  ['in 2 months', 2],
];
const RELATIVE_PHRASES = RELATIVE_MONTHS.map(([phrase]) => phrase);
const RELATIVE_PREFIXES = ['pour', 'for', 'en', 'in', 'pendant', 'during'];
const DAY_GROUP_PHRASES = DAY_GROUPS.map(([phrase]) => phrase);
const SIZE_PHRASE_LIST = SIZE_PHRASES.map(([phrase]) => phrase);
const KIND_PHRASE_LIST = KIND_PHRASES.map(([phrase]) => phrase);
const CURRENCY_BEFORE_WORDS = CURRENCY_BEFORE.map(([w]) => w);
const CURRENCY_AFTER_WORDS = CURRENCY_AFTER.map(([w]) => w);
const RANGE_JOIN_BETWEEN = [...RANGE_JOIN, ...RANGE_JOIN_AFTER_BETWEEN];
const RANGE_OR_MONTH_PREFIXES = [...RANGE_START, ...MONTH_PREFIXES];
const RANGE_OR_DAY_PREFIXES = [...RANGE_START, ...DAY_PREFIXES];
const FILLERS_OR_RANGE = [...FILLERS, ...RANGE_START];
const OF = ['of'];
const BETWEEN = ['entre', 'between'];
const DE_QUE = ['de', 'd', 'que'];
const ALL_PLACE_PREPS = [...NEAR_PREPS, ...CITY_PREPS, ...REGION_PREPS];
const STRICT_REGION_PREPS = [
  'en',
  'dans le',
  'dans la',
  'dans les',
  'dans l',
  'region',
  'la region',
  'departement',
  'canton',
  'province',
  'dept',
  'le canton de',
  'le departement de',
];
const DEPARTMENT_LEADS = [
  'departement',
  'dept',
  'dans le',
  'le departement',
  'du departement',
  'in the',
  'dep',
];
const QUANTITY_LEADS = [
  ...BOUND_MAX_BEFORE,
  ...BOUND_MIN_BEFORE,
  ...APPROX_BEFORE,
  ...CAPACITY_WORDS,
  ...BUDGET_WORDS,
  ...CURRENCY_BEFORE_WORDS,
  ...BETWEEN,
];
/** First words that make a number a quantity: "mars 300 places" is not the 300th of March. */
const QUANTITY_FIRST_WORDS = new Set(
  [...UNITS, ...CURRENCY_AFTER_WORDS, 'k', 'mille', 'keur'].map((w) => w.split(' ')[0] as string),
);

/** Words that carry no filter ("salle", "je cherche", "venues in"): consumed, never reported as unparsed. */
const STOPWORDS = new Set(
  (
    'salle salles lieu lieux scene scenes concert concerts spectacle spectacles live musique musiques date dates ' +
    'soiree soirees soir soirs programmation programme programmant programme programmer qui que quoi avec pour de des ' +
    'du d la le les l un une et ou en a au aux dans sur chez par je j cherche cherchons recherche rechercher trouve ' +
    'trouver moi me mon ma mes nous on il y tres bien bonne bonnes bon bons type style genre genres ' +
    'venue venues room rooms hall halls place stage stages gig gigs show shows music the an and or of in on at for ' +
    'with to from by i we our my looking look find search searching want need some any good great best that which who ' +
    'programs programming booking book please svp stp etablissement etablissements endroit endroits ' +
    'ce cet cette this est is are sont qui ayant having where ou avoir booker booke jouer play playing plays joue ' +
    'possible possibles dispo disponible disponibles available open ouvert ouverte ouverts ouvertes'
  ).split(' '),
);

// ---- Tokens -----------------------------------------------------------------------------------

interface Token {
  /** Folded text: lower case, no accents, "œ" → "oe"; hyphens and dashes as "-". */
  text: string;
  kind: 'word' | 'num' | 'sym';
  /** Offsets in the typed text. */
  start: number;
  end: number;
  /** Offsets in the folded text (for the genre phrases, found on the folded text). */
  fstart: number;
  fend: number;
  /** What separates it from the previous token, as typed ("" when glued: "5k", "300€"). */
  gap: string;
  /** First letter typed in upper case ("Nice", "NICE"). */
  capital: boolean;
  /** The typed text of the token. */
  raw: string;
}

const DASHES = /^[-‐‑‒–—―−]$/u;
const APOSTROPHES = /^['’‘`´ʼ]$/u;

function foldChar(ch: string): string {
  return ch
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
}

/** Splits the typed text into words, digit runs and symbols, keeping where each came from. */
function tokenize(text: string): { tokens: Token[]; folded: string } {
  const tokens: Token[] = [];
  let folded = '';
  let current: Token | null = null;
  let lastEnd = 0;
  const close = () => {
    if (current) tokens.push(current);
    current = null;
  };
  let offset = 0;
  for (const ch of text) {
    const start = offset;
    offset += ch.length;
    const f = foldChar(ch);
    const isLetter = f !== '' && /^\p{L}+$/u.test(f);
    const isDigit = /^[0-9]$/.test(ch);
    if (f === '' && /\p{M}/u.test(ch) && current) {
      // a combining accent typed separately: part of the word before it
      current.end = offset;
      current.raw += ch;
      lastEnd = offset;
      continue;
    }
    const fstart = folded.length;
    folded += f === '' ? ' ' : f;
    const kind: Token['kind'] | null = isLetter ? 'word' : isDigit ? 'num' : null;
    if (kind && current && current.kind === kind) {
      current.text += f;
      current.raw += ch;
      current.end = offset;
      current.fend = folded.length;
      lastEnd = offset;
      continue;
    }
    close();
    if (/^\s$/u.test(ch) || APOSTROPHES.test(ch) || f === '' || ch === '\u200b') continue;
    const token: Token = {
      text: kind ? f : DASHES.test(ch) ? '-' : f,
      kind: kind ?? 'sym',
      start,
      end: offset,
      fstart,
      fend: folded.length,
      gap: text.slice(lastEnd, start),
      capital: isLetter && ch !== ch.toLowerCase(),
      raw: ch,
    };
    lastEnd = offset;
    if (kind) current = token;
    else tokens.push(token);
  }
  close();
  return { tokens, folded };
}

const wordCache = new Map<string, readonly string[]>();
/** A phrase's words, split once (the parser tries each phrase at many positions). */
function words(phrase: string): readonly string[] {
  let cached = wordCache.get(phrase);
  if (!cached) {
    cached = phrase.split(' ').filter((w) => w !== '');
    wordCache.set(phrase, cached);
  }
  return cached;
}

const phraseIndexes = new WeakMap<
  readonly string[],
  { byFirst: Map<string, string[]>; byLast: Map<string, string[]> }
>();
/** A phrase list indexed by first and last word, built once per list. */
function phraseIndex(phrases: readonly string[]): {
  byFirst: Map<string, string[]>;
  byLast: Map<string, string[]>;
} {
  let index = phraseIndexes.get(phrases);
  if (!index) {
    index = { byFirst: new Map(), byLast: new Map() };
    for (const phrase of phrases) {
      const w = words(phrase);
      const first = w[0];
      const last = w[w.length - 1];
      if (first === undefined || last === undefined) continue;
      index.byFirst.set(first, [...(index.byFirst.get(first) ?? []), phrase]);
      index.byLast.set(last, [...(index.byLast.get(last) ?? []), phrase]);
    }
    phraseIndexes.set(phrases, index);
  }
  return index;
}

// ---- The parser -------------------------------------------------------------------------------

interface Draft {
  kind: QueryChip['kind'];
  value: QueryChip['value'];
  from: number;
  to: number; // token indexes, inclusive
  /** Extra information for the label (the department behind a region, a "near" city). */
  note?: string;
}

class QueryParser {
  readonly used: boolean[];
  /** Tokens understood as something the filters cannot say ("au moins 2 000 €", "pas de rap"): reported whole. */
  readonly reserved: boolean[];
  readonly drafts: Draft[] = [];
  constructor(
    readonly text: string,
    readonly tokens: Token[],
    readonly folded: string,
    readonly today: { year: number; month: number; day: number },
    readonly knownCities: ReadonlyArray<{ name: string; region?: string; country: string }>,
  ) {
    this.used = tokens.map(() => false);
    this.reserved = tokens.map(() => false);
  }

  /** Keeps tokens out of every later match and reports them as one unparsed group. */
  reserve(from: number, to: number): void {
    for (let i = from; i <= to; i++) {
      this.used[i] = true;
      this.reserved[i] = true;
    }
  }

  tok(i: number): Token | undefined {
    return this.tokens[i];
  }

  free(i: number): boolean {
    return i >= 0 && i < this.tokens.length && !this.used[i];
  }

  take(from: number, to: number): void {
    for (let i = from; i <= to; i++) this.used[i] = true;
  }

  /**
   * Matches `phrase` (folded words) at token i, skipping hyphens (and dots/slashes when `loose`): the
   * index after the match, or -1. Every matched token must be free.
   */
  matchAt(i: number, phrase: readonly string[], loose = false): number {
    let j = i;
    for (let k = 0; k < phrase.length; k++) {
      if (k > 0) while (this.skippable(j, loose)) j++;
      const t = this.tok(j);
      if (!t || this.used[j] || t.text !== phrase[k]) return -1;
      j++;
    }
    return j;
  }

  skippable(j: number, loose: boolean): boolean {
    const t = this.tok(j);
    if (!t || this.used[j] || t.kind !== 'sym') return false;
    return t.text === '-' || (loose && (t.text === '.' || t.text === '/'));
  }

  /** The longest of `phrases` starting at i: [end, phrase] or null. */
  longestAt(i: number, phrases: readonly string[]): { end: number; phrase: string } | null {
    const t = this.tok(i);
    if (!t || this.used[i]) return null;
    let best: { end: number; phrase: string } | null = null;
    for (const phrase of phraseIndex(phrases).byFirst.get(t.text) ?? []) {
      const end = this.matchAt(i, words(phrase));
      if (end > 0 && (!best || end > best.end)) best = { end, phrase };
    }
    return best;
  }

  /** The longest of `phrases` ending just before token `end` (exclusive), or null. */
  longestBefore(end: number, phrases: readonly string[]): { start: number; phrase: string } | null {
    const t = this.tok(end - 1);
    if (!t || this.used[end - 1]) return null;
    let best: { start: number; phrase: string } | null = null;
    for (const phrase of phraseIndex(phrases).byLast.get(t.text) ?? []) {
      const n = words(phrase).length;
      // the phrase may contain skipped hyphens: try a few starting points
      for (let start = end - n; start >= Math.max(0, end - n * 2); start--) {
        if (this.matchAt(start, words(phrase)) === end) {
          if (!best || start < best.start) best = { start, phrase };
          break;
        }
      }
    }
    return best;
  }

  add(draft: Draft): void {
    this.drafts.push(draft);
    this.take(draft.from, draft.to);
  }

  // ---- numbers ----

  /** A number at token i, French or English formatting: "1 500", "1.500", "1,500", "2,5k", "mille". */
  readNumber(
    i: number,
  ): { value: number; end: number; decimal: boolean; currency?: BudgetValue['currency'] } | null {
    const t = this.tok(i);
    if (!t || this.used[i]) return null;
    if (t.kind === 'word' && t.text === 'mille') return { value: 1000, end: i + 1, decimal: false };
    if (t.kind !== 'num' || t.text.length > 9) return null;
    let value = Number(t.text);
    let j = i + 1;
    let decimal = false;
    const grouped = t.text.length <= 3;
    while (grouped) {
      const next = this.tok(j);
      const after = this.tok(j + 1);
      if (
        next?.kind === 'num' &&
        next.text.length === 3 &&
        /^[ \u00a0\u202f]$/u.test(next.gap) &&
        this.free(j)
      ) {
        value = value * 1000 + Number(next.text);
        j += 1;
      } else if (
        next?.kind === 'sym' &&
        (next.text === '.' || next.text === ',') &&
        next.gap === '' &&
        after?.kind === 'num' &&
        after.text.length === 3 &&
        after.gap === '' &&
        this.free(j) &&
        this.free(j + 1)
      ) {
        value = value * 1000 + Number(after.text);
        j += 2;
      } else break;
    }
    const sep = this.tok(j);
    const frac = this.tok(j + 1);
    if (
      sep?.kind === 'sym' &&
      (sep.text === '.' || sep.text === ',') &&
      sep.gap === '' &&
      frac?.kind === 'num' &&
      frac.gap === '' &&
      frac.text.length <= 3 &&
      this.free(j + 1)
    ) {
      value = Number(`${value}.${frac.text}`);
      decimal = true;
      j += 2;
    }
    const suffix = this.tok(j);
    let currency: BudgetValue['currency'] | undefined;
    if (suffix?.kind === 'word' && this.free(j) && /^\s?$/u.test(suffix.gap)) {
      if (suffix.text === 'k' || suffix.text === 'mille') {
        value *= 1000;
        j += 1;
      } else if (suffix.text === 'keur' || suffix.text === 'ke') {
        value *= 1000;
        currency = 'EUR';
        j += 1;
      }
    }
    return { value: Math.round(value * 1000) / 1000, end: j, decimal, currency };
  }
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function validDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function weekdayOf(year: number, month: number, day: number): Weekday {
  const index = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
  return WEEKDAYS[(index + 6) % 7] as Weekday;
}

function parseToday(today: string | undefined): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today ?? '');
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validDate(year, month, day)) return { year, month, day };
  }
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

// ---- Dates, months, seasons ---------------------------------------------------------------------

const ORDINAL_SUFFIXES = ['er', 'st', 'nd', 'rd', 'th', 'e', 'eme', 'ere'];

function dayAt(p: QueryParser, i: number): { day: number; end: number } | null {
  const t = p.tok(i);
  if (!t || !p.free(i)) return null;
  if (t.kind === 'word' && t.text === 'premier') return { day: 1, end: i + 1 };
  if (t.kind !== 'num' || t.text.length > 2) return null;
  const day = Number(t.text);
  if (day < 1 || day > 31) return null;
  const next = p.tok(i + 1);
  if (next?.kind === 'word' && next.gap === '' && p.free(i + 1)) {
    if (!ORDINAL_SUFFIXES.includes(next.text)) return null; // "5k", "14h"
    return { day, end: i + 2 };
  }
  return { day, end: i + 1 };
}

function monthAt(p: QueryParser, i: number): number | null {
  const t = p.tok(i);
  if (!t || t.kind !== 'word' || !p.free(i)) return null;
  return MONTH_WORDS[t.text] ?? null;
}

function yearAt(p: QueryParser, i: number): number | null {
  const t = p.tok(i);
  if (!t || t.kind !== 'num' || t.text.length !== 4 || !p.free(i)) return null;
  const year = Number(t.text);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** Whether the token after a number makes it a quantity ("mars 300 places" is not 300 March). */
function quantityFollows(p: QueryParser, i: number): boolean {
  const t = p.tok(i);
  if (!t) return false;
  if (t.kind === 'num') return t.text.length === 3 && /^[ \u00a0\u202f]$/u.test(t.gap);
  return QUANTITY_FIRST_WORDS.has(t.text);
}

function resolveDate(
  p: QueryParser,
  month: number,
  day: number | null,
  year: number | null,
): QueryDate | null {
  let y = year;
  if (day !== null && y === null) {
    const { year: ty, month: tm, day: td } = p.today;
    y = month < tm || (month === tm && day < td) ? ty + 1 : ty;
    // 29 February: the next year that has one
    for (let k = 0; k < 8 && !validDate(y, month, day); k++) y++;
  }
  if (day !== null && y !== null && !validDate(y, month, day)) return null;
  const known = day !== null && y !== null;
  return {
    month,
    day,
    year: y,
    iso: known ? isoDate(y as number, month, day as number) : null,
    weekday: known ? weekdayOf(y as number, month, day as number) : null,
  };
}

/** Extends a match to the left over one of `prefixes` (a preposition or article). */
function withPrefix(p: QueryParser, from: number, prefixes: readonly string[]): number {
  let start = from;
  // at most two words of lead-in ("pendant le | mois de"), never more: "salle de la" is not a date
  for (let k = 0; k < 2; k++) {
    const before = p.longestBefore(start, prefixes);
    if (!before) break;
    start = before.start;
  }
  return start;
}

function monthsBetween(a: number, b: number): number[] {
  const out = [a];
  for (let m = a; m !== b;) {
    m = (m % 12) + 1;
    out.push(m);
  }
  return out;
}

function parseDates(p: QueryParser): void {
  const n = p.tokens.length;
  // fixed-date occasions ("fête de la musique", "14 juillet")
  for (let i = 0; i < n; i++) {
    const hit = p.longestAt(i, OCCASION_PHRASES);
    if (!hit) continue;
    const [, month, day] = OCCASIONS.find(([phrase]) => phrase === hit.phrase) as readonly [
      string,
      number,
      number,
    ];
    const date = resolveDate(p, month, day, null);
    if (date) p.add({ kind: 'date', value: date, from: withPrefix(p, i, DATE_PREFIXES), to: hit.end - 1 });
  }
  // numeric dates: 14/02, 14/02/2027, 14.02.2027, 2027-02-14
  for (let i = 0; i < n; i++) {
    const t = p.tok(i);
    if (!t || t.kind !== 'num' || !p.free(i)) continue;
    const glued = (k: number, sym: string) =>
      p.tok(k)?.kind === 'sym' &&
      p.tok(k)?.text === sym &&
      p.tok(k)?.gap === '' &&
      p.free(k) &&
      p.tok(k + 1)?.kind === 'num' &&
      p.tok(k + 1)?.gap === '' &&
      p.free(k + 1);
    let day: number | null = null;
    let month: number | null = null;
    let year: number | null = null;
    let end = -1;
    if (t.text.length === 4 && glued(i + 1, '-') && glued(i + 3, '-')) {
      [year, month, day] = [Number(t.text), Number(p.tok(i + 2)?.text), Number(p.tok(i + 4)?.text)];
      end = i + 4;
    } else if (t.text.length <= 2 && (glued(i + 1, '/') || (glued(i + 1, '.') && glued(i + 3, '.')))) {
      const sep = p.tok(i + 1)?.text as string;
      day = Number(t.text);
      month = Number(p.tok(i + 2)?.text);
      end = i + 2;
      if (glued(i + 3, sep)) {
        const y = p.tok(i + 4)?.text ?? '';
        if (y.length === 4) year = Number(y);
        else if (y.length === 2) year = 2000 + Number(y);
        else continue;
        end = i + 4;
      }
      if ((p.tok(i + 2)?.text.length ?? 0) > 2) continue;
    } else continue;
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    const date = resolveDate(p, month, day, year);
    if (date) p.add({ kind: 'date', value: date, from: withPrefix(p, i, DATE_PREFIXES), to: end });
  }
  // day ranges in a month: "du 10 au 20 juillet", "10-12 juillet", "July 10-12"
  for (let i = 0; i < n; i++) {
    const a = dayAt(p, i);
    if (!a) continue;
    const join = p.longestAt(a.end, RANGE_JOIN_BETWEEN);
    const b = join ? dayAt(p, join.end) : null;
    if (!join || !b || b.day < a.day) continue;
    const ofWord = p.longestAt(b.end, OF);
    const monthIndex = ofWord ? ofWord.end : b.end;
    const month = monthAt(p, monthIndex);
    if (month === null) continue;
    const year = yearAt(p, monthIndex + 1);
    const start = withPrefix(p, i, RANGE_START);
    p.add({
      kind: 'date',
      value: { month, day: null, year, iso: null, weekday: null },
      from: start,
      to: year === null ? monthIndex : monthIndex + 1,
      note: `${a.day}-${b.day}`,
    });
  }
  // "14 février", "le 1er mai 2027", "14th of February"
  for (let i = 0; i < n; i++) {
    const d = dayAt(p, i);
    if (!d) continue;
    const ofWord = p.longestAt(d.end, OF);
    const monthIndex = ofWord ? ofWord.end : d.end;
    const month = monthAt(p, monthIndex);
    if (month === null) continue;
    const year = yearAt(p, monthIndex + 1);
    const date = resolveDate(p, month, d.day, year);
    if (!date) continue;
    p.add({
      kind: 'date',
      value: date,
      from: withPrefix(p, i, DATE_PREFIXES),
      to: year === null ? monthIndex : monthIndex + 1,
    });
  }
  // "February 14", "Feb 14th, 2027", "March 3rd"
  for (let i = 0; i < n; i++) {
    const month = monthAt(p, i);
    if (month === null) continue;
    const d = dayAt(p, i + 1);
    if (!d || quantityFollows(p, d.end) || (p.tok(i + 1)?.gap ?? '') === '') continue;
    let end = d.end - 1;
    let year: number | null = null;
    const comma = p.tok(d.end)?.text === ',' ? 1 : 0;
    const y = yearAt(p, d.end + comma);
    if (y !== null) {
      year = y;
      end = d.end + comma;
    }
    const date = resolveDate(p, month, d.day, year);
    if (!date) continue;
    p.add({ kind: 'date', value: date, from: withPrefix(p, i, DATE_PREFIXES), to: end });
  }
  // month ranges: "mars-avril", "de juin à septembre", "between March and May"
  for (let i = 0; i < n; i++) {
    const a = monthAt(p, i);
    if (a === null) continue;
    const opener = p.longestBefore(i, BETWEEN);
    const join = p.longestAt(i + 1, opener ? RANGE_JOIN_BETWEEN : RANGE_JOIN);
    const b = join ? monthAt(p, join.end) : null;
    if (!join || b === null) continue;
    const yearIndex = join.end + 1;
    const year = yearAt(p, yearIndex);
    const from = opener ? opener.start : withPrefix(p, i, RANGE_OR_MONTH_PREFIXES);
    p.add({ kind: 'months', value: monthsBetween(a, b), from, to: year === null ? join.end : yearIndex });
  }
  // single months: "février", "en mars prochain", "in March", "juin 2027"
  for (let i = 0; i < n; i++) {
    const month = monthAt(p, i);
    if (month === null) continue;
    let to = i;
    const year = yearAt(p, i + 1);
    if (year !== null) to = i + 1;
    else {
      const suffix = p.longestAt(i + 1, MONTH_SUFFIXES);
      if (suffix) to = suffix.end - 1;
    }
    p.add({ kind: 'months', value: [month], from: withPrefix(p, i, MONTH_PREFIXES), to });
  }
  // seasons: "en été", "cet automne", "next summer", "Noël"
  for (let i = 0; i < n; i++) {
    const hit = p.longestAt(i, SEASON_PHRASES);
    if (!hit) continue;
    const months = (SEASONS.find(([phrase]) => phrase === hit.phrase) as readonly [string, number[]])[1];
    let to = hit.end - 1;
    const suffix = p.longestAt(hit.end, MONTH_SUFFIXES);
    if (suffix) to = suffix.end - 1;
    else if (yearAt(p, hit.end) !== null) to = hit.end;
    p.add({ kind: 'months', value: [...months], from: withPrefix(p, i, MONTH_PREFIXES), to });
  }
  // relative to today: "next month", "le mois prochain", "ce mois-ci"
  for (let i = 0; i < n; i++) {
    const hit = p.longestAt(i, RELATIVE_PHRASES);
    if (!hit) continue;
    const shift = (RELATIVE_MONTHS.find(([phrase]) => phrase === hit.phrase) as readonly [string, number])[1];
    const month = ((p.today.month - 1 + shift) % 12) + 1;
    p.add({
      kind: 'months',
      value: [month],
      from: withPrefix(p, i, RELATIVE_PREFIXES),
      to: hit.end - 1,
    });
  }
}

// ---- Days of the week ---------------------------------------------------------------------------

function dayNameAt(p: QueryParser, i: number): Weekday | null {
  const t = p.tok(i);
  if (!t || t.kind !== 'word' || !p.free(i)) return null;
  return DAY_WORDS[t.text] ?? null;
}

function daysBetween(a: Weekday, b: Weekday): Weekday[] {
  const ia = WEEKDAYS.indexOf(a);
  const out: Weekday[] = [a];
  for (let k = ia; WEEKDAYS[k] !== b;) {
    k = (k + 1) % 7;
    out.push(WEEKDAYS[k] as Weekday);
  }
  return out;
}

function parseDays(p: QueryParser): void {
  const n = p.tokens.length;
  const suffixEnd = (end: number) => {
    const s = p.longestAt(end, DAY_SUFFIXES);
    return s ? s.end : end;
  };
  for (let i = 0; i < n; i++) {
    const hit = p.longestAt(i, DAY_GROUP_PHRASES);
    if (!hit) continue;
    const days = (
      DAY_GROUPS.find(([phrase]) => phrase === hit.phrase) as readonly [string, readonly Weekday[]]
    )[1];
    p.add({
      kind: 'daysOfWeek',
      value: [...days],
      from: withPrefix(p, i, DAY_PREFIXES),
      to: suffixEnd(hit.end) - 1,
    });
  }
  // "du jeudi au samedi", "thursday to saturday", "jeudi-samedi"
  for (let i = 0; i < n; i++) {
    const a = dayNameAt(p, i);
    if (!a) continue;
    const join = p.longestAt(i + 1, RANGE_JOIN);
    const b = join ? dayNameAt(p, join.end) : null;
    if (!join || !b) continue;
    const from = withPrefix(p, i, RANGE_OR_DAY_PREFIXES);
    p.add({ kind: 'daysOfWeek', value: daysBetween(a, b), from, to: suffixEnd(join.end + 1) - 1 });
  }
  for (let i = 0; i < n; i++) {
    const day = dayNameAt(p, i);
    if (!day) continue;
    p.add({
      kind: 'daysOfWeek',
      value: [day],
      from: withPrefix(p, i, DAY_PREFIXES),
      to: suffixEnd(i + 1) - 1,
    });
  }
}

// ---- Capacity and budget ------------------------------------------------------------------------

interface Context {
  start: number;
  end: number; // exclusive
  max: boolean;
  min: boolean;
  approx: boolean;
  capacity: boolean;
  budget: boolean;
  currency?: BudgetValue['currency'];
  rangeOpener?: string;
}

function emptyContext(at: number): Context {
  return { start: at, end: at, max: false, min: false, approx: false, capacity: false, budget: false };
}

/** The words before a number that say what it is ("moins de", "budget max", "€", "entre"). */
function leftContext(p: QueryParser, at: number): Context {
  const c = emptyContext(at);
  let start = at;
  let meaningfulStart = at;
  for (let guard = 0; guard < 6; guard++) {
    const groups: ReadonlyArray<readonly [readonly string[], (phrase: string) => void]> = [
      [BOUND_MAX_BEFORE, () => (c.max = true)],
      [BOUND_MIN_BEFORE, () => (c.min = true)],
      [APPROX_BEFORE, () => (c.approx = true)],
      [CAPACITY_WORDS, () => (c.capacity = true)],
      [BUDGET_WORDS, () => (c.budget = true)],
      [CURRENCY_BEFORE_WORDS, (w) => (c.currency = CURRENCY_BEFORE.find(([x]) => x === w)?.[1])],
      [BETWEEN, (w) => (c.rangeOpener = w)],
    ];
    let best: { start: number; apply: () => void } | null = null;
    for (const [phrases, apply] of groups) {
      const hit = p.longestBefore(start, phrases);
      if (hit && (!best || hit.start < best.start))
        best = { start: hit.start, apply: () => apply(hit.phrase) };
    }
    if (best) {
      best.apply();
      start = best.start;
      meaningfulStart = start;
      continue;
    }
    const filler = p.longestBefore(start, FILLERS_OR_RANGE);
    if (!filler) break;
    if (RANGE_START.includes(filler.phrase) && !c.rangeOpener) c.rangeOpener = filler.phrase;
    start = filler.start;
  }
  // fillers count only when something meaningful lies to their left ("budget de 3000"), and a "de"
  // right before the number can open a range ("de 200 à 400")
  c.start =
    c.rangeOpener && RANGE_START.includes(c.rangeOpener) && start < meaningfulStart ? start : meaningfulStart;
  return c;
}

/** The words after a number ("places", "€", "max", "de budget", "et plus"). */
function rightContext(p: QueryParser, from: number, c: Context): void {
  let end = from;
  for (let guard = 0; guard < 5; guard++) {
    const groups: ReadonlyArray<readonly [readonly string[], (phrase: string) => void]> = [
      [UNITS, () => (c.capacity = true)],
      [BOUND_MAX_AFTER, () => (c.max = true)],
      [BOUND_MIN_AFTER, () => (c.min = true)],
      [APPROX_AFTER, () => (c.approx = true)],
      [BUDGET_AFTER, () => (c.budget = true)],
      [CURRENCY_AFTER_WORDS, (w) => (c.currency = CURRENCY_AFTER.find(([x]) => x === w)?.[1])],
    ];
    let best: { end: number; apply: () => void } | null = null;
    for (const [phrases, apply] of groups) {
      const hit = p.longestAt(end, phrases);
      // "3000e" (euros) only glued to the number, "fr" only as a currency right after it
      if (hit && hit.phrase === 'eu' && p.tok(end)?.gap !== '') continue;
      // "plus de 200 et moins de 500": "et moins" opens the next bound, it does not close this one
      if (hit && /^(et|ou) (moins|plus)$|^plus$/.test(hit.phrase) && p.longestAt(hit.end, DE_QUE)) continue;
      if (hit && (!best || hit.end > best.end)) best = { end: hit.end, apply: () => apply(hit.phrase) };
    }
    const glued = p.tok(end);
    if (
      !best &&
      glued?.kind === 'word' &&
      glued.text === 'e' &&
      glued.gap === '' &&
      p.free(end) &&
      end === from
    ) {
      c.currency = 'EUR';
      end += 1;
      continue;
    }
    if (!best) break;
    best.apply();
    end = best.end;
  }
  c.end = end;
}

const YEAR_LIKE = (value: number, raw: string) => /^\d{4}$/.test(raw) && value >= 1900 && value <= 2100;

function parseQuantities(p: QueryParser): void {
  const n = p.tokens.length;
  for (let i = 0; i < n; i++) {
    const a = p.readNumber(i);
    if (!a) continue;
    const c = leftContext(p, i);
    // a range: "200 à 400 places", "entre 2 000 et 3 000 €", "200-400"
    let b: ReturnType<QueryParser['readNumber']> = null;
    let afterA = emptyContext(a.end);
    rightContext(p, a.end, afterA);
    const joinAt = afterA.end;
    const join = p.longestAt(
      joinAt,
      c.rangeOpener === 'entre' || c.rangeOpener === 'between' ? RANGE_JOIN_BETWEEN : RANGE_JOIN,
    );
    if (join) {
      let k = join.end;
      // a currency sign may sit before the second number: "€2k-€3k"
      const currencyBefore = p.longestAt(k, CURRENCY_BEFORE_WORDS);
      if (currencyBefore) {
        c.currency = CURRENCY_BEFORE.find(([w]) => w === currencyBefore.phrase)?.[1];
        k = currencyBefore.end;
      }
      b = p.readNumber(k);
    }
    const tail = emptyContext(b ? b.end : a.end);
    rightContext(p, b ? b.end : a.end, tail);
    const merged: Context = {
      ...c,
      max: c.max || afterA.max || tail.max,
      min: c.min || afterA.min || tail.min,
      approx: c.approx || afterA.approx || tail.approx,
      capacity: c.capacity || afterA.capacity || tail.capacity,
      budget: c.budget || afterA.budget || tail.budget,
      currency: c.currency ?? afterA.currency ?? tail.currency ?? a.currency ?? b?.currency,
    };
    if (!b) afterA = tail;
    const money = merged.budget || merged.currency !== undefined;
    const isRange =
      b !== null && (c.rangeOpener !== undefined || merged.capacity || money || join?.phrase === '-');
    const last = isRange && b ? tail.end - 1 : afterA.end - 1;
    const first = c.start;
    if (money) {
      if (merged.min && !merged.max && !isRange) {
        // "au moins 2 000 € de cachet": the filters have no budget floor; say so rather than guess
        p.reserve(first, last);
        i = last;
        continue;
      }
      const amount = Math.round(isRange && b ? Math.max(a.value, b.value) : a.value);
      if (amount <= 0 || amount > 10_000_000) continue;
      p.add({
        kind: 'budgetMax',
        value: { amount, currency: merged.currency ?? 'EUR' },
        from: first,
        to: last,
      });
      i = last;
      continue;
    }
    // a capacity needs a word saying so, a bound, or a plausible bare number (not a year, not "14")
    const raw = p.tok(i)?.text ?? '';
    const bare = !merged.capacity && !merged.max && !merged.min && !merged.approx && !isRange;
    if (bare && (a.value < 50 || YEAR_LIKE(a.value, raw) || (a.decimal && a.end === i + 3))) continue;
    if (merged.capacity === false && a.decimal && Number.isInteger(a.value) === false) continue;
    let min: number | null;
    let max: number | null;
    if (isRange && b) {
      [min, max] = [Math.round(Math.min(a.value, b.value)), Math.round(Math.max(a.value, b.value))];
    } else if (merged.max && !merged.min) {
      [min, max] = [null, Math.round(a.value)];
    } else if (merged.min && !merged.max) {
      [min, max] = [Math.round(a.value), null];
    } else {
      const v = a.value;
      [min, max] = [Math.round(v * (1 - CAPACITY_TOLERANCE)), Math.round(v * (1 + CAPACITY_TOLERANCE))];
    }
    if ((max ?? min ?? 0) > 500_000) continue;
    p.add({ kind: 'capacity', value: { min, max }, from: first, to: last });
    i = last;
  }
}

// ---- Venue sizes by name --------------------------------------------------------------------------

function parseSizes(p: QueryParser): void {
  // Kinds first: "petit club" is a small club, not "petit" + "club".
  for (let i = 0; i < p.tokens.length; i++) {
    const hit = p.longestAt(i, KIND_PHRASE_LIST);
    if (!hit) continue;
    const [, kinds, band] = KIND_PHRASES.find(([phrase]) => phrase === hit.phrase)!;
    p.add({ kind: 'kinds', value: [...kinds], from: i, to: hit.end - 1 });
    if (band) {
      const { min, max } = SIZE_BANDS[band];
      p.add({ kind: 'capacity', value: { min, max }, from: i, to: hit.end - 1, note: 'kind' });
    }
    i = hit.end - 1;
  }
  for (let i = 0; i < p.tokens.length; i++) {
    const hit = p.longestAt(i, SIZE_PHRASE_LIST);
    if (!hit) continue;
    const band =
      SIZE_BANDS[
        (
          SIZE_PHRASES.find(([phrase]) => phrase === hit.phrase) as readonly [string, keyof typeof SIZE_BANDS]
        )[1]
      ];
    p.add({
      kind: 'capacity',
      value: { min: band.min, max: band.max },
      from: i,
      to: hit.end - 1,
      note: 'kind',
    });
  }
}

// ---- Places ---------------------------------------------------------------------------------------

type PlaceHit =
  | { type: 'city'; city: City }
  | { type: 'region'; region: Region }
  | { type: 'country'; country: SearchCountry };

interface PlaceName {
  tokens: string[];
  hit: PlaceHit;
  ambiguous: boolean;
}

let placeIndex: Map<string, PlaceName[]> | undefined;

function addName(index: Map<string, PlaceName[]>, name: PlaceName): void {
  const first = name.tokens[0];
  if (!first) return;
  const list = index.get(first) ?? [];
  list.push(name);
  index.set(first, list);
}

function gazetteerIndex(): Map<string, PlaceName[]> {
  if (placeIndex) return placeIndex;
  const index = new Map<string, PlaceName[]>();
  for (const { key, place } of placeNames()) {
    const hit: PlaceHit =
      place.type === 'city' ? { type: 'city', city: place.city } : { type: 'region', region: place.region };
    const entry = place.type === 'city' ? place.city : place.region;
    addName(index, {
      tokens: key.split(' '),
      hit,
      ambiguous: entry.ambiguous === true || AMBIGUOUS_KEYS.has(key),
    });
  }
  for (const [phrase, country] of COUNTRY_PHRASES)
    addName(index, { tokens: [...words(phrase)], hit: { type: 'country', country }, ambiguous: false });
  placeIndex = index;
  return index;
}

/** Aliases that are words too ("Bergen" is fine, "Spa" and "Forest" are not). */
const AMBIGUOUS_KEYS = new Set(['spa', 'forest', 'gap', 'bar', 'sud', 'riviera', 'centre', 'provence']);

function knownCityNames(cities: ParseVenueQueryOptions['knownCities']): PlaceName[] {
  const out: PlaceName[] = [];
  for (const known of cities ?? []) {
    const tokens = placeTokens(known.name);
    if (tokens.length === 0 || findCity(known.name)) continue;
    const country = SearchCountry.safeParse(known.country.toUpperCase());
    if (!country.success) continue;
    const city: City = {
      name: known.name.trim(),
      country: country.data,
      region: known.region ?? '',
      aliases: [],
    };
    // a one-word name from the user's catalogue may be a word ("Mer", "Rue"): ask for a sign
    out.push({ tokens, hit: { type: 'city', city }, ambiguous: tokens.length === 1 });
  }
  return out;
}

function parsePlaces(p: QueryParser): void {
  const index = gazetteerIndex();
  const extra = new Map<string, PlaceName[]>();
  for (const name of knownCityNames(p.knownCities)) addName(extra, name);
  const n = p.tokens.length;
  const firstWord = p.tokens.findIndex((t) => t.kind !== 'sym');
  const lastWord = p.tokens.length - 1 - [...p.tokens].reverse().findIndex((t) => t.kind !== 'sym');

  const candidatesAt = (i: number): Array<{ name: PlaceName; end: number }> => {
    const t = p.tok(i);
    if (!t || t.kind !== 'word' || !p.free(i)) return [];
    const first = t.text === 'st' ? 'saint' : t.text === 'ste' ? 'sainte' : t.text;
    const out: Array<{ name: PlaceName; end: number }> = [];
    for (const name of [...(index.get(first) ?? []), ...(extra.get(first) ?? [])]) {
      const end = matchPlace(p, i, name.tokens);
      if (end > 0) out.push({ name, end });
    }
    return out;
  };

  // countries first, so that "Fribourg, Suisse" can prefer the Swiss city
  const countries = new Set<SearchCountry>();
  for (let i = 0; i < n; i++) {
    const found = candidatesAt(i);
    const longest = Math.max(0, ...found.map((f) => f.end));
    const country = found.find((f) => f.end === longest && f.name.hit.type === 'country');
    if (country && country.name.hit.type === 'country') countries.add(country.name.hit.country);
    // "FR", "BE", "CH" typed in capitals
    const t = p.tok(i);
    if (
      t &&
      t.kind === 'word' &&
      ['FR', 'BE', 'CH'].includes(t.raw.length === 2 ? t.raw : p.text.slice(t.start, t.end))
    )
      countries.add(p.text.slice(t.start, t.end) as SearchCountry);
  }

  for (let i = 0; i < n; i++) {
    const t = p.tok(i);
    if (!t || !p.free(i)) continue;
    if (t.kind === 'word' && /^(FR|BE|CH)$/.test(p.text.slice(t.start, t.end))) {
      p.add({
        kind: 'country',
        value: p.text.slice(t.start, t.end) as SearchCountry,
        from: withPrefix(p, i, REGION_PREPS),
        to: i,
      });
      continue;
    }
    // a department number alone: "(69)", "dans le 69", "département 13"
    const dept = departmentAt(p, i);
    if (dept) {
      p.add({
        kind: 'region',
        value: dept.region.name,
        from: dept.from,
        to: dept.to,
        note: dept.region.code,
      });
      i = dept.to;
      continue;
    }
    const found = candidatesAt(i);
    if (found.length === 0) continue;
    const longest = Math.max(...found.map((f) => f.end));
    const before = p.longestBefore(i, ALL_PLACE_PREPS);
    const near = p.longestBefore(i, NEAR_PREPS);
    const regionPrep = p.longestBefore(i, STRICT_REGION_PREPS);
    const signal =
      i > 0 &&
      p.free(i - 1) &&
      PLACE_SIGNALS.has(p.tok(i - 1)?.text ?? '') &&
      (p.tok(i - 1)?.text !== 'a' || p.tok(i - 1)?.raw === 'à' || p.tok(i - 1)?.raw === 'À');
    const capitalised = t.capital && i !== firstWord;
    const alone = i === firstWord && longest - 1 === lastWord;
    const pool = found
      .filter((f) => f.end === longest)
      .filter(
        (f) => !f.name.ambiguous || signal || capitalised || alone || confirmingCode(p, longest, f.name.hit),
      );
    if (pool.length === 0) continue;
    const rank = (f: { name: PlaceName }) => {
      const hit = f.name.hit;
      const country =
        hit.type === 'city' ? hit.city.country : hit.type === 'region' ? hit.region.country : hit.country;
      let score = 0;
      if (countries.size > 0 && countries.has(country)) score += 4;
      if (hit.type === 'country') score += 1;
      if (regionPrep && hit.type === 'region') score += 2;
      if (!regionPrep && hit.type === 'city') score += 2;
      if (hit.type === 'region' && hit.region.kind === 'region') score += 0.5;
      return score;
    };
    const best = [...pool].sort((x, y) => rank(y) - rank(x))[0] as { name: PlaceName; end: number };
    let to = best.end - 1;
    const hit = best.name.hit;
    // "Lyon (69)", "Paris 75011", "Paris 11e": the number confirms the place
    const code = confirmingCode(p, best.end, hit);
    if (code) to = code.to;
    else if (hit.type === 'city') {
      const arr = arrondissementAt(p, best.end, hit.city);
      if (arr !== null) to = arr;
    }
    const from = before ? before.start : i;
    if (hit.type === 'country') {
      p.add({ kind: 'country', value: hit.country, from, to });
    } else if (hit.type === 'city' && near) {
      const area = hit.city.subregion ?? hit.city.region;
      if (!area) continue;
      p.add({ kind: 'region', value: area, from: near.start, to, note: `near:${hit.city.name}` });
    } else if (hit.type === 'city') {
      p.add({ kind: 'city', value: hit.city.name, from, to });
    } else {
      p.add({ kind: 'region', value: hit.region.name, from, to });
    }
    i = to;
  }
}

/** Place names match token by token, across hyphens, dots and slashes ("St.-Gallen", "Biel/Bienne"). */
function matchPlace(p: QueryParser, i: number, tokens: readonly string[]): number {
  let j = i;
  for (let k = 0; k < tokens.length; k++) {
    if (k > 0) while (p.skippable(j, true)) j++;
    const t = p.tok(j);
    if (!t || !p.free(j) || t.kind === 'sym') return -1;
    const text = t.text === 'st' ? 'saint' : t.text === 'ste' ? 'sainte' : t.text;
    if (text !== tokens[k]) return -1;
    j++;
  }
  return j;
}

/**
 * A department number right after a place that agrees with it: "Lyon (69)", "Lyon 69", "Vienne (38)",
 * "Bretagne (29)", "Paris 75011". Not a quantity ("Paris 50 places").
 */
function confirmingCode(p: QueryParser, i: number, hit: PlaceHit): { to: number } | null {
  if (hit.type === 'country') return null;
  const code = departmentCodeAt(p, i);
  if (!code) return null;
  const last = p.tok(code.to)?.text === ')' ? code.to : code.to;
  if (p.tok(i)?.text !== '(' && quantityFollows(p, last + 1)) return null;
  const department = code.region;
  const agrees =
    hit.type === 'city'
      ? hit.city.country === 'FR' &&
        (hit.city.subregion ?? hit.city.region) ===
          (department.parent === hit.city.region && !hit.city.subregion ? hit.city.region : department.name)
      : hit.region.name === department.name || hit.region.name === department.parent;
  return agrees ? { to: code.to } : null;
}

/** A French department number at i, bare or in parentheses: "(69)", "69", "2A", "974". */
function departmentCodeAt(p: QueryParser, i: number): { region: Region; from: number; to: number } | null {
  let j = i;
  const open = p.tok(j)?.text === '(' && p.free(j);
  if (open) j++;
  const t = p.tok(j);
  if (!t || t.kind !== 'num' || !p.free(j)) return null;
  let code = t.text;
  let last = j;
  const letter = p.tok(j + 1);
  if (
    code === '2' &&
    letter?.kind === 'word' &&
    (letter.text === 'a' || letter.text === 'b') &&
    letter.gap === ''
  ) {
    code = `2${letter.text.toUpperCase()}`;
    last = j + 1;
  } else if (t.text.length === 5) {
    // a postcode: its department
    code = t.text.startsWith('97')
      ? t.text.slice(0, 3)
      : t.text.startsWith('20')
        ? Number(t.text.slice(0, 3)) < 202
          ? '2A'
          : '2B'
        : t.text.slice(0, 2);
  } else if (t.text.length !== 2 && t.text.length !== 3) return null;
  const region = findDepartment(code);
  if (!region) return null;
  if (open) {
    if (p.tok(last + 1)?.text !== ')') return null;
    last += 1;
  }
  return { region, from: i, to: last };
}

function departmentAt(p: QueryParser, i: number): { region: Region; from: number; to: number } | null {
  const t = p.tok(i);
  if (!t || !p.free(i)) return null;
  if (t.text === '(') return departmentCodeAt(p, i);
  if (t.kind !== 'num') return null;
  const lead = p.longestBefore(i, DEPARTMENT_LEADS);
  if (!lead) {
    // a bare five-digit number is a postcode ("jazz 75011"); "15 000 places" is spaced or has a unit
    if (t.text.length !== 5 || quantityFollows(p, i + 1)) return null;
    if (p.longestBefore(i, QUANTITY_LEADS)) return null;
    if (p.longestAt(i + 1, RANGE_JOIN)) return null;
    return departmentCodeAt(p, i);
  }
  const found = departmentCodeAt(p, i);
  return found && { ...found, from: lead.start };
}

/** "Paris 11e", "Lyon 7ème", "Marseille 13", "75011" after a city: the arrondissement, consumed. */
function arrondissementAt(p: QueryParser, i: number, city: City): number | null {
  const t = p.tok(i);
  if (!t || t.kind !== 'num' || !p.free(i)) return null;
  const limits: Record<string, number> = { Paris: 20, Lyon: 9, Marseille: 16 };
  const limit = limits[city.name];
  if (!limit || t.text.length > 2 || Number(t.text) < 1 || Number(t.text) > limit) return null;
  const suffix = p.tok(i + 1);
  if (suffix?.kind === 'word' && suffix.gap === '' && ['e', 'eme', 'er', 'em'].includes(suffix.text))
    return i + 1;
  return quantityFollows(p, i + 1) ? null : i;
}

// ---- Genres ---------------------------------------------------------------------------------------

function parseGenres(p: QueryParser): void {
  for (const match of findGenrePhrases(p.folded)) {
    const covered: number[] = [];
    p.tokens.forEach((t, k) => {
      if (t.fstart >= match.start && t.fend <= match.end) covered.push(k);
    });
    const from = covered[0];
    const to = covered[covered.length - 1];
    if (from === undefined || to === undefined || covered.some((k) => !p.free(k))) continue;
    // the phrase must start and end on token boundaries
    if (p.tokens[from]?.fstart !== match.start || p.tokens[to]?.fend !== match.end) continue;
    const negation = p.longestBefore(from, NEGATIONS);
    if (negation) {
      // "pas de rap": there is no exclusion filter; report the words rather than search for rap
      p.reserve(negation.start, to);
      continue;
    }
    p.add({ kind: 'genres', value: [...match.ids], from, to });
  }
}

// ---- Assembly ---------------------------------------------------------------------------------------

function consumeStopwords(p: QueryParser): void {
  p.tokens.forEach((t, k) => {
    if (!p.free(k)) return;
    if (t.kind === 'sym' || (t.kind === 'word' && STOPWORDS.has(t.text))) p.used[k] = true;
  });
}

function unparsedGroups(p: QueryParser): string[] {
  const out: string[] = [];
  let from = -1;
  const flush = (to: number) => {
    if (from < 0) return;
    const first = p.tokens[from] as Token;
    const last = p.tokens[to] as Token;
    const text = p.text.slice(first.start, last.end).trim();
    if (text) out.push(text);
    from = -1;
  };
  p.tokens.forEach((_t, k) => {
    const open = !p.used[k] || p.reserved[k];
    if (!open || (from >= 0 && p.reserved[k] !== p.reserved[from])) flush(k - 1);
    if (open && from < 0) from = k;
  });
  flush(p.tokens.length - 1);
  return out;
}

/**
 * Reads a search typed in French or English ("salle jazz 300 places Paris février", "rock club 500
 * capacity Lyon") into filters, with one chip per understood piece and the words it did not understand.
 * Pure, offline and deterministic for a given `today`; never throws. See docs/venue-search.md.
 */
export function parseVenueQuery(text: string, options: ParseVenueQueryOptions = {}): ParsedVenueQuery {
  const language = options.language ?? 'fr';
  const input = typeof text === 'string' ? text.slice(0, MAX_QUERY_LENGTH) : '';
  const { tokens, folded } = tokenize(input);
  const p = new QueryParser(input, tokens, folded, parseToday(options.today), options.knownCities ?? []);
  parseDates(p);
  parsePlaces(p);
  parseQuantities(p);
  parseSizes(p);
  parseDays(p);
  parseGenres(p);
  consumeStopwords(p);

  const filters: VenueFilters = {
    ...EMPTY_VENUE_FILTERS,
    genres: [],
    months: [],
    daysOfWeek: [],
    kinds: [],
  };
  const chips: QueryChip[] = [];
  const drafts = [...p.drafts].sort((a, b) => a.from - b.from);
  const explicitCapacity = drafts.some((d) => d.kind === 'capacity' && d.note !== 'kind');
  let capacitySet = false;
  const rejected: Draft[] = [];
  for (const draft of drafts) {
    const chip = applyDraft(filters, draft, { explicitCapacity, capacitySet });
    if (chip === 'conflict') {
      rejected.push(draft);
      continue;
    }
    if (draft.kind === 'capacity' && chip) capacitySet = true;
    if (!chip) continue; // understood, nothing to add ("club" next to "500 capacity")
    const first = p.tokens[draft.from] as Token;
    const last = p.tokens[draft.to] as Token;
    const full = { ...chip, start: first.start, end: last.end } as QueryChip;
    chips.push({ ...full, label: chipLabel(full, language, draft.note) } as QueryChip);
  }
  // a second city, country or capacity that contradicts the first is reported, not applied
  for (const draft of rejected) for (let k = draft.from; k <= draft.to; k++) p.used[k] = false;
  const unparsed = unparsedGroups(p);
  filters.months.sort((a, b) => a - b);
  filters.daysOfWeek.sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  filters.kinds.sort((a, b) => VENUE_KINDS.indexOf(a) - VENUE_KINDS.indexOf(b));
  return { filters: VenueFilters.parse(filters), chips, unparsed };
}

/** Longer queries are cut: a search bar has no use for a novel, and the parser stays fast. */
export const MAX_QUERY_LENGTH = 2000;

function applyDraft(
  filters: VenueFilters,
  draft: Draft,
  state: { explicitCapacity: boolean; capacitySet: boolean },
): Omit<QueryChip, 'label' | 'start' | 'end'> | null | 'conflict' {
  switch (draft.kind) {
    case 'kinds': {
      const kinds = draft.value as VenueKind[];
      for (const kind of kinds) if (!filters.kinds.includes(kind)) filters.kinds.push(kind);
      return { kind: 'kinds', value: kinds };
    }
    case 'genres': {
      const ids = draft.value as GenreId[];
      for (const id of ids) if (!filters.genres.includes(id)) filters.genres.push(id);
      return { kind: 'genres', value: ids };
    }
    case 'capacity': {
      const value = draft.value as { min: number | null; max: number | null };
      if (draft.note === 'kind' && state.explicitCapacity) return null;
      if (state.capacitySet) {
        // "plus de 200 et moins de 500 places": a lower and an upper bound given apart combine
        const combinable =
          (value.min === null &&
            filters.capacityMax === null &&
            value.max !== null &&
            (filters.capacityMin ?? 0) <= value.max) ||
          (value.max === null &&
            filters.capacityMin === null &&
            value.min !== null &&
            (filters.capacityMax ?? Infinity) >= value.min);
        if (!combinable) return draft.note === 'kind' ? null : 'conflict';
      }
      if (value.min !== null) filters.capacityMin = value.min;
      if (value.max !== null) filters.capacityMax = value.max;
      return { kind: 'capacity', value };
    }
    case 'city': {
      const value = draft.value as string;
      if (filters.city !== null && filters.city !== value) return 'conflict';
      filters.city = value;
      return { kind: 'city', value };
    }
    case 'region': {
      const value = draft.value as string;
      if (filters.region !== null && filters.region !== value) return 'conflict';
      filters.region = value;
      return { kind: 'region', value };
    }
    case 'country': {
      const value = draft.value as SearchCountry;
      if (filters.country !== null && filters.country !== value) return 'conflict';
      filters.country = value;
      return { kind: 'country', value };
    }
    case 'months': {
      const value = draft.value as number[];
      for (const m of value) if (!filters.months.includes(m)) filters.months.push(m);
      return { kind: 'months', value };
    }
    case 'daysOfWeek': {
      const value = draft.value as Weekday[];
      for (const d of value) if (!filters.daysOfWeek.includes(d)) filters.daysOfWeek.push(d);
      return { kind: 'daysOfWeek', value };
    }
    case 'budgetMax': {
      const value = draft.value as BudgetValue;
      if (filters.budgetMax !== null && filters.budgetMax !== value.amount) return 'conflict';
      filters.budgetMax = value.amount;
      return { kind: 'budgetMax', value };
    }
    case 'date': {
      const value = draft.value as QueryDate;
      if (!filters.months.includes(value.month)) filters.months.push(value.month);
      if (value.weekday && !filters.daysOfWeek.includes(value.weekday))
        filters.daysOfWeek.push(value.weekday);
      return { kind: 'date', value };
    }
  }
}

// ---- Labels -----------------------------------------------------------------------------------------

const MONTH_NAMES = {
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
} as const;

const DAY_NAMES: Record<QueryLanguage, Record<Weekday, string>> = {
  fr: {
    mon: 'lundi',
    tue: 'mardi',
    wed: 'mercredi',
    thu: 'jeudi',
    fri: 'vendredi',
    sat: 'samedi',
    sun: 'dimanche',
  },
  en: {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
};

const COUNTRY_NAMES: Record<QueryLanguage, Record<SearchCountry, string>> = {
  fr: { FR: 'France', BE: 'Belgique', CH: 'Suisse' },
  en: { FR: 'France', BE: 'Belgium', CH: 'Switzerland' },
};

/** 1 500 (narrow no-break space) in French, 1,500 in English; no Intl, so labels are the same everywhere. */
export function formatCount(value: number, language: QueryLanguage): string {
  const [whole = '0', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, language === 'fr' ? '\u202f' : ',');
  const sign = value < 0 ? '-' : '';
  return fraction ? `${sign}${grouped}${language === 'fr' ? ',' : '.'}${fraction}` : `${sign}${grouped}`;
}

function monthList(months: readonly number[], language: QueryLanguage): string {
  const names = MONTH_NAMES[language];
  const name = (m: number) => names[m - 1] ?? String(m);
  // consecutive months (wrapping over the new year) read as a span: "juin–août", "décembre–février"
  if (months.length >= 3 && months.every((m, k) => k === 0 || m === ((months[k - 1] as number) % 12) + 1))
    return `${name(months[0] as number)}–${name(months[months.length - 1] as number)}`;
  return months.map(name).join(', ');
}

function dayList(days: readonly Weekday[], language: QueryLanguage): string {
  const key = days.join(',');
  if (key === WEEKEND.join(','))
    return language === 'fr' ? 'week-end (vendredi–dimanche)' : 'weekend (Friday–Sunday)';
  if (key === WEEKDAYS_ONLY.join(','))
    return language === 'fr' ? 'en semaine (lundi–jeudi)' : 'weekdays (Monday–Thursday)';
  const names = days.map((d) => DAY_NAMES[language][d]);
  if (
    days.length >= 3 &&
    days.every(
      (d, k) => k === 0 || WEEKDAYS.indexOf(d) === (WEEKDAYS.indexOf(days[k - 1] as Weekday) + 1) % 7,
    )
  )
    return `${names[0]}–${names[names.length - 1]}`;
  return names.join(', ');
}

function money(value: BudgetValue, language: QueryLanguage): string {
  const amount = formatCount(value.amount, language);
  const symbol = { EUR: '€', CHF: 'CHF', USD: '$', GBP: '£' }[value.currency];
  if (language === 'fr') return `${amount}\u00a0${symbol}`;
  return value.currency === 'CHF' ? `CHF\u00a0${amount}` : `${symbol}${amount}`;
}

/**
 * A chip's label for the search bar, in French or English: "240–360 places", "Genève", "juin–août",
 * "budget ≤ 3 000 €", "14 février 2027 (dimanche)". `note` adds what the parser saw (a department
 * number, "near Lyon").
 */
export function chipLabel(
  chip: Pick<QueryChip, 'kind' | 'value'>,
  language: QueryLanguage = 'fr',
  note?: string,
): string {
  const fr = language === 'fr';
  const c = chip as QueryChip;
  switch (c.kind) {
    case 'genres':
      return c.value.map((id) => genreLabel(id, language)).join(' · ');
    case 'capacity': {
      const { min, max } = c.value;
      const f = (v: number) => formatCount(v, language);
      if (min !== null && max !== null)
        return fr ? `${f(min)} à ${f(max)} places` : `capacity ${f(min)}–${f(max)}`;
      if (max !== null) return fr ? `≤ ${f(max)} places` : `capacity ≤ ${f(max)}`;
      if (min !== null) return fr ? `≥ ${f(min)} places` : `capacity ≥ ${f(min)}`;
      return fr ? 'jauge' : 'capacity';
    }
    case 'city':
      return placeLabel(c.value, language);
    case 'region': {
      const name = placeLabel(c.value, language);
      if (note?.startsWith('near:')) {
        const city = placeLabel(note.slice(5), language);
        return fr ? `près de ${city} (${name})` : `near ${city} (${name})`;
      }
      return note ? `${name} (${note})` : name;
    }
    case 'country':
      return COUNTRY_NAMES[language][c.value];
    case 'months':
      return monthList(c.value, language);
    case 'daysOfWeek':
      return dayList(c.value, language);
    case 'budgetMax':
      return `budget ≤ ${money(c.value, language)}`;
    case 'kinds':
      return c.value.map((kind) => VENUE_KIND_LABELS[language][kind]).join(fr ? ' ou ' : ' or ');
    case 'date': {
      const { month, day, year, weekday } = c.value;
      const monthName = MONTH_NAMES[language][month - 1] ?? String(month);
      const days = day !== null ? String(day) : (note ?? '').replace('-', '–');
      const head = fr ? `${days === '1' ? '1er' : days} ${monthName}`.trim() : `${days} ${monthName}`.trim();
      const withYear = year !== null ? `${head} ${year}` : head;
      return weekday ? `${withYear} (${DAY_NAMES[language][weekday]})` : withYear;
    }
  }
}

/** Venue kinds as the search bar's chips name them. */
export const VENUE_KIND_LABELS: Record<QueryLanguage, Record<VenueKind, string>> = {
  fr: {
    club: 'club',
    concert_hall: 'salle de concert',
    theatre: 'théâtre',
    festival: 'festival',
    bar: 'bar',
    church: 'église',
    outdoor: 'plein air',
    arena: 'aréna',
    other: 'autre lieu',
  },
  en: {
    club: 'club',
    concert_hall: 'concert hall',
    theatre: 'theatre',
    festival: 'festival',
    bar: 'bar',
    church: 'church',
    outdoor: 'open air',
    arena: 'arena',
    other: 'other venue',
  },
};

/** The query without a chip's words, spaces tidied: what the search bar shows when a chip is removed. */
export function removeChip(text: string, chip: Pick<QueryChip, 'start' | 'end'>): string {
  return `${text.slice(0, chip.start)} ${text.slice(chip.end)}`.replace(/\s+/g, ' ').trim();
}
