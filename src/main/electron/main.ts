import { app, BrowserWindow, dialog, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EventName } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import { transport } from '../../shared/transport';
import { startCore, type FlowstageCore } from '../app';
import { builtWorkerScript } from '../services/audio/pool';

// The Electron shell: one window with secure defaults, and the contract over IPC. It stays thin — all
// behaviour lives in the services, which the browser host and the CLI share.

const here = dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL; // set by electron-vite in development
const rendererIndex = join(here, '../renderer/index.html');

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let mainWindow: BrowserWindow | null = null;

/** Only our own renderer may call the services (not an iframe, not a navigated-away page). */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || !mainWindow || event.sender !== mainWindow.webContents || frame !== event.sender.mainFrame)
    return false;
  const url = frame.url;
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url.startsWith(pathToFileURL(rendererIndex).href);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Flow Stage',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

function wireIpc(core: FlowstageCore): void {
  ipcMain.handle(
    transport.ipcInvoke,
    async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event))
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender' } };
      if (typeof method !== 'string')
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Method must be a string' } };
      return core.dispatch(method, input);
    },
  );
  core.onEvent((event: EventName, payload) => {
    mainWindow?.webContents.send(transport.ipcEvent, event, payload);
  });
}

function hardenSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    let core: FlowstageCore;
    try {
      core = startCore({
        dataDir: process.env.FLOWSTAGE_HOME ?? app.getPath('userData'),
        host: 'electron',
        // Demo analyses run in worker threads from out/main/audioWorker.js, beside this bundle.
        analysis: { workerScript: builtWorkerScript(import.meta.url) },
        // In development the better-sqlite3 addon built for Electron's ABI lives apart from the one
        // Node uses for tests and the browser host (scripts/electron-native.mjs builds it).
        ...(process.env.FLOWSTAGE_SQLITE_BINDING
          ? { nativeBinding: process.env.FLOWSTAGE_SQLITE_BINDING }
          : {}),
      });
    } catch (error) {
      dialog.showErrorBox(
        'Flow Stage',
        error instanceof AppError || error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
      return;
    }
    hardenSession();
    wireIpc(core);
    mainWindow = createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
    app.on('will-quit', () => core.close());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
