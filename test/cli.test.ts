import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main/cli/run';
import { version } from '../package.json';
import { tempDir } from './helpers';

describe('flowstage CLI', () => {
  it('prints the version and the help', async () => {
    const out: string[] = [];
    expect(await runCli(['--version'], (l) => out.push(l))).toBe(0);
    expect(out).toEqual([version]);
    out.length = 0;
    expect(await runCli(['--help'], (l) => out.push(l))).toBe(0);
    expect(out.join('\n')).toMatch(/Usage:\n\s+flowstage/);
  });

  it('reports the profile through the same services', async () => {
    const home = tempDir();
    process.env.FLOWSTAGE_HOME = home;
    const out: string[] = [];
    expect(await runCli(['info', '--json'], (l) => out.push(l))).toBe(0);
    const info = JSON.parse(out[0]!) as { dataDir: string; schemaVersion: number; host: string };
    expect(info).toMatchObject({ dataDir: home, host: 'cli' });
    delete process.env.FLOWSTAGE_HOME;
  });

  it('refuses an unknown command with a usage exit code', async () => {
    expect(await runCli(['frobnicate'], () => undefined)).toBe(64);
  });
});
