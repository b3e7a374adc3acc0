import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { startCore } from '../src/main/app';
import { ANALYSIS_VERSION, EMBEDDING_VERSION } from '../src/shared/audio';
import { uuidv7 } from '../src/shared/ids';
import { soundProfile } from '../src/main/services/venue-fit/acoustics';
import { DrawModel } from '../src/main/services/venue-fit/draw';
import { compileFilters, rank, type ArtistSide } from '../src/main/services/venue-fit/score';
import { createVenueFitService } from '../src/main/services/venue-fit/service';
import { DIM, EmbeddingIndex } from '../src/main/services/venue-fit/similar';
import { DEFAULT_FIT_WEIGHTS } from '../src/shared/venue-fit';
import { VenueFilters } from '../src/shared/venue-query';

// Targets (issue #4): ranking 100,000 venues for one artist < 100 ms; top-10 similar artists among
// 100,000 embeddings < 50 ms. A generated catalogue, written to SQLite as the app would hold it.
const VENUES = 100_000;
const EMBEDDINGS = 100_000;

const core = startCore({ dataDir: mkdtempSync(join(tmpdir(), 'flowstage-bench-fit-')), host: 'test' });
const { db } = core.store;
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const genres = [
  'jazz',
  'rock',
  'chanson',
  'électro',
  'hip-hop',
  'folk',
  'classique',
  'metal',
  'reggae',
  'pop',
];
const places: [string, string, string, number, number][] = [
  ['Paris', 'Île-de-France', 'FR', 48.86, 2.35],
  ['Lyon', 'Auvergne-Rhône-Alpes', 'FR', 45.76, 4.84],
  ['Marseille', "Provence-Alpes-Côte d'Azur", 'FR', 43.3, 5.37],
  ['Nantes', 'Pays de la Loire', 'FR', 47.22, -1.55],
  ['Lille', 'Hauts-de-France', 'FR', 50.63, 3.06],
  ['Bruxelles', 'Bruxelles-Capitale', 'BE', 50.85, 4.35],
  ['Liège', 'Wallonie', 'BE', 50.63, 5.57],
  ['Genève', 'Genève', 'CH', 46.2, 6.14],
  ['Lausanne', 'Vaud', 'CH', 46.52, 6.63],
];
const kinds = ['club', 'concert_hall', 'theatre', 'festival', 'bar', 'church', 'arena', 'other'];
const treatments = ['unknown', 'untreated', 'partial', 'treated'];

let started = performance.now();
const insertVenue = db.prepare(
  `INSERT INTO venues (id, name, city, region, country, kind, latitude, longitude, capacity_standing,
     capacity_seated, room_length_m, room_width_m, room_height_m, rt60_sec, treatment, pa_power_w, genres,
     months, days_open, created_at, updated_at)
   VALUES (@id, @name, @city, @region, @country, @kind, @lat, @lon, @standing, @seated, @length, @width,
     @height, @rt60, @treatment, @pa, @genres, @months, '[]', @now, @updated)`,
);
const insertPrivate = db.prepare(
  `INSERT INTO venues_private (venue_id, budget_min, budget_max, updated_at) VALUES (?, ?, ?, ?)`,
);
db.transaction(() => {
  for (let i = 0; i < VENUES; i++) {
    const [city, region, country, lat, lon] = pick(places);
    const capacity = Math.round(50 * Math.exp(random() * 5));
    const hasRoom = random() < 0.5;
    const id = uuidv7();
    const updated = core.store.clock.tick();
    insertVenue.run({
      id,
      name: `Salle ${i}`,
      city,
      region,
      country,
      kind: pick(kinds),
      lat: lat + (random() - 0.5) * 0.2,
      lon: lon + (random() - 0.5) * 0.2,
      standing: random() < 0.8 ? capacity : null,
      seated: random() < 0.3 ? Math.round(capacity * 0.6) : null,
      length: hasRoom ? 10 + random() * 50 : null,
      width: hasRoom ? 8 + random() * 30 : null,
      height: hasRoom ? 4 + random() * 12 : null,
      rt60: random() < 0.2 ? 0.4 + random() * 2.5 : null,
      treatment: pick(treatments),
      pa: random() < 0.5 ? capacity * (2 + random() * 8) : null,
      genres: JSON.stringify([pick(genres), pick(genres)]),
      months: JSON.stringify(random() < 0.3 ? [6, 7, 8] : []),
      now: new Date().toISOString(),
      updated,
    });
    const budget = random() < 0.6 ? Math.round(200 + random() * 8000) : null;
    insertPrivate.run(id, budget === null ? null : budget / 2, budget, updated);
  }
})();
console.log(`seeded ${VENUES} venues in ${(performance.now() - started).toFixed(0)} ms`);

const artist = (await core.dispatch('artists.create', {
  name: 'Bench Quartet',
  genres: ['jazz'],
  city: 'Lyon',
  country: 'FR',
  fee: { min: 1500, max: 3000 },
})) as { ok: true; value: { id: string } };
const artistId = artist.value.id;

const fit = createVenueFitService(core.store);
started = performance.now();
fit.index.refresh();
console.log(
  `venue index built from SQLite in ${(performance.now() - started).toFixed(0)} ms (${fit.index.size} venues)`,
);

const side: ArtistSide = {
  artistId,
  name: 'Bench Quartet',
  genres: ['jazz', 'blues'],
  currency: 0,
  feeMinCents: 150_000,
  feeMaxCents: 300_000,
  sound: soundProfile({
    bpm: 92,
    percussiveRatio: 0.2,
    energy: 0.35,
    acousticness: 0.85,
    loudnessLufs: -19,
    loudnessRange: 10,
    brightnessHz: 1500,
    dynamicComplexity: 4,
  }),
  draw: new DrawModel(
    places.map(([city, region, country], i) => ({
      artistId,
      venueId: uuidv7(),
      venueName: `Past ${i}`,
      city,
      region,
      country,
      latitude: null,
      longitude: null,
      date: '2025-01-01',
      capacity: 300,
      ticketsSold: 150 + i * 20,
    })),
    1500,
    3000,
  ),
  places: places.slice(0, 3).map(([city, region, country, lat, lon]) => ({
    city: city.toLowerCase(),
    region: region.toLowerCase(),
    country,
    lat,
    lon,
    home: false,
  })),
  history: new Map(),
};
const filters = VenueFilters.parse({ genres: ['jazz'], capacityMin: 200, capacityMax: 800, city: 'Lyon' });

const embeddings = new EmbeddingIndex(null);
embeddings.load(
  Array.from({ length: EMBEDDINGS }, () => {
    const vector = new Float32Array(DIM);
    let norm = 0;
    for (let i = 0; i < DIM; i++) norm += (vector[i] = random() - 0.5) ** 2;
    for (let i = 0; i < DIM; i++) vector[i]! /= Math.sqrt(norm);
    return { artistId: uuidv7(), demoId: uuidv7(), vector };
  }),
);
const query = embeddings.vectors.slice(0, DIM);

describe(`venue fit over ${VENUES} venues`, () => {
  bench('rank: every venue scored (6 components), top 20 kept', () => {
    rank(
      { index: fit.index, artist: side, weights: DEFAULT_FIT_WEIGHTS },
      compileFilters(fit.index, undefined),
      0,
      20,
    );
  });
  bench('rank with filters (jazz, 200–800 places, Lyon)', () => {
    rank(
      { index: fit.index, artist: side, weights: DEFAULT_FIT_WEIGHTS },
      compileFilters(fit.index, filters),
      0,
      20,
    );
  });
  bench('fit.forArtist through the dispatch: refresh check, artist load, rank, 20 explained', async () => {
    await core.dispatch('fit.forArtist', { artistId, limit: 20 });
  });
});

describe(`the venue index over ${VENUES} venues`, () => {
  bench(
    'full rebuild from SQLite (one SELECT of JSON columns, room figures, gazetteer per distinct place)',
    () => {
      fit.index.invalidate();
      fit.index.refresh();
    },
    { iterations: 6, warmupIterations: 1 },
  );
});

describe(`similar artists over ${EMBEDDINGS} embeddings`, () => {
  bench('top-10 nearest (exact cosine, brute force)', () => {
    embeddings.nearest(query, 10);
  });
});

// fit.forVenue ranks the whole roster for one venue: a roster of 2,000 artists, half with an analysed
// demo, each with a few played shows. The artists, their latest demos and their shows are read in a few
// queries (not two per artist), and only the page shown is explained in words.
const ROSTER = 2_000;
const rosterVenue = fit.index.ids[0]!;
const someVenues = fit.index.ids.slice(0, 200);
{
  const now = () => new Date().toISOString();
  const insertArtist = db.prepare(
    `INSERT INTO artists (id, name, genres, city, country, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'FR', ?, ?)`,
  );
  const insertArtistPrivate = db.prepare(
    `INSERT INTO artists_private (artist_id, fee_min, fee_max, updated_at) VALUES (?, ?, ?, ?)`,
  );
  const insertDemo = db.prepare(
    `INSERT INTO demos (id, sha256, artist_id, file_path, file_name, status, analysis_version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'done', ?, ?, ?)`,
  );
  const insertAnalysis = db.prepare(
    `INSERT INTO demo_analyses (demo_id, analysis_version, result, summary, created_at, updated_at)
     VALUES (?, ?, ?, '{}', ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (id, artist_id, venue_id, date, status, capacity, tickets_sold, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'played', ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < ROSTER; i++) {
      const id = uuidv7();
      const updated = core.store.clock.tick();
      insertArtist.run(id, `Artiste ${i}`, JSON.stringify([pick(genres)]), pick(places)[0], now(), updated);
      insertArtistPrivate.run(id, 500 + Math.round(random() * 2000), 3000, updated);
      if (i % 2 === 0) {
        const demoId = uuidv7();
        const vector = Array.from({ length: DIM }, () => random() - 0.5);
        const result = {
          bpm: 80 + random() * 80,
          percussiveRatio: random(),
          energy: random(),
          acousticness: random(),
          loudnessLufs: -20 + random() * 12,
          loudnessRange: 8,
          brightnessHz: 1800,
          dynamicComplexity: 3,
          embedding: vector,
          embeddingVersion: EMBEDDING_VERSION,
          waveform: { bucketSec: 1, min: Array(240).fill(-0.5), max: Array(240).fill(0.5) },
        };
        insertDemo.run(
          demoId,
          demoId.replace(/-/g, '').padEnd(64, '0'),
          id,
          `/d/${demoId}.wav`,
          `${demoId}.wav`,
          ANALYSIS_VERSION,
          now(),
          updated,
        );
        insertAnalysis.run(demoId, ANALYSIS_VERSION, JSON.stringify(result), now(), updated);
      }
      for (let k = 0; k < 3; k++)
        insertEvent.run(
          uuidv7(),
          id,
          pick(someVenues),
          `2025-0${1 + k}-10`,
          300,
          Math.round(random() * 300),
          now(),
          updated,
        );
    }
  })();
}

describe(`a venue's ranking of a roster of ${ROSTER} artists`, () => {
  bench('fit.forVenue through the dispatch (batched reads, 20 explained)', async () => {
    await core.dispatch('fit.forVenue', { venueId: rosterVenue, limit: 20 });
  });
});
