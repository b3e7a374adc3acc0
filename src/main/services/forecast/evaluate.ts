import { AppError } from '../../../shared/errors';
import type { Bilingual } from '../../../shared/forecast';
import type { ForecastInput, TrainingRow } from './features';
import {
  MIN_TRAINING_EVENTS,
  QUANTILE_LEVELS,
  predictTrained,
  trainForecastModel,
  validateTrainingRows,
  type ForecastModel,
  type TicketForecast,
  type TrainProgress,
} from './model';

/**
 * Time-ordered cross-validation (expanding window): the history is sorted by date and cut into folds + 1
 * blocks; fold k trains on blocks 0…k−1 and is scored on block k, so the model never sees the future.
 * All metrics are in tickets (tickets sold are capped at capacity: what a box office can report).
 */

export interface Metrics {
  /** Mean absolute error of the P50, tickets. */
  mae: number;
  /** Mean pinball loss over P10, P50 and P90, tickets. */
  pinball: number;
  /** Brier score of the sold-out probability. */
  brier: number;
  /** Share of shows whose tickets fell inside [P10, P90] (0.8 is ideal). */
  coverage80: number;
}

export interface EvaluationReport {
  folds: number;
  rows: number;
  candidate: Metrics;
  current: Metrics | null;
  /** Both baselines forecast the sold-out chance as the training blocks' base rate: their Brier IS the base-rate Brier. */
  baselines: { venueMedianFill: Metrics; artistLast: Metrics };
  calibration: Array<{ predicted: number; observed: number; count: number }>;
  better: boolean;
  notes: Bilingual[];
}

export interface EvaluateOptions {
  folds?: number;
  current?: ForecastModel;
  seed?: number;
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
}

/** The candidate replaces the current model only if its pinball loss is lower and its Brier not worse by > 2 %. */
export const BRIER_TOLERANCE = 1.02;

interface Scored {
  tickets: number;
  capacity: number;
  forecast: Pick<TicketForecast, 'p10' | 'p50' | 'p90' | 'soldOutProbability'>;
}

export function pinballLoss(actual: number, predicted: number, alpha: number): number {
  const u = actual - predicted;
  return u >= 0 ? alpha * u : (alpha - 1) * u;
}

export function metricsOf(scored: readonly Scored[]): Metrics {
  let mae = 0;
  let pinball = 0;
  let brier = 0;
  let covered = 0;
  for (const { tickets, capacity, forecast } of scored) {
    const actual = Math.min(tickets, capacity);
    const soldOut = tickets >= capacity ? 1 : 0;
    mae += Math.abs(actual - forecast.p50);
    const [q10, q50, q90] = QUANTILE_LEVELS;
    pinball +=
      (pinballLoss(actual, forecast.p10, q10) +
        pinballLoss(actual, forecast.p50, q50) +
        pinballLoss(actual, forecast.p90, q90)) /
      3;
    brier += (forecast.soldOutProbability - soldOut) ** 2;
    if (actual >= forecast.p10 - 1e-9 && actual <= forecast.p90 + 1e-9) covered++;
  }
  const n = Math.max(1, scored.length);
  return { mae: mae / n, pinball: pinball / n, brier: brier / n, coverage80: covered / n };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function quantile(sorted: readonly number[], alpha: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(alpha * sorted.length))]!;
}

/**
 * The two simple forecasts a booker would make without a model, as a fill rate for every row (in date order),
 * from the rows before it only. With artist/venue keys they read the history itself; otherwise the input's
 * medians (which F-service computes from the same history).
 */
function baselineFills(sorted: readonly TrainingRow[]): {
  venue: Array<number | null>;
  artist: Array<number | null>;
} {
  const venueFills = new Map<string, number[]>();
  const artistLast = new Map<string, number>();
  const venue: Array<number | null> = [];
  const artist: Array<number | null> = [];
  for (const row of sorted) {
    const { input } = row;
    venue.push(
      row.venueKey !== undefined ? median(venueFills.get(row.venueKey) ?? []) : (input.venueFillRate ?? null),
    );
    const last = row.artistKey !== undefined ? artistLast.get(row.artistKey) : undefined;
    // The artist's last result: tickets sold last time, capped by this room.
    artist.push(
      last !== undefined
        ? Math.min(last / input.capacity, 1)
        : input.artistDraw !== null && row.artistKey === undefined
          ? Math.min(input.artistDraw / input.capacity, 1)
          : null,
    );
    const fill = Math.min(row.ticketsSold, input.capacity) / input.capacity;
    if (row.venueKey !== undefined) {
      const list = venueFills.get(row.venueKey);
      if (list) list.push(fill);
      else venueFills.set(row.venueKey, [fill]);
    }
    if (row.artistKey !== undefined) artistLast.set(row.artistKey, row.ticketsSold);
  }
  return { venue, artist };
}

/** A point baseline turned into P10/P50/P90 with the residual quantiles it showed on the training blocks. */
function baselineForecasts(
  points: ReadonlyArray<number | null>,
  rows: readonly TrainingRow[],
  train: readonly number[],
  test: readonly number[],
): Scored[] {
  const fillOf = (i: number) =>
    Math.min(rows[i]!.ticketsSold, rows[i]!.input.capacity) / rows[i]!.input.capacity;
  const fallback = median(train.map(fillOf)) ?? 0.5; // no history for this venue/artist: the typical fill
  const pointOf = (i: number) => points[i] ?? fallback;
  const residuals = train.map((i) => fillOf(i) - pointOf(i)).sort((a, b) => a - b);
  const [q10, q50, q90] = QUANTILE_LEVELS.map((alpha) => quantile(residuals, alpha)) as [
    number,
    number,
    number,
  ];
  const baseRate =
    train.filter((i) => rows[i]!.ticketsSold >= rows[i]!.input.capacity).length / Math.max(1, train.length);
  return test.map((i) => {
    const { capacity } = rows[i]!.input;
    const tickets = (shift: number) => Math.min(1, Math.max(0, pointOf(i) + shift)) * capacity;
    return {
      tickets: rows[i]!.ticketsSold,
      capacity,
      forecast: { p10: tickets(q10), p50: tickets(q50), p90: tickets(q90), soldOutProbability: baseRate },
    };
  });
}

function calibrationTable(scored: readonly Scored[], bins = 10): EvaluationReport['calibration'] {
  const sums = Array.from({ length: bins }, () => ({ predicted: 0, observed: 0, count: 0 }));
  for (const { tickets, capacity, forecast } of scored) {
    const bin = Math.min(bins - 1, Math.floor(forecast.soldOutProbability * bins));
    sums[bin]!.predicted += forecast.soldOutProbability;
    sums[bin]!.observed += tickets >= capacity ? 1 : 0;
    sums[bin]!.count++;
  }
  return sums
    .filter((s) => s.count > 0)
    .map((s) => ({ predicted: s.predicted / s.count, observed: s.observed / s.count, count: s.count }));
}

/** Time-ordered cross-validation of a freshly trained candidate against the current model and two baselines. */
export async function evaluateTimeOrdered(
  rows: TrainingRow[],
  options: EvaluateOptions,
): Promise<EvaluationReport> {
  const folds = options.folds ?? 4;
  if (!Number.isInteger(folds) || folds < 1)
    throw new AppError('VALIDATION', 'The evaluation needs at least 1 fold');
  const kind = rows.every((row) => row.synthetic) ? 'prior' : 'user';
  validateTrainingRows(rows, kind);
  // Fold 1 trains on one block: each block needs the trainer's minimum (own events only for a user model).
  const minimum = (folds + 1) * MIN_TRAINING_EVENTS;
  const counted = kind === 'user' ? rows.filter((row) => !row.synthetic).length : rows.length;
  if (counted < minimum) {
    throw new AppError(
      'VALIDATION',
      `A ${folds}-fold evaluation needs at least ${minimum} past events with an outcome; got ${counted}.`,
    );
  }
  // Date order (ISO dates sort as strings); ties keep the given order.
  const sorted = rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) =>
      a.row.input.date < b.row.input.date ? -1 : a.row.input.date > b.row.input.date ? 1 : a.i - b.i,
    )
    .map(({ row }) => row);
  const baseline = baselineFills(sorted);
  const blockEnd = (k: number) => Math.round((k * sorted.length) / (folds + 1));

  const candidate: Scored[] = [];
  const current: Scored[] = [];
  const venueBaseline: Scored[] = [];
  const artistBaseline: Scored[] = [];
  for (let k = 1; k <= folds; k++) {
    const train = Array.from({ length: blockEnd(k) }, (_, i) => i);
    const test = Array.from({ length: blockEnd(k + 1) - blockEnd(k) }, (_, i) => blockEnd(k) + i);
    const model = await trainForecastModel(
      train.map((i) => sorted[i]!),
      {
        kind,
        seed: (options.seed ?? 1) + k,
        signal: options.signal,
        onProgress: (p) =>
          options.onProgress?.({
            stage: `fold ${k}/${folds}: ${p.stage}`,
            fraction: (k - 1 + p.fraction) / folds,
          }),
      },
    );
    const inputs: ForecastInput[] = test.map((i) => sorted[i]!.input);
    const truth = (r: number) => ({ tickets: sorted[test[r]!]!.ticketsSold, capacity: inputs[r]!.capacity });
    predictTrained(model, inputs).forEach((forecast, r) => candidate.push({ ...truth(r), forecast }));
    if (options.current) {
      (await options.current.predict(inputs)).forEach((forecast, r) =>
        current.push({ ...truth(r), forecast }),
      );
    }
    venueBaseline.push(...baselineForecasts(baseline.venue, sorted, train, test));
    artistBaseline.push(...baselineForecasts(baseline.artist, sorted, train, test));
  }

  const candidateMetrics = metricsOf(candidate);
  const currentMetrics = options.current ? metricsOf(current) : null;
  const baselines = { venueMedianFill: metricsOf(venueBaseline), artistLast: metricsOf(artistBaseline) };
  const beatsBaselines =
    candidateMetrics.mae < Math.min(baselines.venueMedianFill.mae, baselines.artistLast.mae) &&
    candidateMetrics.pinball < Math.min(baselines.venueMedianFill.pinball, baselines.artistLast.pinball) &&
    candidateMetrics.brier < baselines.venueMedianFill.brier;
  const beatsCurrent =
    currentMetrics === null ||
    (candidateMetrics.pinball < currentMetrics.pinball &&
      candidateMetrics.brier <= currentMetrics.brier * BRIER_TOLERANCE);
  const notes: Bilingual[] = [];
  if (kind === 'prior')
    notes.push({
      fr: 'Mesuré sur des données SYNTHÉTIQUES : ce n’est pas une justesse sur de vrais concerts.',
      en: 'Measured on SYNTHETIC data: not an accuracy on real shows.',
    });
  if (!beatsBaselines)
    notes.push({
      fr: 'Le nouveau modèle ne bat pas les références simples sur toutes les mesures.',
      en: 'The candidate does not beat the simple baselines on every metric.',
    });
  if (currentMetrics && !beatsCurrent)
    notes.push({
      fr: 'Le nouveau modèle ne fait pas mieux que le modèle actuel.',
      en: 'The candidate is not better than the current model.',
    });
  if (options.current?.card.kind === 'user') {
    notes.push({
      fr: 'Le modèle actuel a pu être entraîné sur une partie de ces concerts, ce qui flatte ses scores.',
      en: 'The current model may have been trained on some of these events, which flatters its scores.',
    });
  }
  if (sorted.some((row) => row.venueKey === undefined || row.artistKey === undefined)) {
    notes.push({
      fr: 'Sans artiste ou salle identifiés sur une ligne, les références utilisent les remplissages médians fournis.',
      en: "Baselines use the inputs' median fill rates where a row has no artist or venue key.",
    });
  }
  return {
    folds,
    rows: rows.length,
    candidate: candidateMetrics,
    current: currentMetrics,
    baselines,
    calibration: calibrationTable(candidate),
    better: beatsBaselines && beatsCurrent,
    notes,
  };
}
