import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AudioAnalysis } from '../../../shared/audio';
import { AppError, AppErrorShape } from '../../../shared/errors';
import type { AnalyzeOptions } from './analyze';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

// The analysis pool: runs analyzeFile on up to `size` files at once and queues the rest (FIFO).
// Two executors behind one interface:
//
// - worker threads (createWorkerPool): what the app uses. Each slot owns a worker thread, started
//   on its first job (nothing is spawned at start-up) and stopped after a while idle. A worker
//   analyses one file at a time and posts progress. Cancel posts an abort (the analysis stops at its
//   next 256 KiB chunk); a worker that does not answer within `abortGraceMs` is terminated. An
//   exception in a job fails that job; a crash of the thread (uncaught error, out of memory, exit)
//   fails the job it was running, and the slot starts a fresh worker for the next one. The pool
//   itself never fails.
// - in-process (createInlinePool): the same queue and interface, analyses on the calling thread.
//   Used where there is no worker script to load: the unit tests, which run the TypeScript sources
//   before any build (`npm test` runs vitest before electron-vite build), and an unbuilt tree. Tests
//   can also inject their own `analyze` (paused, failing) to drive the queue deterministically.
//
// The worker script is the bundle's own entry out/main/audioWorker.js (a 4th main input in
// electron.vite.config.ts); each adapter finds it beside itself with builtWorkerScript(import.meta.url).
// A worker cannot load .ts, so the unit tests exercise the worker executor by pointing it at a small
// .mjs bootstrap that loads src/main/services/audio/worker.ts through jiti (a devDependency), see
// test/fixtures/ts-worker.mjs — the same worker code, no build step, a few seconds of transpiling.

export interface AnalysisPool {
  readonly kind: 'worker' | 'inline';
  /** Most analyses run at once. */
  readonly size: number;
  /** Resolves with the analysis or rejects with an AppError (CANCELLED when `signal` aborts). */
  analyze(path: string, options?: AnalyzeOptions): Promise<AudioAnalysis>;
  /** Rejects what is queued or running with CANCELLED and stops every worker. */
  close(): Promise<void>;
}

export type AnalyzeFn = (path: string, options: AnalyzeOptions) => Promise<AudioAnalysis>;

/** One core is left to the UI and the database: max(1, cores − 1). */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** The built worker beside a bundled entry point (out/main/index.js, host.js, cli.js), or null. */
export function builtWorkerScript(entryUrl: string): string | null {
  const script = join(dirname(fileURLToPath(entryUrl)), 'audioWorker.js');
  return existsSync(script) ? script : null;
}

const cancelled = (message = 'Analysis cancelled') => new AppError('CANCELLED', message);

/** What runs one job at a time: a worker thread, or the calling thread. */
interface Executor {
  run(path: string, options: AnalyzeOptions): Promise<AudioAnalysis>;
  close(): Promise<void>;
}

interface Task {
  path: string;
  options: AnalyzeOptions;
  resolve(result: AudioAnalysis): void;
  reject(error: unknown): void;
}

function createPool(kind: AnalysisPool['kind'], size: number, makeExecutor: () => Executor): AnalysisPool {
  if (!Number.isInteger(size) || size < 1) throw new Error(`Analysis pool size must be ≥ 1 (got ${size})`);
  const idle: Executor[] = [];
  const executors: Executor[] = [];
  const waiting: Task[] = [];
  const running = new Set<AbortController>();
  let closed = false;

  function next(): void {
    while (!closed && waiting.length > 0) {
      let executor = idle.pop();
      if (!executor) {
        if (executors.length >= size) return;
        executor = makeExecutor();
        executors.push(executor);
      }
      const task = waiting.shift()!;
      const slot = executor;
      // Each job gets its own controller: the caller's signal, or close(), aborts it.
      const controller = new AbortController();
      const forward = () => controller.abort();
      task.options.signal?.addEventListener('abort', forward, { once: true });
      running.add(controller);
      new Promise<AudioAnalysis>((resolve) =>
        resolve(slot.run(task.path, { signal: controller.signal, onProgress: task.options.onProgress })),
      )
        .then(task.resolve, task.reject)
        .finally(() => {
          task.options.signal?.removeEventListener('abort', forward);
          running.delete(controller);
          idle.push(slot);
          next();
        });
    }
  }

  return {
    kind,
    size,
    analyze(path, options = {}) {
      if (closed) return Promise.reject(cancelled('The analysis pool is closed'));
      if (options.signal?.aborted) return Promise.reject(cancelled());
      return new Promise<AudioAnalysis>((resolve, reject) => {
        const task: Task = { path, options, resolve, reject };
        waiting.push(task);
        options.signal?.addEventListener(
          'abort',
          () => {
            const at = waiting.indexOf(task);
            if (at >= 0) {
              waiting.splice(at, 1);
              reject(cancelled());
            }
          },
          { once: true },
        );
        next();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const task of waiting.splice(0)) task.reject(cancelled('The analysis pool is closed'));
      for (const controller of running) controller.abort();
      await Promise.all(executors.map((executor) => executor.close()));
    },
  };
}

// ---- In-process executor -------------------------------------------------------------------------

export type InlinePoolOptions = {
  size?: number;
  /** The analysis to run (default analyzeFile, loaded on the first job). */
  analyze?: AnalyzeFn;
};

export function createInlinePool(options: InlinePoolOptions = {}): AnalysisPool {
  const analyze: AnalyzeFn =
    options.analyze ?? (async (path, opts) => (await import('./analyze')).analyzeFile(path, opts));
  return createPool('inline', options.size ?? defaultPoolSize(), () => ({
    run: (path, opts) => analyze(path, opts),
    close: async () => undefined,
  }));
}

// ---- Worker-thread executor ----------------------------------------------------------------------

export type WorkerPoolOptions = {
  /** The worker entry: out/main/audioWorker.js in the app, a bootstrap in the tests. */
  script: string | URL;
  size?: number;
  /** Passed to each worker (the tests' bootstrap reads the entry to load from it). */
  workerData?: unknown;
  /** A worker idle this long is stopped (its memory returned); the next job starts a new one. */
  idleMs?: number;
  /** After an abort, how long a worker may take to stop before it is terminated. */
  abortGraceMs?: number;
  /** V8 heap limit per worker: a runaway analysis fails its job instead of exhausting the machine. */
  maxHeapMb?: number;
};

export function createWorkerPool(options: WorkerPoolOptions): AnalysisPool {
  const size = options.size ?? defaultPoolSize();
  return createPool('worker', size, () => new WorkerExecutor(options));
}

class WorkerExecutor implements Executor {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closing = false;
  private nextId = 0;

  constructor(private readonly options: WorkerPoolOptions) {}

  private spawn(): Worker {
    const worker = new Worker(this.options.script, {
      workerData: this.options.workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 2048 },
    });
    // Permanent handlers: an idle worker that dies is forgotten (an 'error' event without a
    // listener would otherwise take the whole process down).
    const forget = () => {
      if (this.worker === worker) this.worker = null;
    };
    worker.on('error', forget);
    worker.on('exit', forget);
    return worker;
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }

  run(path: string, { signal, onProgress }: AnalyzeOptions): Promise<AudioAnalysis> {
    if (signal?.aborted) return Promise.reject(cancelled());
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = (this.worker ??= this.spawn());
    worker.ref();
    const id = ++this.nextId;
    return new Promise<AudioAnalysis>((resolve, reject) => {
      let settled = false;
      let grace: NodeJS.Timeout | null = null;
      const finish = (error: unknown, result?: AudioAnalysis) => {
        if (settled) return;
        settled = true;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        if (grace) clearTimeout(grace);
        if (this.worker === worker) this.parkIdle(worker);
        if (error) reject(error);
        else resolve(result!);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return; // a late reply to an earlier, abandoned job
        if (reply.type === 'progress') {
          onProgress?.({ stage: reply.stage, fraction: reply.fraction });
        } else if (reply.type === 'done') {
          const parsed = AudioAnalysis.safeParse(reply.result);
          finish(
            parsed.success
              ? null
              : new AppError('INTERNAL', `The analysis returned a malformed result: ${parsed.error.message}`),
            parsed.success ? parsed.data : undefined,
          );
        } else {
          const shape = AppErrorShape.safeParse(reply.error);
          finish(
            shape.success
              ? AppError.fromShape(shape.data)
              : new AppError('INTERNAL', 'The analysis failed with a malformed error'),
          );
        }
      };
      const onError = (error: Error & { code?: string }) => {
        this.discard(worker);
        finish(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError(
                'UNSUPPORTED_MEDIA',
                `The analysis ran out of memory (limit ${this.options.maxHeapMb ?? 2048} MB): the file is too large or too complex to analyse.`,
              )
            : new AppError('INTERNAL', `The analysis crashed: ${error.message}`),
        );
      };
      const onExit = (code: number) => {
        this.discard(worker);
        finish(
          this.closing
            ? cancelled('Analysis stopped: Flow Stage is closing')
            : new AppError('INTERNAL', `The analysis stopped unexpectedly (worker exit code ${code}).`),
        );
      };
      const onAbort = () => {
        const abort: WorkerRequest = { type: 'abort', id };
        worker.postMessage(abort);
        grace = setTimeout(() => {
          this.discard(worker);
          finish(cancelled());
        }, this.options.abortGraceMs ?? 2000);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      const request: WorkerRequest = { type: 'analyze', id, path };
      worker.postMessage(request);
    });
  }

  /** An idle worker does not keep the process alive, and stops after `idleMs`. */
  private parkIdle(worker: Worker): void {
    worker.unref();
    this.idleTimer = setTimeout(() => {
      if (this.worker === worker) this.discard(worker);
    }, this.options.idleMs ?? 60_000);
    this.idleTimer.unref();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
