import { VENUE_KINDS } from '../../../shared/domain';
import { GENRE_IDS, genreAffinity, genreLabel, type GenreId } from '../../../shared/genres';
import {
  FIT_COMPONENT_KEYS,
  type FitComponent,
  type FitComponentKey,
  type FitWeights,
  type ShowOutcome,
  type SimilarAtVenue,
} from '../../../shared/venue-fit';
import type { VenueFilters } from '../../../shared/venue-query';
import {
  acousticFit,
  acousticSentence,
  type AcousticFit,
  type RoomEstimate,
  type SoundProfile,
} from './acoustics';
import {
  capacityFit,
  distanceKm,
  fillRate,
  type DrawEstimate,
  type DrawModel,
  type PlayedShow,
} from './draw';
import { findRegion, placeKey } from '../../../shared/places';
import { GENRE_BIT, WEEKDAY_BITS, cityKey, emptyRoom, regionKey, type VenueIndex } from './venue-index';
import { num, pct, say, toScore, type Lang } from './words';

/*
 * The artist × venue match score: six components, each 0–1 (NaN = unknown), combined as a weighted
 * mean over the known ones with the user's weights (DEFAULT_FIT_WEIGHTS in src/shared/venue-fit.ts).
 *
 *   genre      best genreAffinity between the artist's genres and the venue's programming
 *              (0.7 × the best pair + 0.3 × the mean over the artist's genres)
 *   acoustics  acousticFit (acoustics.ts) of the artist's latest analysed demo in the room
 *   capacity   capacityFit of the venue's capacity against the draw estimated for its city (draw.ts)
 *   audience   nearness to where the artist has an audience: home town and cities of past shows
 *              (same city 1, same region 0.8, same country 0.55, else by distance: e^(−km/250))
 *   fee        the venue's budget against the artist's fee range (same currency only)
 *   history    fill rate of this venue's past shows by the artist or similar-sounding artists,
 *              weighted by similarity (0.9 filled or better = 1)
 *
 * `rank` runs over the typed columns of the VenueIndex without allocating; `explain` builds the
 * sentences only for the page returned. Everything is deterministic: ties are broken by venue id.
 */

export const SIMILAR_MIN = 0.6;

export interface ArtistSide {
  artistId: string | null;
  name: string;
  genres: GenreId[];
  /** 0 EUR, 1 CHF. */
  currency: number;
  /** Fee range, integer cents (NaN unknown). */
  feeMinCents: number;
  feeMaxCents: number;
  sound: SoundProfile | null;
  draw: DrawModel | null;
  /** Places where the artist has an audience (home town, past shows). */
  places: Place[];
  /** Venue id → past shows there by this artist or similar-sounding ones. */
  history: Map<string, VenueHistory>;
}

export interface Place {
  city: string;
  region: string;
  country: string;
  lat: number;
  lon: number;
  home: boolean;
}

export interface VenueHistory {
  /** Similarity-weighted mean fill rate, NaN when no show has figures. */
  fill: number;
  artists: SimilarAtVenue[];
}

/** Groups shows at venues by venue, with each artist's similarity to the artist being scored. */
export function buildHistory(
  shows: readonly PlayedShow[],
  similarity: (artistId: string) => number | null,
  names: (artistId: string) => string,
): Map<string, VenueHistory> {
  const byVenue = new Map<string, Map<string, { similarity: number; shows: ShowOutcome[] }>>();
  for (const show of shows) {
    const sim = similarity(show.artistId);
    if (sim === null) continue;
    const artists = byVenue.get(show.venueId) ?? new Map();
    byVenue.set(show.venueId, artists);
    const entry = artists.get(show.artistId) ?? { similarity: sim, shows: [] };
    artists.set(show.artistId, entry);
    entry.shows.push({
      venueId: show.venueId,
      venueName: show.venueName,
      date: show.date,
      ticketsSold: show.ticketsSold,
      capacity: show.capacity,
      fillRate: fillRate(show),
    });
  }
  const out = new Map<string, VenueHistory>();
  for (const [venueId, artists] of byVenue) {
    let weighted = 0;
    let weights = 0;
    const list: SimilarAtVenue[] = [];
    for (const [artistId, entry] of artists) {
      for (const s of entry.shows)
        if (s.fillRate !== null) {
          weighted += Math.min(1.2, s.fillRate) * entry.similarity;
          weights += entry.similarity;
        }
      list.push({ artistId, name: names(artistId), similarity: entry.similarity, shows: entry.shows });
    }
    list.sort((a, b) => b.similarity - a.similarity || a.artistId.localeCompare(b.artistId));
    out.set(venueId, { fill: weights > 0 ? weighted / weights : NaN, artists: list });
  }
  return out;
}

// ---- Filters ----------------------------------------------------------------------------------

/**
 * Filters, in the index's terms. Semantics: genres — the venue programs at least one (exact genre);
 * capacity — the venue's largest known capacity is within the bounds (unknown capacity fails: the
 * user asked for a size); city — the same city through the gazetteer ("Brussel" is "Bruxelles");
 * region — the venue lies in it at any level (regionsOfVenue: "Wallonie" holds Charleroi, "Suisse
 * romande" holds Lausanne); country — equal; months and days — overlap, a venue with none recorded passes;
 * budgetMax — the venue's minimum budget does not exceed it (unknown budget passes).
 */
export interface CompiledFilters {
  genreMask: number;
  capacityMin: number;
  capacityMax: number;
  cityId: number;
  /** Region id the venue must lie in (any level), -1 none. */
  regionId: number;
  countryId: number;
  monthsMask: number;
  daysMask: number;
  budgetMaxCents: number;
  /** Bits of the venue kinds asked for (1 << index in VENUE_KINDS), 0 any. */
  kindsMask: number;
  impossible: boolean;
}

export function compileFilters(index: VenueIndex, filters: VenueFilters | undefined): CompiledFilters {
  const f: CompiledFilters = {
    genreMask: 0,
    capacityMin: -Infinity,
    capacityMax: Infinity,
    cityId: -1,
    regionId: -1,
    countryId: -1,
    monthsMask: 0,
    daysMask: 0,
    budgetMaxCents: Infinity,
    kindsMask: 0,
    impossible: false,
  };
  if (!filters) return f;
  for (const g of filters.genres) f.genreMask |= GENRE_BIT.get(g) ?? 0;
  if (filters.capacityMin !== null) f.capacityMin = filters.capacityMin;
  if (filters.capacityMax !== null) f.capacityMax = filters.capacityMax;
  if (filters.city) {
    f.cityId = index.cityNames.find(cityKey(filters.city, filters.country ?? ''));
    if (f.cityId < 0) f.impossible = true;
  }
  if (filters.region) {
    const region = findRegion(filters.region, filters.country ?? undefined) ?? findRegion(filters.region);
    f.regionId = index.regionNames.find(placeKey(region ? region.name : filters.region));
    if (f.regionId < 0) f.impossible = true;
  }
  if (filters.country) {
    f.countryId = index.countryNames.find(filters.country);
    if (f.countryId < 0) f.impossible = true;
  }
  for (const m of filters.months) f.monthsMask |= 1 << (m - 1);
  for (const d of filters.daysOfWeek) f.daysMask |= WEEKDAY_BITS[d];
  if (filters.budgetMax !== null) f.budgetMaxCents = Math.round(filters.budgetMax * 100);
  for (const kind of filters.kinds ?? []) f.kindsMask |= 1 << VENUE_KINDS.indexOf(kind);
  return f;
}

export function passes(index: VenueIndex, slot: number, f: CompiledFilters): boolean {
  if (f.genreMask && (index.genreMask[slot]! & f.genreMask) === 0) return false;
  if (f.kindsMask && (index.kindBit[slot]! & f.kindsMask) === 0) return false;
  if (f.capacityMin !== -Infinity || f.capacityMax !== Infinity) {
    const c = index.capacity[slot]!;
    if (!(c >= f.capacityMin && c <= f.capacityMax)) return false;
  }
  if (f.cityId >= 0 && index.cityId[slot] !== f.cityId) return false;
  if (f.regionId >= 0 && !index.regionSets[slot]!.includes(f.regionId)) return false;
  if (f.countryId >= 0 && index.countryId[slot] !== f.countryId) return false;
  if (f.monthsMask && index.monthsMask[slot] && (index.monthsMask[slot]! & f.monthsMask) === 0) return false;
  if (f.daysMask && index.daysMask[slot] && (index.daysMask[slot]! & f.daysMask) === 0) return false;
  if (f.budgetMaxCents !== Infinity && index.budgetMinCents[slot]! > f.budgetMaxCents) return false;
  return true;
}

// ---- Components (numbers) ----------------------------------------------------------------------

/** Genre fit for a venue genre mask, 0–1, NaN when either side has no genre. */
export function genreFit(artistGenres: readonly GenreId[], venueMask: number): number {
  if (artistGenres.length === 0 || venueMask === 0) return NaN;
  let best = 0;
  let sum = 0;
  for (const g of artistGenres) {
    let top = 0;
    for (let i = 0; i < GENRE_IDS.length; i++)
      if (venueMask & (1 << i)) top = Math.max(top, genreAffinity(g, GENRE_IDS[i]!));
    best = Math.max(best, top);
    sum += top;
  }
  return 0.7 * best + 0.3 * (sum / artistGenres.length);
}

/** Fee vs budget, 0–1, NaN when unknown or in different currencies. */
export function feeFit(
  feeMinCents: number,
  feeMaxCents: number,
  budgetMinCents: number,
  budgetMaxCents: number,
): number {
  const feeLow = Number.isNaN(feeMinCents) ? feeMaxCents : feeMinCents;
  const feeHigh = Number.isNaN(feeMaxCents) ? feeMinCents : feeMaxCents;
  const budget = Number.isNaN(budgetMaxCents) ? budgetMinCents : budgetMaxCents;
  if (Number.isNaN(feeLow) || Number.isNaN(budget)) return NaN;
  if (budget >= feeHigh) return 1;
  if (budget >= feeLow) return 0.7 + (0.3 * (budget - feeLow)) / Math.max(1, feeHigh - feeLow);
  if (feeLow <= 0) return 1;
  return 0.7 * (budget / feeLow) ** 3;
}

function audienceFit(
  places: readonly Place[],
  city: string,
  region: string,
  country: string,
  lat: number,
  lon: number,
): number {
  if (places.length === 0) return NaN;
  let best = 0;
  for (const p of places) {
    let s = 0.15;
    if (city && p.city === city) return 1;
    if (region && p.region === region) s = 0.8;
    else if (country && p.country === country) s = 0.55;
    if (!Number.isNaN(lat) && !Number.isNaN(p.lat)) {
      // Equirectangular distance: within 0.5 % of the great circle at these ranges, and no trig in the loop.
      const x = (lon - p.lon) * Math.cos(((lat + p.lat) * Math.PI) / 360);
      const km = 111.2 * Math.sqrt(x * x + (lat - p.lat) ** 2);
      s = Math.max(s, Math.exp(-km / 250));
    }
    if (s > best) best = s;
  }
  return best;
}

// ---- Ranking ------------------------------------------------------------------------------------

export interface ScoringContext {
  index: VenueIndex;
  artist: ArtistSide;
  weights: FitWeights;
}

const KEYS = FIT_COMPONENT_KEYS;

/** Scores of one venue slot into `out` (indexed like FIT_COMPONENT_KEYS); returns the combined 0–1 or NaN. */
const scratchFit = {} as AcousticFit;

export function scoreSlot(
  ctx: ScoringContext,
  slot: number,
  out: Float64Array,
  room: RoomEstimate,
  caches: { genre: Map<number, number>; draw: Map<number, DrawEstimate> },
): number {
  const { index, artist, weights } = ctx;
  const mask = index.genreMask[slot]!;
  let g = caches.genre.get(mask);
  if (g === undefined) {
    g = genreFit(artist.genres, mask);
    caches.genre.set(mask, g);
  }
  out[0] = g;
  out[1] = artist.sound ? acousticFit(artist.sound, index.roomAt(slot, room), scratchFit).fit : NaN;
  const capacity = index.capacity[slot]!;
  if (artist.draw && !Number.isNaN(capacity)) {
    const draw = drawAt(ctx, slot, caches.draw);
    out[2] = Number.isNaN(draw.low) ? NaN : capacityFit(capacity, draw.low, draw.high);
  } else out[2] = NaN;
  out[3] = audienceFit(
    artist.places,
    index.cityNames.names[index.cityId[slot]!] ?? '',
    index.regionNames.names[index.regionId[slot]!] ?? '',
    index.countries[slot]!,
    index.lat[slot]!,
    index.lon[slot]!,
  );
  out[4] =
    index.currency[slot] === artist.currency
      ? feeFit(
          artist.feeMinCents,
          artist.feeMaxCents,
          index.budgetMinCents[slot]!,
          index.budgetMaxCents[slot]!,
        )
      : NaN;
  const history = artist.history.size ? artist.history.get(index.ids[slot]!) : undefined;
  out[5] = history && !Number.isNaN(history.fill) ? Math.min(1, history.fill / 0.9) : NaN;

  let sum = 0;
  let total = 0;
  for (let k = 0; k < 6; k++) {
    const v = out[k]!;
    const w = weights[KEYS[k]!];
    if (!Number.isNaN(v) && w > 0) {
      sum += v * w;
      total += w;
    }
  }
  return total > 0 ? sum / total : NaN;
}

function drawAt(ctx: ScoringContext, slot: number, cache: Map<number, DrawEstimate>): DrawEstimate {
  const { index } = ctx;
  const city = index.cityId[slot]!;
  const region = index.regionId[slot]!;
  const country = index.countryId[slot]!;
  const key = ((city + 1) * 4096 + (region + 1)) * 256 + (country + 1);
  let draw = cache.get(key);
  if (!draw) {
    draw = ctx.artist.draw!.estimate(
      index.cityNames.names[city] ?? '',
      index.regionNames.names[region] ?? '',
      index.countryNames.names[country] ?? '',
    );
    cache.set(key, draw);
  }
  return draw;
}

export interface Ranked {
  /** Venues that passed the filters. */
  total: number;
  slots: number[];
  scores: number[];
}

/**
 * The best `offset + limit` venues for the artist among those passing the filters, best first
 * (unknown scores last, ties by venue id). One pass, a bounded sorted list: no sort of 100,000 items.
 */
export function rank(ctx: ScoringContext, filters: CompiledFilters, offset: number, limit: number): Ranked {
  const { index } = ctx;
  const keep = offset + limit;
  const topSlots: number[] = [];
  const topScores: number[] = [];
  if (filters.impossible) return { total: 0, slots: [], scores: [] };
  const out = new Float64Array(6);
  const room = emptyRoom();
  const caches = { genre: new Map<number, number>(), draw: new Map<number, DrawEstimate>() };
  let total = 0;
  const n = index.slotCount;
  const better = (a: number, slotA: number, b: number, slotB: number) =>
    a > b || (a === b && index.ids[slotA]! < index.ids[slotB]!);
  for (let slot = 0; slot < n; slot++) {
    if (!index.alive[slot] || !passes(index, slot, filters)) continue;
    total++;
    let s = scoreSlot(ctx, slot, out, room, caches);
    if (Number.isNaN(s)) s = -1;
    if (topSlots.length === keep && !better(s, slot, topScores[keep - 1]!, topSlots[keep - 1]!)) continue;
    let j = topSlots.length;
    if (j < keep) {
      topSlots.push(slot);
      topScores.push(s);
    } else j = keep - 1;
    while (j > 0 && better(s, slot, topScores[j - 1]!, topSlots[j - 1]!)) {
      topSlots[j] = topSlots[j - 1]!;
      topScores[j] = topScores[j - 1]!;
      j--;
    }
    topSlots[j] = slot;
    topScores[j] = s;
  }
  return { total, slots: topSlots.slice(offset), scores: topScores.slice(offset) };
}

// ---- Explanations -------------------------------------------------------------------------------

export interface VenueFacts {
  id: string;
  name: string;
  city: string;
  region: string;
  country: string;
  genres: GenreId[];
  capacity: number | null;
  currency: 'EUR' | 'CHF';
  budgetMin: number | null;
  budgetMax: number | null;
  latitude: number | null;
  longitude: number | null;
}

const LABELS: Record<FitComponentKey, { fr: string; en: string }> = {
  genre: { fr: 'genre', en: 'genre' },
  acoustics: { fr: 'acoustique', en: 'acoustics' },
  capacity: { fr: 'jauge', en: 'capacity' },
  audience: { fr: 'public', en: 'audience' },
  fee: { fr: 'budget', en: 'budget' },
  history: { fr: 'historique', en: 'history' },
};

export function componentLabel(key: FitComponentKey, lang: Lang): string {
  return LABELS[key][lang];
}

const money = (cents: number, currency: string, lang: Lang) =>
  `${num(Math.round(cents / 100), lang)}\u00a0${currency === 'CHF' ? 'CHF' : '€'}`;

/** The six components with their sentences, for one venue (only for the returned page). */
export function explain(
  artist: ArtistSide,
  venue: VenueFacts,
  room: RoomEstimate,
  weights: FitWeights,
  lang: Lang,
): { score: number | null; coverage: number; components: FitComponent[]; summary: string } {
  const mask = venue.genres.reduce((m, g) => m | (GENRE_BIT.get(g) ?? 0), 0);
  const numbers: Record<FitComponentKey, number> = {
    genre: genreFit(artist.genres, mask),
    acoustics: NaN,
    capacity: NaN,
    audience: NaN,
    fee: NaN,
    history: NaN,
  };
  const sentences = {} as Record<FitComponentKey, string>;
  const details = {} as Record<FitComponentKey, Record<string, number | null>>;
  const nn = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : null);

  // Genre
  if (artist.genres.length === 0)
    sentences.genre = say(lang, "genres de l'artiste non renseignés", "the artist's genres are not set");
  else if (venue.genres.length === 0)
    sentences.genre = say(lang, 'programmation de la salle inconnue', "the venue's programming is unknown");
  else {
    let best: { a: GenreId; v: GenreId; aff: number } = {
      a: artist.genres[0]!,
      v: venue.genres[0]!,
      aff: -1,
    };
    for (const a of artist.genres)
      for (const v of venue.genres) {
        const aff = genreAffinity(a, v);
        if (aff > best.aff) best = { a, v, aff };
      }
    const vLabel = genreLabel(best.v, lang).toLowerCase();
    const aLabel = genreLabel(best.a, lang).toLowerCase();
    sentences.genre =
      best.aff === 1
        ? say(lang, `la salle programme du ${vLabel}`, `the venue programs ${vLabel}`)
        : best.aff > 0
          ? say(
              lang,
              `la salle programme du ${vLabel}, proche du ${aLabel}`,
              `the venue programs ${vLabel}, close to ${aLabel}`,
            )
          : say(
              lang,
              `la salle programme ${venue.genres.map((g) => genreLabel(g, 'fr').toLowerCase()).join(', ')}, loin du ${aLabel}`,
              `the venue programs ${venue.genres.map((g) => genreLabel(g, 'en').toLowerCase()).join(', ')}, far from ${aLabel}`,
            );
    details.genre = { affinity: nn(best.aff) };
  }

  // Acoustics
  const acoustic = artist.sound ? acousticFit(artist.sound, room) : null;
  numbers.acoustics = acoustic ? acoustic.fit : NaN;
  sentences.acoustics = acousticSentence(artist.sound, room, acoustic, lang);
  details.acoustics = {
    rt60Sec: nn(room.rt60Mid),
    idealMinSec: acoustic ? nn(acoustic.idealLow) : null,
    idealMaxSec: acoustic ? nn(acoustic.idealHigh) : null,
    volumeM3: Number.isFinite(room.volume) ? Math.round(room.volume) : null,
    paW: Number.isFinite(room.paW) ? room.paW : null,
    neededW: acoustic && Number.isFinite(acoustic.neededW) ? Math.round(acoustic.neededW) : null,
    reverbFit: acoustic ? nn(acoustic.reverb) : null,
    volumeFit: acoustic ? nn(acoustic.volume) : null,
    paFit: acoustic ? nn(acoustic.pa) : null,
    density: artist.sound ? nn(artist.sound.density) : null,
    acousticness: artist.sound ? nn(artist.sound.acoustic) : null,
  };

  // Capacity
  const draw = artist.draw?.estimate(
    cityKey(venue.city, venue.country),
    regionKey(venue.region, venue.city, venue.country),
    venue.country.toUpperCase(),
  );
  if (venue.capacity === null)
    sentences.capacity = say(lang, 'jauge de la salle inconnue', "the venue's capacity is unknown");
  else if (!draw || draw.basis === 'none')
    sentences.capacity = say(
      lang,
      `${num(venue.capacity, lang)} places ; public de l'artiste inconnu (ni concerts passés chiffrés, ni cachet)`,
      `${num(venue.capacity, lang)} capacity; the artist's draw is unknown (no past figures, no fee)`,
    );
  else {
    numbers.capacity = capacityFit(venue.capacity, draw.low, draw.high);
    const range = `${num(Math.round(draw.low), lang)}–${num(Math.round(draw.high), lang)}`;
    const where: Record<typeof draw.basis, [string, string]> = {
      city: [`à ${venue.city}`, `in ${venue.city}`],
      region: ['dans la région', 'in the region'],
      country: ['dans le pays', 'in the country'],
      elsewhere: ['ici (d’après ses autres concerts)', 'here (from their other shows)'],
      fee: ['d’après son cachet, faute de billetterie connue', 'from their fee, no ticket figures known'],
    };
    sentences.capacity = say(
      lang,
      `${num(venue.capacity, lang)} places, votre public estimé ${where[draw.basis][0]} : ${range}`,
      `${num(venue.capacity, lang)} capacity, your estimated draw ${where[draw.basis][1]}: ${range}`,
    );
    details.capacity = {
      capacity: venue.capacity,
      drawLow: Math.round(draw.low),
      drawHigh: Math.round(draw.high),
      shows: draw.shows,
    };
  }
  details.capacity ??= { capacity: venue.capacity, drawLow: null, drawHigh: null, shows: 0 };

  // Audience
  numbers.audience = audienceFit(
    artist.places,
    cityKey(venue.city, venue.country),
    regionKey(venue.region, venue.city, venue.country),
    venue.country.toUpperCase(),
    venue.latitude ?? NaN,
    venue.longitude ?? NaN,
  );
  if (Number.isNaN(numbers.audience))
    sentences.audience = say(
      lang,
      "ni ville de l'artiste ni concerts passés : public local inconnu",
      'no home town and no past shows: local audience unknown',
    );
  else {
    const city = cityKey(venue.city, venue.country);
    const shows = artist.places.filter((p) => !p.home && p.city === city).length;
    const home = artist.places.some((p) => p.home && p.city === city);
    let nearest = Infinity;
    if (venue.latitude !== null && venue.longitude !== null)
      for (const p of artist.places)
        if (!Number.isNaN(p.lat))
          nearest = Math.min(nearest, distanceKm(venue.latitude, venue.longitude, p.lat, p.lon));
    sentences.audience = home
      ? say(lang, `dans la ville de l'artiste`, `in the artist's home town`)
      : shows > 0
        ? say(lang, `l'artiste a déjà joué à ${venue.city}`, `the artist has played in ${venue.city} before`)
        : Number.isFinite(nearest)
          ? say(
              lang,
              `à ${num(nearest, lang)} km de son public le plus proche`,
              `${num(nearest, lang)} km from their nearest audience`,
            )
          : say(
              lang,
              'hors des villes où son public est connu',
              'outside the cities where their audience is known',
            );
    details.audience = {
      nearestKm: Number.isFinite(nearest) ? Math.round(nearest) : null,
      showsInCity: shows,
    };
  }

  // Fee vs budget
  const budgetMin = venue.budgetMin === null ? NaN : Math.round(venue.budgetMin * 100);
  const budgetMax = venue.budgetMax === null ? NaN : Math.round(venue.budgetMax * 100);
  const currencyMatches = (venue.currency === 'CHF' ? 1 : 0) === artist.currency;
  const feeKnown = !Number.isNaN(artist.feeMinCents) || !Number.isNaN(artist.feeMaxCents);
  const budgetKnown = !Number.isNaN(budgetMin) || !Number.isNaN(budgetMax);
  if (!feeKnown)
    sentences.fee = say(lang, "cachet de l'artiste non renseigné", "the artist's fee is not set");
  else if (!budgetKnown)
    sentences.fee = say(lang, 'budget de la salle inconnu', "the venue's budget is unknown");
  else if (!currencyMatches)
    sentences.fee = say(
      lang,
      'cachet et budget en devises différentes : non comparés',
      'fee and budget in different currencies: not compared',
    );
  else {
    numbers.fee = feeFit(artist.feeMinCents, artist.feeMaxCents, budgetMin, budgetMax);
    const budget = Number.isNaN(budgetMax) ? budgetMin : budgetMax;
    const feeLow = Number.isNaN(artist.feeMinCents) ? artist.feeMaxCents : artist.feeMinCents;
    sentences.fee =
      budget >= feeLow
        ? say(
            lang,
            `budget jusqu'à ${money(budget, venue.currency, lang)}, dans la fourchette du cachet`,
            `budget up to ${money(budget, venue.currency, lang)}, within the fee range`,
          )
        : say(
            lang,
            `budget jusqu'à ${money(budget, venue.currency, lang)}, sous le cachet minimum (${money(feeLow, venue.currency, lang)})`,
            `budget up to ${money(budget, venue.currency, lang)}, below the minimum fee (${money(feeLow, venue.currency, lang)})`,
          );
    details.fee = {
      budgetCents: budget,
      feeMinCents: feeLow,
      feeMaxCents: Number.isNaN(artist.feeMaxCents) ? feeLow : artist.feeMaxCents,
    };
  }

  // History
  const history = artist.history.get(venue.id);
  if (!history)
    sentences.history = say(
      lang,
      'aucun artiste au son proche n’y a joué (connu)',
      'no similar-sounding artist is known to have played here',
    );
  else {
    const others = history.artists.filter((a) => a.artistId !== artist.artistId).length;
    const self = history.artists.some((a) => a.artistId === artist.artistId);
    const who = [
      self ? say(lang, "l'artiste lui-même", 'the artist themselves') : '',
      others
        ? say(
            lang,
            `${others} artiste${others > 1 ? 's' : ''} au son proche`,
            `${others} similar-sounding artist${others > 1 ? 's' : ''}`,
          )
        : '',
    ]
      .filter(Boolean)
      .join(say(lang, ' et ', ' and '));
    if (Number.isNaN(history.fill))
      sentences.history = say(
        lang,
        `${who} y ${others + (self ? 1 : 0) > 1 ? 'ont' : 'a'} joué (remplissage inconnu)`,
        `${who} played here (attendance unknown)`,
      );
    else {
      numbers.history = Math.min(1, history.fill / 0.9);
      sentences.history = say(
        lang,
        `${who} y ${others + (self ? 1 : 0) > 1 ? 'ont' : 'a'} rempli à ${pct(history.fill * 100, lang)}`,
        `${who} filled it to ${pct(history.fill * 100, lang)}`,
      );
    }
    details.history = { artists: history.artists.length, fillRate: nn(history.fill) };
  }

  let sum = 0;
  let total = 0;
  let configured = 0;
  for (const key of KEYS) {
    configured += weights[key];
    if (!Number.isNaN(numbers[key]) && weights[key] > 0) {
      sum += numbers[key] * weights[key];
      total += weights[key];
    }
  }
  const score = total > 0 ? toScore(sum / total) : null;
  const components: FitComponent[] = KEYS.map((key) => {
    const known = !Number.isNaN(numbers[key]);
    return {
      key,
      score: known ? toScore(numbers[key]) : null,
      weight: weights[key],
      share: known && total > 0 ? weights[key] / total : 0,
      sentence: sentences[key],
      details: details[key] ?? {},
    };
  });
  const parts = components
    .filter((c) => c.score !== null && c.weight > 0)
    .map((c) => `${componentLabel(c.key, lang)} ${pct(c.score!, lang)} (${c.sentence})`);
  const missing = components.filter((c) => c.score === null).map((c) => componentLabel(c.key, lang));
  const summary =
    score === null
      ? say(
          lang,
          'Rien ne permet encore de juger cette salle pour cet artiste.',
          'Nothing yet to judge this venue for this artist.',
        )
      : `${pct(score, lang)} — ${parts.join(', ')}${missing.length ? say(lang, ` ; inconnu : ${missing.join(', ')}`, `; unknown: ${missing.join(', ')}`) : ''}`;
  return { score, coverage: configured > 0 ? total / configured : 0, components, summary };
}
