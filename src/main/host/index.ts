import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCore } from '../app';
import { builtWorkerScript } from '../services/audio/pool';
import { defaultDataDir } from '../profile';
import { startHost } from './server';

// `npm run web`: the browser host. Prints the URL (with this run's token) and serves until stopped.

function openInBrowser(url: string): void {
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined); // no opener installed: the printed URL is enough
  child.unref();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.FLOWSTAGE_PORT ?? '0' },
      open: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port number: ${values.port}`);

  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir = join(here, '../renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}); run \`npm run build\` first.`);
  }
  const dataDir = defaultDataDir();
  // Demo analyses run in worker threads from out/main/audioWorker.js, beside this bundle.
  const workerScript = builtWorkerScript(import.meta.url);
  if (!workerScript) console.warn('flowstage web: audioWorker.js not found; demos are analysed in-process.');
  const core = startCore({ dataDir, host: 'browser', analysis: { workerScript } });
  const host = await startHost({ core, rendererDir, token: randomBytes(24).toString('base64url'), port });

  console.log(`Flow Stage — browser host\n  profile: ${dataDir}\n  open:    ${host.url}\n(Ctrl+C to stop)`);
  console.log(`FLOWSTAGE_URL=${host.url}`);
  if (values.open) openInBrowser(host.url);

  const stop = () => {
    void host.close().then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`flowstage web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
