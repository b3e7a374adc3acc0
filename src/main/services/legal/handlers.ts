import type { legalMethods } from '../../../shared/legal';
import type { Handlers, ServiceContext } from '../index';

/** The contract methods of this feature (see src/shared/legal.ts), over the feature's services. */
export function createLegalHandlers(ctx: ServiceContext): Pick<Handlers, keyof typeof legalMethods> {
  void ctx;
  return {};
}
