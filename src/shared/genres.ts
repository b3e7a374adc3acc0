import { foldForSearch } from './text';

/**
 * The one genre vocabulary of the app: venue programming, artists, the festival import, the
 * natural-language search and the venue-fit score all map free text onto these ids, so "jazz manouche",
 * "Jazz, blues et musiques improvisées" (Ministry of Culture label) and "jazz club" meet.
 *
 * Families group genres that share audiences; `genreAffinity` uses them for partial credit.
 */
export const GENRES = {
  chanson: { family: 'song', fr: 'Chanson', en: 'French chanson' },
  pop: { family: 'popular', fr: 'Pop', en: 'Pop' },
  rock: { family: 'amplified', fr: 'Rock', en: 'Rock' },
  indie: { family: 'amplified', fr: 'Indé', en: 'Indie' },
  metal: { family: 'amplified', fr: 'Metal', en: 'Metal' },
  punk: { family: 'amplified', fr: 'Punk', en: 'Punk' },
  electronic: { family: 'electronic', fr: 'Électro', en: 'Electronic' },
  techno: { family: 'electronic', fr: 'Techno', en: 'Techno' },
  house: { family: 'electronic', fr: 'House', en: 'House' },
  hiphop: { family: 'urban', fr: 'Hip-hop / rap', en: 'Hip-hop / rap' },
  rnb: { family: 'urban', fr: 'R’n’B / soul', en: 'R&B / soul' },
  funk: { family: 'groove', fr: 'Funk', en: 'Funk' },
  reggae: { family: 'groove', fr: 'Reggae', en: 'Reggae' },
  jazz: { family: 'jazz', fr: 'Jazz', en: 'Jazz' },
  blues: { family: 'jazz', fr: 'Blues', en: 'Blues' },
  world: { family: 'world', fr: 'Musiques du monde', en: 'World music' },
  traditional: { family: 'world', fr: 'Musiques traditionnelles', en: 'Traditional / folk' },
  folk: { family: 'song', fr: 'Folk', en: 'Folk' },
  classical: { family: 'classical', fr: 'Classique', en: 'Classical' },
  contemporary: { family: 'classical', fr: 'Musique contemporaine', en: 'Contemporary classical' },
  opera: { family: 'classical', fr: 'Lyrique / opéra', en: 'Opera' },
  early: { family: 'classical', fr: 'Musique ancienne / baroque', en: 'Early music / baroque' },
  choral: { family: 'classical', fr: 'Chœurs', en: 'Choral' },
} as const;

export type GenreId = keyof typeof GENRES;
export const GENRE_IDS = Object.keys(GENRES) as GenreId[];

/**
 * Words and phrases (folded: lower case, no accents) → genres. Longest phrases are tried first, so
 * "musiques actuelles" wins over any single word. Umbrella labels map to several genres.
 */
const SYNONYMS: ReadonlyArray<readonly [string, readonly GenreId[]]> = [
  ['musiques actuelles sans distinction', ['pop', 'rock', 'chanson', 'electronic', 'hiphop']],
  ['musiques actuelles', ['pop', 'rock', 'chanson', 'electronic', 'hiphop']],
  ['musiques amplifiees ou electroniques', ['rock', 'metal', 'electronic']],
  ['musiques amplifiees', ['rock', 'metal', 'punk']],
  ['musiques electroniques', ['electronic']],
  ['musique electronique', ['electronic']],
  ['electronic music', ['electronic']],
  ['jazz, blues et musiques improvisees', ['jazz', 'blues']],
  ['musiques improvisees', ['jazz']],
  ['musique improvisee', ['jazz']],
  ['jazz manouche', ['jazz']],
  ['musiques traditionnelles et du monde', ['world', 'traditional']],
  ['musiques du monde', ['world']],
  ['musique du monde', ['world']],
  ['world music', ['world']],
  ['musiques traditionnelles', ['traditional']],
  ['musique traditionnelle', ['traditional']],
  ['chanson francaise', ['chanson']],
  ['chanson ou variete francaise', ['chanson']],
  ['variete francaise', ['chanson']],
  ['variete', ['chanson', 'pop']],
  ['musiques classiques et savantes', ['classical', 'contemporary']],
  ['musique classique', ['classical']],
  ['musiques classiques', ['classical']],
  ['musique savante', ['classical', 'contemporary']],
  ['musique contemporaine', ['contemporary']],
  ['musique ancienne', ['early']],
  ['musique baroque', ['early']],
  ['art lyrique', ['opera']],
  ['hip hop', ['hiphop']],
  ['hip-hop', ['hiphop']],
  ['r&b', ['rnb']],
  ['r\u2019n\u2019b', ['rnb']],
  ["r'n'b", ['rnb']],
  ['rnb', ['rnb']],
  ['soul', ['rnb']],
  ['rap', ['hiphop']],
  ['urban', ['hiphop', 'rnb']],
  ['pop', ['pop']],
  ['rock', ['rock']],
  ['indie', ['indie']],
  ['inde', ['indie']],
  ['independant', ['indie']],
  ['metal', ['metal']],
  ['hardcore', ['metal', 'punk']],
  ['punk', ['punk']],
  ['electro', ['electronic']],
  ['electronique', ['electronic']],
  ['electronic', ['electronic']],
  ['edm', ['electronic']],
  ['techno', ['techno']],
  ['house', ['house']],
  ['funk', ['funk']],
  ['disco', ['funk']],
  ['reggae', ['reggae']],
  ['dub', ['reggae']],
  ['ska', ['reggae']],
  ['jazz', ['jazz']],
  ['swing', ['jazz']],
  ['bebop', ['jazz']],
  ['blues', ['blues']],
  ['folk', ['folk']],
  ['trad', ['traditional']],
  ['traditionnel', ['traditional']],
  ['traditional', ['traditional']],
  ['celtique', ['traditional']],
  ['celtic', ['traditional']],
  ['world', ['world']],
  ['afrobeat', ['world', 'funk']],
  ['latin', ['world']],
  ['salsa', ['world']],
  ['flamenco', ['world']],
  ['chanson', ['chanson']],
  ['songwriter', ['folk', 'chanson']],
  ['classique', ['classical']],
  ['classical', ['classical']],
  ['symphonique', ['classical']],
  ['orchestre', ['classical']],
  ['orchestral', ['classical']],
  ['chambre', ['classical']],
  ['contemporain', ['contemporary']],
  ['contemporary', ['contemporary']],
  ['lyrique', ['opera']],
  ['opera', ['opera']],
  ['baroque', ['early']],
  ['choeur', ['choral']],
  ['choeurs', ['choral']],
  ['chorale', ['choral']],
  ['choir', ['choral']],
  ['choral', ['choral']],
];

// Longest first, so multi-word labels are consumed before their words.
const ORDERED = [...SYNONYMS].sort((a, b) => b[0].length - a[0].length);

/** foldForSearch plus the French ligatures (NFD leaves œ and æ whole): "Chœurs" → "choeurs". */
export function foldGenreText(text: string): string {
  return foldForSearch(text).replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PATTERNS = ORDERED.map(([phrase, ids]) => ({
  phrase,
  ids,
  // compiled once: the search bar calls findGenrePhrases on every keystroke (matchAll copies it)
  global: new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(phrase)}(?=$|[^\\p{L}\\p{N}])`, 'gu'),
}));

/** Where each genre phrase was found in a folded text: used by the search parser to make chips. */
export interface GenreMatch {
  ids: readonly GenreId[];
  phrase: string;
  start: number;
  end: number;
}

/** Genre phrases in a text, longest first, never overlapping. `folded` must be folded (foldGenreText). */
export function findGenrePhrases(folded: string): GenreMatch[] {
  const taken: Array<[number, number]> = [];
  const found: GenreMatch[] = [];
  for (const { phrase, ids, global } of PATTERNS) {
    if (!folded.includes(phrase)) continue;
    for (const match of folded.matchAll(global)) {
      const start = (match.index ?? 0) + (match[1]?.length ?? 0);
      const end = start + phrase.length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);
      found.push({ ids, phrase, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The genres named by free-text labels ("Jazz, blues", "rock indé"), de-duplicated, in order found. */
export function normalizeGenres(labels: readonly string[]): GenreId[] {
  const out = new Set<GenreId>();
  for (const label of labels) {
    const folded = foldGenreText(label);
    if ((GENRE_IDS as string[]).includes(folded)) {
      out.add(folded as GenreId);
      continue;
    }
    for (const match of findGenrePhrases(folded)) for (const id of match.ids) out.add(id);
  }
  return [...out];
}

/**
 * How well one genre stands in for another, 0–1: the same genre 1, same family 0.6, neighbouring
 * families (audiences that often overlap, e.g. jazz and groove) 0.35, otherwise 0.
 */
export function genreAffinity(a: GenreId, b: GenreId): number {
  if (a === b) return 1;
  const fa = GENRES[a].family;
  const fb = GENRES[b].family;
  if (fa === fb) return 0.6;
  const pair = [fa, fb].sort().join('+');
  return NEIGHBOUR_FAMILIES.has(pair) ? 0.35 : 0;
}

const NEIGHBOUR_FAMILIES = new Set(
  [
    ['amplified', 'popular'],
    ['electronic', 'popular'],
    ['electronic', 'urban'],
    ['groove', 'jazz'],
    ['groove', 'urban'],
    ['groove', 'world'],
    ['jazz', 'world'],
    ['popular', 'song'],
    ['popular', 'urban'],
    ['song', 'world'],
    ['amplified', 'electronic'],
  ].map((pair) => pair.sort().join('+')),
);

export function genreLabel(id: GenreId, language: 'fr' | 'en'): string {
  return GENRES[id][language];
}
