#!/usr/bin/env node
// `npm start`: the desktop app. Fetches the Electron binary on first start (npm install skips it so
// installing works on machines that only reach the npm registry), builds the SQLite addon for
// Electron beside Node's, then builds and launches the app through electron-vite.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronSqliteBinding } from './electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function ensureElectronBinary() {
  try {
    return require('electron'); // the path of the binary once installed
  } catch {
    console.log('Downloading the Electron runtime (first start only)…');
    const env = { ...process.env };
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    execFileSync(process.execPath, [require.resolve('electron/install.js')], { stdio: 'inherit', env });
    return require('electron');
  }
}

try {
  ensureElectronBinary();
  const binding = electronSqliteBinding();
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const child = spawn(process.execPath, [cli, 'preview', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FLOWSTAGE_SQLITE_BINDING: binding },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} catch (error) {
  console.error(
    `\nFlow Stage could not start the desktop app: ${error instanceof Error ? error.message : error}`,
  );
  console.error('Without Electron (or offline), use the browser version: npm run web');
  process.exit(1);
}
