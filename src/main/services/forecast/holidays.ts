/**
 * Public and school holidays for France, Belgium and Switzerland, computed (never fetched: the app is
 * offline-first). Public holidays are exact rules (Easter by the anonymous Gregorian algorithm, fixed
 * dates). School holidays are a RULE-BASED APPROXIMATION of the published calendars: right for the
 * years checked below, a few days off at worst in other years. They feed one yes/no feature of the
 * forecast and a flag on the calendar, which is what an approximation can honestly carry; the UI labels
 * them "vacances scolaires (approximation)".
 *
 * Regions:
 * - FR: zones A/B/C from the département (first two digits of the postal code; Corsica, the overseas
 *   départements and unknown postal codes get the national periods only: Toussaint, Noël, été).
 *   Alsace-Moselle (57, 67, 68) adds Good Friday and 26 December to the public holidays.
 * - BE: the Fédération Wallonie-Bruxelles reformed calendar (since 2022–23: two weeks in autumn,
 *   winter, carnival and spring, shorter summer) for Brussels and Wallonia (postal codes 1000–1499 and
 *   4000–7999; Brussels schools are mostly French-speaking), the Flemish calendar for 1500–3999 and
 *   8000–9999. The German-speaking community (4700–4799) is approximated by the French one.
 * - CH: school holidays are set by each of the 26 cantons (often each commune). The rule below is a
 *   generic Swiss calendar (Romandie for postal codes 1000–2999: VD, GE, NE, JU, FR, VS romand; German-
 *   speaking Switzerland otherwise), not any canton's official one.
 *   Public holidays: 1 August is the only federal one; the others listed (1 January, Good Friday,
 *   Easter Monday, Ascension, Whit Monday, 25 and 26 December) are observed in most cantons. Not
 *   included, as they are observed only in some cantons: 2 January (Berchtoldstag), 1 May, Corpus
 *   Christi, Assumption, All Saints, Immaculate Conception, the Jeûne genevois and the Lundi du Jeûne.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (UTC, no time zones involved). */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}
/** 0 = Monday … 6 = Sunday. */
export function weekdayOfDay(day: number): number {
  // 1970-01-01 was a Thursday (3).
  return (((day + 3) % 7) + 7) % 7;
}
/** The first day on or after `day` that falls on `weekday` (0 = Monday). */
function onOrAfter(day: number, weekday: number): number {
  return day + ((weekday - weekdayOfDay(day) + 7) % 7);
}
function mondayOfWeek(day: number): number {
  return day - weekdayOfDay(day);
}
const SATURDAY = 5;
const MONDAY = 0;

/** Easter Sunday (Gregorian), the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoOfDay(dayOf(year, month, day));
}

export interface Holiday {
  date: string;
  /** French name (the app's reference language). */
  fr: string;
  en: string;
}

function holiday(day: number, fr: string, en: string): Holiday {
  return { date: isoOfDay(day), fr, en };
}

export interface Region {
  country: string;
  /** The venue's postal code: selects the French zone, the Belgian community, the Swiss language region. */
  postalCode?: string;
}

const publicCache = new Map<string, Holiday[]>();

/** Public holidays of a year, for the region (see the header for what is covered). */
export function publicHolidays(year: number, region: Region): Holiday[] {
  const alsaceMoselle = region.country === 'FR' && /^(57|67|68)/.test(region.postalCode ?? '');
  const key = `${year}:${region.country}:${alsaceMoselle}`;
  const cached = publicCache.get(key);
  if (cached) return cached;
  const easter = dayNumber(easterSunday(year));
  const list: Holiday[] = [];
  const fixed = (m: number, d: number, fr: string, en: string) =>
    list.push(holiday(dayOf(year, m, d), fr, en));
  const movable = (offset: number, fr: string, en: string) => list.push(holiday(easter + offset, fr, en));
  switch (region.country) {
    case 'FR':
      fixed(1, 1, "Jour de l'an", "New Year's Day");
      if (alsaceMoselle) movable(-2, 'Vendredi saint', 'Good Friday');
      movable(1, 'Lundi de Pâques', 'Easter Monday');
      fixed(5, 1, 'Fête du Travail', 'Labour Day');
      fixed(5, 8, 'Victoire 1945', 'Victory in Europe Day');
      movable(39, 'Ascension', 'Ascension Day');
      movable(50, 'Lundi de Pentecôte', 'Whit Monday');
      fixed(7, 14, 'Fête nationale', 'Bastille Day');
      fixed(8, 15, 'Assomption', 'Assumption');
      fixed(11, 1, 'Toussaint', "All Saints' Day");
      fixed(11, 11, 'Armistice 1918', 'Armistice Day');
      fixed(12, 25, 'Noël', 'Christmas Day');
      if (alsaceMoselle) fixed(12, 26, 'Saint-Étienne', "St Stephen's Day");
      break;
    case 'BE':
      fixed(1, 1, "Jour de l'an", "New Year's Day");
      movable(1, 'Lundi de Pâques', 'Easter Monday');
      fixed(5, 1, 'Fête du Travail', 'Labour Day');
      movable(39, 'Ascension', 'Ascension Day');
      movable(50, 'Lundi de Pentecôte', 'Whit Monday');
      fixed(7, 21, 'Fête nationale', 'Belgian National Day');
      fixed(8, 15, 'Assomption', 'Assumption');
      fixed(11, 1, 'Toussaint', "All Saints' Day");
      fixed(11, 11, 'Armistice', 'Armistice Day');
      fixed(12, 25, 'Noël', 'Christmas Day');
      break;
    case 'CH':
      fixed(1, 1, 'Nouvel an', "New Year's Day");
      movable(-2, 'Vendredi saint', 'Good Friday');
      movable(1, 'Lundi de Pâques', 'Easter Monday');
      movable(39, 'Ascension', 'Ascension Day');
      movable(50, 'Lundi de Pentecôte', 'Whit Monday');
      fixed(8, 1, 'Fête nationale', 'Swiss National Day');
      fixed(12, 25, 'Noël', 'Christmas Day');
      fixed(12, 26, 'Saint-Étienne', "St Stephen's Day");
      break;
    default:
      break;
  }
  list.sort((x, y) => (x.date < y.date ? -1 : 1));
  publicCache.set(key, list);
  return list;
}

/** The public holiday on `date`, or on the day after it (the eve of a holiday is a night out), or null. */
export function publicHolidayOnOrEve(
  date: string,
  region: Region,
): { holiday: Holiday; eve: boolean } | null {
  const day = dayNumber(date);
  for (const [offset, eve] of [
    [0, false],
    [1, true],
  ] as const) {
    const iso = isoOfDay(day + offset);
    const found = publicHolidays(Number(iso.slice(0, 4)), region).find((h) => h.date === iso);
    if (found) return { holiday: found, eve };
  }
  return null;
}

// ---- School holidays (approximation) ------------------------------------------------------------------

export interface SchoolPeriod {
  /** First and last day without school, inclusive. */
  start: string;
  end: string;
  fr: string;
  en: string;
}

export type FrenchZone = 'A' | 'B' | 'C';

const ZONE_OF_DEPARTEMENT: Record<string, FrenchZone> = {};
for (const [zone, list] of [
  // Académies of Besançon, Bordeaux, Clermont-Ferrand, Dijon, Grenoble, Limoges, Lyon, Poitiers.
  ['A', '25 39 70 90 24 33 40 47 64 03 15 43 63 21 58 71 89 07 26 38 73 74 19 23 87 01 42 69 16 17 79 86'],
  // Aix-Marseille, Amiens, Lille, Nancy-Metz, Nantes, Nice, Normandie, Orléans-Tours, Reims, Rennes, Strasbourg.
  [
    'B',
    '04 05 13 84 02 60 80 59 62 54 55 57 88 44 49 53 72 85 06 83 14 27 50 61 76 18 28 36 37 41 45 08 10 51 52 22 29 35 56 67 68',
  ],
  // Créteil, Montpellier, Paris, Toulouse, Versailles.
  ['C', '77 93 94 11 30 34 48 66 75 09 12 31 32 46 65 81 82 78 91 92 95'],
] as const) {
  for (const dep of list.split(' ')) ZONE_OF_DEPARTEMENT[dep] = zone;
}

/** The French school zone of a postal code, or null (Corsica, overseas, unknown). */
export function frenchZone(postalCode: string | undefined): FrenchZone | null {
  const match = /^\s*(\d{2})\d{3}\s*$/.exec(postalCode ?? '');
  return match ? (ZONE_OF_DEPARTEMENT[match[1]!] ?? null) : null;
}

/**
 * Order in which the zones take their winter and spring fortnights (one week apart). The published
 * order for 2023–2026; other years repeat the rotation from these (an approximation).
 */
const FR_WINTER_ORDER: Record<number, string> = { 2023: 'ABC', 2024: 'BAC', 2025: 'BCA', 2026: 'ABC' };
const FR_SPRING_ORDER: Record<number, string> = { 2023: 'ACB', 2024: 'BAC', 2025: 'ACB', 2026: 'ACB' };
const ROTATION = ['ABC', 'BCA', 'CAB'];

function staggeredSlot(order: Record<number, string>, year: number, zone: FrenchZone): number {
  const known = order[year];
  const sequence = known ?? ROTATION[((year % 3) + 3) % 3]!;
  return sequence.indexOf(zone);
}

function period(start: number, end: number, fr: string, en: string): SchoolPeriod {
  return { start: isoOfDay(start), end: isoOfDay(end), fr, en };
}

function frenchSchoolPeriods(year: number, zone: FrenchZone | null): SchoolPeriod[] {
  const out: SchoolPeriod[] = [];
  // Toussaint: two weeks, back to school on the first Monday after 1 November.
  const toussaintBack = onOrAfter(dayOf(year, 11, 2), MONDAY);
  out.push(period(toussaintBack - 16, toussaintBack - 1, 'Vacances de la Toussaint', 'All Saints holidays'));
  // Noël: two weeks, back on the first Monday on or after 2 January of the next year.
  const christmasBack = onOrAfter(dayOf(year + 1, 1, 2), MONDAY);
  out.push(period(christmasBack - 16, christmasBack - 1, 'Vacances de Noël', 'Christmas holidays'));
  // The previous Christmas holidays reach into January of this year.
  const previousBack = onOrAfter(dayOf(year, 1, 2), MONDAY);
  out.push(period(previousBack - 16, previousBack - 1, 'Vacances de Noël', 'Christmas holidays'));
  // Summer: from the first Saturday on or after 4 July to the Sunday before the first Monday of September.
  const rentree = onOrAfter(dayOf(year, 9, 1), MONDAY);
  out.push(period(onOrAfter(dayOf(year, 7, 4), SATURDAY), rentree - 1, "Vacances d'été", 'Summer holidays'));
  if (zone) {
    // Winter and spring: a fortnight per zone, staggered a week apart from the first Saturday on or
    // after 4 February and 2 April.
    const winter = onOrAfter(dayOf(year, 2, 4), SATURDAY) + 7 * staggeredSlot(FR_WINTER_ORDER, year, zone);
    out.push(period(winter, winter + 15, "Vacances d'hiver", 'Winter holidays'));
    const spring = onOrAfter(dayOf(year, 4, 2), SATURDAY) + 7 * staggeredSlot(FR_SPRING_ORDER, year, zone);
    out.push(period(spring, spring + 15, 'Vacances de printemps', 'Spring holidays'));
  }
  return out;
}

export type BelgianCommunity = 'fr' | 'nl';

export function belgianCommunity(postalCode: string | undefined): BelgianCommunity {
  const code = Number(/^\s*(\d{4})\s*$/.exec(postalCode ?? '')?.[1] ?? NaN);
  if ((code >= 1500 && code <= 3999) || code >= 8000) return 'nl';
  return 'fr';
}

function belgianSchoolPeriods(year: number, community: BelgianCommunity): SchoolPeriod[] {
  const easter = dayNumber(easterSunday(year));
  const mardiGras = easter - 47;
  const out: SchoolPeriod[] = [];
  const christmasMonday = mondayOfWeek(dayOf(year, 12, 25));
  const lastChristmasMonday = mondayOfWeek(dayOf(year - 1, 12, 25));
  out.push(
    period(christmasMonday - 2, christmasMonday + 13, "Vacances d'hiver (Noël)", 'Christmas holidays'),
  );
  out.push(
    period(
      lastChristmasMonday - 2,
      lastChristmasMonday + 13,
      "Vacances d'hiver (Noël)",
      'Christmas holidays',
    ),
  );
  if (community === 'fr') {
    // FWB reformed calendar (since 2022–23).
    const allSaintsMonday = mondayOfWeek(dayOf(year, 11, 1));
    out.push(period(allSaintsMonday - 9, allSaintsMonday + 6, "Congé d'automne", 'Autumn holidays'));
    // Carnival: the week of Mardi gras and the one before it when carnival is late, after it when early.
    const carnivalWeek = mondayOfWeek(mardiGras);
    const carnivalStart = mardiGras >= dayOf(year, 3, 1) ? carnivalWeek - 7 : carnivalWeek;
    out.push(
      period(carnivalStart - 2, carnivalStart + 13, 'Congé de détente (carnaval)', 'Carnival holidays'),
    );
    // Spring: the two weeks from the last Monday of April.
    const lastAprilMonday = mondayOfWeek(dayOf(year, 4, 30));
    out.push(period(lastAprilMonday - 2, lastAprilMonday + 13, 'Congé de printemps', 'Spring holidays'));
    // Summer: first Saturday on or after 4 July to the Sunday before the last Monday of August.
    const rentree = mondayOfWeek(dayOf(year, 8, 31));
    out.push(
      period(onOrAfter(dayOf(year, 7, 4), SATURDAY), rentree - 1, "Vacances d'été", 'Summer holidays'),
    );
  } else {
    const allSaintsMonday = mondayOfWeek(dayOf(year, 11, 1));
    out.push(period(allSaintsMonday - 2, allSaintsMonday + 6, 'Herfstvakantie', 'Autumn holidays'));
    const krokus = mondayOfWeek(mardiGras);
    out.push(period(krokus - 2, krokus + 6, 'Krokusvakantie', 'Carnival holidays'));
    // Easter: from Easter Monday if Easter is in March; two weeks before Easter Monday if Easter is
    // after 15 April; otherwise from the first Monday of April.
    const easterMonday = easter + 1;
    const paasStart =
      easter < dayOf(year, 4, 1)
        ? easterMonday
        : easter > dayOf(year, 4, 15)
          ? easterMonday - 14
          : onOrAfter(dayOf(year, 4, 1), MONDAY);
    out.push(period(paasStart - 2, paasStart + 13, 'Paasvakantie', 'Easter holidays'));
    out.push(period(dayOf(year, 7, 1), dayOf(year, 8, 31), 'Zomervakantie', 'Summer holidays'));
  }
  return out;
}

function swissSchoolPeriods(year: number, postalCode: string | undefined): SchoolPeriod[] {
  const romandie = /^\s*[12]\d{3}\s*$/.test(postalCode ?? '');
  const easter = dayNumber(easterSunday(year));
  const out: SchoolPeriod[] = [];
  const christmasMonday = mondayOfWeek(dayOf(year, 12, 25));
  const lastChristmasMonday = mondayOfWeek(dayOf(year - 1, 12, 25));
  out.push(period(christmasMonday - 2, christmasMonday + 13, 'Vacances de Noël', 'Christmas holidays'));
  out.push(
    period(lastChristmasMonday - 2, lastChristmasMonday + 13, 'Vacances de Noël', 'Christmas holidays'),
  );
  // Easter/spring: the fortnight around Easter (Good Friday week and the following one).
  out.push(period(easter - 9, easter + 8, 'Vacances de Pâques', 'Easter holidays'));
  // Sport holidays: one week in February or early March, the week after the second Sunday of February in
  // most cantons of both regions (they spread over four weeks in reality).
  const sport = onOrAfter(dayOf(year, 2, 8), MONDAY) + 7;
  out.push(period(sport - 2, sport + 6, 'Relâches / vacances de sport', 'Sport holidays'));
  // Autumn: two weeks in October, from the first Saturday on or after 4 October (Romandie a week later).
  const autumn = onOrAfter(dayOf(year, 10, 4), SATURDAY) + (romandie ? 7 : 0);
  out.push(period(autumn, autumn + 15, "Vacances d'automne", 'Autumn holidays'));
  // Summer: Romandie from the first Saturday of July for about seven weeks; German-speaking cantons from
  // the Saturday after 7 July for about five and a half.
  const summerStart = romandie
    ? onOrAfter(dayOf(year, 7, 1), SATURDAY)
    : onOrAfter(dayOf(year, 7, 8), SATURDAY);
  const summerEnd = romandie ? onOrAfter(dayOf(year, 8, 18), SATURDAY) + 1 : summerStart + 37;
  out.push(period(summerStart, summerEnd, "Vacances d'été", 'Summer holidays'));
  return out;
}

const schoolCache = new Map<string, SchoolPeriod[]>();

/** The school holiday periods touching `year` for the region (approximation; see the header). */
export function schoolHolidays(year: number, region: Region): SchoolPeriod[] {
  let regionKey: string;
  let compute: () => SchoolPeriod[];
  switch (region.country) {
    case 'FR': {
      const zone = frenchZone(region.postalCode);
      regionKey = `FR${zone ?? '-'}`;
      compute = () => frenchSchoolPeriods(year, zone);
      break;
    }
    case 'BE': {
      const community = belgianCommunity(region.postalCode);
      regionKey = `BE${community}`;
      compute = () => belgianSchoolPeriods(year, community);
      break;
    }
    case 'CH': {
      const romandie = /^\s*[12]\d{3}\s*$/.test(region.postalCode ?? '');
      regionKey = `CH${romandie ? 'r' : 'd'}`;
      compute = () => swissSchoolPeriods(year, region.postalCode);
      break;
    }
    default:
      return [];
  }
  const key = `${year}:${regionKey}`;
  let periods = schoolCache.get(key);
  if (!periods) {
    periods = compute().sort((a, b) => (a.start < b.start ? -1 : 1));
    schoolCache.set(key, periods);
  }
  return periods;
}

/** The school holiday period containing `date`, or null. */
export function schoolHolidayOn(date: string, region: Region): SchoolPeriod | null {
  const year = Number(date.slice(0, 4));
  return schoolHolidays(year, region).find((p) => p.start <= date && date <= p.end) ?? null;
}
