/**
 * `npm run eval:predict` — time-ordered cross-validation on a held-out SYNTHETIC history whose generating
 * process is known (src/main/services/forecast/synthetic.ts). Prints, for the retrained model, the shipped
 * prior and the two baselines: MAE and pinball loss (tickets), the sold-out Brier score against the base rate,
 * the 80 % interval coverage and a calibration table. Exits with 1 if the trained model does not beat both
 * baselines on MAE and pinball and the base rate on Brier.
 *
 *   npm run eval:predict [-- --events 8000 --seed 7 --folds 4 --prior models/prior]
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evaluateTimeOrdered, type Metrics } from '../src/main/services/forecast/evaluate';
import { loadForecastModel, type ForecastModel } from '../src/main/services/forecast/model';
import { describeSyntheticHistory, generateSyntheticHistory } from '../src/main/services/forecast/synthetic';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const events = Number(option('events', '8000'));
const seed = Number(option('seed', '7'));
const folds = Number(option('folds', '4'));
const priorDir = resolve(option('prior', 'models/prior'));

console.log('=== Ticket forecast evaluation — SYNTHETIC DATA (not real shows) ===');
console.log(
  `History: ${events} synthetic shows, seed ${seed}; ${folds}-fold time-ordered cross-validation (expanding window).`,
);
const history = generateSyntheticHistory({ events, seed });
const stats = describeSyntheticHistory(history);
console.log(
  `Synthetic history: ${(stats.soldOutShare! * 100).toFixed(1)} % sold out, median fill ${(stats.medianFillRate! * 100).toFixed(0)} %, ` +
    `${stats.meanEntriesPerShow!.toFixed(0)} entries per show on average.`,
);

let prior: ForecastModel | undefined;
if (existsSync(join(priorDir, 'model-card.json'))) prior = await loadForecastModel(priorDir);
else console.log(`(no prior model in ${priorDir}: run npm run train:prior to compare it too)`);

const started = performance.now();
let lastFold = '';
const report = await evaluateTimeOrdered(history, {
  folds,
  seed,
  current: prior,
  onProgress: ({ stage }) => {
    const fold = stage.split(':')[0]!;
    if (fold !== lastFold) console.log(`  training ${fold}…`);
    lastFold = fold;
  },
});
await prior?.close();
const seconds = (performance.now() - started) / 1000;

const row = (name: string, m: Metrics) =>
  `${name.padEnd(34)} ${m.mae.toFixed(1).padStart(9)} ${m.pinball.toFixed(2).padStart(9)} ${m.brier.toFixed(4).padStart(8)} ${(m.coverage80 * 100).toFixed(1).padStart(8)} %`;
console.log(
  `\nScored shows: ${Math.round((events * folds) / (folds + 1))} (SYNTHETIC). Tickets are capped at capacity.`,
);
console.log(
  `${'model'.padEnd(34)} ${'MAE'.padStart(9)} ${'pinball'.padStart(9)} ${'Brier'.padStart(8)} ${'P10–P90'.padStart(10)}`,
);
console.log(row('trained on this history (GBM)', report.candidate));
if (report.current) console.log(row('shipped prior (synthetic-trained)', report.current));
console.log(row("baseline: venue's median fill", report.baselines.venueMedianFill));
console.log(row("baseline: artist's last result", report.baselines.artistLast));
console.log(
  '(both baselines give the sold-out base rate as their probability: their Brier is the base-rate Brier)',
);

console.log('\nSold-out calibration of the trained model (SYNTHETIC):');
console.log(`${'predicted'.padStart(10)} ${'observed'.padStart(10)} ${'shows'.padStart(7)}`);
for (const bin of report.calibration) {
  console.log(
    `${(bin.predicted * 100).toFixed(1).padStart(9)}% ${(bin.observed * 100).toFixed(1).padStart(9)}% ${String(bin.count).padStart(7)}`,
  );
}
for (const note of report.notes) console.log(`note: ${note.en}`);

const { candidate, baselines } = report;
const checks: Array<[string, boolean]> = [
  [
    'MAE below both baselines',
    candidate.mae < Math.min(baselines.venueMedianFill.mae, baselines.artistLast.mae),
  ],
  [
    'pinball below both baselines',
    candidate.pinball < Math.min(baselines.venueMedianFill.pinball, baselines.artistLast.pinball),
  ],
  ['Brier below the base rate', candidate.brier < baselines.venueMedianFill.brier],
];
console.log('');
for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label} (SYNTHETIC)`);
console.log(`Evaluation took ${seconds.toFixed(1)} s.`);
if (checks.some(([, ok]) => !ok)) process.exit(1);
