import { describe, expect, it } from 'vitest';
import { GENRE_IDS, type GenreId } from '../src/shared/genres';
import type { Weekday } from '../src/shared/domain';
import {
  CITIES,
  REGIONS,
  cityMatches,
  findCity,
  findRegion,
  placeKey,
  regionsOfVenue,
  venueInRegion,
} from '../src/shared/places';
import {
  chipLabel,
  EMPTY_VENUE_FILTERS,
  parseVenueQuery,
  removeChip,
  VenueFilters,
  type QueryChip,
} from '../src/shared/venue-query';

const TODAY = '2026-11-25'; // a Wednesday
const parse = (text: string) => parseVenueQuery(text, { today: TODAY });
const F = (partial: Partial<VenueFilters>): VenueFilters => ({ ...EMPTY_VENUE_FILTERS, ...partial });
const ACTUELLES: GenreId[] = ['pop', 'rock', 'chanson', 'electronic', 'hiphop'];
const WEEKEND: Weekday[] = ['fri', 'sat', 'sun'];

/** [query, expected filters, expected unparsed words (default none)]. */
const FRENCH: ReadonlyArray<readonly [string, Partial<VenueFilters>, string[]?]> = [
  [
    'salle jazz 300 places Paris février',
    { genres: ['jazz'], capacityMin: 240, capacityMax: 360, city: 'Paris', months: [2] },
  ],
  ['musiques actuelles 200 à 400 places', { genres: ACTUELLES, capacityMin: 200, capacityMax: 400 }],
  ['moins de 500', { capacityMax: 500 }],
  ['plus de 1000', { capacityMin: 1000 }],
  ["jusqu'à 800 personnes", { capacityMax: 800 }],
  ['1 000 personnes', { capacityMin: 800, capacityMax: 1200 }],
  ['1k', { capacityMin: 800, capacityMax: 1200 }],
  ['1.500 places', { capacityMin: 1200, capacityMax: 1800 }],
  ['petite salle', { capacityMax: 300 }],
  ['grande salle rock', { genres: ['rock'], capacityMin: 1000 }],
  ['salle moyenne chanson', { genres: ['chanson'], capacityMin: 300, capacityMax: 1000 }],
  ['zénith', { capacityMin: 3000, capacityMax: 12000, kinds: ['concert_hall', 'arena'] }],
  ['festival jazz en été', { genres: ['jazz'], months: [6, 7, 8], kinds: ['festival'] }],
  ['festivals en Bretagne', { region: 'Bretagne', kinds: ['festival'] }],
  ['théâtre à Lyon', { city: 'Lyon', kinds: ['theatre'] }],
  ['concert classique dans une église', { genres: ['classical'], kinds: ['church'] }],
  ['chapelle musique ancienne', { genres: ['early'], kinds: ['church'] }],
  ['club électro Paris', { genres: ['electronic'], city: 'Paris', kinds: ['club'] }],
  ['petit club jazz', { genres: ['jazz'], capacityMax: 300, kinds: ['club'] }],
  ['bar concert à Nantes', { city: 'Nantes', kinds: ['bar'] }],
  ['café-concert chanson', { genres: ['chanson'], kinds: ['bar'] }],
  ['plein air en juillet', { months: [7], kinds: ['festival', 'outdoor'] }],
  ['salle de concert 800 places', { capacityMin: 640, capacityMax: 960, kinds: ['concert_hall'] }],
  ['SMAC rock Bretagne', { genres: ['rock'], region: 'Bretagne', kinds: ['concert_hall'] }],
  ['zénith 5000 places', { capacityMin: 4000, capacityMax: 6000, kinds: ['concert_hall', 'arena'] }],
  ['stade', { capacityMin: 15000, kinds: ['outdoor', 'arena'] }],
  ['à Lyon', { city: 'Lyon' }],
  ['Genève', { city: 'Genève' }],
  ['geneve', { city: 'Genève' }],
  ['en Bretagne', { region: 'Bretagne' }],
  ['Île-de-France', { region: 'Île-de-France' }],
  ['ile de france', { region: 'Île-de-France' }],
  ['Suisse romande', { region: 'Suisse romande' }],
  ['Belgique', { country: 'BE' }],
  ['Wallonie', { region: 'Wallonie' }],
  ['Lyon (69)', { city: 'Lyon' }],
  ['(69)', { region: 'Rhône' }],
  ['dans le 69 au printemps', { region: 'Rhône', months: [3, 4, 5] }],
  ['en été', { months: [6, 7, 8] }],
  ['cet automne', { months: [9, 10, 11] }],
  ["l'hiver prochain", { months: [1, 2, 12] }],
  ['le 14 février', { months: [2], daysOfWeek: ['sun'] }],
  ['mars-avril', { months: [3, 4] }],
  ['de juin à septembre', { months: [6, 7, 8, 9] }],
  ['le mois prochain', { months: [12] }],
  ['le samedi', { daysOfWeek: ['sat'] }],
  ['le week-end', { daysOfWeek: WEEKEND }],
  ['en semaine', { daysOfWeek: ['mon', 'tue', 'wed', 'thu'] }],
  ['du jeudi au samedi', { daysOfWeek: ['thu', 'fri', 'sat'] }],
  ['budget 3000 €', { budgetMax: 3000 }],
  ['cachet max 2 500 euros', { budgetMax: 2500 }],
  ['moins de 2000 € de budget', { budgetMax: 2000 }],
  ['budget entre 2000 et 3000 €', { budgetMax: 3000 }],
  ['2,5k €', { budgetMax: 2500 }],
  [
    'électro en Suisse romande cet été',
    { genres: ['electronic'], region: 'Suisse romande', months: [6, 7, 8] },
  ],
  [
    'salle de 1 500 places à Lille le samedi',
    { capacityMin: 1200, capacityMax: 1800, city: 'Lille', daysOfWeek: ['sat'] },
  ],
  ['salle classique Bâle en décembre', { genres: ['classical'], city: 'Bâle', months: [12] }],
  ['reggae à Bordeaux en juin ou juillet', { genres: ['reggae'], city: 'Bordeaux', months: [6, 7] }],
  ['metal Clisson juin', { genres: ['metal'], city: 'Clisson', months: [6] }],
  [
    'salle rock Nantes (44) 600 places',
    { genres: ['rock'], capacityMin: 480, capacityMax: 720, city: 'Nantes' },
  ],
  ['chanson française Bruxelles dimanche', { genres: ['chanson'], city: 'Bruxelles', daysOfWeek: ['sun'] }],
  ['opéra Genève 14/02/2027', { genres: ['opera'], city: 'Genève', months: [2], daysOfWeek: ['sun'] }],
  [
    'trad en Bretagne du jeudi au samedi',
    { genres: ['traditional'], region: 'Bretagne', daysOfWeek: ['thu', 'fri', 'sat'] },
  ],
  ['Jazz à Vienne juillet', { genres: ['jazz'], city: 'Vienne', months: [7] }],
  ['rap à Tours en mars', { genres: ['hiphop'], city: 'Tours', months: [3] }],
  ['soul funk Strasbourg du 10 au 20 juillet', { genres: ['rnb', 'funk'], city: 'Strasbourg', months: [7] }],
  ['salle à Genève, Suisse', { city: 'Genève', country: 'CH' }],
  ['classique Paris 11e', { genres: ['classical'], city: 'Paris' }],
  ['jazz 75011', { genres: ['jazz'], region: 'Paris' }],
  ['Saint-Étienne 500 places', { capacityMin: 400, capacityMax: 600, city: 'Saint-Étienne' }],
  ['st etienne', { city: 'Saint-Étienne' }],
  ['  jazz    Paris   ', { genres: ['jazz'], city: 'Paris' }],
  ['JAZZ PARIS FÉVRIER', { genres: ['jazz'], city: 'Paris', months: [2] }],
  ['salle jazz à nice', { genres: ['jazz'], city: 'Nice' }],
  [
    'rock indé Liège vendredi soir 400 places max',
    { genres: ['rock', 'indie'], city: 'Liège', daysOfWeek: ['fri'], capacityMax: 400 },
  ],
  ['musiques du monde autour de Lyon', { genres: ['world'], region: 'Rhône' }],
  ['plus de 200 et moins de 500 places', { capacityMin: 200, capacityMax: 500 }],
  [
    'hip-hop Marseille fête de la musique',
    { genres: ['hiphop'], city: 'Marseille', months: [6], daysOfWeek: ['mon'] },
  ],
  ['salle jazz Gand en Flandre', { genres: ['jazz'], city: 'Gand', region: 'Flandre' }],
  // nothing to filter on, said so
  ['bonjour', {}, ['bonjour']],
  ['au moins 2000 € de cachet', {}, ['au moins 2000 € de cachet']],
  ['pas de rap à Lyon', { city: 'Lyon' }, ['pas de rap']],
  ['Paris Lyon', { city: 'Paris' }, ['Lyon']],
  ['rock 2024', { genres: ['rock'] }, ['2024']],
  ['festival jazz juillet', { genres: ['jazz'], months: [7], kinds: ['festival'] }],
];

const ENGLISH: ReadonlyArray<readonly [string, Partial<VenueFilters>, string[]?]> = [
  [
    'rock club 500 capacity Lyon',
    { genres: ['rock'], capacityMin: 400, capacityMax: 600, city: 'Lyon', kinds: ['club'] },
  ],
  ['jazz festivals in Switzerland', { genres: ['jazz'], country: 'CH', kinds: ['festival'] }],
  ['open air summer', { months: [6, 7, 8], kinds: ['festival', 'outdoor'] }],
  ['theatre in Geneva', { city: 'Genève', kinds: ['theatre'] }],
  ['church concert in Bruges', { city: 'Bruges', kinds: ['church'] }],
  ['between 200 and 400', { capacityMin: 200, capacityMax: 400 }],
  ['up to 500 capacity', { capacityMax: 500 }],
  ['small venue in Brussels', { capacityMax: 300, city: 'Bruxelles' }],
  ['arena', { kinds: ['arena'] }],
  ['ZURICH', { city: 'Zurich' }],
  ['in March', { months: [3] }],
  ['next month', { months: [12] }],
  ['summer', { months: [6, 7, 8] }],
  ['weekends', { daysOfWeek: WEEKEND }],
  ['weekdays', { daysOfWeek: ['mon', 'tue', 'wed', 'thu'] }],
  ['under €5k fee', { budgetMax: 5000 }],
  [
    'jazz venue in Paris for 300 people in February',
    { genres: ['jazz'], capacityMin: 240, capacityMax: 360, city: 'Paris', months: [2] },
  ],
  ['venues in Geneva on Saturdays under CHF 4000', { city: 'Genève', daysOfWeek: ['sat'], budgetMax: 4000 }],
  [
    'concert hall 800-1200 seats in Brussels next month',
    { capacityMin: 800, capacityMax: 1200, city: 'Bruxelles', months: [12], kinds: ['concert_hall'] },
  ],
  [
    'hip-hop small venue Antwerp weekends',
    { genres: ['hiphop'], capacityMax: 300, city: 'Anvers', daysOfWeek: WEEKEND },
  ],
  [
    'jazz club in Liège, budget €2,500',
    { genres: ['jazz'], city: 'Liège', budgetMax: 2500, kinds: ['club'] },
  ],
  [
    'between 200 and 400 capacity in Toulouse on Fridays',
    { capacityMin: 200, capacityMax: 400, city: 'Toulouse', daysOfWeek: ['fri'] },
  ],
  ['world music Montpellier spring', { genres: ['world'], city: 'Montpellier', months: [3, 4, 5] }],
  [
    'blues bar in Lausanne thursday',
    { genres: ['blues'], city: 'Lausanne', daysOfWeek: ['thu'], kinds: ['bar'] },
  ],
  ['punk in Ghent under 200', { genres: ['punk'], capacityMax: 200, city: 'Gand' }],
  ['pop 2000+ capacity Marseille', { genres: ['pop'], capacityMin: 2000, city: 'Marseille' }],
  ['electronic music venues near Lyon', { genres: ['electronic'], region: 'Rhône' }],
  [
    'House music in Zürich, saturday nights, 300-500 capacity',
    { genres: ['house'], capacityMin: 300, capacityMax: 500, city: 'Zurich', daysOfWeek: ['sat'] },
  ],
  ['venues in Wallonia in August', { region: 'Wallonie', months: [8] }],
  ['February 14th in Brussels', { city: 'Bruxelles', months: [2], daysOfWeek: ['sun'] }],
  ['concert on March 3rd', { months: [3], daysOfWeek: ['wed'] }],
  ['classical music in Basel in winter', { genres: ['classical'], city: 'Bâle', months: [1, 2, 12] }],
  ['folk in Brittany in July', { genres: ['folk'], region: 'Bretagne', months: [7] }],
  ['techno in Belgium from June to August', { genres: ['techno'], country: 'BE', months: [6, 7, 8] }],
  ['nice venue', {}, ['nice']],
  ['hello there', {}, ['hello there']],
];

describe('parseVenueQuery: the phrasing table', () => {
  it('has at least 60 phrasings, 20 of them in English', () => {
    expect(FRENCH.length + ENGLISH.length).toBeGreaterThanOrEqual(60);
    expect(ENGLISH.length).toBeGreaterThanOrEqual(20);
  });

  for (const [query, expected, unparsed = []] of [...FRENCH, ...ENGLISH]) {
    it(`reads ${JSON.stringify(query)}`, () => {
      const result = parse(query);
      expect(result.filters).toEqual(F(expected));
      expect(result.unparsed).toEqual(unparsed);
    });
  }
});

describe('parseVenueQuery: chips', () => {
  it('points each chip at its words, in order, without overlap', () => {
    const text = 'salle jazz 300 places Paris février';
    const { chips } = parse(text);
    expect(chips.map((c) => [c.kind, text.slice(c.start, c.end), c.label])).toEqual([
      ['genres', 'jazz', 'Jazz'],
      ['capacity', '300 places', '240 à 360 places'],
      ['city', 'Paris', 'Paris'],
      ['months', 'février', 'février'],
    ]);
  });

  it('names venue kinds, and keeps the Zénith band beside its kinds', () => {
    const fr = parseVenueQuery('festival ou plein air, zénith', { today: TODAY });
    expect(fr.chips.map((c) => [c.kind, c.label])).toEqual([
      ['kinds', 'festival'],
      ['kinds', 'plein air ou festival'],
      ['kinds', 'aréna ou salle de concert'],
      ['capacity', '3\u202f000 à 12\u202f000 places'],
    ]);
    expect(fr.filters.kinds).toEqual(['concert_hall', 'festival', 'outdoor', 'arena']);
    const en = parseVenueQuery('theatre or church', { today: TODAY, language: 'en' });
    expect(en.chips.map((c) => c.label)).toEqual(['theatre', 'church']);
    // removing the Zénith chip drops its words, so its kinds and its band
    const rest = parse(removeChip('festival ou plein air, zénith', fr.chips[2]!)).filters;
    expect(rest.kinds).toEqual(['festival', 'outdoor']);
    expect(rest.capacityMin).toBeNull();
  });

  it('labels in English on request', () => {
    const { chips } = parseVenueQuery('rock club 500 capacity Geneva weekends under CHF 4000', {
      today: TODAY,
      language: 'en',
    });
    expect(chips.map((c) => c.label)).toEqual([
      'Rock',
      'club',
      'capacity 400–600',
      'Geneva',
      'weekend (Friday–Sunday)',
      'budget ≤ CHF\u00a04,000',
    ]);
  });

  it('gives a date its year and weekday from today', () => {
    const [chip] = parse('le 14 février').chips;
    expect(chip?.kind).toBe('date');
    expect(chip?.value).toEqual({ month: 2, day: 14, year: 2027, iso: '2027-02-14', weekday: 'sun' });
    expect(chip?.label).toBe('14 février 2027 (dimanche)');
    // the same day this year when it is still ahead
    expect(parseVenueQuery('le 14 décembre', { today: TODAY }).chips[0]?.value).toMatchObject({ year: 2026 });
  });

  it('keeps a department, a "near" city and a country in the labels', () => {
    expect(parse('(69)').chips[0]?.label).toBe('Rhône (69)');
    expect(parse('près de Lyon').chips[0]?.label).toBe('près de Lyon (Rhône)');
    expect(chipLabel({ kind: 'country', value: 'CH' }, 'en')).toBe('Switzerland');
    expect(chipLabel({ kind: 'months', value: [12, 1, 2] }, 'fr')).toBe('décembre–février');
    expect(chipLabel({ kind: 'capacity', value: { min: 1000, max: null } }, 'fr')).toBe(
      '≥ 1\u202f000 places',
    );
  });

  it('removing a chip removes its words, and the rest parses the same', () => {
    const text = 'salle jazz 300 places à Paris en février';
    const { chips } = parse(text);
    const city = chips.find((c) => c.kind === 'city') as QueryChip;
    const without = removeChip(text, city);
    expect(without).toBe('salle jazz 300 places en février');
    expect(parse(without).filters).toEqual(
      F({ genres: ['jazz'], capacityMin: 240, capacityMax: 360, months: [2] }),
    );
  });

  it('uses the cities of the catalogue the gazetteer lacks', () => {
    const knownCities = [
      { name: 'Saint-Martin-de-Crau', region: "Provence-Alpes-Côte d'Azur", country: 'FR' },
    ];
    const result = parseVenueQuery('jazz saint martin de crau', { today: TODAY, knownCities });
    expect(result.filters.city).toBe('Saint-Martin-de-Crau');
    expect(result.unparsed).toEqual([]);
  });

  it('prefers the country named in the query for a shared name', () => {
    expect(parse('Fribourg').filters.city).toBe('Fribourg');
    expect(findCity('Fribourg')?.country).toBe('CH');
  });
});

// Deterministic pseudo-random strings (mulberry32), so a failure is reproducible.
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'jazz',
  ' ',
  '300',
  'places',
  'à',
  'Paris',
  '€',
  '(',
  ')',
  '-',
  '1 000',
  'k',
  ',',
  '.',
  '/',
  'février',
  'le',
  '14',
  'samedi',
  '🎷',
  '👩‍🎤',
  'é',
  '\u0301',
  'œ',
  'İ',
  'ß',
  '\u202f',
  '\u00a0',
  'entre',
  'et',
  'max',
  'Genève',
  'mars',
  'avril',
  '2027',
  '69',
  '+',
  '<',
  'budget',
  'CHF',
  "'",
  '’',
  '\n',
  '\t',
  'زيت',
  '中文',
  '\ud800',
  'Ⅻ',
  '٣',
];

function assertWellFormed(text: string): void {
  const result = parseVenueQuery(text, { today: TODAY });
  expect(() => VenueFilters.parse(result.filters)).not.toThrow();
  let previousEnd = 0;
  for (const chip of result.chips) {
    expect(chip.start).toBeGreaterThanOrEqual(previousEnd);
    expect(chip.end).toBeGreaterThan(chip.start);
    expect(chip.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(chip.start, chip.end).trim()).not.toBe('');
    expect(chip.label).not.toBe('');
    previousEnd = chip.end;
  }
  for (const words of result.unparsed) expect(text).toContain(words);
}

describe('parseVenueQuery: any input', () => {
  it('never throws and keeps chips inside the text, on 3,000 random queries', () => {
    const next = random(42);
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(next() * 12);
      let text = '';
      for (let k = 0; k < length; k++) {
        text +=
          next() < 0.8
            ? PIECES[Math.floor(next() * PIECES.length)]
            : String.fromCharCode(Math.floor(next() * 0xffff));
        if (next() < 0.6) text += ' ';
      }
      assertWellFormed(text);
    }
  });

  it('handles 10,000 characters, emoji only, empty and blank text', () => {
    assertWellFormed('jazz 300 places Paris '.repeat(455));
    assertWellFormed('🎷'.repeat(5000));
    assertWellFormed('x'.repeat(10_000));
    for (const text of ['', '   ', '\n\t', '—', '()', '€']) {
      const result = parse(text);
      expect(result.filters).toEqual(EMPTY_VENUE_FILTERS);
      expect(result.chips).toEqual([]);
    }
  });

  it('does not mistake the vocabulary for places', () => {
    // every genre word, month and day is not a place that would be taken without a preposition
    const vocabulary = [
      'jazz',
      'rock',
      'pop',
      'soul',
      'house',
      'funk',
      'folk',
      'metal',
      'punk',
      'trad',
      'classique',
      'janvier',
      'mars',
      'mai',
      'juin',
      'samedi',
      'dimanche',
      'weekend',
      'salle',
      'club',
      'budget',
      'places',
    ];
    for (const word of vocabulary) {
      const result = parse(word);
      expect(result.filters.city, word).toBeNull();
      expect(result.filters.region, word).toBeNull();
    }
    expect(GENRE_IDS.every((id) => parse(id).filters.city === null)).toBe(true);
  });
});

describe('places gazetteer', () => {
  it('holds the regions, departments, provinces and cantons', () => {
    const count = (kind: string, country: string) =>
      REGIONS.filter((r) => r.kind === kind && r.country === country).length;
    expect(count('region', 'FR')).toBe(23); // 13 metropolitan + 5 overseas regions + 5 overseas collectivities
    expect(count('department', 'FR')).toBe(96); // metropolitan; each overseas department is its own region
    expect(count('province', 'BE')).toBe(10);
    expect(count('canton', 'CH')).toBe(26);
    expect(CITIES.length).toBeGreaterThan(400);
  });

  it('finds cities across languages, case and accents', () => {
    expect(findCity('Brussel')?.name).toBe('Bruxelles');
    expect(findCity('GENF')?.name).toBe('Genève');
    expect(findCity('Luik')?.name).toBe('Liège');
    expect(findCity('Antwerpen')?.name).toBe('Anvers');
    expect(findCity('st-etienne')?.name).toBe('Saint-Étienne');
    expect(cityMatches('Bruxelles', 'Brussels')).toBe(true);
    expect(cityMatches('Lyon', 'Lille')).toBe(false);
    expect(placeKey("Villeneuve-d'Ascq")).toBe('villeneuve d ascq');
  });

  it('places a venue in its regions at every level', () => {
    expect(venueInRegion('Suisse romande', { city: 'Lausanne' })).toBe(true);
    expect(venueInRegion('Suisse romande', { city: 'Zurich' })).toBe(false);
    expect(venueInRegion('Bretagne', { postalCode: '29200' })).toBe(true);
    expect(venueInRegion('Haute-Corse', { postalCode: '20200', country: 'FR' })).toBe(true);
    expect(venueInRegion('Wallonie', { region: 'Hainaut' })).toBe(true);
    expect(venueInRegion('Wallonia', { city: 'Charleroi' })).toBe(true);
    expect(venueInRegion('Rhône', { city: 'Lyon' })).toBe(true);
    expect(venueInRegion('Rhône', { region: 'Auvergne-Rhône-Alpes' })).toBe(false);
    expect(venueInRegion('PACA', { region: "Provence-Alpes-Côte d'Azur" })).toBe(true);
    expect([...regionsOfVenue({ city: 'Gent' })].sort()).toEqual(['Flandre', 'Flandre-Orientale']);
    expect(findRegion('Alsace')?.name).toBe('Grand Est');
  });
});
