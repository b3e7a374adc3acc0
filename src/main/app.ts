import { EventEmitter } from 'node:events';
import type { AppInfo, EventName, EventPayload } from '../shared/contract';
import { version } from '../../package.json';
import { createDispatch, type Dispatch } from './dispatch';
import { databaseFile } from './profile';
import { createServices } from './services';
import { openStore, type Store } from './store/database';

export interface FlowstageCore {
  dispatch: Dispatch;
  /** Events from the services; adapters subscribe with `onEvent`. */
  onEvent(listener: (event: EventName, payload: EventPayload<EventName>) => void): () => void;
  store: Store;
  close(): void;
}

/** Opens a profile and wires the services behind the contract. Every adapter starts here. */
export function startCore(options: {
  dataDir: string;
  host: AppInfo['host'];
  nativeBinding?: string;
}): FlowstageCore {
  const store = openStore(
    databaseFile(options.dataDir),
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  const handlers = createServices({
    store,
    dataDir: options.dataDir,
    version,
    host: options.host,
    emit: (event, payload) => bus.emit('event', event, payload),
  });
  return {
    dispatch: createDispatch(handlers),
    onEvent(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    store,
    close: () => store.close(),
  };
}

export { version };
