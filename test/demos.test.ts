import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../src/shared/contract';
import type { DemoProgress, DemoSummary, DemoView } from '../src/shared/demos';
import { ANALYSIS_VERSION, PITCH_CLASSES } from '../src/shared/audio';
import { AppError } from '../src/shared/errors';
import type { AnalysisSetup, FlowstageCore } from '../src/main/app';
import { analyzeFile } from '../src/main/services/audio/analyze';
import { createInlinePool, type AnalyzeFn } from '../src/main/services/audio/pool';
import { openStore } from '../src/main/store/database';
import { migrations } from '../src/main/store/migrations';
import { databaseFile } from '../src/main/profile';
import { call, tempDir, testCore } from './helpers';

// The demo queue through core.dispatch, on real files of ../shared/corpus/decoding (analysed
// in-process: the worker executor has its own tests in audio-pool.test.ts).

const corpus = resolve(__dirname, '../../shared/corpus/decoding');
const MP3 = join(corpus, 'format/brahms_cbr128.mp3');
const MP3_SHA = 'e6935c7babfe25f38a211549bd8dedc7cb9ef73625e77195f0334d705f2db2c9';
const OGG = join(corpus, 'tempo/amen_140bpm_x2.ogg');
const SMALL = join(corpus, 'rate/brahms_8000_mono_16k.mp3');
const PNG = join(corpus, 'corrupt/png_named.wav');
const TOO_SHORT = join(corpus, 'short/brahms_2s.mp3');
const EMPTY = join(corpus, 'corrupt/empty_0_bytes.mp3');

const fast: AnalysisSetup = { resumeDelayMs: 0, poolSize: 2 };

/** An in-process pool whose analyses wait until released (or aborted): the queue under control. */
function pausedAnalysis() {
  let open = false;
  const waiting: (() => void)[] = [];
  const started: string[] = [];
  const analyze: AnalyzeFn = async (path, options) => {
    started.push(path);
    await new Promise<void>((resolve, reject) => {
      if (open) return resolve();
      waiting.push(resolve);
      options.signal?.addEventListener('abort', () =>
        reject(new AppError('CANCELLED', 'Analysis cancelled')),
      );
    });
    return analyzeFile(path, options);
  };
  return {
    setup: { resumeDelayMs: 0, pool: () => createInlinePool({ size: 1, analyze }) } satisfies AnalysisSetup,
    started,
    release() {
      open = true;
      for (const go of waiting.splice(0)) go();
    },
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const get = (core: FlowstageCore, id: string) => call<DemoView>(core, 'demos.get', { id });
const add = async (core: FlowstageCore, paths: string[], artistId?: string) =>
  (await call<{ demos: DemoSummary[] }>(core, 'demos.add', { paths, ...(artistId ? { artistId } : {}) }))
    .demos;
const list = async (core: FlowstageCore, filter: Record<string, unknown> = {}) =>
  (await call<{ items: DemoSummary[] }>(core, 'demos.list', filter)).items;

/** Queued, or already picked up (the queue starts as soon as a call returns). */
const inQueue = (demo: { status: string }) => demo.status === 'queued' || demo.status === 'analysing';

/** Waits until every demo has left the queue; returns them in the order given. */
async function settled(core: FlowstageCore, ids: string[]): Promise<DemoView[]> {
  return until('the queue to finish', async () => {
    const views = await Promise.all(ids.map((id) => get(core, id)));
    return views.every((v) => v.status !== 'queued' && v.status !== 'analysing') ? views : undefined;
  });
}

function recordEvents(core: FlowstageCore): DemoProgress[] {
  const seen: DemoProgress[] = [];
  core.onEvent((event: EventName, payload: EventPayload<EventName>) => {
    if (event === 'demo.progress') seen.push(payload as DemoProgress);
  });
  return seen;
}

describe('demos', () => {
  it('analyses dropped files in the background; the same bytes again are instant', async () => {
    const core = testCore(tempDir(), fast);
    const events = recordEvents(core);
    const [a, b] = await add(core, [MP3, OGG]);
    expect(a).toMatchObject({ sha256: MP3_SHA, fileName: 'brahms_cbr128.mp3', format: 'mp3', result: null });
    expect(inQueue(a!)).toBe(true);
    const [doneA, doneB] = await settled(core, [a!.id, b!.id]);
    expect(doneA).toMatchObject({ status: 'done', stage: 'done', fraction: 1, error: null });
    expect(doneA!.analysisVersion).toBe(ANALYSIS_VERSION);
    expect(doneA!.durationSec).toBeCloseTo(12, 0);
    expect(doneA!.result).toMatchObject({ sha256: MP3_SHA, format: 'mp3' });
    expect(doneA!.result!.embedding).toHaveLength(64);
    expect(doneB!.result!.bpm).toBeGreaterThan(0);

    const forA = events.filter((e) => e.demoId === a!.id);
    expect(forA[0]).toMatchObject({ status: 'queued', stage: 'queued', fraction: 0 });
    expect(forA.some((e) => e.status === 'analysing' && e.stage === 'decode')).toBe(true);
    expect(forA.at(-1)).toEqual({ demoId: a!.id, status: 'done', stage: 'done', fraction: 1 });

    // Again, from elsewhere and under another name: same demo, done at once, no analysis.
    const copy = join(tempDir(), 'Démo finale (v2).mp3');
    copyFileSync(MP3, copy);
    const before = events.length;
    const [again] = await add(core, [copy]);
    expect(again).toMatchObject({
      id: a!.id,
      status: 'done',
      filePath: copy,
      fileName: 'Démo finale (v2).mp3',
    });
    expect(again!.result!.bpm).toBe(doneA!.result!.bpm);
    expect(events.length).toBe(before);
    expect(await list(core)).toHaveLength(2);
  });

  it('lists light results, gets the full one, filters by status, name and artist', async () => {
    const core = testCore(tempDir(), fast);
    const artist = await call<{ id: string }>(core, 'artists.create', { name: 'Quatuor Hongrois' });
    const [a, b] = await add(core, [MP3, SMALL], artist.id);
    await settled(core, [a!.id, b!.id]);
    const [c] = await add(core, [PNG]);

    const items = await list(core);
    expect(items.map((d) => d.id)).toEqual([c!.id, b!.id, a!.id]); // newest first
    const summary = items.find((d) => d.id === a!.id)!;
    expect(summary.result).not.toHaveProperty('embedding');
    expect(summary.result!.waveform.min.length).toBeLessThanOrEqual(100);
    const full = await get(core, a!.id);
    expect(full.result!.waveform.min.length).toBeGreaterThan(100);
    expect(full.artistId).toBe(artist.id);

    expect((await list(core, { status: 'failed' })).map((d) => d.id)).toEqual([c!.id]);
    expect((await list(core, { artistId: artist.id })).map((d) => d.id)).toEqual([b!.id, a!.id]);
    expect((await list(core, { query: 'BRAHMS 8000' })).map((d) => d.id)).toEqual([b!.id]);
    expect(await list(core, { query: '%' })).toEqual([]);
  });

  it('fails unreadable and non-audio files with a clear error; the others still go through', async () => {
    const core = testCore(tempDir(), fast);
    const folder = tempDir();
    const missing = join(folder, 'parti.mp3');
    const folderPath = join(folder, 'a folder');
    mkdirSync(folderPath);
    const demos = await add(core, [PNG, MP3, missing, TOO_SHORT, folderPath, EMPTY]);
    const [png, good, gone, short, dir, empty] = demos;
    // Refused before any analysis: in the answer already.
    expect(png).toMatchObject({
      status: 'failed',
      stage: 'failed',
      error: { code: 'UNSUPPORTED_MEDIA', message: 'Not an audio file: this is a PNG image.' },
    });
    expect(gone).toMatchObject({ status: 'failed', sha256: null, error: { code: 'NOT_FOUND' } });
    expect(dir).toMatchObject({ status: 'failed', sha256: null, error: { code: 'UNSUPPORTED_MEDIA' } });
    expect(dir!.error!.message).toMatch(/folder/);
    expect(empty).toMatchObject({
      status: 'failed',
      sizeBytes: 0,
      error: { message: 'The file is empty (0 bytes).' },
    });

    const [, goodDone, , shortDone] = await settled(
      core,
      demos.map((d) => d.id),
    );
    expect(goodDone!.status).toBe('done');
    expect(good!.id).toBe(goodDone!.id);
    expect(shortDone).toMatchObject({ status: 'failed', error: { code: 'UNSUPPORTED_MEDIA' } });
    expect(shortDone!.error!.message).toMatch(/Too short/);
    expect(short!.id).toBe(shortDone!.id);

    // The missing file appears: a retry reads it again.
    copyFileSync(SMALL, missing);
    const retried = await call<DemoSummary>(core, 'demos.retry', { id: gone!.id });
    expect(retried).toMatchObject({
      id: gone!.id,
      error: null,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(inQueue(retried)).toBe(true);
    expect((await settled(core, [gone!.id]))[0]!.status).toBe('done');
  });

  it('validates its input', async () => {
    const core = testCore(tempDir(), fast);
    const cases: [unknown, string][] = [
      [{ paths: [] }, 'VALIDATION'],
      [{ paths: ['relative/demo.mp3'] }, 'VALIDATION'],
      [{ paths: ['/tmp/a\0b.mp3'] }, 'VALIDATION'],
      [{ paths: Array.from({ length: 501 }, (_, i) => `/tmp/${i}.mp3`) }, 'VALIDATION'],
      [{ paths: [MP3], artistId: '0190a0a0-0000-7000-8000-000000000000' }, 'NOT_FOUND'],
      [{ paths: [MP3], extra: 1 }, 'VALIDATION'],
    ];
    for (const [input, code] of cases) {
      expect(await core.dispatch('demos.add', input), JSON.stringify(input).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code },
      });
    }
    expect(await list(core)).toEqual([]);
    expect(await core.dispatch('demos.get', { id: '0190a0a0-0000-7000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // Windows paths are absolute too (they fail here as missing files, not as invalid input).
    const [win] = await add(core, ['C:\\Démos\\a.wav']);
    expect(win!.error!.code).toBe('NOT_FOUND');
  });

  it('cancels a queued or running analysis, and retries it', async () => {
    const paused = pausedAnalysis();
    const core = testCore(tempDir(), paused.setup);
    const [a, b] = await add(core, [MP3, OGG]);
    await until('the first analysis to start', () => (paused.started.length === 1 ? true : undefined));
    expect((await get(core, a!.id)).status).toBe('analysing');
    expect((await get(core, b!.id)).status).toBe('queued');

    const cancelledB = await call<DemoSummary>(core, 'demos.cancel', { id: b!.id });
    expect(cancelledB).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    const cancelledA = await call<DemoSummary>(core, 'demos.cancel', { id: a!.id });
    expect(cancelledA).toMatchObject({ status: 'cancelled', stage: 'cancelled' });
    paused.release();
    await new Promise((r) => setTimeout(r, 100));
    expect((await get(core, a!.id)).status).toBe('cancelled');
    expect((await get(core, b!.id)).status).toBe('cancelled');
    expect(paused.started).toEqual([MP3]); // b never started

    const retried = await call<DemoSummary>(core, 'demos.retry', { id: b!.id });
    expect(retried).toMatchObject({ error: null });
    expect(inQueue(retried)).toBe(true);
    expect((await settled(core, [b!.id]))[0]!.status).toBe('done');
    // Cancelling a finished demo changes nothing; retrying it analyses it again.
    expect(await call<DemoSummary>(core, 'demos.cancel', { id: b!.id })).toMatchObject({ status: 'done' });
    expect(inQueue(await call<DemoSummary>(core, 'demos.retry', { id: b!.id }))).toBe(true);
    const redone = (await settled(core, [b!.id]))[0]!;
    expect(redone.status).toBe('done');
    expect(redone.result).not.toBeNull();
  });

  it('resumes an unfinished queue after a restart', async () => {
    const dataDir = tempDir();
    const paused = pausedAnalysis();
    const first = testCore(dataDir, paused.setup);
    const demos = await add(first, [MP3, OGG, SMALL]);
    await until('the first analysis to start', () => (paused.started.length === 1 ? true : undefined));
    first.close(); // mid-queue: one analysing, two queued

    const raw = openStore(databaseFile(dataDir));
    const statuses = raw.db.prepare(`SELECT status, attempts FROM demos ORDER BY queued_at`).all();
    raw.close();
    expect(statuses).toEqual([
      { status: 'queued', attempts: 0 }, // a clean close hands the running one back
      { status: 'queued', attempts: 0 },
      { status: 'queued', attempts: 0 },
    ]);

    const second = testCore(dataDir, fast);
    const views = await settled(
      second,
      demos.map((d) => d.id),
    );
    expect(views.map((v) => v.status)).toEqual(['done', 'done', 'done']);
  });

  it('resumes after a crash, but not forever', async () => {
    const dataDir = tempDir();
    const paused = pausedAnalysis();
    const first = testCore(dataDir, paused.setup);
    const [a, b] = await add(first, [MP3, OGG]);
    first.close();
    // What a crash leaves: rows still analysing (one of them for the third time).
    const raw = openStore(databaseFile(dataDir));
    raw.db.prepare(`UPDATE demos SET status = 'analysing', attempts = 1 WHERE id = ?`).run(a!.id);
    raw.db.prepare(`UPDATE demos SET status = 'analysing', attempts = 3 WHERE id = ?`).run(b!.id);
    raw.close();

    const second = testCore(dataDir, fast);
    const [doneA, failedB] = await settled(second, [a!.id, b!.id]);
    expect(doneA!.status).toBe('done');
    expect(failedB).toMatchObject({ status: 'failed', error: { code: 'INTERNAL' } });
    expect(failedB!.error!.message).toMatch(/interrupted 3 times/);
    expect(inQueue(await call<DemoSummary>(second, 'demos.retry', { id: b!.id }))).toBe(true);
    expect((await settled(second, [b!.id]))[0]!.status).toBe('done');
  });

  it('redoes results of an older analysis version, at start-up and when the file is added again', async () => {
    const dataDir = tempDir();
    const first = testCore(dataDir, fast);
    const [a, b] = await add(first, [MP3, SMALL]);
    await settled(first, [a!.id, b!.id]);
    first.close();
    const ageResult = (id: string) => {
      const raw = openStore(databaseFile(dataDir));
      raw.db.prepare(`UPDATE demo_analyses SET analysis_version = 0 WHERE demo_id = ?`).run(id);
      raw.db.prepare(`UPDATE demos SET analysis_version = 0 WHERE id = ?`).run(id);
      raw.close();
    };
    ageResult(a!.id);

    const paused = pausedAnalysis();
    const second = testCore(dataDir, paused.setup);
    const stale = await get(second, a!.id);
    expect(stale).toMatchObject({ analysisVersion: 0 }); // the old result stays visible meanwhile
    expect(stale.result).not.toBeNull();
    expect(inQueue(stale)).toBe(true);
    expect((await get(second, b!.id)).status).toBe('done'); // current: untouched
    paused.release();
    const redone = (await settled(second, [a!.id]))[0]!;
    expect(redone).toMatchObject({ status: 'done', analysisVersion: ANALYSIS_VERSION });
    const rows = second.store.db
      .prepare(`SELECT analysis_version FROM demo_analyses WHERE demo_id = ?`)
      .all(a!.id);
    expect(rows).toEqual([{ analysis_version: ANALYSIS_VERSION }]);

    // Adding a file whose stored result is old queues it instead of answering at once.
    second.store.db.prepare(`UPDATE demos SET analysis_version = 0 WHERE id = ?`).run(b!.id);
    second.store.db.prepare(`UPDATE demo_analyses SET analysis_version = 0 WHERE demo_id = ?`).run(b!.id);
    const [again] = await add(second, [SMALL]);
    expect(again).toMatchObject({ id: b!.id });
    expect(inQueue(again!)).toBe(true);
    expect((await settled(second, [b!.id]))[0]!.analysisVersion).toBe(ANALYSIS_VERSION);
  });

  it('keeps what the booker heard, scores the analysis against it, and keeps it across re-analysis', async () => {
    const dataDir = tempDir();
    const core = testCore(dataDir, fast);
    const [mp3, ogg] = await add(core, [MP3, OGG]);
    const [doneMp3, doneOgg] = await settled(core, [mp3!.id, ogg!.id]);
    const accuracy = () => call<Record<string, unknown>>(core, 'demos.accuracy', {});
    expect(await accuracy()).toEqual({
      analysisVersion: ANALYSIS_VERSION,
      tempo: { n: 0, acc1: null, acc2: null },
      key: { n: 0, mirex: null, exact: null },
    });
    expect(doneMp3!.heard).toBeNull();

    // The drum loop: the booker confirms the measured tempo, then hears the key as its relative.
    const measured = doneOgg!.result!;
    const confirmed = await call<DemoSummary>(core, 'demos.correct', { id: ogg!.id, bpm: measured.bpm });
    expect(confirmed.heard).toMatchObject({ bpm: Math.round(measured.bpm! * 10) / 10, key: null });
    expect(confirmed.result!.bpm).toBe(measured.bpm); // the measured value is kept
    // The Brahms: heard at half the measured tempo (an octave error), key exactly as measured.
    const brahms = doneMp3!.result!;
    const half = Math.max(30, brahms.bpm! / 2);
    await call(core, 'demos.correct', {
      id: mp3!.id,
      bpm: half,
      key: { key: brahms.key, mode: brahms.mode },
    });
    const scored = await accuracy();
    expect(scored).toMatchObject({ tempo: { n: 2, acc1: 0.5 }, key: { n: 1, mirex: 1, exact: 1 } });
    expect((scored as { tempo: { acc2: number } }).tempo.acc2).toBe(brahms.bpm! / 2 >= 30 ? 1 : 0.5);

    // A relative-minor/major reading scores 0.3 (MIREX).
    const tonic = PITCH_CLASSES.indexOf(brahms.key!);
    const relative =
      brahms.mode === 'major'
        ? { key: PITCH_CLASSES[(tonic + 9) % 12], mode: 'minor' }
        : { key: PITCH_CLASSES[(tonic + 3) % 12], mode: 'major' };
    await call(core, 'demos.correct', { id: mp3!.id, key: relative });
    expect(await accuracy()).toMatchObject({ key: { n: 1, mirex: 0.3, exact: 0 } });

    // Bad input changes nothing.
    for (const input of [
      { id: mp3!.id, bpm: 500 },
      { id: mp3!.id, bpm: Number.NaN },
      { id: mp3!.id, key: { key: 'H', mode: 'major' } },
      { id: mp3!.id, key: { key: 'C' } },
      { id: mp3!.id },
      { id: mp3!.id, bpm: 100, extra: true },
    ])
      expect(await core.dispatch('demos.correct', input), JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    expect(
      await core.dispatch('demos.correct', { id: '0190a0a0-0000-7000-8000-000000000000', bpm: 100 }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await get(core, mp3!.id)).heard).toMatchObject({
      bpm: Math.round(half * 10) / 10,
      key: relative,
    });

    // Clearing one keeps the other; clearing both forgets the reading.
    expect((await call<DemoSummary>(core, 'demos.correct', { id: mp3!.id, bpm: null })).heard).toMatchObject({
      bpm: null,
      key: relative,
    });
    expect((await call<DemoSummary>(core, 'demos.correct', { id: mp3!.id, key: null })).heard).toBeNull();

    // A re-analysis (older version redone) keeps the reading.
    core.close();
    const raw = openStore(databaseFile(dataDir));
    raw.db.prepare(`UPDATE demo_analyses SET analysis_version = 0 WHERE demo_id = ?`).run(ogg!.id);
    raw.db.prepare(`UPDATE demos SET analysis_version = 0 WHERE id = ?`).run(ogg!.id);
    raw.close();
    const again = testCore(dataDir, fast);
    const redone = (await settled(again, [ogg!.id]))[0]!;
    expect(redone.analysisVersion).toBe(ANALYSIS_VERSION);
    expect(redone.heard).toMatchObject({ bpm: Math.round(measured.bpm! * 10) / 10 });
  });

  it('deletes with a tombstone, never touching the file; adding it again brings it back', async () => {
    const core = testCore(tempDir(), fast);
    const copy = join(tempDir(), 'demo.mp3');
    copyFileSync(SMALL, copy);
    const [a] = await add(core, [copy]);
    await settled(core, [a!.id]);
    expect(await call(core, 'demos.delete', { id: a!.id })).toEqual({ id: a!.id });
    expect(await list(core)).toEqual([]);
    expect(await core.dispatch('demos.get', { id: a!.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(existsSync(copy)).toBe(true);
    const row = core.store.db.prepare(`SELECT deleted_at FROM demos WHERE id = ?`).get(a!.id) as {
      deleted_at: string;
    };
    expect(row.deleted_at).toMatch(/^\d{4}-/);

    const [back] = await add(core, [copy]);
    expect(back).toMatchObject({ id: a!.id, status: 'done' });

    // Deleting a running analysis stops it.
    const paused = pausedAnalysis();
    const other = testCore(tempDir(), paused.setup);
    const [b] = await add(other, [MP3]);
    await until('the analysis to start', () => (paused.started.length === 1 ? true : undefined));
    await call(other, 'demos.delete', { id: b!.id });
    paused.release();
    await new Promise((r) => setTimeout(r, 100));
    const raw = other.store.db.prepare(`SELECT status FROM demos WHERE id = ?`).get(b!.id);
    expect(raw).toEqual({ status: 'cancelled' });
  });

  it('fails a file changed on disk between adding and analysing', async () => {
    const paused = pausedAnalysis();
    const core = testCore(tempDir(), paused.setup);
    const path = join(tempDir(), 'changing.mp3');
    copyFileSync(MP3, path);
    const [a, b] = await add(core, [OGG, path]);
    await until('the first analysis to start', () => (paused.started.length === 1 ? true : undefined));
    copyFileSync(SMALL, path); // the bytes hashed by demos.add are gone
    paused.release();
    const [, changed] = await settled(core, [a!.id, b!.id]);
    expect(changed).toMatchObject({ status: 'failed', error: { code: 'CONFLICT' } });
  });

  it('migrates demos of a version-2 profile into the queue', () => {
    const dataDir = tempDir();
    const old = openStore(databaseFile(dataDir), { migrations: migrations.slice(0, 2) });
    old.db
      .prepare(
        `INSERT INTO demos (id, sha256, file_path, format, size_bytes, created_at, updated_at)
         VALUES ('0190a0a0-0000-7000-8000-000000000001', ?, '/music/démos/Live à Lyon.wav', 'wav', 10, 'x', 'y')`,
      )
      .run('a'.repeat(64));
    old.close();
    const upgraded = openStore(databaseFile(dataDir));
    expect(upgraded.db.prepare(`SELECT file_name, status, sha256 FROM demos`).get()).toEqual({
      file_name: 'Live à Lyon.wav',
      status: 'queued',
      sha256: 'a'.repeat(64),
    });
    upgraded.close();
  });
});
