import type { venueImportMethods } from '../../../shared/venue-import';
import { createVenueRepository } from '../catalogue';
import type { Handlers, ServiceContext } from '../index';
import type { JobRegistry } from '../jobs';
import { createSettingsRepository } from '../settings';
import { dataSources, importFestivals } from './festivals';
import { allVenues, importVenuesCsv, venuesToCsv } from './venues-csv';

/** The venue import/export contract methods (see src/shared/venue-import.ts). */
export function createVenueImportHandlers(
  ctx: ServiceContext,
  jobs: JobRegistry,
): Pick<Handlers, keyof typeof venueImportMethods> {
  const venues = createVenueRepository(ctx.store);
  const settings = createSettingsRepository(ctx.store);

  return {
    'venues.importCsv': (input) =>
      importVenuesCsv(
        ctx.store,
        venues,
        input.path !== undefined
          ? { path: input.path }
          : { text: input.text ?? '', fileName: input.fileName },
        {
          dryRun: input.dryRun,
          onDuplicate: input.onDuplicate,
          delimiter: input.delimiter,
          language: input.language ?? settings.get().language,
          previewRows: input.previewRows,
        },
      ),
    'venues.exportCsv': ({ delimiter, headers }) => {
      const { csv, rows } = venuesToCsv(allVenues(venues), { delimiter, headers });
      const date = new Date().toISOString().slice(0, 10);
      return { csv, rows, fileName: `${headers === 'fr' ? 'salles' : 'venues'}-${date}.csv` };
    },
    'venues.importFestivals': ({ jobId }) =>
      jobs.run(jobId, (job) => importFestivals(ctx.store, venues, job)),
    'venues.sources': () => ({ sources: dataSources(ctx.store) }),
  };
}
