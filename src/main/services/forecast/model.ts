import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Bilingual } from '../../../shared/forecast';
import { uuidv7 } from '../../../shared/ids';
import {
  FEATURE_NAMES,
  MONOTONE_CONSTRAINTS,
  calendarOf,
  toFeatureMatrix,
  type ForecastInput,
  type TrainingRow,
} from './features';
import { binMatrix, boost, createRandom, predictEnsemble, subsetBinned, type Ensemble } from './gbm';
import { imputeCensoredFills } from './model/censoring';
import {
  exportForecastOnnx,
  ONNX_FILL_OUTPUT,
  ONNX_INPUT,
  ONNX_SOLD_OUT_OUTPUT,
  type OnnxHeads,
} from './onnx-export';

/**
 * The ticket forecast: three censored-quantile heads on the fill rate (P10/P50/P90 of demand ÷ capacity) and a
 * Platt-calibrated sold-out head, trained here in TypeScript, exported to one ONNX graph and run with
 * onnxruntime-node. Tickets are the fill capped at 1, times the capacity.
 */

export interface TicketForecast {
  p10: number;
  p50: number;
  p90: number;
  fill50: number;
  soldOutProbability: number;
  /** Median demand in tickets, NOT capped at capacity (censored model): how many would have bought. */
  demand50: number;
}

export interface ModelCard {
  id: string;
  version: string;
  trainedAt: string;
  kind: 'prior' | 'user';
  trainingRows: number;
  syntheticRows: number;
  features: readonly string[];
  metrics: Record<string, number>;
  /** In both languages: the screens show the interface's one. */
  metricsMeasuredOn: Bilingual;
  typicalError: number | null;
  notes: Bilingual[];
}

export interface ForecastModel {
  card: ModelCard;
  /** Batched: one onnxruntime run for the whole batch. */
  predict(inputs: ForecastInput[]): Promise<TicketForecast[]>;
  /** The factors that moved the median most: P50 tickets minus P50 with that factor at its typical value. */
  explain(input: ForecastInput): Promise<Array<{ feature: string; effect: number }>>;
  close(): Promise<void>;
}

export interface TrainProgress {
  stage: string;
  fraction: number;
}

/** A model fresh from the trainer: everything needed to predict in TypeScript and to write the ONNX file. */
export interface TrainedModel {
  card: ModelCard;
  quantiles: [Ensemble, Ensemble, Ensemble];
  soldOut: Ensemble;
  platt: { a: number; b: number };
  /** Typical value of each feature column (median over training rows), the reference of `explain`. */
  reference: number[];
}

export interface TrainOptions {
  seed?: number;
  kind: 'prior' | 'user';
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
  /** Weight of rows labelled synthetic (e.g. prior rows mixed into a user's history). Default 1. */
  syntheticWeight?: number;
  /** Boosting rounds per head (default 100). */
  rounds?: number;
  /** For comparison only: treat a sold-out show as exactly `capacity` demand instead of a lower bound. */
  treatSoldOutAsExact?: boolean;
}

/** A user model needs this many real events with an outcome; fewer and the prior stays in charge. */
export const MIN_TRAINING_EVENTS = 10;
export const QUANTILE_LEVELS = [0.1, 0.5, 0.9] as const;
const FORMAT_VERSION = 1;
const ONNX_FILE = 'forecast.onnx';
const CARD_FILE = 'model-card.json';
const CALIBRATION_FOLDS = 3;
/** Stochastic-EM passes for sold-out shows after the censored-loss pass (see model/censoring.ts). */
const CENSORING_EM_PASSES = 2;

/** Explanation groups: input fields a booker recognises, each over the columns derived from it. */
const EXPLAIN_GROUPS: ReadonlyArray<{
  feature: keyof ForecastInput | 'dayOfWeek' | 'month';
  columns: string[];
}> = [
  { feature: 'capacity', columns: ['logCapacity'] },
  { feature: 'ticketPrice', columns: ['ticketPrice', 'relativePrice'] },
  { feature: 'leadTimeDays', columns: ['leadTimeDays'] },
  { feature: 'artistDraw', columns: ['artistDrawPerSeat', 'logArtistDraw'] },
  { feature: 'artistFillRate', columns: ['artistFillRate'] },
  { feature: 'artistEvents', columns: ['artistEvents'] },
  { feature: 'venueFillRate', columns: ['venueFillRate'] },
  { feature: 'venueEvents', columns: ['venueEvents'] },
  { feature: 'genreFit', columns: ['genreFit'] },
  { feature: 'energy', columns: ['energy'] },
  { feature: 'danceability', columns: ['danceability'] },
  { feature: 'publicHoliday', columns: ['publicHoliday'] },
  { feature: 'schoolHoliday', columns: ['schoolHoliday'] },
  { feature: 'competingEvents', columns: ['competingEvents'] },
  { feature: 'promotionSpend', columns: ['promotionPerSeat'] },
  { feature: 'dayOfWeek', columns: ['dayOfWeek', 'weekendNight'] },
  { feature: 'month', columns: ['month'] },
  { feature: 'country', columns: ['country'] },
];

// ---------------------------------------------------------------------------------------------- training

interface Settings {
  rounds: number;
  soldOutRounds: number;
  learningRate: number;
  maxDepth: number;
  minLeafRows: number;
  subsample: number;
}

/**
 * Capacity of the trees scales with the data. Shallow trees won: on a synthetic history (8,000 shows, 4 time-
 * ordered folds) depth 3 × 100 rounds had the same MAE/pinball as depth 5 × 120 but an 80 % interval that
 * covered 79 % of shows instead of 67 % (deeper trees fit the noise and give intervals that are too narrow).
 */
function settingsFor(rows: number, rounds?: number): Settings {
  return {
    rounds: rounds ?? 100,
    soldOutRounds: rounds ?? 100,
    learningRate: 0.1,
    maxDepth: rows < 300 ? 2 : rows < 20_000 ? 3 : 4,
    minLeafRows: Math.max(3, Math.min(60, Math.round(rows / 150))),
    subsample: rows > 50_000 ? 0.5 : 0.8,
  };
}

/** Refuses rows the model cannot learn from, listing them (up to 20) with a readable reason. */
export function validateTrainingRows(rows: readonly TrainingRow[], kind: 'prior' | 'user'): void {
  const real = rows.filter((row) => !row.synthetic).length;
  const counted = kind === 'user' ? real : rows.length;
  if (counted < MIN_TRAINING_EVENTS) {
    throw new AppError(
      'VALIDATION',
      `Training needs at least ${MIN_TRAINING_EVENTS} past events with an outcome (tickets sold); ` +
        `got ${counted}${kind === 'user' ? ' of your own' : ''}. Until then the forecast uses the prior model.`,
    );
  }
  const issues: Array<{ path: string; message: string }> = [];
  rows.forEach((row, i) => {
    if (issues.length >= 20) return;
    const { capacity, ticketPrice, date } = row.input;
    if (!Number.isFinite(capacity) || capacity <= 0)
      issues.push({
        path: `rows.${i}.input.capacity`,
        message: `Capacity must be above 0 (got ${capacity})`,
      });
    if (!Number.isFinite(row.ticketsSold) || row.ticketsSold < 0)
      issues.push({
        path: `rows.${i}.ticketsSold`,
        message: `Tickets sold must be 0 or more (got ${row.ticketsSold})`,
      });
    if (!Number.isFinite(ticketPrice) || ticketPrice < 0)
      issues.push({
        path: `rows.${i}.input.ticketPrice`,
        message: `Ticket price must be 0 or more (got ${ticketPrice})`,
      });
    if (Number.isNaN(calendarOf(date).month))
      issues.push({
        path: `rows.${i}.input.date`,
        message: `Date must be a real yyyy-mm-dd date (got "${date}")`,
      });
  });
  if (issues.length > 0) {
    throw new AppError(
      'VALIDATION',
      `${issues.length === 20 ? 'At least 20' : issues.length} problem(s) in the training events, nothing was ` +
        `trained. First: ${issues[0]!.message} (${issues[0]!.path})`,
      issues,
    );
  }
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'Training was cancelled');
}

/** Trains the four heads and calibrates the sold-out probability. Pure computation: no I/O. */
export async function trainForecastModel(rows: TrainingRow[], options: TrainOptions): Promise<TrainedModel> {
  validateTrainingRows(rows, options.kind);
  checkAbort(options.signal);
  const seed = options.seed ?? 1;
  const n = rows.length;
  const width = FEATURE_NAMES.length;
  const settings = settingsFor(n, options.rounds);
  const report = (stage: string, fraction: number) => options.onProgress?.({ stage, fraction });
  report('features', 0);

  const matrix = toFeatureMatrix(rows.map((row) => row.input));
  const binned = binMatrix(matrix, n, width);
  const fill = new Float64Array(n);
  const censored = new Uint8Array(n);
  const soldOut = new Float64Array(n);
  const weights = new Float64Array(n);
  const syntheticWeight = options.syntheticWeight ?? 1;
  let syntheticRows = 0;
  rows.forEach((row, i) => {
    const capacity = row.input.capacity;
    fill[i] = Math.min(row.ticketsSold, capacity) / capacity;
    soldOut[i] = row.ticketsSold >= capacity ? 1 : 0;
    censored[i] = options.treatSoldOutAsExact ? 0 : soldOut[i]!;
    weights[i] = row.synthetic ? syntheticWeight : 1;
    if (row.synthetic) syntheticRows++;
  });

  const calibrate = n >= 30;
  const foldRounds = calibrate ? CALIBRATION_FOLDS * settings.soldOutRounds : 0;
  const anyCensored = censored.some((flag) => flag === 1);
  const emPasses = anyCensored ? CENSORING_EM_PASSES : 0;
  const imputeRandom = createRandom(seed * 31 + 17);
  const totalRounds = 3 * settings.rounds * (1 + emPasses) + settings.soldOutRounds + foldRounds;
  let done = 0;
  const tick = (stage: string) => () => {
    checkAbort(options.signal);
    done++;
    if (done % 5 === 0) report(stage, done / totalRounds);
  };
  const common = {
    learningRate: settings.learningRate,
    maxDepth: settings.maxDepth,
    minLeafRows: settings.minLeafRows,
    lambda: 1,
    subsample: settings.subsample,
    monotone: MONOTONE_CONSTRAINTS,
  };

  // Censoring: pass 0 uses the censored pinball loss; each further pass re-draws the sold-out rows' demand
  // from the previous heads (model/censoring.ts) and refits on those values as if observed.
  let quantiles: Ensemble[] = [];
  let targets: Float64Array = fill;
  let flags = censored;
  for (let pass = 0; pass <= emPasses; pass++) {
    if (pass > 0) {
      const [p10, p50, p90] = quantiles.map((head) => predictEnsemble(head, matrix, n, width)) as [
        Float64Array,
        Float64Array,
        Float64Array,
      ];
      targets = imputeCensoredFills(fill, censored, p10, p50, p90, imputeRandom);
      flags = new Uint8Array(n);
    }
    quantiles = [];
    for (const [k, alpha] of QUANTILE_LEVELS.entries()) {
      const stage = `quantile P${alpha * 100}${emPasses > 0 ? ` (censoring pass ${pass + 1}/${emPasses + 1})` : ''}`;
      quantiles.push(
        await boost(
          binned,
          targets,
          flags,
          {
            ...common,
            objective: 'quantile',
            alpha,
            rounds: settings.rounds,
            seed: seed * 31 + k,
            onRound: tick(stage),
          },
          weights,
        ),
      );
    }
  }
  const soldOutOptions = { ...common, objective: 'logistic' as const, rounds: settings.soldOutRounds };
  const soldOutHead = await boost(
    binned,
    soldOut,
    censored,
    { ...soldOutOptions, seed: seed * 31 + 7, onRound: tick('sold-out') },
    weights,
  );

  let platt = { a: 1, b: 0 };
  if (calibrate) {
    // Out-of-fold margins: each row scored by a classifier that never saw it, then Platt scaling on those.
    const random = createRandom(seed * 31 + 11);
    const fold = new Uint8Array(n).map(() => Math.floor(random() * CALIBRATION_FOLDS));
    const margins = new Float64Array(n);
    for (let k = 0; k < CALIBRATION_FOLDS; k++) {
      const trainIdx: number[] = [];
      const testIdx: number[] = [];
      for (let i = 0; i < n; i++) (fold[i] === k ? testIdx : trainIdx).push(i);
      if (testIdx.length === 0 || trainIdx.length === 0) continue;
      const pick = (source: Float64Array | Uint8Array, idx: number[]) =>
        Float64Array.from(idx, (i) => source[i]!);
      const head = await boost(
        subsetBinned(binned, trainIdx),
        pick(soldOut, trainIdx),
        Uint8Array.from(trainIdx, (i) => censored[i]!),
        { ...soldOutOptions, seed: seed * 31 + 13 + k, onRound: tick('calibration') },
        pick(weights, trainIdx),
      );
      const testMatrix = new Float32Array(testIdx.length * width);
      testIdx.forEach((i, r) => testMatrix.set(matrix.subarray(i * width, (i + 1) * width), r * width));
      const scored = predictEnsemble(head, testMatrix, testIdx.length, width);
      testIdx.forEach((i, r) => (margins[i] = scored[r]!));
    }
    platt = fitPlatt(margins, soldOut, weights);
  }

  const reference = columnMedians(matrix, n, width);
  const trainedAt = new Date().toISOString();
  report('done', 1);
  return {
    card: {
      id: uuidv7(),
      version: `${FORMAT_VERSION}.${trainedAt.slice(0, 19).replace(/[-:T]/g, '')}`,
      trainedAt,
      kind: options.kind,
      trainingRows: n,
      syntheticRows,
      features: [...FEATURE_NAMES],
      metrics: {},
      metricsMeasuredOn: { fr: 'pas encore mesuré', en: 'not measured yet' },
      typicalError: null,
      notes: [
        ...(options.treatSoldOutAsExact
          ? [
              {
                fr: 'Concerts complets traités comme exacts (modèle de comparaison, pas pour l’usage).',
                en: 'Sold-out shows treated as exact (comparison model, not for use).',
              },
            ]
          : []),
        ...(calibrate
          ? []
          : [
              {
                fr: `Probabilité de complet non calibrée : moins de 30 concerts (${n}).`,
                en: `Sold-out probability not calibrated: fewer than 30 events (${n}).`,
              },
            ]),
      ],
    },
    quantiles: quantiles as [Ensemble, Ensemble, Ensemble],
    soldOut: soldOutHead,
    platt,
    reference,
  };
}

/**
 * Platt scaling p = σ(a·m + b) by Newton's method on the log loss, with Platt's smoothed targets
 * (N₊+1)/(N₊+2) and 1/(N₋+2) so a history with no sold-out show does not drive p to exactly 0.
 */
export function fitPlatt(
  margins: Float64Array,
  labels: Float64Array,
  weights?: Float64Array,
): { a: number; b: number } {
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights?.[i] ?? 1;
    if (labels[i]! > 0.5) positives += w;
    else negatives += w;
  }
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < margins.length; i++) {
      const w = weights?.[i] ?? 1;
      const m = margins[i]!;
      const p = 1 / (1 + Math.exp(-(a * m + b)));
      const t = labels[i]! > 0.5 ? hi : lo;
      const d = (p - t) * w;
      const h = Math.max(p * (1 - p), 1e-12) * w;
      ga += d * m;
      gb += d;
      haa += h * m * m;
      hab += h * m;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-18) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  if (!(a > 0)) {
    // Out-of-fold margins that rank the shows the wrong way (or not at all) carry no usable signal, and a
    // negative slope would turn the trees' price constraint upside down: fall back to the smoothed base rate.
    const rate = (positives + 1) / (positives + negatives + 2);
    return { a: 0, b: Math.log(rate / (1 - rate)) };
  }
  return { a, b };
}

function columnMedians(matrix: Float32Array, rows: number, width: number): number[] {
  const out: number[] = [];
  for (let f = 0; f < width; f++) {
    const values: number[] = [];
    for (let r = 0; r < rows; r++) {
      const v = matrix[r * width + f]!;
      if (!Number.isNaN(v)) values.push(v);
    }
    values.sort((x, y) => x - y);
    out.push(values.length === 0 ? NaN : values[Math.floor(values.length / 2)]!);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- prediction

/** Raw head outputs for a feature matrix, exactly as the ONNX graph computes them (fill ≥ 0, calibrated p). */
export function predictTrainedRaw(
  model: TrainedModel,
  matrix: Float32Array,
  rows: number,
): { fill: Float32Array; soldOut: Float32Array } {
  const width = FEATURE_NAMES.length;
  const fill = new Float32Array(rows * 3);
  model.quantiles.forEach((head, q) => {
    const scores = predictEnsemble(head, matrix, rows, width);
    for (let r = 0; r < rows; r++) fill[r * 3 + q] = Math.max(0, scores[r]!);
  });
  const margins = predictEnsemble(model.soldOut, matrix, rows, width);
  const soldOut = Float32Array.from(margins, (m) => 1 / (1 + Math.exp(-(model.platt.a * m + model.platt.b))));
  return { fill, soldOut };
}

/** Turns head outputs into forecasts: quantiles ordered, tickets capped at capacity, probability in [0, 1]. */
export function toTicketForecasts(
  inputs: readonly ForecastInput[],
  fill: Float32Array,
  soldOut: Float32Array,
): TicketForecast[] {
  const out: TicketForecast[] = new Array(inputs.length);
  for (let r = 0; r < inputs.length; r++) {
    // Quantile heads are trained separately and may cross: order the three values (no allocation per row).
    const a = finiteFill(fill[r * 3]!);
    const b = finiteFill(fill[r * 3 + 1]!);
    const c = finiteFill(fill[r * 3 + 2]!);
    const f10 = Math.min(a, b, c);
    const f90 = Math.max(a, b, c);
    const f50 = a + b + c - f10 - f90;
    const capacity = inputs[r]!.capacity;
    const p = soldOut[r]!;
    out[r] = {
      p10: Math.min(f10, 1) * capacity,
      p50: Math.min(f50, 1) * capacity,
      p90: Math.min(f90, 1) * capacity,
      fill50: Math.min(f50, 1),
      soldOutProbability: Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0,
      demand50: f50 * capacity,
    };
  }
  return out;
}

const finiteFill = (v: number) => (Number.isFinite(v) ? Math.max(0, v) : 0);

function assertPredictable(inputs: readonly ForecastInput[]): void {
  inputs.forEach((input, i) => {
    if (!Number.isFinite(input.capacity) || input.capacity <= 0)
      throw new AppError(
        'VALIDATION',
        `A forecast needs the venue's capacity above 0 (input ${i}: ${input.capacity})`,
      );
  });
}

/** Predicts with the TypeScript trees (the trainer's own view; used by the evaluation and the export check). */
export function predictTrained(model: TrainedModel, inputs: readonly ForecastInput[]): TicketForecast[] {
  assertPredictable(inputs);
  const { fill, soldOut } = predictTrainedRaw(model, toFeatureMatrix(inputs), inputs.length);
  return toTicketForecasts(inputs, fill, soldOut);
}

/** Variants of one input with each explanation group set to its typical value; row 0 is the input itself. */
function explanationMatrix(input: ForecastInput, reference: readonly number[]): Float32Array {
  const width = FEATURE_NAMES.length;
  const base = toFeatureMatrix([input]);
  const matrix = new Float32Array((EXPLAIN_GROUPS.length + 1) * width);
  matrix.set(base, 0);
  EXPLAIN_GROUPS.forEach((group, g) => {
    const row = (g + 1) * width;
    matrix.set(base, row);
    for (const column of group.columns) {
      const f = FEATURE_NAMES.indexOf(column);
      matrix[row + f] = reference[f] ?? NaN;
    }
  });
  return matrix;
}

function explanationFrom(
  input: ForecastInput,
  fill: Float32Array,
): Array<{ feature: string; effect: number }> {
  const median = (r: number) => Math.min(Math.max(fill[r * 3 + 1]!, 0), 1) * input.capacity;
  const actual = median(0);
  return EXPLAIN_GROUPS.map((group, g) => ({ feature: group.feature, effect: actual - median(g + 1) }))
    .filter((item) => Math.abs(item.effect) > 1e-6)
    .sort((x, y) => Math.abs(y.effect) - Math.abs(x.effect));
}

export function explainTrained(
  model: TrainedModel,
  input: ForecastInput,
): Array<{ feature: string; effect: number }> {
  assertPredictable([input]);
  const matrix = explanationMatrix(input, model.reference);
  return explanationFrom(input, predictTrainedRaw(model, matrix, EXPLAIN_GROUPS.length + 1).fill);
}

/** Fills the card's metrics from an evaluation (e.g. after `evaluateTimeOrdered`). */
export function recordMetrics(
  card: ModelCard,
  metrics: { mae: number; pinball: number; brier: number; coverage80: number },
  measuredOn: Bilingual,
): void {
  card.metrics = { ...metrics };
  card.metricsMeasuredOn = measuredOn;
  card.typicalError = Math.round(metrics.mae * 10) / 10;
}

// ---------------------------------------------------------------------------------------------- files

/** A card's text: both languages; a plain string (cards written before that) is shown as is in both. */
const StoredText = z.union([
  z.object({ fr: z.string(), en: z.string() }),
  z.string().transform((text) => ({ fr: text, en: text })),
]);

const StoredCard = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  onnxFile: z.string().regex(/^[\w.-]+\.onnx$/),
  card: z.object({
    id: z.string().min(1),
    version: z.string().min(1),
    trainedAt: z.string().min(1),
    kind: z.enum(['prior', 'user']),
    trainingRows: z.number().int().nonnegative(),
    syntheticRows: z.number().int().nonnegative(),
    features: z.array(z.string()),
    metrics: z.record(z.string(), z.number()),
    metricsMeasuredOn: StoredText,
    typicalError: z.number().nullable(),
    notes: z.array(StoredText),
  }),
  reference: z.array(z.number().nullable()),
});

/** Writes `forecast.onnx`, `model-card.json` and `MODEL_CARD.md` into dir (files replaced atomically). */
export async function saveForecastModel(model: TrainedModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const heads: OnnxHeads = {
    featureNames: model.card.features,
    quantiles: model.quantiles,
    soldOut: model.soldOut,
    platt: model.platt,
    producerVersion: model.card.version,
    docString: `Flow Stage ticket forecast (${model.card.kind}), ${model.card.trainingRows} rows, trained ${model.card.trainedAt}`,
  };
  const stored: z.input<typeof StoredCard> = {
    formatVersion: FORMAT_VERSION,
    onnxFile: ONNX_FILE,
    card: { ...model.card, features: [...model.card.features] },
    reference: model.reference.map((v) => (Number.isFinite(v) ? v : null)),
  };
  const writeAtomically = async (name: string, data: string | Uint8Array) => {
    const temporary = join(dir, `.${name}.tmp`);
    await writeFile(temporary, data);
    await rename(temporary, join(dir, name));
  };
  await writeAtomically(ONNX_FILE, exportForecastOnnx(heads));
  await writeAtomically(CARD_FILE, `${JSON.stringify(stored, null, 2)}\n`);
  await writeAtomically('MODEL_CARD.md', renderModelCard(model.card));
}

/** The human model card. */
export function renderModelCard(card: ModelCard): string {
  const lines = [
    `# Ticket forecast model — ${card.kind === 'prior' ? 'prior (synthetic data)' : "trained on the booker's history"}`,
    '',
    `- Version: ${card.version}`,
    `- Id: ${card.id}`,
    `- Trained: ${card.trainedAt}`,
    `- Training rows: ${card.trainingRows} (of which synthetic: ${card.syntheticRows})`,
    `- Typical error: ${card.typicalError === null ? 'not measured' : `±${card.typicalError} tickets (MAE)`}`,
    '',
    '## Outputs',
    '',
    'P10 / P50 / P90 of the fill rate (censored quantile regression: a sold-out show counts as "at least the',
    'capacity"), turned into tickets capped at capacity; a sold-out probability calibrated by Platt scaling on',
    'out-of-fold predictions. One ONNX graph (ai.onnx.ml TreeEnsembleRegressor + Slice/Relu/Mul/Add/Sigmoid).',
    '',
    '## Features',
    '',
    ...card.features.map((f) => `- ${f}`),
    '',
    '## Metrics',
    '',
    `Measured on: ${card.metricsMeasuredOn.en}`,
    '',
    `Mesuré sur : ${card.metricsMeasuredOn.fr}`,
    '',
    ...(Object.keys(card.metrics).length === 0
      ? ['(none recorded)']
      : [
          '| Metric | Value |',
          '|---|---|',
          ...Object.entries(card.metrics).map(([k, v]) => `| ${k} | ${round(v)} |`),
        ]),
    '',
    ...(card.notes.length > 0
      ? [
          '## Notes',
          '',
          ...card.notes.map((n) => `- ${n.en}`),
          '',
          '## Notes (français)',
          '',
          ...card.notes.map((n) => `- ${n.fr}`),
          '',
        ]
      : []),
  ];
  return lines.join('\n');
}

const round = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4));

/** Loads a saved model and opens its onnxruntime session. */
export async function loadForecastModel(dir: string): Promise<ForecastModel> {
  let raw: string;
  try {
    raw = await readFile(join(dir, CARD_FILE), 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `No forecast model in ${dir} (model-card.json is missing)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('INTERNAL', `The forecast model card in ${dir} is not valid JSON`);
  }
  const parsed = StoredCard.safeParse(json);
  if (!parsed.success)
    throw new AppError('INTERNAL', `The forecast model card in ${dir} is damaged or from another version`);
  const stored = parsed.data;
  if (stored.card.features.join(',') !== FEATURE_NAMES.join(',')) {
    throw new AppError(
      'CONFLICT',
      'This forecast model was trained on other features: retrain it with this version',
    );
  }
  const reference = stored.reference.map((v) => v ?? NaN);
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(join(dir, stored.onnxFile), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const width = FEATURE_NAMES.length;
  const run = async (matrix: Float32Array, rows: number) => {
    const result = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', matrix, [rows, width]) });
    return {
      fill: result[ONNX_FILL_OUTPUT]!.data as Float32Array,
      soldOut: result[ONNX_SOLD_OUT_OUTPUT]!.data as Float32Array,
    };
  };
  return {
    card: stored.card,
    async predict(inputs) {
      if (inputs.length === 0) return [];
      assertPredictable(inputs);
      const { fill, soldOut } = await run(toFeatureMatrix(inputs), inputs.length);
      return toTicketForecasts(inputs, fill, soldOut);
    },
    async explain(input) {
      assertPredictable([input]);
      const { fill } = await run(explanationMatrix(input, reference), EXPLAIN_GROUPS.length + 1);
      return explanationFrom(input, fill);
    },
    async close() {
      await session.release();
    },
  };
}
