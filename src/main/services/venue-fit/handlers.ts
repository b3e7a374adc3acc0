import { normalizeGenres } from '../../../shared/genres';
import type { venueFitMethods } from '../../../shared/venue-fit';
import { registerGenreFitProvider } from '../forecast/inputs';
import type { Handlers, ServiceContext } from '../index';
import { GENRE_BIT } from './venue-index';
import { genreFit } from './score';
import { createVenueFitService } from './service';

/**
 * The forecasts' genre-fit input is the match score's genre component (same genre 100 %, same family
 * 60 %, neighbouring families 35 %, best genre weighted 0.7 and the mean 0.3), not their simpler overlap:
 * a booker sees one notion of "this venue programs this artist's music" across the app. Pure — it
 * depends on neither profile nor store, so registering it again for another core is harmless.
 */
export function venueFitGenreScore(
  artistGenres: readonly string[],
  venueGenres: readonly string[],
): number | null {
  let mask = 0;
  for (const id of normalizeGenres(venueGenres)) mask |= GENRE_BIT.get(id) ?? 0;
  const fit = genreFit(normalizeGenres(artistGenres), mask);
  return Number.isNaN(fit) ? null : fit;
}

/** The contract methods of this feature (see src/shared/venue-fit.ts), over the feature's services. */
export function createVenueFitHandlers(ctx: ServiceContext): Pick<Handlers, keyof typeof venueFitMethods> {
  const fit = createVenueFitService(ctx.store);
  registerGenreFitProvider((artist, venue) => venueFitGenreScore(artist.genres, venue.genres));
  return {
    'fit.forArtist': (input) => fit.forArtist(input),
    'fit.forVenue': (input) => fit.forVenue(input),
    'fit.compare': (input) => fit.compare(input),
    'fit.forDemo': (input) => fit.forDemo(input),
    'fit.similarArtists': (input) => fit.similarArtists(input),
    'fit.search': (input) => fit.search(input),
    'fit.weights.get': () => fit.weights(),
    'fit.weights.set': ({ weights, reset }) => fit.setWeights(weights, reset),
  };
}
