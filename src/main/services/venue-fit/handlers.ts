import type { venueFitMethods } from '../../../shared/venue-fit';
import type { Handlers, ServiceContext } from '../index';

/** The contract methods of this feature (see src/shared/venue-fit.ts), over the feature's services. */
export function createVenueFitHandlers(ctx: ServiceContext): Pick<Handlers, keyof typeof venueFitMethods> {
  void ctx;
  return {};
}
