import { join } from 'node:path';
import type { AppInfo, MethodName, MethodOutput, ParsedInput } from '../../shared/contract';
import type { Store } from '../store/database';
import { backupDatabase } from './backup';
import { createCalendarService } from './calendar';
import { createArtistRepository, createVenueRepository } from './catalogue';
import type { DemoService } from './demos/service';
import { createJobRegistry, type EmitEvent } from './jobs';
import { dealDocument, renderPdf } from './documents';
import { createNegotiationService } from './negotiation';
import { createOfferService, evaluateDeal } from './offers';
import { createSettingsRepository } from './settings';
import { createVenueFitHandlers } from './venue-fit/handlers';
import { createVenueImportHandlers } from './venue-fit/import-handlers';
import { createLegalHandlers } from './legal/handlers';
import { createForecastHandlers } from './forecast/handlers';

/** One function per contract method. Missing or mistyped methods fail the type check. */
export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export interface ServiceContext {
  store: Store;
  /** The profile folder: database, backups, and later the analysis cache. */
  dataDir: string;
  version: string;
  host: AppInfo['host'];
  emit: EmitEvent;
  /** The demo analysis queue; app.ts owns it (and its worker pool) because it must be closed. */
  demos: DemoService;
}

/** The main process's services behind the contract; they know nothing of Electron, HTTP or the CLI. */
export function createServices(ctx: ServiceContext): Handlers {
  const artists = createArtistRepository(ctx.store);
  const venues = createVenueRepository(ctx.store);
  const settings = createSettingsRepository(ctx.store);
  const jobs = createJobRegistry(ctx.emit);
  const calendar = createCalendarService(ctx.store);
  const offers = createOfferService(ctx.store, calendar);
  const negotiation = createNegotiationService(ctx.store, (id) => offers.get(id));

  return {
    'app.info': () => ({
      name: 'Flow Stage',
      version: ctx.version,
      dataDir: ctx.dataDir,
      databasePath: ctx.store.path,
      schemaVersion: ctx.store.schemaVersion,
      sqliteVersion: (ctx.store.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
      host: ctx.host,
    }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),

    'artists.list': (query) => artists.list(query),
    'artists.get': ({ id }) => artists.get(id),
    'artists.create': ({ id, ...fields }) => artists.create(fields, id),
    'artists.update': ({ id, fields }) => artists.update(id, fields),
    'artists.delete': ({ id }) => artists.remove(id),

    'venues.list': (query) => venues.list(query),
    'venues.get': ({ id }) => venues.get(id),
    'venues.create': ({ id, ...fields }) => venues.create(fields, id),
    'venues.update': ({ id, fields }) => venues.update(id, fields),
    'venues.delete': ({ id }) => venues.remove(id),

    'deals.evaluate': ({ deal, ticketsSold }) => evaluateDeal(deal, ticketsSold),

    'offers.list': (filter) => offers.list(filter),
    'offers.get': ({ id }) => offers.get(id),
    'offers.create': ({ id, ...fields }) => offers.create(fields, id),
    'offers.update': ({ id, fields }) => offers.update(id, fields),
    'offers.delete': ({ id }) => offers.remove(id),
    'offers.addRound': (round) => offers.addRound(round),
    'offers.settle': (input) => offers.settle(input),
    'offers.brief': ({ offerId, language }) => negotiation.brief(offerId, language),
    'offers.pdf': async ({ offerId, kind, language }) => {
      const offer = offers.get(offerId);
      const pdf = await renderPdf(dealDocument(offer, kind, language));
      const slug = `${offer.artistName}-${offer.venueName}-${offer.date}`.replace(/[^\p{L}\p{N}]+/gu, '-');
      const prefix =
        kind === 'dealMemo'
          ? language === 'fr'
            ? 'memo'
            : 'deal-memo'
          : language === 'fr'
            ? 'decompte'
            : 'settlement';
      return { filename: `${prefix}-${slug}.pdf`, base64: pdf.toString('base64'), bytes: pdf.length };
    },

    'holds.list': (query) => calendar.list(query),
    'holds.place': (request) => calendar.place(request),
    'holds.confirm': ({ id, allowArtistDoubleBooking }) => calendar.confirm(id, allowArtistDoubleBooking),
    'holds.release': ({ id }) => calendar.release(id),
    'holds.exportIcs': (filter) => calendar.exportIcs(filter),
    'holds.importIcs': (request) => calendar.importIcs(request),

    'backup.create': ({ jobId }) =>
      jobs.run(jobId, (job) => backupDatabase(ctx.store, join(ctx.dataDir, 'backups'), job)),
    'jobs.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),

    'demos.add': ({ paths, artistId }) => ctx.demos.add(paths, artistId),
    'demos.list': (filter) => ctx.demos.list(filter),
    'demos.get': ({ id }) => ctx.demos.get(id),
    'demos.cancel': ({ id }) => ctx.demos.cancel(id),
    'demos.retry': ({ id }) => ctx.demos.retry(id),
    'demos.delete': ({ id }) => ctx.demos.remove(id),
    'demos.correct': (input) => ctx.demos.correct(input),
    'demos.accuracy': () => ctx.demos.accuracy(),

    ...createVenueFitHandlers(ctx),
    ...createVenueImportHandlers(ctx, jobs),
    ...createLegalHandlers(ctx),
    ...createForecastHandlers(ctx, jobs),
  };
}
