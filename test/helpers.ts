import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startCore, type AnalysisSetup, type FlowstageCore } from '../src/main/app';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowstage-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A core on a fresh profile folder, closed after the test (demos analysed in-process by default). */
export function testCore(
  dataDir: string = tempDir(),
  analysis?: AnalysisSetup,
): FlowstageCore & { dataDir: string } {
  const core = startCore({ dataDir, host: 'test', ...(analysis ? { analysis } : {}) });
  cleanups.unshift(() => core.close());
  return Object.assign(core, { dataDir });
}

/** Dispatch that throws on failure, for tests of the happy path. */
export async function call<T = unknown>(core: FlowstageCore, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
