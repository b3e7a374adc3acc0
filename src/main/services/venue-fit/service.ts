import { AudioAnalysis } from '../../../shared/audio';
import type { Artist, Venue } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { normalizeGenres } from '../../../shared/genres';
import {
  DEFAULT_FIT_WEIGHTS,
  FitWeights,
  type ArtistMatch,
  type SearchVenue,
  type SimilarArtist,
  type VenueMatch,
  type WeightsView,
} from '../../../shared/venue-fit';
import { parseVenueQuery, type VenueFilters } from '../../../shared/venue-query';
import type { Store } from '../../store/database';
import { createArtistRepository, createVenueRepository } from '../catalogue';
import {
  acousticRecommendations,
  estimateRoom,
  roomAcousticsView,
  soundProfile,
  type RoomEstimate,
  type SoundProfile,
} from './acoustics';
import { DrawModel, fillRate, loadPlayedShows, type PlayedShow } from './draw';
import {
  SIMILAR_MIN,
  buildHistory,
  compileFilters,
  explain,
  genreFit,
  passes as passesFilter,
  rank,
  scoreSlot,
  type ArtistSide,
  type Place,
  type VenueFacts,
} from './score';
import { DIM, EmbeddingIndex, toUnitVector } from './similar';
import { VenueIndex, cityKey, emptyRoom, regionKey } from './venue-index';
import type { Lang } from './words';

/** The settings row holding the user's weights (JSON of FitWeights). */
export const WEIGHTS_SETTING_KEY = 'venueFit.weights';
/** Neighbours looked at for the history component. */
const HISTORY_NEIGHBOURS = 20;

/** What the fit needs of a stored analysis; the rest (waveform…) is ignored. */
const StoredSound = AudioAnalysis.pick({
  bpm: true,
  percussiveRatio: true,
  energy: true,
  acousticness: true,
  loudnessLufs: true,
  loudnessRange: true,
  brightnessHz: true,
  dynamicComplexity: true,
  embedding: true,
  embeddingVersion: true,
});

interface DemoSound {
  demoId: string;
  demoName: string;
  artistId: string | null;
  sound: SoundProfile | null;
  vector: Float32Array | null;
}

export function createVenueFitService(store: Store) {
  const { db } = store;
  const index = new VenueIndex(store);
  const embeddings = new EmbeddingIndex(store);
  const artists = createArtistRepository(store);
  const venues = createVenueRepository(store);

  const readSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const writeSetting = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  function weights(): FitWeights {
    const row = readSetting.get(WEIGHTS_SETTING_KEY);
    if (!row) return DEFAULT_FIT_WEIGHTS;
    try {
      const parsed = FitWeights.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : DEFAULT_FIT_WEIGHTS;
    } catch {
      return DEFAULT_FIT_WEIGHTS;
    }
  }

  function setWeights(patch: Partial<FitWeights>, reset: boolean): WeightsView {
    const merged = FitWeights.safeParse({ ...(reset ? DEFAULT_FIT_WEIGHTS : weights()), ...patch });
    if (!merged.success)
      throw new AppError('VALIDATION', 'Invalid weights — at least one weight must be above zero', [
        { path: 'weights', message: merged.error.issues[0]?.message ?? 'invalid' },
      ]);
    writeSetting.run(WEIGHTS_SETTING_KEY, JSON.stringify(merged.data));
    return { weights: merged.data, defaults: DEFAULT_FIT_WEIGHTS };
  }

  function parseSound(json: string): { sound: SoundProfile | null; vector: Float32Array | null } {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      return { sound: null, vector: null };
    }
    const parsed = StoredSound.safeParse(raw);
    if (!parsed.success) return { sound: null, vector: null };
    const vector = parsed.data.embedding.length === DIM ? toUnitVector(parsed.data.embedding) : null;
    return { sound: soundProfile(parsed.data), vector };
  }

  const latestDemoOfArtist = db.prepare<[string], { id: string; file_name: string; result: string }>(
    `SELECT d.id, d.file_name, a.result FROM demos d
     JOIN demo_analyses a ON a.demo_id = d.id AND a.analysis_version = d.analysis_version
     WHERE d.artist_id = ? AND d.deleted_at IS NULL AND d.status = 'done'
     ORDER BY d.created_at DESC, d.id DESC LIMIT 1`,
  );
  const demoById = db.prepare<
    [string],
    { id: string; file_name: string; artist_id: string | null; status: string; result: string | null }
  >(
    `SELECT d.id, d.file_name, d.artist_id, d.status, a.result FROM demos d
     LEFT JOIN demo_analyses a ON a.demo_id = d.id AND a.analysis_version = d.analysis_version
     WHERE d.id = ? AND d.deleted_at IS NULL`,
  );

  function artistDemo(artistId: string): DemoSound | null {
    const row = latestDemoOfArtist.get(artistId);
    if (!row) return null;
    return { demoId: row.id, demoName: row.file_name, artistId, ...parseSound(row.result) };
  }

  /** The latest analysed demo of every artist, in one query (for a venue's ranking of the roster). */
  function latestDemos(): Map<string, DemoSound> {
    const rows = db
      .prepare<[], { id: string; file_name: string; artist_id: string; result: string }>(
        `SELECT id, file_name, artist_id, result FROM (
           SELECT d.id, d.file_name, d.artist_id, a.result,
                  row_number() OVER (PARTITION BY d.artist_id ORDER BY d.created_at DESC, d.id DESC) AS n
           FROM demos d
           JOIN demo_analyses a ON a.demo_id = d.id AND a.analysis_version = d.analysis_version
           WHERE d.artist_id IS NOT NULL AND d.deleted_at IS NULL AND d.status = 'done')
         WHERE n = 1`,
      )
      .all();
    const out = new Map<string, DemoSound>();
    for (const row of rows)
      out.set(row.artist_id, {
        demoId: row.id,
        demoName: row.file_name,
        artistId: row.artist_id,
        ...parseSound(row.result),
      });
    return out;
  }

  function demo(demoId: string): DemoSound {
    const row = demoById.get(demoId);
    if (!row) throw new AppError('NOT_FOUND', `No demo with id ${demoId}`);
    if (row.status !== 'done' || row.result === null)
      throw new AppError(
        'CONFLICT',
        'This demo has not been analysed yet: its venues come once the analysis is done.',
      );
    return { demoId: row.id, demoName: row.file_name, artistId: row.artist_id, ...parseSound(row.result) };
  }

  const artistNames = (ids: readonly string[]): Map<string, string> => {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const rows = db
        .prepare<string[], { id: string; name: string }>(
          `SELECT id, name FROM artists WHERE id IN (${batch.map(() => '?').join(', ')})`,
        )
        .all(...batch);
      for (const r of rows) out.set(r.id, r.name);
    }
    return out;
  };

  /** Home town and the cities of shows that went well (filled to 60 %+, or with no figures). */
  function placesOf(artist: Artist | null, shows: readonly PlayedShow[]): Place[] {
    const places: Place[] = [];
    if (artist && (artist.city || artist.country)) {
      const key = cityKey(artist.city, artist.country);
      const coords = key ? index.cityCoordinates(index.cityNames.find(key)) : null;
      places.push({
        city: key,
        region: regionKey('', artist.city, artist.country),
        country: artist.country.toUpperCase(),
        lat: coords?.lat ?? NaN,
        lon: coords?.lon ?? NaN,
        home: true,
      });
    }
    const seen = new Set<string>();
    for (const s of shows) {
      const fill = fillRate(s);
      if (fill !== null && fill < 0.6) continue;
      if (seen.has(s.venueId)) continue;
      seen.add(s.venueId);
      places.push({
        city: cityKey(s.city, s.country),
        region: regionKey(s.region, s.city, s.country),
        country: s.country.toUpperCase(),
        lat: s.latitude ?? NaN,
        lon: s.longitude ?? NaN,
        home: false,
      });
    }
    return places;
  }

  /** Past shows of the artist's nearest neighbours by sound (and their own), by venue. */
  function historyByNeighbours(artistId: string | null, vector: Float32Array | null) {
    const similarity = new Map<string, number>();
    if (artistId) similarity.set(artistId, 1);
    if (vector) {
      for (const n of embeddings.nearest(vector, HISTORY_NEIGHBOURS, artistId ?? undefined))
        if (n.similarity >= SIMILAR_MIN) similarity.set(n.artistId, n.similarity);
    }
    const ids = [...similarity.keys()];
    const shows = loadPlayedShows(db, ids);
    const names = artistNames(ids);
    return buildHistory(
      shows,
      (id) => similarity.get(id) ?? null,
      (id) => names.get(id) ?? '',
    );
  }

  function sideOf(artist: Artist | null, sound: DemoSound | null): ArtistSide {
    const ownShows = artist ? loadPlayedShows(db, [artist.id]) : [];
    const cents = (v: number | null) => (v === null ? NaN : Math.round(v * 100));
    return {
      artistId: artist?.id ?? null,
      name: artist?.name ?? sound?.demoName ?? '',
      genres: artist ? normalizeGenres(artist.genres) : [],
      currency: artist?.currency === 'CHF' ? 1 : 0,
      feeMinCents: cents(artist?.fee.min ?? null),
      feeMaxCents: cents(artist?.fee.max ?? null),
      sound: sound?.sound ?? null,
      draw: artist ? new DrawModel(ownShows, artist.fee.min, artist.fee.max) : null,
      places: placesOf(artist, ownShows),
      history: historyByNeighbours(artist?.id ?? null, sound?.vector ?? null),
    };
  }

  function facts(venue: Venue): VenueFacts {
    const capacity = Math.max(venue.capacityStanding ?? 0, venue.capacitySeated ?? 0);
    return {
      id: venue.id,
      name: venue.name,
      city: venue.city,
      region: venue.region,
      country: venue.country,
      genres: normalizeGenres(venue.genres),
      capacity: capacity > 0 ? capacity : null,
      currency: venue.currency,
      budgetMin: venue.budget.min,
      budgetMax: venue.budget.max,
      latitude: venue.latitude,
      longitude: venue.longitude,
    };
  }

  function venueMatch(side: ArtistSide, venue: Venue, w: FitWeights, lang: Lang): VenueMatch {
    const room: RoomEstimate = estimateRoom(venue);
    const f = facts(venue);
    const explained = explain(side, f, room, w, lang);
    return {
      venueId: venue.id,
      name: venue.name,
      city: venue.city,
      country: venue.country,
      kind: venue.kind,
      capacity: f.capacity,
      ...explained,
      acoustics: roomAcousticsView(room, lang),
      recommendations: acousticRecommendations(side.sound, room, venue.acoustics.treatment, lang),
      similarArtists: (side.history.get(venue.id)?.artists ?? []).filter((a) => a.artistId !== side.artistId),
    };
  }

  function refresh() {
    index.refresh();
    embeddings.refresh();
  }

  function rankFor(side: ArtistSide, filters: VenueFilters | undefined, offset: number, limit: number) {
    refresh();
    return rank({ index, artist: side, weights: weights() }, compileFilters(index, filters), offset, limit);
  }

  return {
    index,
    embeddings,
    weights: (): WeightsView => ({ weights: weights(), defaults: DEFAULT_FIT_WEIGHTS }),
    setWeights,

    forArtist(input: {
      artistId: string;
      filters?: VenueFilters;
      limit: number;
      offset: number;
      language: Lang;
    }) {
      const artist = artists.get(input.artistId);
      refresh();
      const sound = artistDemo(artist.id);
      const side = sideOf(artist, sound);
      const ranked = rankFor(side, input.filters, input.offset, input.limit);
      const w = weights();
      return {
        artistId: artist.id,
        artistName: artist.name,
        sound: { demoId: sound?.demoId ?? null, demoName: sound?.demoName ?? null },
        weights: w,
        total: ranked.total,
        items: ranked.slots.map((slot) => venueMatch(side, venues.get(index.ids[slot]!), w, input.language)),
      };
    },

    compare(input: { artistId: string; venueIds: [string, string]; language: Lang }) {
      const artist = artists.get(input.artistId);
      refresh();
      const sound = artistDemo(artist.id);
      const side = sideOf(artist, sound);
      const w = weights();
      const [a, b] = input.venueIds.map((id) => venueMatch(side, venues.get(id), w, input.language));
      return {
        artistId: artist.id,
        artistName: artist.name,
        sound: { demoId: sound?.demoId ?? null, demoName: sound?.demoName ?? null },
        venues: [a!, b!] as [VenueMatch, VenueMatch],
      };
    },

    forDemo(input: { demoId: string; limit: number; language: Lang }) {
      const sound = demo(input.demoId);
      refresh();
      let artist: Artist | null = null;
      if (sound.artistId) {
        try {
          artist = artists.get(sound.artistId);
        } catch {
          artist = null; // the linked artist was deleted: judge the demo on its own
        }
      }
      const side = sideOf(artist, sound);
      const ranked = rankFor(side, undefined, 0, input.limit);
      const w = weights();
      return {
        demoId: sound.demoId,
        artistId: artist?.id ?? null,
        items: ranked.slots.map((slot) => venueMatch(side, venues.get(index.ids[slot]!), w, input.language)),
      };
    },

    forVenue(input: { venueId: string; limit: number; offset: number; language: Lang }) {
      const venue = venues.get(input.venueId);
      refresh();
      const w = weights();
      const room = estimateRoom(venue);
      const f = facts(venue);
      // The artists who played here, for each candidate's history (by their similarity to it).
      const playedHere = db
        .prepare<[string], { artist_id: string }>(
          `SELECT DISTINCT artist_id FROM events WHERE venue_id = ? AND status = 'played' AND deleted_at IS NULL`,
        )
        .all(venue.id)
        .map((r) => r.artist_id);
      const showsHere = loadPlayedShows(db, playedHere).filter((s) => s.venueId === venue.id);
      const names = artistNames(playedHere);
      // The whole roster in a few queries: artists, their latest demos, their played shows.
      const all = artists.list({ query: '', limit: 1_000_000, offset: 0 }).items;
      const demos = latestDemos();
      const showsByArtist = new Map<string, PlayedShow[]>();
      for (const show of loadPlayedShows(
        db,
        all.map((a) => a.id),
      )) {
        const list = showsByArtist.get(show.artistId);
        if (list) list.push(show);
        else showsByArtist.set(show.artistId, [show]);
      }
      const sides = all.map((artist): ArtistSide => {
        const sound = demos.get(artist.id) ?? null;
        const ownShows = showsByArtist.get(artist.id) ?? [];
        const vector = sound?.vector ?? null;
        const similarity = (id: string): number | null => {
          if (id === artist.id) return 1;
          const other = embeddings.vectorOf(id);
          if (!vector || !other) return null;
          let dot = 0;
          for (let i = 0; i < DIM; i++) dot += vector[i]! * other[i]!;
          return dot >= SIMILAR_MIN ? dot : null;
        };
        return {
          artistId: artist.id,
          name: artist.name,
          genres: normalizeGenres(artist.genres),
          currency: artist.currency === 'CHF' ? 1 : 0,
          feeMinCents: artist.fee.min === null ? NaN : Math.round(artist.fee.min * 100),
          feeMaxCents: artist.fee.max === null ? NaN : Math.round(artist.fee.max * 100),
          sound: sound?.sound ?? null,
          draw: new DrawModel(ownShows, artist.fee.min, artist.fee.max),
          places: placesOf(artist, ownShows),
          history: buildHistory(showsHere, similarity, (id) => names.get(id) ?? ''),
        };
      });
      // Every artist is scored with the numbers of the ranking loop (the venue's slot in the index);
      // only the page shown is explained in words.
      const slot = index.slotById.get(venue.id);
      const out = new Float64Array(6);
      const scratch = emptyRoom();
      const scores = sides.map((side) => {
        if (slot === undefined || !index.alive[slot])
          return explain(side, f, room, w, input.language).score ?? -1;
        const s = scoreSlot({ index, artist: side, weights: w }, slot, out, scratch, {
          genre: new Map(),
          draw: new Map(),
        });
        return Number.isNaN(s) ? -1 : s;
      });
      const order = sides.map((_, i) => i);
      order.sort((a, b) => scores[b]! - scores[a]! || sides[a]!.artistId!.localeCompare(sides[b]!.artistId!));
      const items = order.slice(input.offset, input.offset + input.limit).map((i): ArtistMatch => {
        const side = sides[i]!;
        const artist = all[i]!;
        return {
          artistId: artist.id,
          name: artist.name,
          city: artist.city,
          country: artist.country,
          ...explain(side, f, room, w, input.language),
          recommendations: acousticRecommendations(
            side.sound,
            room,
            venue.acoustics.treatment,
            input.language,
          ),
          demoId: demos.get(artist.id)?.demoId ?? null,
        };
      });
      return {
        venueId: venue.id,
        venueName: venue.name,
        acoustics: roomAcousticsView(room, input.language),
        weights: w,
        total: sides.length,
        items,
      };
    },

    similarArtists(input: { artistId?: string; demoId?: string; limit: number }) {
      refresh();
      let vector: Float32Array | null;
      let demoId: string | null;
      let exclude: string | undefined;
      if (input.artistId) {
        artists.get(input.artistId);
        const sound = artistDemo(input.artistId);
        vector = sound?.vector ?? null;
        demoId = sound?.demoId ?? null;
        exclude = input.artistId;
      } else {
        const sound = demo(input.demoId!);
        vector = sound.vector;
        demoId = sound.demoId;
        exclude = sound.artistId ?? undefined;
      }
      if (!vector) return { demoId, items: [] };
      const neighbours = embeddings.nearest(vector, input.limit, exclude);
      const ids = neighbours.map((n) => n.artistId);
      const shows = loadPlayedShows(db, ids);
      const names = artistNames(ids);
      const items: SimilarArtist[] = neighbours.map((n) => {
        const own = shows.filter((s) => s.artistId === n.artistId);
        const fills = own.map(fillRate).filter((x): x is number => x !== null);
        return {
          artistId: n.artistId,
          name: names.get(n.artistId) ?? '',
          similarity: Math.round(n.similarity * 1000) / 1000,
          distance: Math.round((1 - n.similarity) * 1000) / 1000,
          demoId: n.demoId,
          played: own.length,
          meanFillRate: fills.length
            ? Math.round((fills.reduce((a, b) => a + b, 0) / fills.length) * 1000) / 1000
            : null,
          recentShows: own.slice(0, 5).map((s) => ({
            venueId: s.venueId,
            venueName: s.venueName,
            date: s.date,
            ticketsSold: s.ticketsSold,
            capacity: s.capacity,
            fillRate: fillRate(s),
          })),
        };
      });
      return { demoId, items };
    },

    search(input: { query: string; artistId?: string; language: Lang; limit: number }) {
      const knownCities = db
        .prepare<[], { name: string; region: string; country: string }>(
          `SELECT city AS name, max(region) AS region, max(country) AS country FROM venues
           WHERE deleted_at IS NULL AND city <> '' GROUP BY city LIMIT 5000`,
        )
        .all();
      const parsed = parseVenueQuery(input.query, { language: input.language, knownCities });
      const filters = parsed.filters;
      refresh();
      let ranked: { total: number; slots: number[]; scores: number[] };
      if (input.artistId) {
        const artist = artists.get(input.artistId);
        ranked = rankFor(sideOf(artist, artistDemo(artist.id)), filters, 0, input.limit);
      } else {
        ranked = rankByQuery(filters, input.limit);
      }
      const out: SearchVenue[] = ranked.slots.map((slot, i) => ({
        id: index.ids[slot]!,
        name: index.names[slot]!,
        city: index.cities[slot]!,
        country: index.countries[slot]!,
        capacity: Number.isNaN(index.capacity[slot]!) ? null : index.capacity[slot]!,
        score: ranked.scores[i]! < 0 ? null : Math.round(ranked.scores[i]! * 100),
      }));
      return {
        query: input.query,
        filters,
        chips: parsed.chips.map((c) => ({ ...c, kind: String(c.kind) })),
        unparsed: parsed.unparsed,
        total: ranked.total,
        venues: out,
      };
    },
  };

  /**
   * Without an artist, a venue's search score says how well it matches the query beyond passing the
   * filters: the genres asked for that it programs (genreFit), and how close its capacity is to the
   * middle of the range asked for; venues with fewer unknowns first. Ties by name, then id.
   */
  function rankByQuery(filters: VenueFilters, limit: number) {
    const compiled = compileFilters(index, filters);
    const items: { slot: number; score: number }[] = [];
    if (compiled.impossible) return { total: 0, slots: [], scores: [] };
    const target =
      filters.capacityMin !== null && filters.capacityMax !== null
        ? Math.sqrt(Math.max(1, filters.capacityMin) * filters.capacityMax)
        : (filters.capacityMin ?? filters.capacityMax);
    for (let slot = 0; slot < index.slotCount; slot++) {
      if (!index.alive[slot]) continue;
      if (!passes(slot)) continue;
      let sum = 0;
      let n = 0;
      if (filters.genres.length) {
        const g = genreFit(filters.genres, index.genreMask[slot]!);
        sum += Number.isNaN(g) ? 0 : g;
        n++;
      }
      if (target !== null && target > 0) {
        const c = index.capacity[slot]!;
        sum += Number.isNaN(c) ? 0 : Math.exp(-(Math.log(c / target) ** 2));
        n++;
      }
      items.push({ slot, score: n ? sum / n : 1 });
    }
    function passes(slot: number) {
      return passesFilter(index, slot, compiled);
    }
    items.sort(
      (a, b) =>
        b.score - a.score ||
        index.names[a.slot]!.localeCompare(index.names[b.slot]!) ||
        (index.ids[a.slot]! < index.ids[b.slot]! ? -1 : 1),
    );
    const page = items.slice(0, limit);
    return { total: items.length, slots: page.map((i) => i.slot), scores: page.map((i) => i.score) };
  }
}

export type VenueFitService = ReturnType<typeof createVenueFitService>;
