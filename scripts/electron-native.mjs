#!/usr/bin/env node
// Builds better-sqlite3's native addon for Electron's ABI into .electron-native/, beside (not over)
// the one Node uses, so `npm test` and the browser host keep working after `npm start`.
// Needs the network (Electron headers or a prebuilt binary); never runs during `npm install`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

export function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

export function electronSqliteBinding() {
  const version = electronVersion();
  const target = join(root, '.electron-native', `better-sqlite3-electron-${version}`);
  const binding = join(target, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;

  console.log(`Building better-sqlite3 for Electron ${version} (once)…`);
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true, filter: (p) => !p.includes(`${join('build', '')}`) });
  const bin = (name) =>
    join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  const run = (cmd, args) =>
    execFileSync(cmd, args, { cwd: target, stdio: 'inherit', shell: process.platform === 'win32' });
  try {
    run(bin('prebuild-install'), ['--runtime', 'electron', '--target', version]);
  } catch {
    console.log('No prebuilt binary reachable; compiling against Electron headers…');
    run(bin('node-gyp'), [
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${version}`,
      '--dist-url=https://electronjs.org/headers',
    ]);
  }
  if (!existsSync(binding)) throw new Error(`better-sqlite3 for Electron was not produced at ${binding}`);
  writeFileSync(join(target, 'ELECTRON_VERSION'), version);
  return binding;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(electronSqliteBinding());
}
