import { contextBridge, ipcRenderer } from 'electron';
import type { EventName, FlowstageBridge } from '../shared/contract';
import { transport } from '../shared/transport';
import type { Result } from '../shared/errors';

// The whole preload: one invoke and one event subscription, nothing else reaches the renderer.
const bridge: FlowstageBridge = {
  invoke: (method, input) =>
    ipcRenderer.invoke(transport.ipcInvoke, method, input) as Promise<Result<unknown>>,
  on(listener) {
    const handler = (_event: Electron.IpcRendererEvent, name: EventName, payload: unknown) =>
      listener(name, payload);
    ipcRenderer.on(transport.ipcEvent, handler);
    return () => {
      ipcRenderer.removeListener(transport.ipcEvent, handler);
    };
  },
};

contextBridge.exposeInMainWorld('flowstageBridge', bridge);
