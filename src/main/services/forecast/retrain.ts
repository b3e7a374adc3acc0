import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, AppErrorShape } from '../../../shared/errors';
import {
  MIN_RETRAIN_EVENTS,
  type Bilingual,
  type EvaluationReport,
  type ModelCard,
  type RetrainRecord,
  type RetrainResult,
} from '../../../shared/forecast';
import { uuidv7 } from '../../../shared/ids';
import type { Store } from '../../store/database';
import type { Job } from '../jobs';
import { BRIER_TOLERANCE, evaluateTimeOrdered } from './evaluate';
import type { TrainingRow } from './features';
import { buildTrainingRows } from './inputs';
import { loadForecastModel, recordMetrics, saveForecastModel, trainForecastModel } from './model';
import { userModelDir, type ModelRegistry } from './service';

// "Réentraîner sur mon historique": gathers the booker's own played events (never synthetic rows), asks
// for a minimum history, evaluates a candidate by time-ordered cross-validation against the current model
// and the simple baselines (evaluate.ts), and only if it is better trains it on the whole history and
// replaces the current model (<profile>/models/current, the previous one kept in models/previous).
// Every attempt, replaced or not, is recorded with its report (forecast_retrains).
//
// The heavy part (runRetrainWork) runs in a worker thread (retrain-worker.ts → out/main/forecastWorker.js)
// so the main process never blocks; progress comes back as `job.progress`, and `jobs.cancel` aborts it.
//
// Why MIN_RETRAIN_EVENTS (30): the evaluation trains on the older blocks of the history and scores the
// newer ones, and the trainer needs 10 events per training block (model.ts MIN_TRAINING_EVENTS): 30 events
// is the smallest history that gives 2 folds; below that an evaluation could not tell a better model from
// luck, and the prior stays in charge. Folds grow with the history, up to 5.

/** The card as the contract carries it (a mutable copy of the feature list). */
export function cardOf(card: { features: readonly string[] } & Omit<ModelCard, 'features'>): ModelCard {
  return { ...card, features: [...card.features] };
}

export function foldsFor(rows: number): number {
  return Math.max(2, Math.min(5, Math.floor(rows / 10) - 1));
}

// ---- The work (runs in the worker thread) ----------------------------------------------------------------

export type RetrainRequest =
  | { type: 'train'; rows: TrainingRow[]; currentDir: string | null; outDir: string; seed: number }
  | { type: 'abort' };

export interface RetrainOutcome {
  report: EvaluationReport;
  /** The candidate was trained on all rows and saved to outDir (only when it should replace the current one). */
  saved: boolean;
}

export type RetrainReply =
  | { type: 'progress'; stage: string; fraction: number }
  | ({ type: 'done' } & RetrainOutcome)
  | { type: 'error'; error: AppErrorShape };

/**
 * The replacement rule is the evaluation's verdict (evaluate.ts: beats both baselines on MAE and pinball
 * loss and the base rate on Brier, and the current model on pinball loss without a Brier more than 2 % worse);
 * this explains it to the booker, naming the test that failed.
 */
export function decideReplacement(report: EvaluationReport): { replace: boolean; reason: Bilingual } {
  const c = report.candidate;
  const fmt = (v: number) => (Math.round(v * 10) / 10).toString();
  const fmtFr = (v: number) => fmt(v).replace('.', ','); // French decimal comma
  if (report.better) {
    return {
      replace: true,
      reason: {
        fr: `Le nouveau modèle fait mieux : erreur typique ±${fmtFr(c.mae)} billets${report.current ? ` (modèle actuel ±${fmtFr(report.current.mae)})` : ''}, meilleur que les références simples.`,
        en: `The new model is better: typical error ±${fmt(c.mae)} tickets${report.current ? ` (current model ±${fmt(report.current.mae)})` : ''}, better than the simple baselines.`,
      },
    };
  }
  const b = report.baselines;
  const beatsBaselines =
    c.mae < Math.min(b.venueMedianFill.mae, b.artistLast.mae) &&
    c.pinball < Math.min(b.venueMedianFill.pinball, b.artistLast.pinball) &&
    c.brier < b.venueMedianFill.brier;
  if (!beatsBaselines) {
    const best = Math.min(b.venueMedianFill.mae, b.artistLast.mae);
    return {
      replace: false,
      reason: {
        fr: `Modèle conservé : le nouveau ne bat pas les références simples sur toutes les mesures (erreur ±${fmtFr(c.mae)} contre ±${fmtFr(best)} billets pour la meilleure référence).`,
        en: `Model kept: the new one does not beat the simple baselines on every measure (error ±${fmt(c.mae)} vs ±${fmt(best)} tickets for the best baseline).`,
      },
    };
  }
  const current = report.current;
  if (!current) {
    return {
      replace: false,
      reason: {
        fr: `Modèle conservé : ${report.notes.map((note) => note.fr).join(' ')}`,
        en: `Model kept: ${report.notes.map((note) => note.en).join(' ')}`,
      },
    };
  }
  const soldOutWorse = c.brier > current.brier * BRIER_TOLERANCE;
  return {
    replace: false,
    reason: soldOutWorse
      ? {
          fr: `Modèle conservé : le nouveau prévoit mieux les billets (perte quantile ${fmtFr(c.pinball)} contre ${fmtFr(current.pinball)}) mais moins bien la chance de complet (Brier ${c.brier.toFixed(3).replace('.', ',')} contre ${current.brier.toFixed(3).replace('.', ',')}).`,
          en: `Model kept: the new one forecasts tickets better (pinball loss ${fmt(c.pinball)} vs ${fmt(current.pinball)}) but the sold-out chance worse (Brier ${c.brier.toFixed(3)} vs ${current.brier.toFixed(3)}).`,
        }
      : {
          fr: `Modèle conservé : le nouveau ne fait pas mieux que l'actuel (perte quantile ${fmtFr(c.pinball)} contre ${fmtFr(current.pinball)}).`,
          en: `Model kept: the new one is not better than the current one (pinball loss ${fmt(c.pinball)} vs ${fmt(current.pinball)}).`,
        },
  };
}

/** Evaluate, and when better, train on everything and save: pure computation plus the model files. */
export async function runRetrainWork(
  request: Extract<RetrainRequest, { type: 'train' }>,
  signal: AbortSignal,
  progress: (stage: string, fraction: number) => void,
): Promise<RetrainOutcome> {
  const current = request.currentDir ? await loadForecastModel(request.currentDir) : undefined;
  let report: EvaluationReport;
  try {
    report = await evaluateTimeOrdered(request.rows, {
      folds: foldsFor(request.rows.length),
      current,
      seed: request.seed,
      signal,
      onProgress: (p) => progress('evaluate', 0.05 + 0.65 * p.fraction),
    });
  } finally {
    await current?.close();
  }
  if (!decideReplacement(report).replace) return { report, saved: false };
  const model = await trainForecastModel(request.rows, {
    kind: 'user',
    seed: request.seed,
    signal,
    onProgress: (p) => progress('train', 0.7 + 0.25 * p.fraction),
  });
  recordMetrics(model.card, report.candidate, {
    fr: `validation croisée chronologique sur ${report.rows} de vos concerts (${report.folds} plis)`,
    en: `time-ordered cross-validation on ${report.rows} of the booker's own events (${report.folds} folds)`,
  });
  progress('save', 0.96);
  await saveForecastModel(model, request.outDir);
  return { report, saved: true };
}

// ---- Running it off the main thread ---------------------------------------------------------------------

/**
 * How to start the worker: the built out/main/forecastWorker.js beside the bundle (this code may sit in
 * out/main/chunks); from the TypeScript sources (vitest, an unbuilt tree), the repository's jiti bootstrap
 * test/fixtures/ts-worker.mjs, as the audio pool's tests do; else null, and the work runs in-process.
 */
export function retrainWorkerLaunch(): { script: string; workerData?: unknown } | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, dirname(here)]) {
    const built = join(dir, 'forecastWorker.js');
    if (existsSync(built)) return { script: built };
  }
  const source = join(here, 'retrain-worker.ts');
  if (existsSync(source)) {
    let dir = here;
    for (let i = 0; i < 6; i++) {
      const bootstrap = join(dir, 'test', 'fixtures', 'ts-worker.mjs');
      if (existsSync(bootstrap)) return { script: bootstrap, workerData: { entry: source } };
      dir = dirname(dir);
    }
  }
  return null;
}

const ABORT_GRACE_MS = 3000;

function runInWorker(
  launch: { script: string; workerData?: unknown },
  request: Extract<RetrainRequest, { type: 'train' }>,
  job: Job,
): Promise<RetrainOutcome> {
  return new Promise<RetrainOutcome>((resolve, reject) => {
    const worker = new Worker(launch.script, {
      workerData: launch.workerData,
      resourceLimits: { maxOldGenerationSizeMb: 3072 },
    });
    let settled = false;
    let grace: NodeJS.Timeout | null = null;
    const finish = (error: unknown, outcome?: RetrainOutcome) => {
      if (settled) return;
      settled = true;
      job.signal.removeEventListener('abort', onAbort);
      if (grace) clearTimeout(grace);
      void worker.terminate();
      if (error) reject(error);
      else resolve(outcome!);
    };
    const onAbort = () => {
      worker.postMessage({ type: 'abort' } satisfies RetrainRequest);
      grace = setTimeout(() => finish(new AppError('CANCELLED', 'Retraining cancelled')), ABORT_GRACE_MS);
    };
    worker.on('message', (reply: RetrainReply) => {
      if (reply.type === 'progress') job.progress(reply.stage, reply.fraction);
      else if (reply.type === 'done') finish(null, { report: reply.report, saved: reply.saved });
      else {
        const shape = AppErrorShape.safeParse(reply.error);
        finish(
          shape.success ? AppError.fromShape(shape.data) : new AppError('INTERNAL', 'Retraining failed'),
        );
      }
    });
    worker.on('error', (error: Error & { code?: string }) =>
      finish(
        new AppError(
          'INTERNAL',
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? 'Retraining ran out of memory'
            : `Retraining crashed: ${error.message}`,
        ),
      ),
    );
    worker.on('exit', (code) =>
      finish(
        job.signal.aborted
          ? new AppError('CANCELLED', 'Retraining cancelled')
          : new AppError('INTERNAL', `Retraining stopped unexpectedly (worker exit code ${code})`),
      ),
    );
    job.signal.addEventListener('abort', onAbort, { once: true });
    worker.postMessage(request);
  });
}

// ---- The retraining service --------------------------------------------------------------------------------

export interface RetrainerOptions {
  /** 'auto' (default): a worker thread when one can be started, else in-process. */
  mode?: 'auto' | 'inline';
  seed?: number;
}

export function createRetrainer(
  store: Store,
  dataDir: string,
  models: ModelRegistry,
  options: RetrainerOptions = {},
) {
  let running = false;

  function record(result: {
    replaced: boolean;
    reason: Bilingual;
    rows: number;
    report: EvaluationReport | null;
    version: string | null;
  }) {
    const now = new Date().toISOString();
    store.db
      .prepare(
        `INSERT INTO forecast_retrains (id, at, replaced, reason, rows, model_version, report, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        uuidv7(),
        now,
        result.replaced ? 1 : 0,
        JSON.stringify(result.reason),
        result.rows,
        result.version,
        result.report ? JSON.stringify(result.report) : null,
        now,
        store.clock.tick(),
      );
  }

  return {
    /** The last attempt and the last report (a refusal for lack of history has none). */
    last(): { record: RetrainRecord | null; report: EvaluationReport | null } {
      const row = store.db
        .prepare(
          `SELECT at, replaced, reason, rows, model_version, report FROM forecast_retrains ORDER BY at DESC, id DESC LIMIT 1`,
        )
        .get() as
        | {
            at: string;
            replaced: number;
            reason: string;
            rows: number;
            model_version: string | null;
            report: string | null;
          }
        | undefined;
      if (!row) return { record: null, report: null };
      const lastReport = store.db
        .prepare(
          `SELECT report FROM forecast_retrains WHERE report IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1`,
        )
        .get() as { report: string } | undefined;
      return {
        record: {
          at: row.at,
          replaced: row.replaced === 1,
          reason: JSON.parse(row.reason) as Bilingual,
          rows: row.rows,
          modelVersion: row.model_version,
        },
        report: lastReport ? (JSON.parse(lastReport.report) as EvaluationReport) : null,
      };
    },

    async run(job: Job): Promise<RetrainResult> {
      if (running) throw new AppError('CONFLICT', 'A retraining is already running');
      running = true;
      const staging = join(dataDir, 'models', `candidate-${uuidv7()}`);
      try {
        job.progress('gather', 0);
        const history = buildTrainingRows(store);
        job.throwIfCancelled();
        const rows = history.rows;
        const current = await models.current();
        if (rows.length < MIN_RETRAIN_EVENTS) {
          const skipped = history.skippedNoCapacity + history.skippedNoPrice;
          const reason: Bilingual = {
            fr:
              `Historique insuffisant : ${rows.length} concert(s) joué(s) avec billetterie et jauge connues, il en faut au moins ${MIN_RETRAIN_EVENTS}` +
              `${skipped ? ` (${skipped} autre(s) sans jauge ni prix)` : ''}. Le modèle actuel est conservé.`,
            en:
              `Not enough history: ${rows.length} played event(s) with tickets sold and a known capacity, at least ${MIN_RETRAIN_EVENTS} are needed` +
              `${skipped ? ` (${skipped} more without a capacity or price)` : ''}. The current model is kept.`,
          };
          record({ replaced: false, reason, rows: rows.length, report: null, version: null });
          job.progress('done', 1);
          return { replaced: false, reason, report: null, card: cardOf(current.model.card) };
        }
        const request = {
          type: 'train' as const,
          rows,
          currentDir: current.dir,
          outDir: staging,
          seed: options.seed ?? 1,
        };
        job.progress('evaluate', 0.05);
        const launch = options.mode === 'inline' ? null : retrainWorkerLaunch();
        const outcome = launch
          ? await runInWorker(launch, request, job)
          : await runRetrainWork(request, job.signal, (stage, fraction) => job.progress(stage, fraction));
        job.throwIfCancelled();
        const decision = decideReplacement(outcome.report);
        let version: string | null = null;
        if (decision.replace && outcome.saved) {
          const card = JSON.parse(await readFile(join(staging, 'model-card.json'), 'utf8')) as {
            card: ModelCard;
          };
          version = card.card.version;
          // Swap: current → previous (kept for a manual rollback), candidate → current.
          const currentDir = userModelDir(dataDir);
          const previous = join(dataDir, 'models', 'previous');
          await models.reload();
          await rm(previous, { recursive: true, force: true });
          if (existsSync(currentDir)) await rename(currentDir, previous);
          await rename(staging, currentDir);
        }
        record({
          replaced: decision.replace && outcome.saved,
          reason: decision.reason,
          rows: rows.length,
          report: outcome.report,
          version,
        });
        const now = await models.current();
        job.progress('done', 1);
        return {
          replaced: decision.replace && outcome.saved,
          reason: decision.reason,
          report: outcome.report,
          card: cardOf(now.model.card),
        };
      } finally {
        running = false;
        await rm(staging, { recursive: true, force: true });
      }
    },
  };
}
export type Retrainer = ReturnType<typeof createRetrainer>;
