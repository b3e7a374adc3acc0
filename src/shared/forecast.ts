import { z } from 'zod';
import { Deal, DealType, IsoDate, MAX_CAPACITY } from './deals';
import { Currency, Id } from './domain';
import { AbsolutePath } from './demos';
import { Empty, JobId, method, ById } from './contract-method';

// Predictive booking (issue #6): event history, features, forecasts, optimisers, retraining.
// Domain types and this feature's contract methods (spread into contract.ts).
//
// API for the screens (every method goes through `api.invoke(name, input)`):
//
// Event history — past (and planned) shows with their outcomes; the forecasts learn from the played ones.
//   events.list        { artistId?, venueId?, status?, source?, from?, to?, limit, offset } → { items: Event[], total }
//   events.create      EventFields (+ id?) → Event                       (source 'manual')
//   events.update      { id, fields: EventFields } → Event                (full replacement of the fields)
//   events.delete      { id } → { id }                                    (tombstone)
//   events.importCsv   { path } or { text }, dryRun, createMissing → EventsImportResult
//                      Nothing is written unless every row is valid; `errors` lists each bad row with its line,
//                      column and a message in French and English. Columns: see EVENT_CSV_COLUMNS and docs/forecast.md.
//   events.exportCsv   { artistId?, venueId?, from?, to? } → { filename, csv, rows }   (same columns, re-importable)
//
// Forecasts — every answer carries `basis` (how much data stands behind it, in words and numbers) and `factors`
// (what moved the forecast most, in tickets). Amounts computed by the forecast (expected revenue, profit,
// fees) are integer CENTS of `currency`, like the deal settlement; prices given in and out are decimal units.
//   forecast.predict           { artistId, venueId, date, ticketPrice?, capacity?, deal?, … } → Forecast
//   forecast.priceCurve        { …same, prices? } → PriceCurve (expected revenue / profit per price, best prices)
//   forecast.bestDates         { artistId, venueId, from, to, … } → BestDates (one cell per day for a heat map + top dates)
//   forecast.feeRecommendation { artistId, venueId, date, deal } → FeeRecommendation
//   forecast.model             {} → ModelStatus (current model card, last evaluation report, history counts)
//   forecast.retrain           { jobId } → RetrainResult (long: `job.progress` events, cancel with `jobs.cancel`)
//
// Errors: VALIDATION (bad input, a capacity of 0, an unknown capacity), NOT_FOUND (artist, venue, event),
// CONFLICT (retraining already running), CANCELLED (retraining cancelled).

/** A message in both languages of the app: the renderer shows the one of the interface. */
export const Bilingual = z.object({ fr: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

// ---- Event history -------------------------------------------------------------------------------

export const EventStatus = z.enum(['planned', 'confirmed', 'played', 'cancelled']);
export type EventStatus = z.infer<typeof EventStatus>;

/**
 * Where a row came from: typed in (manual), an imported file (csv), the post-show settlement of an offer
 * (settlement), or generated from published aggregates for the prior (synthetic: never mixed with the
 * booker's own history, never counted as "your events").
 */
export const EventSource = z.enum(['manual', 'csv', 'settlement', 'synthetic']);
export type EventSource = z.infer<typeof EventSource>;

const moneyAmount = (what: string) =>
  z
    .number({ message: `${what} must be a number` })
    .finite()
    .nonnegative({ message: `${what} cannot be negative` })
    .max(100_000_000, { message: `${what} is over 100,000,000` })
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, {
      message: `${what}: at most 2 decimals (cents)`,
    });

const eventShape = {
  artistId: Id,
  venueId: Id,
  date: IsoDate,
  status: EventStatus.default('played'),
  currency: Currency.default('EUR'),
  /** Main full price, VAT included, decimal units; null when unknown. */
  ticketPrice: moneyAmount('The ticket price').nullable().default(null),
  /** The artist's fee (private). */
  fee: moneyAmount('The fee').nullable().default(null),
  /** Tickets on sale in this configuration of the room; null = the venue's capacity. Never 0. */
  capacity: z
    .number()
    .int({ message: 'Capacity is a whole number of tickets' })
    .min(1, { message: 'Capacity must be at least 1 ticket (leave it empty when unknown)' })
    .max(MAX_CAPACITY)
    .nullable()
    .default(null),
  /** Paid tickets sold (all nights of a run, if reported as one row); null when not known yet. */
  ticketsSold: z
    .number()
    .int({ message: 'Tickets sold is a whole number' })
    .min(0, { message: 'Tickets sold cannot be negative' })
    .max(MAX_CAPACITY)
    .nullable()
    .default(null),
  /** When the show was booked or announced: the lead time of the forecasts. */
  announcedOn: IsoDate.nullable().default(null),
  promotionSpend: moneyAmount('The promotion spend').nullable().default(null),
  dealType: DealType.nullable().default(null),
  notes: z.string().trim().max(5000).default(''),
};

type EventCheck = {
  date: string;
  capacity: number | null;
  ticketsSold: number | null;
  announcedOn: string | null;
};
/** Cross-field rules, shared by the create (with an optional id) and update schemas. */
function checkEvent(e: EventCheck, ctx: z.RefinementCtx): void {
  if (e.capacity !== null && e.ticketsSold !== null && e.ticketsSold > e.capacity) {
    ctx.addIssue({
      code: 'custom',
      path: ['ticketsSold'],
      message: `Tickets sold (${e.ticketsSold}) exceed the capacity (${e.capacity})`,
    });
  }
  if (e.announcedOn !== null && e.announcedOn > e.date) {
    ctx.addIssue({
      code: 'custom',
      path: ['announcedOn'],
      message: 'The announcement date is after the show',
    });
  }
}

export const EventFields = z.strictObject(eventShape).superRefine(checkEvent);
export const EventCreateInput = z.strictObject({ ...eventShape, id: Id.optional() }).superRefine(checkEvent);
export type EventFieldsInput = z.input<typeof EventFields>;
export type EventFields = z.output<typeof EventFields>;

export const Event = z.object({
  id: Id,
  artistId: Id,
  venueId: Id,
  artistName: z.string(),
  venueName: z.string(),
  date: IsoDate,
  status: EventStatus,
  currency: Currency,
  ticketPrice: z.number().nullable(),
  fee: z.number().nullable(),
  capacity: z.number().int().nullable(),
  ticketsSold: z.number().int().nullable(),
  /** ticketsSold / capacity (the event's, else the venue's); null when either is unknown. */
  fillRate: z.number().nullable(),
  announcedOn: IsoDate.nullable(),
  promotionSpend: z.number().nullable(),
  dealType: DealType.nullable(),
  source: EventSource,
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Event = z.infer<typeof Event>;

export const EventsQuery = z
  .strictObject({
    artistId: Id.optional(),
    venueId: Id.optional(),
    status: EventStatus.optional(),
    source: EventSource.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 100, offset: 0 });

/** The CSV columns, in export order. Only date, artist and venue are required on import. */
export const EVENT_CSV_COLUMNS = [
  'date',
  'artist',
  'venue',
  'venue_city',
  'venue_country',
  'status',
  'capacity',
  'tickets_sold',
  'ticket_price',
  'currency',
  'fee',
  'announced_on',
  'promotion_spend',
  'deal_type',
  'notes',
] as const;
export const REQUIRED_EVENT_CSV_COLUMNS = ['date', 'artist', 'venue'] as const;
/** Largest file or text the import reads. */
export const MAX_EVENTS_CSV_BYTES = 50 * 1024 * 1024;

export const EventsImportInput = z
  .strictObject({
    path: AbsolutePath.optional(),
    text: z.string().max(MAX_EVENTS_CSV_BYTES).optional(),
    /** Check and preview only: nothing is written. */
    dryRun: z.boolean().default(false),
    /** Create the artists and venues named in the file that are not in the catalogue (else an error per row). */
    createMissing: z.boolean().default(false),
    /** Also write rows for an artist × venue × date already in the history or earlier in the file (default:
     * skipped, so importing the same file twice does not double the history). */
    keepDuplicates: z.boolean().default(false),
    /** Run as a job: `job.progress` events (stages parse, check, write) and `jobs.cancel` until the write
     * starts. The write itself is one all-or-nothing transaction. */
    jobId: JobId.optional(),
  })
  .refine((i) => (i.path === undefined) !== (i.text === undefined), {
    message: 'Give either a file path or the CSV text',
    path: ['path'],
  });

export const CsvLineError = z.object({
  /** 1-based line in the file (the header is line 1). */
  line: z.number().int(),
  /** The column concerned, null for the whole line or file. */
  column: z.string().nullable(),
  /** The raw value read, when relevant. */
  value: z.string().nullable(),
  message: Bilingual,
});
export type CsvLineError = z.infer<typeof CsvLineError>;

export const EventPreviewRow = z.object({
  line: z.number().int(),
  date: IsoDate,
  artistName: z.string(),
  venueName: z.string(),
  /** Names not in the catalogue that the import creates (createMissing) — shown before the booker confirms. */
  createsArtist: z.boolean(),
  createsVenue: z.boolean(),
  status: EventStatus,
  capacity: z.number().int().nullable(),
  ticketsSold: z.number().int().nullable(),
  ticketPrice: z.number().nullable(),
  currency: Currency,
});
export type EventPreviewRow = z.infer<typeof EventPreviewRow>;

/** A row naming an artist, a venue and a date already in the history (`store`) or earlier in the file (`file`). */
export const EventDuplicateRow = z.object({
  line: z.number().int(),
  date: IsoDate,
  artistName: z.string(),
  venueName: z.string(),
  against: z.enum(['store', 'file']),
  /** For `file`: the earlier line with the same artist, venue and date. */
  firstLine: z.number().int().nullable(),
});
export type EventDuplicateRow = z.infer<typeof EventDuplicateRow>;

export const EventsImportResult = z.object({
  dryRun: z.boolean(),
  /** Data rows read (header and blank lines excluded). */
  rows: z.number().int(),
  /** Rows written: 0 on a dry run or when any row is invalid. */
  imported: z.number().int(),
  artistsCreated: z.number().int(),
  venuesCreated: z.number().int(),
  /** The delimiter found in the header. */
  delimiter: z.enum([',', ';', '\t']).nullable(),
  /** The first rows as they will be stored (at most 50). */
  preview: z.array(EventPreviewRow),
  /** Every problem, line by line (at most 500; `errorCount` has the total). Empty = valid. */
  errors: z.array(CsvLineError),
  errorCount: z.number().int(),
  /** Duplicate rows found (at most 500 listed; `duplicateCount` has the total). */
  duplicates: z.array(EventDuplicateRow),
  duplicateCount: z.number().int(),
  /** Duplicate rows left out of the write (0 when `keepDuplicates`). */
  skippedDuplicates: z.number().int(),
});
export type EventsImportResult = z.infer<typeof EventsImportResult>;

export const EventsExportInput = z
  .strictObject({
    artistId: Id.optional(),
    venueId: Id.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .default({});

// ---- Model card and evaluation (mirrors services/forecast/model.ts and evaluate.ts) ------------------

export const ModelCard = z.object({
  id: z.string(),
  version: z.string(),
  trainedAt: z.string(),
  /** prior: trained on synthetic rows from published French aggregates; user: on the booker's own events. */
  kind: z.enum(['prior', 'user']),
  trainingRows: z.number().int(),
  syntheticRows: z.number().int(),
  features: z.array(z.string()),
  metrics: z.record(z.string(), z.number()),
  /** What the metrics were measured on, e.g. "held-out synthetic rows" — never presented as real-world accuracy if synthetic. */
  metricsMeasuredOn: Bilingual,
  /** Typical error in tickets (MAE), null when not measured on the booker's data. */
  typicalError: z.number().nullable(),
  notes: z.array(Bilingual),
});
export type ModelCard = z.infer<typeof ModelCard>;

export const Metrics = z.object({
  /** Mean absolute error of P50, tickets. */
  mae: z.number(),
  /** Mean pinball loss over P10/P50/P90, tickets. */
  pinball: z.number(),
  /** Brier score of the sold-out probability (lower is better). */
  brier: z.number(),
  /** Share of outcomes inside [P10, P90] (0.8 when calibrated). */
  coverage80: z.number(),
});
export type Metrics = z.infer<typeof Metrics>;

export const EvaluationReport = z.object({
  folds: z.number().int(),
  rows: z.number().int(),
  candidate: Metrics,
  current: Metrics.nullable(),
  baselines: z.object({ venueMedianFill: Metrics, artistLast: Metrics }),
  /** Reliability of the sold-out probability: mean predicted vs observed rate per bin. */
  calibration: z.array(z.object({ predicted: z.number(), observed: z.number(), count: z.number().int() })),
  better: z.boolean(),
  notes: z.array(Bilingual),
});
export type EvaluationReport = z.infer<typeof EvaluationReport>;

// ---- Forecasts -------------------------------------------------------------------------------------

/** How much data stands behind a forecast, as numbers and as a sentence in both languages. */
export const ForecastBasis = z.object({
  modelKind: z.enum(['prior', 'user']),
  modelVersion: z.string(),
  /** Rows the model was trained on; of them synthetic (the prior's rows from published aggregates). */
  trainingRows: z.number().int(),
  syntheticRows: z.number().int(),
  /** The booker's past played events with an outcome, at this venue and for this artist. */
  venueEvents: z.number().int(),
  artistEvents: z.number().int(),
  /** Typical error in tickets measured on the booker's own events; null for the prior. */
  typicalError: z.number().nullable(),
  summary: Bilingual,
});
export type ForecastBasis = z.infer<typeof ForecastBasis>;

export const ForecastFactor = z.object({
  /** Feature name (model's FEATURE_NAMES or an input name); the renderer translates it. */
  feature: z.string(),
  label: Bilingual,
  /** How many tickets it moved P50, signed. */
  effect: z.number(),
});
export type ForecastFactor = z.infer<typeof ForecastFactor>;

export const TicketRange = z.object({ p10: z.number(), p50: z.number(), p90: z.number() });
export type TicketRange = z.infer<typeof TicketRange>;

export const DateFlags = z.object({
  /** Public holiday on the date or its eve, named (in French), for the venue's country; null if none. */
  publicHoliday: z.string().nullable(),
  /** Within a school holiday in the venue's country/region (rule-based approximation, see holidays.ts). */
  schoolHoliday: z.boolean(),
  schoolHolidayName: z.string().nullable(),
  /** Confirmed shows of other artists within 30 km and ±3 days. */
  competingEvents: z.number().int(),
});
export type DateFlags = z.infer<typeof DateFlags>;

const forecastTarget = {
  artistId: Id,
  venueId: Id,
  date: IsoDate,
  /** Main full price (decimal units); default: the deal's, else the venue's usual price. */
  ticketPrice: z.number().finite().nonnegative().max(100_000).optional(),
  /** Tickets on sale; default: the deal's, else the venue's standing (else seated) capacity. 0 is refused. */
  capacity: z
    .number()
    .int()
    .min(1, { message: 'Capacity must be at least 1 ticket' })
    .max(MAX_CAPACITY)
    .optional(),
  /** The terms under discussion: enables the break-even chance and expected profit. */
  deal: Deal.optional(),
  promotionSpend: z.number().finite().nonnegative().max(100_000_000).optional(),
  /** When the show is (or will be) announced; default today. */
  announcedOn: IsoDate.optional(),
};

export const ForecastRequest = z.strictObject(forecastTarget);
export type ForecastRequest = z.infer<typeof ForecastRequest>;

export const Forecast = z.object({
  artistId: Id,
  venueId: Id,
  date: IsoDate,
  currency: Currency,
  country: z.string(),
  capacity: z.number().int(),
  ticketPrice: z.number(),
  tickets: TicketRange,
  /** tickets / capacity, 0–1. */
  fill: TicketRange,
  soldOutProbability: z.number().min(0).max(1),
  /** Under the given deal; null without a deal. */
  breakEven: z
    .object({
      /** Tickets at which each party's result reaches 0 (null: never within capacity). */
      organiserTickets: z.number().int().nullable(),
      artistTickets: z.number().int().nullable(),
      /** Chance that tickets sold reach those counts. */
      organiserProbability: z.number().min(0).max(1),
      artistProbability: z.number().min(0).max(1),
      /** Expected results over the forecast distribution, cents. */
      expectedOrganiserResult: z.number().int(),
      expectedArtistTotal: z.number().int(),
    })
    .nullable(),
  flags: DateFlags,
  basis: ForecastBasis,
  factors: z.array(ForecastFactor),
  /** Things the booker should know (unknown inputs replaced by defaults, prices in CHF read as EUR…). */
  warnings: z.array(Bilingual),
});
export type Forecast = z.infer<typeof Forecast>;

export const PriceCurveRequest = z.strictObject({
  ...forecastTarget,
  /** Price grid; default: from 40 % to 200 % of the reference price, 31 steps. */
  prices: z
    .strictObject({
      min: z.number().finite().nonnegative().max(100_000),
      max: z.number().finite().positive().max(100_000),
      steps: z.number().int().min(2).max(200).default(31),
    })
    .refine((p) => p.min < p.max, { message: 'The lowest price must be below the highest', path: ['max'] })
    .optional(),
});

export const PricePoint = z.object({
  price: z.number(),
  tickets: TicketRange,
  soldOutProbability: z.number(),
  /** price × expected tickets (VAT included), cents. */
  expectedRevenue: z.number().int(),
  /** Organiser's expected result under the deal at this price, cents; null without a deal. */
  expectedProfit: z.number().int().nullable(),
  /** Expected artist total (fee + bonuses) under the deal, cents; null without a deal. */
  expectedArtistTotal: z.number().int().nullable(),
});
export type PricePoint = z.infer<typeof PricePoint>;

export const PriceCurve = z.object({
  currency: Currency,
  capacity: z.number().int(),
  /** The price the curve was centred on (given, the deal's or the venue's usual price). */
  referencePrice: z.number(),
  points: z.array(PricePoint),
  bestForRevenue: z.object({ price: z.number(), expectedRevenue: z.number().int() }),
  bestForProfit: z.object({ price: z.number(), expectedProfit: z.number().int() }).nullable(),
  basis: ForecastBasis,
  /** E.g. the best price sits at the end of the grid (the optimum may lie beyond: widen `prices`). */
  warnings: z.array(Bilingual),
});
export type PriceCurve = z.infer<typeof PriceCurve>;

export const MAX_BEST_DATES_DAYS = 366;

export const BestDatesRequest = z
  .strictObject({
    artistId: Id,
    venueId: Id,
    from: IsoDate,
    to: IsoDate,
    ticketPrice: forecastTarget.ticketPrice,
    capacity: forecastTarget.capacity,
    /** How many top dates to return. */
    top: z.number().int().min(1).max(31).default(5),
  })
  .refine((r) => r.from <= r.to, { message: 'The end of the window is before its start', path: ['to'] })
  .refine(
    (r) =>
      (Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / 86_400_000 <
      MAX_BEST_DATES_DAYS,
    { message: `The window is at most ${MAX_BEST_DATES_DAYS} days`, path: ['to'] },
  );

export const DateConflict = z.object({
  /** artistBooked: the artist has a hold/show that day; venueTaken: the venue is held or confirmed; artistBusy: an imported busy block. */
  kind: z.enum(['artistBooked', 'venueTaken', 'artistBusy']),
  /** Blocking for a confirmed show or a busy block; a hold is a warning (it may be released). */
  severity: z.enum(['warning', 'error']),
  /** What is there, in both languages (names as stored). */
  description: Bilingual,
});
export type DateConflict = z.infer<typeof DateConflict>;

export const DateCell = z.object({
  date: IsoDate,
  /** 0 = Monday … 6 = Sunday. */
  weekday: z.number().int().min(0).max(6),
  tickets: TicketRange,
  fill50: z.number(),
  soldOutProbability: z.number(),
  flags: DateFlags,
  conflicts: z.array(DateConflict),
  /** No blocking conflict. */
  available: z.boolean(),
});
export type DateCell = z.infer<typeof DateCell>;

export const BestDates = z.object({
  capacity: z.number().int(),
  ticketPrice: z.number(),
  days: z.array(DateCell),
  /** The available dates with the highest P50 (ties: higher sold-out chance, then earlier). */
  top: z.array(IsoDate),
  basis: ForecastBasis,
});
export type BestDates = z.infer<typeof BestDates>;

export const FeeRecommendationRequest = z.strictObject({
  artistId: Id,
  venueId: Id,
  date: IsoDate,
  /** The terms under discussion; the recommendation varies their guarantee (or percentage for a door split). */
  deal: Deal,
});

export const FeeLevel = z.object({
  /** The guarantee (decimal units) — or, for a door split, the artist's percentage. */
  value: z.number(),
  /** Chance that the organiser at least breaks even at this level. */
  organiserBreakEvenProbability: z.number(),
  /** Expected artist total at this level, cents. */
  expectedArtistTotal: z.number().int(),
});

export const FeeRecommendation = z.object({
  currency: Currency,
  dealType: DealType,
  /** What `value` is: a guarantee amount or a percentage of the receipts. */
  adjusts: z.enum(['guarantee', 'artistPercentage']),
  tickets: TicketRange,
  /**
   * safe: the organiser breaks even even at P10 (easy to accept);
   * target: breaks even at P50 (a fair ask);
   * stretch: needs P90 (only for a strong draw).
   */
  safe: FeeLevel,
  target: FeeLevel,
  stretch: FeeLevel,
  current: FeeLevel,
  /** The artist's usual fee range from the catalogue, for comparison (decimal units). */
  artistUsualFee: z.object({ min: z.number().nullable(), max: z.number().nullable() }),
  explanation: Bilingual,
  basis: ForecastBasis,
});
export type FeeRecommendation = z.infer<typeof FeeRecommendation>;

/** Fewest of the booker's played events (with tickets sold and a capacity) before retraining is offered. */
export const MIN_RETRAIN_EVENTS = 30;

export const RetrainRecord = z.object({
  at: z.string(),
  replaced: z.boolean(),
  reason: Bilingual,
  rows: z.number().int(),
  modelVersion: z.string().nullable(),
});
export type RetrainRecord = z.infer<typeof RetrainRecord>;

export const ModelStatus = z.object({
  card: ModelCard,
  source: z.enum(['prior', 'user']),
  /** The last retraining's evaluation (kept whether or not it replaced the model). */
  lastReport: EvaluationReport.nullable(),
  lastRetrain: RetrainRecord.nullable(),
  history: z.object({
    /** Played events with tickets sold and a known capacity (the booker's own, not synthetic). */
    usableEvents: z.number().int(),
    minimumForRetrain: z.number().int(),
    canRetrain: z.boolean(),
  }),
});
export type ModelStatus = z.infer<typeof ModelStatus>;

export const RetrainResult = z.object({
  replaced: z.boolean(),
  reason: Bilingual,
  /** null when retraining was refused before training (too little history). */
  report: EvaluationReport.nullable(),
  card: ModelCard,
});
export type RetrainResult = z.infer<typeof RetrainResult>;

// ---- Contract --------------------------------------------------------------------------------------

export const forecastMethods = {
  'events.list': method(EventsQuery, z.object({ items: z.array(Event), total: z.number().int() })),
  'events.create': method(EventCreateInput, Event),
  'events.update': method(z.strictObject({ id: Id, fields: EventFields }), Event),
  'events.delete': method(ById, z.object({ id: Id })),
  'events.importCsv': method(EventsImportInput, EventsImportResult),
  'events.exportCsv': method(
    EventsExportInput,
    z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() }),
  ),

  'forecast.predict': method(ForecastRequest, Forecast),
  'forecast.priceCurve': method(PriceCurveRequest, PriceCurve),
  'forecast.bestDates': method(BestDatesRequest, BestDates),
  'forecast.feeRecommendation': method(FeeRecommendationRequest, FeeRecommendation),
  'forecast.model': method(Empty, ModelStatus),
  'forecast.retrain': method(z.strictObject({ jobId: JobId }), RetrainResult),
} as const;
