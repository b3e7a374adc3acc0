// `npm run import:festivals`: imports or refreshes the French music festivals (Ministry of Culture
// open data, resources/data/festivals-france.csv) into the profile at FLOWSTAGE_HOME (or the desktop
// app's own profile). Idempotent: a re-run updates each festival by its dataset id, never duplicates.
// The same import runs from the app (venues.importFestivals) and `flowstage venues import-festivals`.
import { randomUUID } from 'node:crypto';
import { startCore } from '../src/main/app';
import { defaultDataDir } from '../src/main/profile';
import type { FestivalImportResult } from '../src/shared/venue-import';

const dataDir = defaultDataDir();
const core = startCore({ dataDir, host: 'cli' });
const jobId = randomUUID();
const started = performance.now();
core.onEvent((event, payload) => {
  if (event !== 'job.progress') return;
  const { stage, fraction } = payload as { stage: string; fraction: number };
  process.stderr.write(`\r${stage.padEnd(8)} ${(fraction * 100).toFixed(0).padStart(3)} %`);
});
try {
  const result = await core.dispatch('venues.importFestivals', { jobId });
  process.stderr.write('\n');
  if (!result.ok) {
    console.error(`import:festivals: ${result.error.message}`);
    process.exitCode = 1;
  } else {
    const r = result.value as FestivalImportResult;
    console.log(
      `Profile ${dataDir}\n${r.rows} rows read, ${r.music} music festivals: ${r.created} created, ` +
        `${r.updated} updated, ${r.unchanged} unchanged, ${r.keptDeleted} deleted by the user (left deleted).\n` +
        `Skipped: ${JSON.stringify(r.skipped)} (notMusic = dominant discipline not music and no music sub-category).\n` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
} finally {
  core.close();
}
