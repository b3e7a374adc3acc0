import type { venueFitMethods } from '../../../shared/venue-fit';
import type { Handlers, ServiceContext } from '../index';
import { createVenueFitService } from './service';

/** The contract methods of this feature (see src/shared/venue-fit.ts), over the feature's services. */
export function createVenueFitHandlers(ctx: ServiceContext): Pick<Handlers, keyof typeof venueFitMethods> {
  const fit = createVenueFitService(ctx.store);
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
