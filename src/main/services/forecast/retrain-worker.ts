import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { runRetrainWork, type RetrainReply, type RetrainRequest } from './retrain';

// The retraining worker thread (built to out/main/forecastWorker.js, see electron.vite.config.ts): runs the
// evaluation and training of retrain.ts (runRetrainWork) for the main thread, posting progress, and stops at the trainer's
// next check when asked to abort. Anything thrown becomes an error reply; a crash ends the thread and
// retrain.ts fails that retraining only.

const port = parentPort;
if (!port) throw new Error('forecastWorker.js runs in a worker thread started by the retraining');

const controller = new AbortController();

port.on('message', (message: RetrainRequest) => {
  if (message.type === 'abort') {
    controller.abort();
    return;
  }
  const post = (reply: RetrainReply) => port.postMessage(reply);
  runRetrainWork(message, controller.signal, (stage, fraction) => post({ type: 'progress', stage, fraction }))
    .then((outcome) => post({ type: 'done', ...outcome }))
    .catch((error: unknown) =>
      post({
        type: 'error',
        error:
          error instanceof AppError
            ? error.toShape()
            : {
                code: 'INTERNAL',
                message: `Retraining failed: ${error instanceof Error ? error.message : String(error)}`,
              },
      }),
    );
});
