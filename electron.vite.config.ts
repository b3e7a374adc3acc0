import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build produces the entry points of the main side (Electron shell, browser host, CLI, and the
// audio analysis worker thread), the preload bridge and the renderer. The host and the CLI are plain
// Node programs: they share the services with the Electron shell but never load 'electron'.
// FLOWSTAGE_OUT builds into another folder than out/ (two builds side by side; the e2e fixtures read
// the same variable). electron-vite's --outDir would put the renderer under its root, src/renderer.
const outDir = (part: string) => resolve(__dirname, process.env.FLOWSTAGE_OUT ?? 'out', part);

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: outDir('main'),
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          host: resolve(__dirname, 'src/main/host/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          // The demo analysis worker thread, loaded by the pool from beside the entry that starts it.
          audioWorker: resolve(__dirname, 'src/main/services/audio/worker.ts'),
          // The forecast retraining worker thread, found beside the bundle by forecast/retrain.ts.
          forecastWorker: resolve(__dirname, 'src/main/services/forecast/retrain-worker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: outDir('preload'),
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: outDir('renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
