import { describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION, EMBEDDING_VERSION } from '../src/shared/audio';
import type { Artist, Venue, VenueInput } from '../src/shared/domain';
import { uuidv7 } from '../src/shared/ids';
import type { MethodOutput } from '../src/shared/contract';
import type { FlowstageCore } from '../src/main/app';
import { call, testCore } from './helpers';
import { genreOverlap, pairContext } from '../src/main/services/forecast/inputs';
import { venueFitGenreScore } from '../src/main/services/venue-fit/handlers';

type ForArtist = MethodOutput<'fit.forArtist'>;

async function venue(core: FlowstageCore, fields: VenueInput): Promise<Venue> {
  return call<Venue>(core, 'venues.create', fields);
}

/** A unit vector pointing mostly along `axis`, nudged by `noise` along axis + 1. */
function embedding(axis: number, noise = 0): number[] {
  const v = new Array<number>(64).fill(0);
  v[axis] = 1;
  v[(axis + 1) % 64] = noise;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** Stores a finished analysis for an artist, as the demo queue would. */
function addDemo(
  core: FlowstageCore,
  artistId: string | null,
  sound: { bpm: number; percussiveRatio: number; energy: number; acousticness: number; loudnessLufs: number },
  vector: number[],
): string {
  const id = uuidv7();
  const now = core.store.clock.tick();
  const sha = id.replace(/-/g, '').padEnd(64, '0').slice(0, 64);
  const result = {
    file: `/demos/${id}.wav`,
    sha256: sha,
    durationSec: 180,
    sampleRate: 44100,
    channels: 2,
    format: 'wav',
    bpm: sound.bpm,
    bpmConfidence: 0.8,
    bpmAlternative: sound.bpm / 2,
    key: 'D',
    mode: 'minor',
    keyConfidence: 0.5,
    keyRunnerUp: null,
    loudnessLufs: sound.loudnessLufs,
    loudnessRange: 6,
    truePeakDbtp: -1,
    energy: sound.energy,
    danceability: 0.5,
    acousticness: sound.acousticness,
    brightnessHz: 2000,
    dynamicComplexity: 2,
    percussiveRatio: sound.percussiveRatio,
    valence: 0.5,
    arousal: 0.5,
    mood: 'laid-back',
    embedding: vector,
    embeddingVersion: EMBEDDING_VERSION,
    waveform: { bucketSec: 1, min: [-0.5], max: [0.5] },
    flags: [],
    analysisVersion: ANALYSIS_VERSION,
  };
  core.store.db
    .prepare(
      `INSERT INTO demos (id, sha256, artist_id, file_path, file_name, status, analysis_version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'done', ?, ?, ?)`,
    )
    .run(id, sha, artistId, result.file, `${id}.wav`, ANALYSIS_VERSION, new Date().toISOString(), now);
  core.store.db
    .prepare(
      `INSERT INTO demo_analyses (demo_id, analysis_version, result, summary, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(id, ANALYSIS_VERSION, JSON.stringify(result), JSON.stringify({}), new Date().toISOString(), now);
  return id;
}

function addShow(
  core: FlowstageCore,
  artistId: string,
  venueId: string,
  date: string,
  capacity: number,
  ticketsSold: number,
): void {
  const now = core.store.clock.tick();
  core.store.db
    .prepare(
      `INSERT INTO events (id, artist_id, venue_id, date, status, capacity, tickets_sold, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'played', ?, ?, ?, ?)`,
    )
    .run(uuidv7(), artistId, venueId, date, capacity, ticketsSold, new Date().toISOString(), now);
}

const DENSE = { bpm: 174, percussiveRatio: 0.75, energy: 0.92, acousticness: 0.05, loudnessLufs: -7 };
const QUARTET = { bpm: 80, percussiveRatio: 0.12, energy: 0.25, acousticness: 0.92, loudnessLufs: -21 };

const byName = (r: ForArtist, name: string) => r.items.find((v) => v.name === name)!;
const component = (r: ForArtist, name: string, key: string) =>
  byName(r, name).components.find((c) => c.key === key)!;

describe('fit.forArtist', () => {
  it('works for an artist with no demo: genre explained, acoustics unknown and its weight redistributed', async () => {
    const core = testCore();
    const artist = await call<Artist>(core, 'artists.create', {
      name: 'Trio Nadia',
      genres: ['jazz'],
      city: 'Lyon',
      country: 'FR',
    });
    await venue(core, {
      name: 'Le Hot Club',
      city: 'Lyon',
      country: 'FR',
      genres: ['Jazz'],
      capacityStanding: 120,
    });
    await venue(core, {
      name: 'Metal Bunker',
      city: 'Lyon',
      country: 'FR',
      genres: ['metal'],
      capacityStanding: 120,
    });
    const r = await call<ForArtist>(core, 'fit.forArtist', { artistId: artist.id });
    expect(r.total).toBe(2);
    expect(r.sound.demoId).toBeNull();
    expect(r.items[0]!.name).toBe('Le Hot Club');
    expect(component(r, 'Le Hot Club', 'genre')).toMatchObject({
      score: 100,
      sentence: 'la salle programme du jazz',
    });
    expect(component(r, 'Metal Bunker', 'genre').score).toBe(0);
    const acoustics = component(r, 'Le Hot Club', 'acoustics');
    expect(acoustics.score).toBeNull();
    expect(acoustics.share).toBe(0);
    expect(acoustics.sentence).toMatch(/pas encore de démo/);
    const shares = byName(r, 'Le Hot Club').components.reduce((s, c) => s + c.share, 0);
    expect(shares).toBeCloseTo(1, 6);
    expect(byName(r, 'Le Hot Club').summary).toMatch(/^\d+\u00a0% — genre 100\u00a0%/);
    // English on request.
    const en = await call<ForArtist>(core, 'fit.forArtist', { artistId: artist.id, language: 'en' });
    expect(component(en, 'Le Hot Club', 'genre').sentence).toBe('the venue programs jazz');
  });

  it('uses the latest demo: a reverberant hall scores lower than a dry club for dense music', async () => {
    const core = testCore();
    const artist = await call<Artist>(core, 'artists.create', { name: 'Orage', genres: ['rock'] });
    addDemo(core, artist.id, DENSE, embedding(0));
    const base = { genres: ['rock'], capacityStanding: 400, room: { lengthM: 25, widthM: 14, heightM: 8 } };
    await venue(core, { ...base, name: 'Sec', acoustics: { rt60Sec: 0.7 } });
    await venue(core, { ...base, name: 'Cathédrale', acoustics: { rt60Sec: 3.2 } });
    const r = await call<ForArtist>(core, 'fit.forArtist', { artistId: artist.id });
    expect(r.sound.demoId).not.toBeNull();
    const dry = component(r, 'Sec', 'acoustics');
    const live = component(r, 'Cathédrale', 'acoustics');
    expect(dry.score!).toBeGreaterThan(live.score!);
    expect(live.sentence).toMatch(/RT60 mesuré 3,2\u00a0s, trop réverbérant/);
    expect(r.items[0]!.name).toBe('Sec');
    expect(byName(r, 'Cathédrale').recommendations.map((x) => x.topic)).toContain('monitoring');
  });

  it('capacity far above the draw → lower; the draw comes from past shows in that city', async () => {
    const core = testCore();
    const artist = await call<Artist>(core, 'artists.create', { name: 'Petit Public', genres: ['folk'] });
    const home = await venue(core, {
      name: 'Ancien lieu',
      city: 'Nantes',
      country: 'FR',
      capacityStanding: 250,
    });
    addShow(core, artist.id, home.id, '2025-03-01', 250, 230);
    addShow(core, artist.id, home.id, '2025-10-01', 250, 250);
    const sizes = [250, 600, 1500, 5000];
    for (const capacity of sizes)
      await venue(core, {
        name: `Salle ${capacity}`,
        city: 'Nantes',
        country: 'FR',
        capacityStanding: capacity,
      });
    const r = await call<ForArtist>(core, 'fit.forArtist', { artistId: artist.id, limit: 10 });
    const scores = sizes.map((c) => component(r, `Salle ${c}`, 'capacity').score!);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThan(scores[i - 1]!);
    expect(scores[0]).toBe(100);
    expect(component(r, 'Salle 600', 'capacity').sentence).toMatch(/votre public estimé à Nantes : 184–276/);
  });

  it('budget below the fee → lower; history counts the artist’s own full shows', async () => {
    const core = testCore();
    const artist = await call<Artist>(core, 'artists.create', {
      name: 'Cachet',
      fee: { min: 2000, max: 3000 },
    });
    const rich = await venue(core, { name: 'Riche', budget: { min: 2500, max: 4000 } });
    await venue(core, { name: 'Moyen', budget: { min: 1000, max: 2500 } });
    await venue(core, { name: 'Pauvre', budget: { min: 300, max: 800 } });
    await venue(core, { name: 'Franc', currency: 'CHF', budget: { min: 5000, max: 6000 } });
    addShow(core, artist.id, rich.id, '2025-01-01', 200, 190);
    const r = await call<ForArtist>(core, 'fit.forArtist', { artistId: artist.id });
    const fee = (n: string) => component(r, n, 'fee').score;
    expect(fee('Riche')).toBe(100);
    expect(fee('Moyen')!).toBeLessThan(100);
    expect(fee('Pauvre')!).toBeLessThan(fee('Moyen')!);
    expect(fee('Franc')).toBeNull();
    expect(component(r, 'Franc', 'fee').sentence).toMatch(/devises différentes/);
    expect(component(r, 'Riche', 'history')).toMatchObject({ score: 100 });
    expect(component(r, 'Riche', 'history').sentence).toMatch(/l'artiste lui-même y a rempli à 95/);
  });

  it('filters first, is deterministic, and sees venue edits at once (index refresh)', async () => {
    const core = testCore();
    const artist = await call<Artist>(core, 'artists.create', { name: 'Filtre', genres: ['jazz'] });
    const a = await venue(core, {
      name: 'A',
      city: 'Paris',
      country: 'FR',
      genres: ['jazz'],
      capacitySeated: 300,
    });
    await venue(core, { name: 'B', city: 'Lyon', country: 'FR', genres: ['jazz'], capacitySeated: 300 });
    await venue(core, { name: 'C', city: 'Paris', country: 'FR', genres: ['jazz'], capacitySeated: 2000 });
    const filtered = await call<ForArtist>(core, 'fit.forArtist', {
      artistId: artist.id,
      filters: { city: 'Paris', capacityMax: 500, genres: ['jazz'] },
    });
    expect(filtered.items.map((v) => v.name)).toEqual(['A']);
    const once = await call<ForArtist>(core, 'fit.forArtist', { artistId: artist.id });
    const twice = await call<ForArtist>(core, 'fit.forArtist', { artistId: artist.id });
    expect(twice).toEqual(once);
    await call(core, 'venues.update', {
      id: a.id,
      fields: { name: 'A', city: 'Lille', country: 'FR', genres: ['jazz'] },
    });
    const after = await call<ForArtist>(core, 'fit.forArtist', {
      artistId: artist.id,
      filters: { city: 'Paris' },
    });
    expect(after.items.map((v) => v.name)).toEqual(['C']);
    await call(core, 'venues.delete', { id: a.id });
    expect((await call<ForArtist>(core, 'fit.forArtist', { artistId: artist.id })).total).toBe(2);
  });

  it('refuses an unknown artist and a bad input', async () => {
    const core = testCore();
    const missing = await core.dispatch('fit.forArtist', { artistId: uuidv7() });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    const bad = await core.dispatch('fit.forArtist', { artistId: uuidv7(), limit: 0 });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
  });
});

describe('similar artists, demos, venues, weights', () => {
  async function scene() {
    const core = testCore();
    const me = await call<Artist>(core, 'artists.create', { name: 'Moi', genres: ['techno'] });
    const twin = await call<Artist>(core, 'artists.create', { name: 'Jumeau' });
    const cousin = await call<Artist>(core, 'artists.create', { name: 'Cousin' });
    const other = await call<Artist>(core, 'artists.create', { name: 'Autre' });
    addDemo(core, me.id, DENSE, embedding(3));
    addDemo(core, twin.id, DENSE, embedding(3, 0.1));
    addDemo(core, cousin.id, DENSE, embedding(3, 0.9));
    addDemo(core, other.id, QUARTET, embedding(40));
    const club = await venue(core, { name: 'Le Club', genres: ['techno'], capacityStanding: 300 });
    addShow(core, twin.id, club.id, '2025-05-01', 300, 290);
    addShow(core, other.id, club.id, '2025-06-01', 300, 30);
    return { core, me, twin, cousin, other, club };
  }

  it('nearest by sound first, with outcomes; history uses only similar-sounding artists', async () => {
    const { core, me, twin, cousin, other } = await scene();
    const r = await call<MethodOutput<'fit.similarArtists'>>(core, 'fit.similarArtists', {
      artistId: me.id,
      limit: 3,
    });
    expect(r.items.map((x) => x.artistId)).toEqual([twin.id, cousin.id, other.id]);
    expect(r.items[0]!.similarity).toBeGreaterThan(0.99);
    expect(r.items[0]!.distance).toBeCloseTo(1 - r.items[0]!.similarity, 3);
    expect(r.items[0]).toMatchObject({ played: 1, meanFillRate: 0.967 });
    const fit = await call<ForArtist>(core, 'fit.forArtist', { artistId: me.id });
    const club = fit.items[0]!;
    expect(club.similarArtists.map((a) => a.name)).toEqual(['Jumeau']);
    expect(club.components.find((c) => c.key === 'history')!.sentence).toMatch(
      /1 artiste au son proche y a rempli à 97/,
    );
  });

  it('fit.forDemo works for a demo with no artist, and similarArtists by demo', async () => {
    const { core, twin } = await scene();
    const loose = addDemo(core, null, DENSE, embedding(3, 0.05));
    const r = await call<MethodOutput<'fit.forDemo'>>(core, 'fit.forDemo', { demoId: loose });
    expect(r.artistId).toBeNull();
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.components.find((c) => c.key === 'acoustics')!.score).not.toBeNull();
    const near = await call<MethodOutput<'fit.similarArtists'>>(core, 'fit.similarArtists', {
      demoId: loose,
      limit: 1,
    });
    expect(near.items[0]!.artistId).toBe(twin.id);
    const both = await core.dispatch('fit.similarArtists', { demoId: loose, artistId: twin.id });
    expect(both.ok).toBe(false);
  });

  it('fit.forVenue ranks artists for a venue, and fit.compare puts two venues side by side', async () => {
    const { core, me, club } = await scene();
    const hall = await venue(core, { name: 'Grande salle', genres: ['classical'], capacitySeated: 1200 });
    const r = await call<MethodOutput<'fit.forVenue'>>(core, 'fit.forVenue', { venueId: club.id });
    expect(r.total).toBe(4);
    expect(r.items[0]!.name).toBe('Moi'); // the only techno act, sounding like the one who filled it
    const cmp = await call<MethodOutput<'fit.compare'>>(core, 'fit.compare', {
      artistId: me.id,
      venueIds: [club.id, hall.id],
    });
    expect(cmp.venues.map((v) => v.name)).toEqual(['Le Club', 'Grande salle']);
    expect(cmp.venues[0].score!).toBeGreaterThan(cmp.venues[1].score!);
  });

  it('weights: defaults, partial update, validation, reset; they change the score', async () => {
    const { core, me } = await scene();
    const initial = await call<MethodOutput<'fit.weights.get'>>(core, 'fit.weights.get', {});
    expect(initial.weights).toEqual(initial.defaults);
    const before = (await call<ForArtist>(core, 'fit.forArtist', { artistId: me.id })).items[0]!.score;
    const set = await call<MethodOutput<'fit.weights.set'>>(core, 'fit.weights.set', {
      weights: { genre: 0, acoustics: 0, capacity: 0, audience: 0, fee: 0, history: 100 },
    });
    expect(set.weights.history).toBe(100);
    const after = (await call<ForArtist>(core, 'fit.forArtist', { artistId: me.id })).items[0]!;
    expect(after.score).toBe(100); // only history counts now: the twin filled it to 97 %
    expect(after.score).not.toBe(before);
    const zero = await core.dispatch('fit.weights.set', { weights: { history: 0 } });
    expect(zero.ok ? null : zero.error.code).toBe('VALIDATION');
    const negative = await core.dispatch('fit.weights.set', { weights: { genre: -1 } });
    expect(negative.ok).toBe(false);
    const reset = await call<MethodOutput<'fit.weights.set'>>(core, 'fit.weights.set', { reset: true });
    expect(reset.weights).toEqual(reset.defaults);
  });
});

describe('the forecasts use the venue-fit genre component', () => {
  it('gives a jazz artist a higher genre fit in a jazz club than in a metal venue', async () => {
    const core = testCore();
    const artist = await call<Artist>(core, 'artists.create', { name: 'Quartet', genres: ['jazz', 'soul'] });
    const jazzClub = await venue(core, { name: 'Caveau', city: 'Paris', kind: 'club', genres: ['jazz'] });
    const metalHall = await venue(core, { name: 'Hellhall', city: 'Paris', genres: ['metal'] });
    const inClub = pairContext(core.store, artist.id, jazzClub.id).genreFit;
    const inMetal = pairContext(core.store, artist.id, metalHall.id).genreFit;
    expect(inClub).not.toBeNull();
    expect(inMetal).not.toBeNull();
    expect(inClub!).toBeGreaterThan(inMetal!);
    // the venue-fit formula (best genre 0.7 + mean 0.3), not the forecast's own fallback overlap
    expect(inClub).toBeCloseTo(venueFitGenreScore(['jazz', 'soul'], ['jazz'])!, 12);
    expect(inClub).not.toBeCloseTo(genreOverlap(['jazz', 'soul'], ['jazz'])!, 6);
    core.close();
  });
});
