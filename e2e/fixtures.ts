import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCREENSHOTS = join(process.cwd(), 'e2e/screenshots');

/** A browser host process on a profile folder; restart keeps the folder, changes port and token. */
export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  home: string;
  child: ChildProcess;
  restart(): Promise<void>;
  /** SIGKILL, as a crash or power cut of the app would. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

// FLOWSTAGE_OUT lets two builds live side by side (`FLOWSTAGE_OUT=out-x electron-vite build`); default out/.
const hostScript = join(process.cwd(), process.env.FLOWSTAGE_OUT ?? 'out', 'main/host.js');

function launch(home: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [hostScript], {
      env: { ...process.env, FLOWSTAGE_HOME: home, FLOWSTAGE_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`host did not start in time:\n${out}\n${err}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^FLOWSTAGE_URL=(\S+)$/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${out}\n${err}`));
    });
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

export async function startHostProcess(
  home: string = mkdtempSync(join(tmpdir(), 'flowstage-e2e-')),
): Promise<HostProcess> {
  const first = await launch(home);
  const host: HostProcess = {
    home,
    url: '',
    origin: '',
    token: '',
    child: first.child,
    async restart() {
      await host.stop();
      const next = await launch(home);
      set(next.child, next.url);
    },
    async kill9() {
      host.child.kill('SIGKILL');
      await exited(host.child);
    },
    async stop() {
      host.child.kill('SIGTERM');
      await exited(host.child);
    },
  };
  function set(child: ChildProcess, url: string) {
    const parsed = new URL(url);
    host.child = child;
    host.url = url;
    host.origin = parsed.origin;
    host.token = parsed.hash.replace('#token=', '');
  }
  set(first.child, first.url);
  return host;
}

export const test = base.extend<{ host: HostProcess }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHostProcess();
    await use(host);
    await host.stop();
    rmSync(host.home, { recursive: true, force: true });
  },
});

/** Calls a contract method on the host as the renderer would (seeding data for a test); throws on error. */
export async function call<T = unknown>(host: HostProcess, method: string, input: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/invoke/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

/**
 * A full-page screenshot in e2e/screenshots/NAME.png: toasts closed (they would cover the page), the
 * pointer parked, the viewport as tall as the page so sticky parts sit right.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page
    .locator('body')
    .evaluate((body) => body.ownerDocument.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.mouse.move(0, 0);
  await page
    .locator('[data-testid="toast"] button')
    .evaluateAll((buttons) => buttons.forEach((button) => (button as HTMLButtonElement).click()));
  await expect(page.locator('[data-testid="toast"]')).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await page.setViewportSize(viewport);
}

export { expect };
