import type { venueImportMethods } from '../../../shared/venue-import';
import type { Handlers, ServiceContext } from '../index';

/** The venue import/export contract methods (see src/shared/venue-import.ts). */
export function createVenueImportHandlers(
  ctx: ServiceContext,
): Pick<Handlers, keyof typeof venueImportMethods> {
  void ctx;
  return {};
}
