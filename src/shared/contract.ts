import { z } from 'zod';
import type { Result } from './errors';
import { Deal, Expense, IsoDate } from './deals';
import {
  CalendarBlock,
  CalendarQuery,
  DealEvaluation,
  HoldConflict,
  HoldPromotion,
  HoldView,
  Offer,
  OfferFields,
  OfferStatus,
  OfferSummary,
  NegotiationBrief,
  BriefLanguage,
  RoundAction,
  RoundParty,
} from './offers';
import { Artist, ArtistInput, Id, ListQuery, Settings, Venue, VenueInput, pageOf } from './domain';
import {
  DemoAccuracy,
  DemoProgress,
  DemoSummary,
  DemoView,
  DemosAddInput,
  DemosCorrectInput,
  DemosListInput,
} from './demos';
import { ById, Empty, JobId, method } from './contract-method';
import { venueFitMethods } from './venue-fit';
import { venueImportMethods } from './venue-import';
import { legalMethods } from './legal';
import { forecastMethods } from './forecast';

/**
 * The one contract between the renderer and the main-process services.
 * Method name → input and output schemas; event name → payload schema.
 * The Electron IPC adapter, the browser host and the renderer client are all derived from it, so a
 * method added here that the services lack fails the type check (see `Handlers`).
 */

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  sqliteVersion: z.string(),
  host: z.enum(['electron', 'browser', 'cli', 'test']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const contract = {
  'app.info': method(Empty, AppInfo),

  'settings.get': method(Empty, Settings),
  'settings.update': method(Settings.partial().strict(), Settings),

  'artists.list': method(ListQuery, pageOf(Artist)),
  'artists.get': method(ById, Artist),
  'artists.create': method(ArtistInput.extend({ id: Id.optional() }).strict(), Artist),
  'artists.update': method(z.object({ id: Id, fields: ArtistInput.strict() }).strict(), Artist),
  'artists.delete': method(ById, z.object({ id: Id })),

  'venues.list': method(ListQuery, pageOf(Venue)),
  'venues.get': method(ById, Venue),
  'venues.create': method(VenueInput.extend({ id: Id.optional() }).strict(), Venue),
  'venues.update': method(z.object({ id: Id, fields: VenueInput.strict() }).strict(), Venue),
  'venues.delete': method(ById, z.object({ id: Id })),

  /** Live P&L of a deal: settlement at a ticket count, break-even, the four deal types compared. */
  'deals.evaluate': method(
    z.object({ deal: Deal, ticketsSold: z.number().int().min(0) }).strict(),
    DealEvaluation,
  ),

  'offers.list': method(
    z
      .object({ artistId: Id.optional(), venueId: Id.optional(), status: OfferStatus.optional() })
      .strict()
      .default({}),
    z.object({ items: z.array(OfferSummary) }),
  ),
  'offers.get': method(ById, Offer),
  /** Creates the offer in draft and places a hold on its date at the venue (reported if it conflicts). */
  'offers.create': method(OfferFields.extend({ id: Id.optional() }).strict(), Offer),
  'offers.update': method(z.object({ id: Id, fields: OfferFields }).strict(), Offer),
  'offers.delete': method(ById, z.object({ id: Id })),
  /** A negotiation round: sent, countered (with new terms), accepted or declined. */
  'offers.addRound': method(
    z
      .object({
        offerId: Id,
        by: RoundParty,
        action: RoundAction,
        deal: Deal.optional(),
        note: z.string().trim().max(5000).default(''),
      })
      .strict(),
    Offer,
  ),
  /** Post-show settlement; stores the outcome as a played event for the forecasts. */
  'offers.settle': method(
    z
      .object({
        offerId: Id,
        ticketsSold: z.number().int().min(0),
        actualExpenses: z.array(Expense).max(100).optional(),
      })
      .strict(),
    Offer,
  ),

  /** The negotiation brief of an offer: acceptance chance, agreement zone, frictions, drafts. Read-only. */
  'offers.brief': method(
    z.object({ offerId: Id, language: BriefLanguage.default('fr') }).strict(),
    NegotiationBrief,
  ),

  /** The deal memo (any time) or the settlement sheet (once settled) as a PDF, base64-encoded. */
  'offers.pdf': method(
    z
      .object({
        offerId: Id,
        kind: z.enum(['dealMemo', 'settlement']),
        language: BriefLanguage.default('fr'),
      })
      .strict(),
    z.object({ filename: z.string(), base64: z.string(), bytes: z.number().int() }),
  ),

  'holds.list': method(
    CalendarQuery,
    z.object({ holds: z.array(HoldView), conflicts: z.array(HoldConflict), blocks: z.array(CalendarBlock) }),
  ),
  'holds.place': method(
    z
      .object({
        id: Id.optional(),
        artistId: Id,
        venueId: Id,
        startDate: IsoDate,
        endDate: IsoDate.optional(),
        note: z.string().trim().max(2000).default(''),
      })
      .strict(),
    z.object({ hold: HoldView, conflicts: z.array(HoldConflict) }),
  ),
  'holds.confirm': method(
    z.object({ id: Id, allowArtistDoubleBooking: z.boolean().default(false) }).strict(),
    z.object({ hold: HoldView, challenged: z.array(HoldView) }),
  ),
  'holds.release': method(
    ById,
    z.object({ hold: HoldView, promotions: z.array(HoldPromotion), unchallenged: z.array(HoldView) }),
  ),
  /** Confirmed dates as an RFC 5545 calendar, for one artist or one venue (or all). */
  'holds.exportIcs': method(
    z.object({ artistId: Id.optional(), venueId: Id.optional() }).strict().default({}),
    z.object({ filename: z.string(), ics: z.string() }),
  ),
  /** An artist's external calendar (.ics text): its events become busy blocks on their calendar. */
  'holds.importIcs': method(
    z
      .object({
        artistId: Id,
        ics: z.string().max(900_000),
        source: z.string().trim().min(1).max(200),
        from: IsoDate,
        to: IsoDate,
      })
      .strict(),
    z.object({
      imported: z.number().int(),
      warnings: z.array(z.object({ line: z.number().int(), message: z.string() })),
    }),
  ),

  /** Copies the whole profile database to `<profile>/backups/`, reporting progress; cancellable. */
  'backup.create': method(
    z.object({ jobId: JobId }).strict(),
    z.object({ path: z.string(), bytes: z.number().int() }),
  ),
  'jobs.cancel': method(z.object({ jobId: JobId }).strict(), z.object({ cancelled: z.boolean() })),

  /**
   * Demos (Audio DNA). Each path is hashed (SHA-256) and found or created: a file already analysed
   * with the current ANALYSIS_VERSION comes back done at once; the others are queued and analysed
   * in the background (watch `demo.progress`). One item per path, in order; a path that cannot be
   * read comes back failed (NOT_FOUND, UNSUPPORTED_MEDIA), the others still go through.
   */
  'demos.add': method(DemosAddInput, z.object({ demos: z.array(DemoSummary) })),
  /** Newest first; results without embedding and with a waveform thumbnail. */
  'demos.list': method(DemosListInput, z.object({ items: z.array(DemoSummary) })),
  /** One demo with its full result (waveform, embedding). */
  'demos.get': method(ById, DemoView),
  /** Stops a queued or running analysis (status cancelled); a finished demo is returned unchanged. */
  'demos.cancel': method(ById, DemoSummary),
  /** Queues a finished demo (failed, cancelled, or done: re-analysed) again; a queued one is unchanged. */
  'demos.retry': method(ById, DemoSummary),
  /** Removes the demo from the library (a tombstone; the file on disk is never touched). */
  'demos.delete': method(ById, z.object({ id: Id })),
  /** Sets (or clears, with null) the tempo and key the booker heard; the measured values are kept. */
  'demos.correct': method(DemosCorrectInput, DemoSummary),
  /** How the current analysis scores against what the booker heard (their confirmed demos). */
  'demos.accuracy': method(Empty, DemoAccuracy),

  // Feature contracts, each declared beside its domain types.
  ...venueFitMethods,
  ...venueImportMethods,
  ...legalMethods,
  ...forecastMethods,
} as const;

export const events = {
  /** A long task's progress: fraction in [0, 1], stage a short machine-readable word. */
  'job.progress': z.object({ jobId: JobId, stage: z.string(), fraction: z.number().min(0).max(1) }),
  /** A demo changed status or advanced in its analysis (at most one per 1 % per demo). */
  'demo.progress': DemoProgress,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type EventName = keyof typeof events;

/** What a caller may pass (defaults not yet applied). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a service receives (validated, defaults applied). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * What an adapter hands the renderer: raw calls that resolve to a Result (errors never cross a process
 * or contextBridge boundary as exceptions, which would lose their code). In Electron the preload exposes
 * it as `window.flowstageBridge`; in a browser it is implemented over HTTP + SSE.
 */
export interface FlowstageBridge {
  invoke(method: MethodName, input: unknown): Promise<Result<unknown>>;
  on(listener: (event: EventName, payload: unknown) => void): () => void;
  /**
   * Electron only: the absolute path of a dropped or picked file (webUtils.getPathForFile), '' when
   * it has none. Absent in a browser, where files go through the host's POST /api/upload instead.
   */
  pathForFile?(file: File): string;
}

/** The typed client the renderer uses, built on a bridge: throws AppError on failure. */
export interface FlowstageApi {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
