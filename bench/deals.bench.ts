import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { startCore } from '../src/main/app';
import { compareDealTypes, settle } from '../src/main/services/deals/arithmetic';
import { Deal } from '../src/shared/deals';
import { uuidv7 } from '../src/shared/ids';

// The offer builder's live P&L and the calendar at agency scale: 50 artists with a year of holds.
const deal = Deal.parse(
  (JSON.parse(readFileSync('resources/examples/deal-versus.json', 'utf8')) as { deal: unknown }).deal,
);

const ARTISTS = 50;
const VENUES = 40;
const HOLDS_PER_ARTIST = 80; // a busy year: ~1.5 dates a week held or played
const core = startCore({ dataDir: mkdtempSync(join(tmpdir(), 'flowstage-bench-deals-')), host: 'test' });
const call = async (method: string, input: unknown) => {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { id: string };
};
const artists: string[] = [];
const venues: string[] = [];
for (let i = 0; i < ARTISTS; i++) artists.push((await call('artists.create', { name: `Artiste ${i}` })).id);
for (let i = 0; i < VENUES; i++) venues.push((await call('venues.create', { name: `Salle ${i}` })).id);
const seedStart = performance.now();
let placed = 0;
for (let a = 0; a < ARTISTS; a++) {
  for (let h = 0; h < HOLDS_PER_ARTIST; h++) {
    const day = new Date(Date.UTC(2027, 0, 1) + ((h * 4 + a) % 365) * 86_400_000).toISOString().slice(0, 10);
    const result = await core.dispatch('holds.place', {
      artistId: artists[a],
      venueId: venues[(a * 7 + h) % VENUES],
      startDate: day,
    });
    if (result.ok) placed++;
  }
}
console.log(
  `placed ${placed} holds for ${ARTISTS} artists in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
);

describe('deal arithmetic', () => {
  bench('settle one versus deal', () => {
    settle(deal, 420);
  });
  bench('compare the four deal types (chart data, 101 points each)', () => {
    compareDealTypes(deal);
  });
});

describe(`calendar with ${placed} holds`, () => {
  bench('holds.list: one month, all artists', async () => {
    await core.dispatch('holds.list', { from: '2027-03-01', to: '2027-03-31' });
  });
  bench('holds.list: a whole year, one artist', async () => {
    await core.dispatch('holds.list', { from: '2027-01-01', to: '2027-12-31', artistId: artists[7] });
  });
  bench('holds.place then holds.release (levels recomputed, promotions reported)', async () => {
    const id = uuidv7();
    await core.dispatch('holds.place', {
      id,
      artistId: artists[3],
      venueId: venues[5],
      startDate: '2027-06-15',
    });
    await core.dispatch('holds.release', { id });
  });
});
