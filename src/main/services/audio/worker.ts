import { parentPort } from 'node:worker_threads';
import { AppError, type AppErrorShape } from '../../../shared/errors';
import { analyzeFile } from './analyze';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

// The analysis worker thread (built to out/main/audioWorker.js, see electron.vite.config.ts): runs
// analyzeFile for the pool (pool.ts), one file at a time, posting progress at most once per 1 % and
// stopping at the next chunk when asked to abort. Anything thrown becomes an error reply; what
// cannot be caught (a crash, running out of memory) ends the thread, and the pool fails that one job.

const port = parentPort;
if (!port) throw new Error('audioWorker.js runs in a worker thread started by the analysis pool');

const running = new Map<number, AbortController>();

function post(reply: WorkerReply): void {
  port!.postMessage(reply);
}

function errorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return {
    code: 'INTERNAL',
    message: `Analysis failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

async function analyze(id: number, path: string): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  let sentStage = '';
  let sentFraction = -1;
  try {
    const result = await analyzeFile(path, {
      signal: controller.signal,
      onProgress: ({ stage, fraction }) => {
        if (stage === sentStage && fraction - sentFraction < 0.01) return;
        sentStage = stage;
        sentFraction = fraction;
        post({ type: 'progress', id, stage, fraction });
      },
    });
    post({ type: 'done', id, result });
  } catch (error) {
    post({ type: 'error', id, error: errorShape(error) });
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: WorkerRequest) => {
  if (message.type === 'abort') running.get(message.id)?.abort();
  else void analyze(message.id, message.path);
});
