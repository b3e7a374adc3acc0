import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DemoSummary, DemoView } from '../src/shared/demos';
import { demosCommand } from '../src/main/cli/demos';
import { call, tempDir, testCore } from './helpers';

// `flowstage demos heard`: the booker's confirmed/corrected tempo and key as labels (TSV or JSON
// lines) and the analysis scored against them.

const corpus = resolve(__dirname, '../../shared/corpus/decoding');
const OGG = join(corpus, 'tempo/amen_140bpm_x2.ogg');

async function analysedDemo(dataDir: string): Promise<DemoView> {
  const core = testCore(dataDir, { resumeDelayMs: 0, poolSize: 1 });
  const [demo] = (await call<{ demos: DemoSummary[] }>(core, 'demos.add', { paths: [OGG] })).demos;
  for (;;) {
    const view = await call<DemoView>(core, 'demos.get', { id: demo!.id });
    if (view.status === 'done') {
      await call(core, 'demos.correct', { id: view.id, bpm: 140, key: { key: 'D', mode: 'minor' } });
      core.close();
      return view;
    }
    if (view.status !== 'queued' && view.status !== 'analysing') throw new Error(`demo ${view.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('flowstage demos heard', () => {
  it('prints the heard labels as TSV and the accuracy on standard error', async () => {
    const dataDir = tempDir();
    const view = await analysedDemo(dataDir);
    const lines: string[] = [];
    const errors: string[] = [];
    expect(
      await demosCommand(
        ['heard'],
        (l) => lines.push(l),
        (l) => errors.push(l),
        dataDir,
      ),
    ).toBe(0);
    expect(lines[0]).toBe(
      'file\tsha256\theard_bpm\theard_key\theard_mode\tmeasured_bpm\tmeasured_key\tmeasured_mode\tanalysis_version',
    );
    expect(lines).toHaveLength(2);
    const cells = lines[1]!.split('\t');
    expect(cells.slice(0, 5)).toEqual([OGG, view.sha256, '140', 'D', 'minor']);
    expect(Number(cells[5])).toBe(view.result!.bpm);
    expect(errors.join('\n')).toMatch(/tempo n=1 Acc1 .*; key n=1 MIREX/);

    const json: string[] = [];
    expect(
      await demosCommand(
        ['heard', '--json'],
        (l) => json.push(l),
        () => {},
        dataDir,
      ),
    ).toBe(0);
    expect(JSON.parse(json[0]!)).toMatchObject({
      file: OGG,
      heardBpm: 140,
      heardKey: 'D',
      heardMode: 'minor',
    });
  }, 60_000);

  it('refuses unknown subcommands and options with the usage (exit 64)', async () => {
    const errors: string[] = [];
    const dataDir = tempDir();
    expect(
      await demosCommand(
        [],
        () => {},
        (l) => errors.push(l),
        dataDir,
      ),
    ).toBe(64);
    expect(
      await demosCommand(
        ['list'],
        () => {},
        (l) => errors.push(l),
        dataDir,
      ),
    ).toBe(64);
    expect(
      await demosCommand(
        ['heard', '--tsv'],
        () => {},
        (l) => errors.push(l),
        dataDir,
      ),
    ).toBe(64);
    expect(errors.filter((l) => l.startsWith('Usage:'))).toHaveLength(3);
  });
});
