import { z } from 'zod';
import { Empty, method } from './contract-method';
import { Id, Language } from './domain';
import { VenueFilters } from './venue-query';

// Venue fit (issue #4): acoustic fit, explained artist × venue match scores, similar artists, search.
// Domain types and this feature's contract methods (spread into contract.ts).
//
// For the screens — every method is read-only except fit.weights.set; every sentence comes back in
// the `language` asked for (default 'fr'), ready to show; `details` holds the numbers for charts.
//
//   fit.forArtist   { artistId, filters?, limit, offset, language } → ranked venues for an artist.
//                   Each VenueMatch: score 0–100 (null when nothing could be judged), the six
//                   components (genre, acoustics, capacity, audience, fee, history) each with score
//                   0–100 or null (unknown: its weight is redistributed over the known ones), its
//                   configured weight and effective share, a sentence and numbers; a one-line
//                   summary; technical recommendations (monitoring, stage volume, reverb, PA power,
//                   treatment, low end); the similar-sounding artists who played there with outcomes.
//   fit.forVenue    { venueId, limit, offset, language } → ranked artists for a venue (same components).
//   fit.compare     { artistId, venueIds: [a, b], language } → both VenueMatch side by side.
//   fit.forDemo     { demoId, limit (3), language } → best venues for an analysed demo; works with no
//                   artist linked (genre, capacity, fee, audience then unknown; acoustics and history
//                   from the demo's sound).
//   fit.similarArtists { artistId | demoId, limit } → nearest artists by sound (cosine on the 64-d
//                   embedding of each artist's latest analysed demo), with their past outcomes.
//   fit.search      { query, artistId?, language, limit } → the parsed filters and chips of a
//                   natural-language query and the matching venues, ranked by the artist's fit score
//                   when an artist is given, otherwise by how well each venue matches the query.
//   fit.weights.get / fit.weights.set → the user's weights (0–100 each, relative) and the defaults.

export const FIT_COMPONENT_KEYS = ['genre', 'acoustics', 'capacity', 'audience', 'fee', 'history'] as const;
export const FitComponentKey = z.enum(FIT_COMPONENT_KEYS);
export type FitComponentKey = z.infer<typeof FitComponentKey>;

const weight = z.number().finite().min(0).max(100);

/**
 * Relative importance of each component, 0–100 (they need not sum to 100: each known component
 * counts for weight / sum of the known components' weights). At least one must be above zero.
 */
export const FitWeights = z
  .object({
    genre: weight,
    acoustics: weight,
    capacity: weight,
    audience: weight,
    fee: weight,
    history: weight,
  })
  .strict()
  .refine((w) => Object.values(w).some((v) => v > 0), {
    message: 'At least one weight must be above zero',
  });
export type FitWeights = z.infer<typeof FitWeights>;

/**
 * Defaults: style first (a jazz club rarely books metal), then the room (acoustics, capacity vs the
 * artist's draw), then money, then geography and history (sparse data, so they weigh less).
 */
export const DEFAULT_FIT_WEIGHTS: FitWeights = {
  genre: 30,
  acoustics: 20,
  capacity: 20,
  audience: 10,
  fee: 15,
  history: 5,
};

export const WeightsView = z.object({ weights: FitWeights, defaults: FitWeights });
export type WeightsView = z.infer<typeof WeightsView>;

const score = z.number().int().min(0).max(100);

export const FitComponent = z.object({
  key: FitComponentKey,
  /** 0–100; null when the data to judge it is missing (the sentence says which). */
  score: score.nullable(),
  /** The configured weight (0–100). */
  weight,
  /** Its share of the total once unknown components are left out, 0–1 (0 when unknown). */
  share: z.number().min(0).max(1),
  sentence: z.string(),
  /** Numbers behind the sentence, for charts (e.g. rt60Sec, idealMinSec, drawLow, capacity). */
  details: z.record(z.string(), z.number().nullable()),
});
export type FitComponent = z.infer<typeof FitComponent>;

export const RecommendationTopic = z.enum([
  'monitoring',
  'stage_volume',
  'reverb',
  'pa_power',
  'treatment',
  'low_end',
]);
export type RecommendationTopic = z.infer<typeof RecommendationTopic>;

export const Recommendation = z.object({
  topic: RecommendationTopic,
  severity: z.enum(['info', 'advice', 'warning']),
  text: z.string(),
});
export type Recommendation = z.infer<typeof Recommendation>;

/** How a room's RT60 is known: measured, estimated from its geometry and surfaces, roughly from its capacity, open air, unknown. */
export const Rt60Source = z.enum(['measured', 'estimated', 'rough', 'open_air', 'unknown']);
export type Rt60Source = z.infer<typeof Rt60Source>;

export const OCTAVE_BANDS_HZ = [125, 250, 500, 1000, 2000, 4000] as const;

export const RoomAcoustics = z.object({
  source: Rt60Source,
  /** Mid-frequency RT60 (mean of 500 Hz and 1 kHz), seconds; null when unknown or open air. */
  rt60MidSec: z.number().nonnegative().nullable(),
  /** Per octave band (125 Hz–4 kHz), Sabine and Eyring, with the audience in; empty unless estimated. */
  bands: z.array(
    z.object({
      hz: z.number().int(),
      sabineSec: z.number().nonnegative(),
      eyringSec: z.number().nonnegative(),
    }),
  ),
  volumeM3: z.number().nonnegative().nullable(),
  /** What the estimate assumed, in words (e.g. "murs : traitement partiel supposé"). */
  assumptions: z.array(z.string()),
});
export type RoomAcoustics = z.infer<typeof RoomAcoustics>;

export const ShowOutcome = z.object({
  venueId: Id,
  venueName: z.string(),
  date: z.string(),
  ticketsSold: z.number().int().nullable(),
  capacity: z.number().int().nullable(),
  /** tickets sold / capacity, 0–1 (can exceed 1 when the capacity was raised); null when unknown. */
  fillRate: z.number().nonnegative().nullable(),
});
export type ShowOutcome = z.infer<typeof ShowOutcome>;

/** A similar-sounding artist who played at a venue. */
export const SimilarAtVenue = z.object({
  artistId: Id,
  name: z.string(),
  /** Cosine similarity of the embeddings, −1…1 (1 = same sound). */
  similarity: z.number(),
  shows: z.array(ShowOutcome),
});
export type SimilarAtVenue = z.infer<typeof SimilarAtVenue>;

export const VenueMatch = z.object({
  venueId: Id,
  name: z.string(),
  city: z.string(),
  country: z.string(),
  kind: z.string(),
  /** Largest known capacity (standing or seated); null when unknown. */
  capacity: z.number().int().nullable(),
  /** 0–100, the weighted mean of the known components; null when none is known. */
  score: score.nullable(),
  /** Share of the configured weight that could be judged, 0–1 (low = a score built on little data). */
  coverage: z.number().min(0).max(1),
  /** "94 % — genre 98 %, acoustique 95 %, …" */
  summary: z.string(),
  components: z.array(FitComponent),
  acoustics: RoomAcoustics,
  recommendations: z.array(Recommendation),
  similarArtists: z.array(SimilarAtVenue),
});
export type VenueMatch = z.infer<typeof VenueMatch>;

export const ArtistMatch = z.object({
  artistId: Id,
  name: z.string(),
  city: z.string(),
  country: z.string(),
  score: score.nullable(),
  coverage: z.number().min(0).max(1),
  summary: z.string(),
  components: z.array(FitComponent),
  recommendations: z.array(Recommendation),
  /** The analysed demo the acoustic fit used; null when the artist has none. */
  demoId: Id.nullable(),
});
export type ArtistMatch = z.infer<typeof ArtistMatch>;

/** What the artist's sound is known from. */
export const SoundBasis = z.object({ demoId: Id.nullable(), demoName: z.string().nullable() });

export const SimilarArtist = z.object({
  artistId: Id,
  name: z.string(),
  similarity: z.number(),
  /** 1 − similarity (0 = same sound, 2 = opposite). */
  distance: z.number(),
  demoId: Id,
  played: z.number().int(),
  /** Mean fill rate of their played shows with known figures, 0–1; null when unknown. */
  meanFillRate: z.number().nonnegative().nullable(),
  recentShows: z.array(ShowOutcome),
});
export type SimilarArtist = z.infer<typeof SimilarArtist>;

/** A part of the query understood as a filter, where it was in the text (for chips the user can remove). */
export const SearchChip = z.object({
  kind: z.string(),
  value: z.unknown(),
  label: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export type SearchChip = z.infer<typeof SearchChip>;

export const SearchVenue = z.object({
  id: Id,
  name: z.string(),
  city: z.string(),
  country: z.string(),
  capacity: z.number().int().nullable(),
  /** The artist's fit score when an artist was given, otherwise how well the venue matches the query. */
  score: score.nullable(),
});
export type SearchVenue = z.infer<typeof SearchVenue>;

const FitLanguage = Language.default('fr');
const limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
const offset = z.number().int().min(0).default(0);

export const venueFitMethods = {
  /** Ranked venues for an artist, best first, each explained; filters narrow the catalogue first. */
  'fit.forArtist': method(
    z
      .object({
        artistId: Id,
        filters: VenueFilters.optional(),
        limit: limit(100, 20),
        offset,
        language: FitLanguage,
      })
      .strict(),
    z.object({
      artistId: Id,
      artistName: z.string(),
      sound: SoundBasis,
      weights: FitWeights,
      /** Venues that passed the filters (all were scored). */
      total: z.number().int(),
      items: z.array(VenueMatch),
    }),
  ),
  /** Ranked artists for a venue (a programmer's view), best first. */
  'fit.forVenue': method(
    z.object({ venueId: Id, limit: limit(100, 20), offset, language: FitLanguage }).strict(),
    z.object({
      venueId: Id,
      venueName: z.string(),
      acoustics: RoomAcoustics,
      weights: FitWeights,
      total: z.number().int(),
      items: z.array(ArtistMatch),
    }),
  ),
  /** Two venues side by side for one artist. */
  'fit.compare': method(
    z.object({ artistId: Id, venueIds: z.tuple([Id, Id]), language: FitLanguage }).strict(),
    z.object({
      artistId: Id,
      artistName: z.string(),
      sound: SoundBasis,
      venues: z.tuple([VenueMatch, VenueMatch]),
    }),
  ),
  /** The best venues for an analysed demo (its card), with or without an artist linked. */
  'fit.forDemo': method(
    z.object({ demoId: Id, limit: limit(20, 3), language: FitLanguage }).strict(),
    z.object({ demoId: Id, artistId: Id.nullable(), items: z.array(VenueMatch) }),
  ),
  /** Nearest artists by sound, from an artist's latest analysed demo or from a demo. */
  'fit.similarArtists': method(
    z
      .object({ artistId: Id.optional(), demoId: Id.optional(), limit: limit(100, 10) })
      .strict()
      .refine((v) => (v.artistId === undefined) !== (v.demoId === undefined), {
        message: 'Give either artistId or demoId',
      }),
    z.object({ demoId: Id.nullable(), items: z.array(SimilarArtist) }),
  ),
  /** Natural-language venue search ("salle jazz 300 places Paris février"). */
  'fit.search': method(
    z
      .object({
        query: z.string().max(500),
        artistId: Id.optional(),
        language: FitLanguage,
        limit: limit(500, 50),
      })
      .strict(),
    z.object({
      query: z.string(),
      filters: VenueFilters,
      chips: z.array(SearchChip),
      unparsed: z.array(z.string()),
      total: z.number().int(),
      venues: z.array(SearchVenue),
    }),
  ),
  'fit.weights.get': method(Empty, WeightsView),
  /** Changes some weights (the others keep their value); `reset: true` restores the defaults. */
  'fit.weights.set': method(
    z
      .object({
        weights: z
          .object({
            genre: weight.optional(),
            acoustics: weight.optional(),
            capacity: weight.optional(),
            audience: weight.optional(),
            fee: weight.optional(),
            history: weight.optional(),
          })
          .strict()
          .default({}),
        reset: z.boolean().default(false),
      })
      .strict(),
    WeightsView,
  ),
} as const;
