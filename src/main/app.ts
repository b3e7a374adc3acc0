import { EventEmitter } from 'node:events';
import type { AppInfo, EventName, EventPayload } from '../shared/contract';
import { version } from '../../package.json';
import { createDispatch, type Dispatch } from './dispatch';
import { databaseFile } from './profile';
import { createServices } from './services';
import { createInlinePool, createWorkerPool, type AnalysisPool } from './services/audio/pool';
import { createDemoService } from './services/demos/service';
import { openStore, type Store } from './store/database';

export interface FlowstageCore {
  dispatch: Dispatch;
  /** Events from the services; adapters subscribe with `onEvent`. */
  onEvent(listener: (event: EventName, payload: EventPayload<EventName>) => void): () => void;
  store: Store;
  /** The profile folder (database, backups, imported uploads). */
  dataDir: string;
  /** Stops the analysis queue (running analyses resume at the next start), the workers, the database. */
  close(): void;
}

/** How demos are analysed. The adapters pass the built worker; tests pass nothing or their own pool. */
export interface AnalysisSetup {
  /** out/main/audioWorker.js: analyses run in worker threads. Without it they run in-process. */
  workerScript?: string | URL | null;
  /** Concurrent analyses (default: cores − 1). */
  poolSize?: number;
  /** A pool of one's own (tests: an in-process pool with a controllable analysis). */
  pool?: () => AnalysisPool;
  /** Delay before a queue left unfinished resumes after start-up (default 1 s: the window first). */
  resumeDelayMs?: number;
  /**
   * Whether start-up recovers the queue (interrupted analyses, results of an older version). Default:
   * every host but the CLI, whose short commands must not touch the queue of an app that is running.
   */
  resumeQueue?: boolean;
}

/** Opens a profile and wires the services behind the contract. Every adapter starts here. */
export function startCore(options: {
  dataDir: string;
  host: AppInfo['host'];
  nativeBinding?: string;
  analysis?: AnalysisSetup;
}): FlowstageCore {
  const store = openStore(
    databaseFile(options.dataDir),
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => bus.emit('event', event, payload);

  // The pool is made on the first analysis, and its workers on their first job: start-up stays lean.
  const analysis = options.analysis ?? {};
  let pool: AnalysisPool | null = null;
  const makePool = (): AnalysisPool => {
    if (analysis.pool) return analysis.pool();
    const size = analysis.poolSize !== undefined ? { size: analysis.poolSize } : {};
    return analysis.workerScript
      ? createWorkerPool({ script: analysis.workerScript, ...size })
      : createInlinePool(size);
  };
  const demos = createDemoService({
    store,
    emit,
    pool: () => (pool ??= makePool()),
    resumeDelayMs: analysis.resumeDelayMs ?? 1000,
    resume: analysis.resumeQueue ?? options.host !== 'cli',
  });

  const handlers = createServices({
    store,
    dataDir: options.dataDir,
    version,
    host: options.host,
    emit,
    demos,
  });
  return {
    dispatch: createDispatch(handlers),
    onEvent(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    store,
    dataDir: options.dataDir,
    close: () => {
      demos.close();
      void pool?.close();
      store.close();
    },
  };
}

export { version };
