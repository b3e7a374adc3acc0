#!/usr/bin/env node
// Entry point of the `flowstage` command: the built CLI (npm run build produces out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('flowstage: not built yet — run `npm run build` in the Flow Stage folder first.');
  process.exit(1);
}
await import(cli);
