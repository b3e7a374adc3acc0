import { countUsableOutcomes } from './inputs';
import { MIN_RETRAIN_EVENTS, type forecastMethods } from '../../../shared/forecast';
import type { Handlers, ServiceContext } from '../index';
import type { JobRegistry } from '../jobs';
import { exportEventsCsv, importEventsCsv } from './events-csv';
import { createEventRepository } from './history';
import { cardOf, createRetrainer } from './retrain';
import { createForecastService, createModelRegistry } from './service';

/**
 * The contract methods of this feature (see src/shared/forecast.ts), over the feature's services.
 * `jobs` is the registry `jobs.cancel` reaches: retraining is a job like the backup.
 */
export function createForecastHandlers(
  ctx: ServiceContext,
  jobs: JobRegistry,
): Pick<Handlers, keyof typeof forecastMethods> {
  const events = createEventRepository(ctx.store);
  const models = createModelRegistry(ctx.dataDir);
  const forecasts = createForecastService(ctx.store, models);
  const retrainer = createRetrainer(ctx.store, ctx.dataDir, models);

  return {
    'events.list': (query) => events.list(query),
    'events.create': ({ id, ...fields }) => events.create(fields, id),
    'events.update': ({ id, fields }) => events.update(id, fields),
    'events.delete': ({ id }) => events.remove(id),
    // With a jobId the import reports progress and can be cancelled (big files take seconds to check).
    'events.importCsv': ({ jobId, ...input }) =>
      jobId
        ? jobs.run(jobId, (job) => importEventsCsv(ctx.store, input, job))
        : importEventsCsv(ctx.store, input),
    'events.exportCsv': (filter) => {
      const list = events.all(filter);
      const scope = [filter.from, filter.to].filter(Boolean).join('_');
      return {
        filename: `evenements${scope ? `-${scope}` : ''}.csv`,
        csv: exportEventsCsv(ctx.store, list),
        rows: list.length,
      };
    },

    'forecast.predict': (request) => forecasts.predict(request),
    'forecast.priceCurve': (request) => forecasts.priceCurve(request),
    'forecast.bestDates': (request) => forecasts.bestDates(request),
    'forecast.feeRecommendation': (request) => forecasts.feeRecommendation(request),
    'forecast.model': async () => {
      const current = await models.current();
      const last = retrainer.last();
      const usable = countUsableOutcomes(ctx.store.db);
      return {
        card: cardOf(current.model.card),
        source: current.source,
        lastReport: last.report,
        lastRetrain: last.record,
        history: {
          usableEvents: usable,
          minimumForRetrain: MIN_RETRAIN_EVENTS,
          canRetrain: usable >= MIN_RETRAIN_EVENTS,
        },
      };
    },
    'forecast.retrain': ({ jobId }) => jobs.run(jobId, (job) => retrainer.run(job)),
  };
}
