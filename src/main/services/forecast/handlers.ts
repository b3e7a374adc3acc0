import type { forecastMethods } from '../../../shared/forecast';
import type { Handlers, ServiceContext } from '../index';

/** The contract methods of this feature (see src/shared/forecast.ts), over the feature's services. */
export function createForecastHandlers(ctx: ServiceContext): Pick<Handlers, keyof typeof forecastMethods> {
  void ctx;
  return {};
}
