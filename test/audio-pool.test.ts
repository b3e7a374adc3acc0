import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnalysisProgress, AudioAnalysis } from '../src/shared/audio';
import { AppError } from '../src/shared/errors';
import {
  builtWorkerScript,
  createInlinePool,
  createWorkerPool,
  defaultPoolSize,
  type AnalysisPool,
} from '../src/main/services/audio/pool';
import { tempDir } from './helpers';

// The analysis pool: queueing, cancel, and a failing job failing alone — with a stand-in worker
// that misbehaves on demand (test/fixtures/fake-audio-worker.mjs), with the real worker entry
// loaded through jiti (test/fixtures/ts-worker.mjs), and with the in-process executor.

const fixtures = resolve(__dirname, 'fixtures');
const fakeWorker = resolve(fixtures, 'fake-audio-worker.mjs');
const corpus = resolve(__dirname, '../../shared/corpus/decoding');

const pools: AnalysisPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});
function track<P extends AnalysisPool>(pool: P): P {
  pools.push(pool);
  return pool;
}

/** The settled outcome of an analysis: its bpm, or its error code. */
async function outcome(promise: Promise<AudioAnalysis>): Promise<string> {
  try {
    return `bpm ${(await promise).bpm}`;
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
}

describe('analysis pool', () => {
  it('is sized to the machine, one core left to the app', () => {
    expect(defaultPoolSize()).toBe(Math.max(1, availableParallelism() - 1));
    expect(builtWorkerScript(new URL(`file://${tempDir()}/index.js`).href)).toBeNull();
  });

  it('fails a crashing job alone and replaces its worker', async () => {
    const pool = track(createWorkerPool({ script: fakeWorker, size: 1, maxHeapMb: 64 }));
    const results = await Promise.all(
      ['ok-1', 'throw', 'ok-2', 'exit', 'garbage', 'oom', 'ok-3'].map((name) =>
        outcome(pool.analyze(`/x/${name}.wav`)),
      ),
    );
    expect(results).toEqual([
      'bpm 120',
      'INTERNAL', // uncaught exception in the thread
      'bpm 120',
      'INTERNAL', // the thread exited
      'INTERNAL', // a result that breaks the schema
      'UNSUPPORTED_MEDIA', // out of memory: too large to analyse
      'bpm 120',
    ]);
    const crashed = await pool.analyze('/x/throw.wav').catch((e: AppError) => e.message);
    expect(crashed).toMatch(/crashed: boom/);
  }, 30_000);

  it('cancels a job, terminating a worker that does not stop, and goes on', async () => {
    const pool = track(createWorkerPool({ script: fakeWorker, size: 1, abortGraceMs: 100 }));
    const slow = new AbortController();
    const slowJob = outcome(pool.analyze('/x/slow.wav', { signal: slow.signal }));
    const queued = new AbortController();
    const queuedJob = outcome(pool.analyze('/x/ok.wav', { signal: queued.signal }));
    const after = outcome(pool.analyze('/x/ok-after.wav'));
    queued.abort(); // still waiting for the slot: never runs
    slow.abort(); // running: the worker answers CANCELLED
    expect(await Promise.all([slowJob, queuedJob, after])).toEqual(['CANCELLED', 'CANCELLED', 'bpm 120']);

    const hang = new AbortController();
    const started = Date.now();
    const hangJob = outcome(pool.analyze('/x/hang.wav', { signal: hang.signal }));
    setTimeout(() => hang.abort(), 50);
    expect(await hangJob).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(2000); // terminated after the grace period
    expect(await outcome(pool.analyze('/x/ok-again.wav'))).toBe('bpm 120');
  });

  it('rejects queued and running jobs when closed', async () => {
    const pool = createWorkerPool({ script: fakeWorker, size: 1 });
    const running = outcome(pool.analyze('/x/hang.wav'));
    const waiting = outcome(pool.analyze('/x/ok.wav'));
    await new Promise((r) => setTimeout(r, 50));
    await pool.close();
    expect(await Promise.all([running, waiting])).toEqual(['CANCELLED', 'CANCELLED']);
    expect(await outcome(pool.analyze('/x/ok.wav'))).toBe('CANCELLED');
  });

  it('runs at most `size` jobs at once, in order', async () => {
    let active = 0;
    let peak = 0;
    const order: string[] = [];
    const pool = track(
      createInlinePool({
        size: 2,
        analyze: async (path) => {
          order.push(path);
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 20));
          active--;
          if (path.endsWith('bad')) throw new AppError('UNSUPPORTED_MEDIA', 'bad');
          return { bpm: 100 } as AudioAnalysis;
        },
      }),
    );
    const names = ['a', 'b', 'bad', 'c', 'd', 'e'];
    const results = await Promise.all(names.map((n) => outcome(pool.analyze(n))));
    expect(results).toEqual(['bpm 100', 'bpm 100', 'UNSUPPORTED_MEDIA', 'bpm 100', 'bpm 100', 'bpm 100']);
    expect(peak).toBe(2);
    expect(order).toEqual(names);
  });

  it('runs the real worker entry: progress, a result, a per-file error, a cancel', async () => {
    const pool = track(
      createWorkerPool({
        script: resolve(fixtures, 'ts-worker.mjs'),
        workerData: { entry: resolve(__dirname, '../src/main/services/audio/worker.ts') },
        size: 2,
      }),
    );
    const progress: AnalysisProgress[] = [];
    const good = pool.analyze(resolve(corpus, 'format/brahms_cbr128.mp3'), {
      onProgress: (p) => progress.push(p),
    });
    const corrupt = expect(pool.analyze(resolve(corpus, 'corrupt/png_named.wav'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA',
      message: /PNG image/,
    });
    const result = await good;
    expect(result.sha256).toBe('e6935c7babfe25f38a211549bd8dedc7cb9ef73625e77195f0334d705f2db2c9');
    expect(result.format).toBe('mp3');
    expect(result.bpm).toBeGreaterThan(40);
    expect(result.embedding).toHaveLength(64);
    expect(progress.map((p) => p.stage)).toContain('decode');
    expect(progress.at(-1)).toEqual({ stage: 'done', fraction: 1 });
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.fraction).toBeGreaterThanOrEqual(progress[i - 1]!.fraction);
    await corrupt;

    const controller = new AbortController();
    const cancelled = pool.analyze(resolve(corpus, 'format/brahms.flac'), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
  }, 60_000);
});
