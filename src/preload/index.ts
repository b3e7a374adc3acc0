import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { EventName, FlowstageBridge } from '../shared/contract';
import { transport } from '../shared/transport';
import type { Result } from '../shared/errors';

// The whole preload: one invoke, one event subscription, and the path of a dropped file (demos are
// referenced where they are, never copied); nothing else reaches the renderer.
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
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('flowstageBridge', bridge);
