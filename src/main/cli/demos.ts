import type { MethodOutput } from '../../shared/contract';
import { startCore } from '../app';
import { parseCommandArgs } from './args';
import { defaultDataDir } from '../profile';

/*
README — `flowstage demos heard`

    flowstage demos heard [--json]

The demos whose tempo or key the booker confirmed or corrected on their card, as labels for
evaluating the analysis on real demos: a TSV on standard output (header `file sha256 heard_bpm
heard_key heard_mode measured_bpm measured_key measured_mode analysis_version`; empty cells where
no value) — or with --json one object per line — and, on standard error, how the current analysis
scores against them (as `demos.accuracy`). `npm run eval:audio -- --labels=FILE.tsv` re-analyses
those files and scores any version of the analysis against the same labels. Exit status 0, 64 on
a usage error.
*/

const USAGE = 'Usage: flowstage demos heard [--json]';

export async function demosCommand(
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void = (line) => console.error(line),
  dataDir: string = defaultDataDir(),
): Promise<number> {
  const parsed = parseCommandArgs(
    'demos',
    args,
    { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
    { out, err, allowPositionals: true },
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'heard') {
    err(USAGE);
    return 64;
  }
  const core = startCore({ dataDir, host: 'cli' });
  try {
    const listed = await core.dispatch('demos.list', { limit: 5000 });
    const scored = await core.dispatch('demos.accuracy', {});
    if (!listed.ok) throw new Error(listed.error.message);
    if (!scored.ok) throw new Error(scored.error.message);
    const demos = (listed.value as MethodOutput<'demos.list'>).items.filter((d) => d.heard !== null);
    const accuracy = scored.value as MethodOutput<'demos.accuracy'>;
    const cell = (v: string | number | null | undefined): string =>
      v === null || v === undefined ? '' : String(v);
    if (!values.json)
      out(
        'file\tsha256\theard_bpm\theard_key\theard_mode\tmeasured_bpm\tmeasured_key\tmeasured_mode\tanalysis_version',
      );
    for (const d of demos) {
      const row = {
        file: d.filePath,
        sha256: d.sha256,
        heardBpm: d.heard!.bpm,
        heardKey: d.heard!.key?.key ?? null,
        heardMode: d.heard!.key?.mode ?? null,
        measuredBpm: d.result?.bpm ?? null,
        measuredKey: d.result?.key ?? null,
        measuredMode: d.result?.mode ?? null,
        analysisVersion: d.analysisVersion,
      };
      out(values.json ? JSON.stringify(row) : Object.values(row).map(cell).join('\t'));
    }
    const pct = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);
    err(
      `analysis version ${accuracy.analysisVersion} against what you heard: tempo n=${accuracy.tempo.n} ` +
        `Acc1 ${pct(accuracy.tempo.acc1)} Acc2 ${pct(accuracy.tempo.acc2)}; key n=${accuracy.key.n} ` +
        `MIREX ${accuracy.key.mirex === null ? '–' : accuracy.key.mirex.toFixed(3)} exact ${pct(accuracy.key.exact)}`,
    );
    return 0;
  } finally {
    core.close();
  }
}
