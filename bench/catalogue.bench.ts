import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { startCore } from '../src/main/app';

// Search-as-you-type over a large roster: the list call the renderer makes on every keystroke.
const ARTISTS = 20_000;
const core = startCore({ dataDir: mkdtempSync(join(tmpdir(), 'flowstage-bench-')), host: 'test' });
const genres = ['jazz', 'rock', 'chanson', 'électro', 'hip-hop', 'folk', 'classique', 'metal'];
const cities = ['Paris', 'Lyon', 'Marseille', 'Bruxelles', 'Liège', 'Genève', 'Lausanne', 'Nantes', 'Lille'];
const started = performance.now();
core.store.db.transaction(() => {
  for (let i = 0; i < ARTISTS; i++) {
    void core.dispatch('artists.create', {
      name: `Artiste ${i} ${genres[i % 8]}`,
      genres: [genres[i % 8]!, genres[(i * 7) % 8]!],
      city: cities[i % cities.length]!,
      country: 'FR',
    });
  }
})();
await new Promise((r) => setTimeout(r, 0));
console.log(`seeded ${ARTISTS} artists in ${(performance.now() - started).toFixed(0)} ms`);

describe(`artists.list over ${ARTISTS} artists`, () => {
  bench('first page, no query', async () => {
    await core.dispatch('artists.list', { limit: 100 });
  });
  bench('query "jazz lyon"', async () => {
    await core.dispatch('artists.list', { query: 'jazz lyon', limit: 100 });
  });
  bench('query "geneve" (accent-folded)', async () => {
    await core.dispatch('artists.list', { query: 'geneve', limit: 100 });
  });
  bench('artists.create (one transaction each)', async () => {
    await core.dispatch('artists.create', { name: 'Bench', genres: ['jazz'] });
  });
});
