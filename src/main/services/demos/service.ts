import { basename } from 'node:path';
import {
  ANALYSIS_VERSION,
  type AnalysisProgress,
  type AudioAnalysis,
  type KeyMode,
  type PitchClass,
  type Waveform,
} from '../../../shared/audio';
import {
  DEMO_PREVIEW_BUCKETS,
  type DemoAccuracy,
  type DemoError,
  type DemosCorrectInput,
  type DemoResultSummary,
  type DemoStage,
  type DemoStatus,
  type DemoSummary,
  type DemoView,
} from '../../../shared/demos';
import { AppError, ErrorCode } from '../../../shared/errors';
import { uuidv7 } from '../../../shared/ids';
import { foldForSearch } from '../../../shared/text';
import type { Store } from '../../store/database';
import { hlcToIso } from '../../store/hlc';
import { mirexKeyScore, tempoAccuracy } from '../audio/metrics';
import type { AnalysisPool } from '../audio/pool';
import type { EmitEvent } from '../jobs';
import { inspectFile, type FileInspection } from './files';

// Demos: the analysis queue. SQLite is the queue's truth (status queued → analysing → done | failed |
// cancelled), so a restart resumes it; the pool (audio/pool.ts) only ever holds as many jobs as it
// can run, taken oldest-queued first. Progress lives in memory (it is worth nothing after a restart)
// and is published as `demo.progress` events, at most one per 1 % per demo.
//
// Identity is the SHA-256 of the bytes: adding a file whose bytes are known finds its demo (even a
// deleted one, which comes back), updates where the file now lives, and queues it only when there is
// no result of the current ANALYSIS_VERSION. A path that cannot be read at all has no hash: its demo
// is kept, failed, keyed by its path.

/** Analyses interrupted by a crash of the app this many times are failed instead of retried forever. */
const MAX_ATTEMPTS = 3;
/** Files hashed at once by demos.add (reading is I/O-bound; hashing is cheap). */
const HASH_CONCURRENCY = 4;

export interface DemoServiceOptions {
  store: Store;
  emit: EmitEvent;
  /** The analysis pool, created on first use (no worker starts before the first job). */
  pool: () => AnalysisPool;
  /** Delay before an unfinished queue resumes after start-up, so the window opens first. */
  resumeDelayMs?: number;
  /** Recover the queue at start-up (default true); see startCore's `resumeQueue`. */
  resume?: boolean;
  log?: (message: string) => void;
}

export interface DemosFilter {
  query?: string | undefined;
  status?: DemoStatus | undefined;
  artistId?: string | undefined;
  limit: number;
}

interface DemoRow {
  id: string;
  sha256: string | null;
  artist_id: string | null;
  file_path: string;
  file_name: string;
  format: string;
  size_bytes: number;
  duration_sec: number | null;
  status: DemoStatus;
  error_code: string | null;
  error_message: string | null;
  analysis_version: number | null;
  heard_bpm: number | null;
  heard_key: PitchClass | null;
  heard_mode: KeyMode | null;
  heard_at: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  /** demo_analyses.summary or .result of analysis_version, by query. */
  result_json: string | null;
}

interface Running {
  controller: AbortController;
  stage: DemoStage;
  fraction: number;
  sentStage: DemoStage;
  sentFraction: number;
}

const COLUMNS = `d.id, d.sha256, d.artist_id, d.file_path, d.file_name, d.format, d.size_bytes, d.duration_sec,
  d.status, d.error_code, d.error_message, d.analysis_version, d.heard_bpm, d.heard_key, d.heard_mode, d.heard_at,
  d.deleted_at, d.created_at, d.updated_at`;
const withResult = (column: 'summary' | 'result') =>
  `SELECT ${COLUMNS}, a.${column} AS result_json FROM demos d
   LEFT JOIN demo_analyses a ON a.demo_id = d.id AND a.analysis_version = d.analysis_version`;

/** A waveform merged down to at most `buckets` min/max pairs (the list's thumbnail). */
export function previewWaveform(waveform: Waveform, buckets = DEMO_PREVIEW_BUCKETS): Waveform {
  const group = Math.ceil(waveform.min.length / buckets);
  if (group <= 1) return waveform;
  const min: number[] = [];
  const max: number[] = [];
  for (let i = 0; i < waveform.min.length; i += group) {
    min.push(Math.min(...waveform.min.slice(i, i + group)));
    max.push(Math.max(...waveform.max.slice(i, i + group)));
  }
  return { bucketSec: waveform.bucketSec * group, min, max };
}

export function summarizeResult(result: AudioAnalysis): DemoResultSummary {
  const { embedding: _embedding, ...rest } = result;
  return { ...rest, waveform: previewWaveform(result.waveform) };
}

function searchClause(query: string | undefined): { sql: string; params: string[] } {
  const terms = foldForSearch(query ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 10);
  return {
    sql: terms.map(() => ` AND d.search_text LIKE ? ESCAPE '\\'`).join(''),
    params: terms.map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
  };
}

/** Runs `work` over `items` with at most `limit` at once, results in input order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

export function createDemoService(options: DemoServiceOptions) {
  const { store, emit } = options;
  const { db, clock } = store;
  const log = options.log ?? ((message: string) => console.error(message));
  const running = new Map<string, Running>();
  let closed = false;
  let resumeTimer: NodeJS.Timeout | null = null;

  const selectSummary = db.prepare<[string], DemoRow>(`${withResult('summary')} WHERE d.id = ?`);
  const selectFull = db.prepare<[string], DemoRow>(`${withResult('result')} WHERE d.id = ?`);
  const selectBySha = db.prepare<[string], DemoRow>(`${withResult('summary')} WHERE d.sha256 = ?`);
  const selectUnreadable = db.prepare<[string], { id: string }>(
    `SELECT id FROM demos WHERE sha256 IS NULL AND file_path = ? AND deleted_at IS NULL`,
  );
  // Oldest first; rowid keeps the order files were added in when they share a millisecond.
  const selectNextQueued = db.prepare<[], { id: string; file_path: string; sha256: string | null }>(
    `SELECT id, file_path, sha256 FROM demos WHERE status = 'queued' AND deleted_at IS NULL
     ORDER BY queued_at, rowid LIMIT 1`,
  );
  const artistExists = db.prepare<[string]>(`SELECT 1 FROM artists WHERE id = ? AND deleted_at IS NULL`);

  const errorOf = (row: Pick<DemoRow, 'error_code' | 'error_message'>): DemoError | null => {
    if (row.error_code === null) return null;
    const code = ErrorCode.safeParse(row.error_code);
    return { code: code.success ? code.data : 'INTERNAL', message: row.error_message ?? '' };
  };

  function stageOf(row: DemoRow): { stage: DemoStage; fraction: number } {
    if (row.status === 'analysing') {
      const live = running.get(row.id);
      return { stage: live?.stage ?? 'decode', fraction: live?.fraction ?? 0 };
    }
    return { stage: row.status, fraction: row.status === 'done' ? 1 : 0 };
  }

  function toView<R>(row: DemoRow): Omit<DemoView, 'result'> & { result: R | null } {
    return {
      id: row.id,
      sha256: row.sha256,
      fileName: row.file_name,
      filePath: row.file_path,
      format: row.format,
      sizeBytes: row.size_bytes,
      durationSec: row.duration_sec,
      artistId: row.artist_id,
      status: row.status,
      ...stageOf(row),
      error: errorOf(row),
      analysisVersion: row.analysis_version,
      heard:
        row.heard_at === null
          ? null
          : {
              bpm: row.heard_bpm,
              key:
                row.heard_key !== null && row.heard_mode !== null
                  ? { key: row.heard_key, mode: row.heard_mode }
                  : null,
              at: row.heard_at,
            },
      result: row.result_json === null ? null : (JSON.parse(row.result_json) as R),
      createdAt: row.created_at,
      updatedAt: hlcToIso(row.updated_at),
    };
  }

  const notFound = (id: string) => new AppError('NOT_FOUND', `No demo with id ${id}`);

  function liveRow(id: string): DemoRow {
    const row = selectSummary.get(id);
    if (!row || row.deleted_at !== null) throw notFound(id);
    return row;
  }

  function summary(id: string): DemoSummary {
    return toView<DemoResultSummary>(liveRow(id));
  }

  function publish(id: string, status: DemoStatus, stage: DemoStage, fraction: number, error?: DemoError) {
    emit('demo.progress', { demoId: id, status, stage, fraction, ...(error ? { error } : {}) });
  }

  function setFinished(id: string, status: 'failed' | 'cancelled', error: DemoError): void {
    const now = clock.tick();
    db.prepare(
      `UPDATE demos SET status = ?, error_code = ?, error_message = ?, finished_at = ?, updated_at = ?
       WHERE id = ?`,
    ).run(status, error.code, error.message, now, now, id);
    publish(id, status, status, 0, error);
  }

  /** To the back of the queue, as a fresh start (errors and interrupted attempts forgotten). */
  function queue(id: string): void {
    const now = clock.tick();
    db.prepare(
      `UPDATE demos SET status = 'queued', error_code = NULL, error_message = NULL, queued_at = ?,
         started_at = NULL, finished_at = NULL, attempts = 0, updated_at = ?
       WHERE id = ?`,
    ).run(now, now, id);
    publish(id, 'queued', 'queued', 0);
  }

  // ---- The scheduler -----------------------------------------------------------------------------

  function pump(): void {
    if (closed) return;
    if (resumeTimer) {
      clearTimeout(resumeTimer);
      resumeTimer = null;
    }
    const pool = options.pool();
    while (running.size < pool.size) {
      const next = selectNextQueued.get();
      if (!next) return;
      start(pool, next.id, next.file_path, next.sha256);
    }
  }

  function start(pool: AnalysisPool, id: string, path: string, sha256: string | null): void {
    const now = clock.tick();
    db.prepare(
      `UPDATE demos SET status = 'analysing', started_at = ?, attempts = attempts + 1, updated_at = ?
       WHERE id = ?`,
    ).run(now, now, id);
    const job: Running = {
      controller: new AbortController(),
      stage: 'decode',
      fraction: 0,
      sentStage: 'decode',
      sentFraction: 0,
    };
    running.set(id, job);
    publish(id, 'analysing', 'decode', 0);
    pool
      .analyze(path, { signal: job.controller.signal, onProgress: (p) => progress(id, job, p) })
      .then(
        (result) => succeed(id, job, sha256, result),
        (error: unknown) => fail(id, job, error),
      )
      .catch((error: unknown) => {
        if (!closed) log(`[flowstage] demo ${id}: ${error instanceof Error ? error.stack : String(error)}`);
      })
      .finally(() => {
        if (running.get(id) === job) running.delete(id);
        pump();
      });
  }

  /** Whether a finished job's outcome still matters (not cancelled, deleted, or the app closing). */
  const current = (job: Running) => !closed && !job.controller.signal.aborted;

  function progress(id: string, job: Running, { stage, fraction }: AnalysisProgress): void {
    if (!current(job) || stage === 'done') return;
    job.stage = stage;
    job.fraction = Math.min(1, Math.max(0, fraction));
    if (stage === job.sentStage && job.fraction - job.sentFraction < 0.01) return;
    job.sentStage = stage;
    job.sentFraction = job.fraction;
    publish(id, 'analysing', stage, job.fraction);
  }

  function succeed(id: string, job: Running, sha256: string | null, result: AudioAnalysis): void {
    if (!current(job)) return;
    if (sha256 !== null && result.sha256 !== sha256) {
      fail(
        id,
        job,
        new AppError('CONFLICT', 'The file changed on disk since it was added: add it again to analyse it.'),
      );
      return;
    }
    const now = clock.tick();
    const created = new Date().toISOString();
    db.transaction(() => {
      db.prepare(
        `INSERT OR REPLACE INTO demo_analyses (demo_id, analysis_version, result, summary, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        result.analysisVersion,
        JSON.stringify(result),
        JSON.stringify(summarizeResult(result)),
        created,
        now,
      );
      db.prepare(`DELETE FROM demo_analyses WHERE demo_id = ? AND analysis_version <> ?`).run(
        id,
        result.analysisVersion,
      );
      db.prepare(
        `UPDATE demos SET status = 'done', format = ?, duration_sec = ?, analysis_version = ?,
           error_code = NULL, error_message = NULL, finished_at = ?, updated_at = ?
         WHERE id = ?`,
      ).run(result.format, result.durationSec, result.analysisVersion, now, now, id);
    })();
    running.delete(id);
    publish(id, 'done', 'done', 1);
  }

  function fail(id: string, job: Running, error: unknown): void {
    if (!current(job)) return;
    const shape: DemoError =
      error instanceof AppError
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL', message: 'The analysis failed unexpectedly.' };
    if (shape.code === 'INTERNAL')
      log(
        `[flowstage] analysis of demo ${id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    running.delete(id);
    setFinished(id, 'failed', shape);
  }

  // ---- Start-up: resume the queue, redo results of an older analysis version ----------------------

  if (options.resume !== false) {
    const now = clock.tick();
    db.transaction(() => {
      // Analyses cut short by a crash (a clean close puts them back in the queue itself).
      db.prepare(
        `UPDATE demos SET status = 'failed', error_code = 'INTERNAL',
           error_message = 'The analysis was interrupted ${MAX_ATTEMPTS} times (Flow Stage crashed or was killed during it). Retry it to try again.',
           finished_at = @now, updated_at = @now
         WHERE status = 'analysing' AND attempts >= ${MAX_ATTEMPTS}`,
      ).run({ now });
      db.prepare(`UPDATE demos SET status = 'queued', updated_at = @now WHERE status = 'analysing'`).run({
        now,
      });
      db.prepare(
        `UPDATE demos SET status = 'queued', queued_at = @now, attempts = 0, updated_at = @now
         WHERE status = 'done' AND analysis_version < @version AND deleted_at IS NULL`,
      ).run({ now, version: ANALYSIS_VERSION });
    })();
    if (selectNextQueued.get()) {
      resumeTimer = setTimeout(pump, options.resumeDelayMs ?? 0);
    }
  }

  // ---- The methods -------------------------------------------------------------------------------

  /** Records one inspected path (creating, finding or reviving its demo, queueing it if needed); returns its id. */
  function record(path: string, inspection: FileInspection, artistId: string | null): string {
    const now = clock.tick();
    const created = new Date().toISOString();
    const fileName = basename(path);
    const searchText = foldForSearch(fileName);
    return db.transaction(() => {
      if (inspection.kind === 'unreadable') {
        const { error } = inspection;
        const existing = selectUnreadable.get(path);
        if (existing) {
          db.prepare(
            `UPDATE demos SET artist_id = coalesce(?, artist_id), status = 'failed', error_code = ?,
               error_message = ?, finished_at = ?, updated_at = ? WHERE id = ?`,
          ).run(artistId, error.code, error.message, now, now, existing.id);
          publish(existing.id, 'failed', 'failed', 0, error);
          return existing.id;
        }
        const id = uuidv7();
        db.prepare(
          `INSERT INTO demos (id, sha256, artist_id, file_path, file_name, search_text, status, error_code,
             error_message, finished_at, created_at, updated_at)
           VALUES (?, NULL, ?, ?, ?, ?, 'failed', ?, ?, ?, ?, ?)`,
        ).run(id, artistId, path, fileName, searchText, error.code, error.message, now, created, now);
        publish(id, 'failed', 'failed', 0, error);
        return id;
      }

      const { sha256, sizeBytes, format, error } = inspection;
      const existing = selectBySha.get(sha256);
      if (!existing) {
        const id = uuidv7();
        db.prepare(
          `INSERT INTO demos (id, sha256, artist_id, file_path, file_name, search_text, format, size_bytes,
             status, error_code, error_message, queued_at, finished_at, created_at, updated_at)
           VALUES (@id, @sha256, @artistId, @path, @fileName, @searchText, @format, @sizeBytes, @status,
             @errorCode, @errorMessage, @queuedAt, @finishedAt, @created, @now)`,
        ).run({
          id,
          sha256,
          artistId,
          path,
          fileName,
          searchText,
          format,
          sizeBytes,
          status: error ? 'failed' : 'queued',
          errorCode: error?.code ?? null,
          errorMessage: error?.message ?? null,
          queuedAt: error ? null : now,
          finishedAt: error ? now : null,
          created,
          now,
        });
        if (error) publish(id, 'failed', 'failed', 0, error);
        else publish(id, 'queued', 'queued', 0);
        return id;
      }

      // Known bytes: the file may have moved, or come back after a delete.
      const { id } = existing;
      db.prepare(
        `UPDATE demos SET file_path = ?, file_name = ?, search_text = ?, format = CASE WHEN ? = '' THEN format ELSE ? END,
           size_bytes = ?, artist_id = coalesce(?, artist_id), deleted_at = NULL, updated_at = ? WHERE id = ?`,
      ).run(path, fileName, searchText, format, format, sizeBytes, artistId, now, id);
      const wasDeleted = existing.deleted_at !== null;
      if (!wasDeleted && (existing.status === 'queued' || existing.status === 'analysing')) return id;
      if (existing.analysis_version === ANALYSIS_VERSION && existing.result_json !== null) {
        if (existing.status !== 'done') {
          db.prepare(
            `UPDATE demos SET status = 'done', error_code = NULL, error_message = NULL WHERE id = ?`,
          ).run(id);
          publish(id, 'done', 'done', 1);
        }
        return id;
      }
      if (error) setFinished(id, 'failed', error);
      else queue(id);
      return id;
    })();
  }

  return {
    async add(paths: readonly string[], artistId?: string): Promise<{ demos: DemoSummary[] }> {
      if (artistId !== undefined && !artistExists.get(artistId))
        throw new AppError('NOT_FOUND', `No artist with id ${artistId}`);
      if (closed) throw new AppError('CONFLICT', 'Flow Stage is closing');
      const inspections = await mapLimit(paths, HASH_CONCURRENCY, (path) => inspectFile(path));
      if (closed) throw new AppError('CONFLICT', 'Flow Stage is closing');
      const ids = paths.map((path, i) => record(path, inspections[i]!, artistId ?? null));
      pump();
      return { demos: ids.map(summary) };
    },

    list(filter: DemosFilter): { items: DemoSummary[] } {
      const search = searchClause(filter.query);
      const where: string[] = ['d.deleted_at IS NULL'];
      const params: (string | number)[] = [];
      if (filter.status) {
        where.push('d.status = ?');
        params.push(filter.status);
      }
      if (filter.artistId) {
        where.push('d.artist_id = ?');
        params.push(filter.artistId);
      }
      const rows = db
        .prepare<(string | number)[], DemoRow>(
          `${withResult('summary')} WHERE ${where.join(' AND ')}${search.sql}
           ORDER BY d.created_at DESC, d.rowid DESC LIMIT ?`,
        )
        .all(...params, ...search.params, filter.limit);
      return { items: rows.map((row) => toView<DemoResultSummary>(row)) };
    },

    get(id: string): DemoView {
      const row = selectFull.get(id);
      if (!row || row.deleted_at !== null) throw notFound(id);
      return toView<AudioAnalysis>(row);
    },

    cancel(id: string): DemoSummary {
      const row = liveRow(id);
      if (row.status === 'queued' || row.status === 'analysing') {
        running.get(id)?.controller.abort();
        setFinished(id, 'cancelled', { code: 'CANCELLED', message: 'Analysis cancelled by the user.' });
      }
      return summary(id);
    },

    async retry(id: string): Promise<DemoSummary> {
      const row = liveRow(id);
      if (row.status === 'queued' || row.status === 'analysing') return summary(id);
      if (row.sha256 === null) {
        // Never read: look at the path again, as if it were added anew.
        const inspection = await inspectFile(row.file_path);
        if (inspection.kind === 'read') {
          const other = selectBySha.get(inspection.sha256);
          if (other && other.id !== id) {
            // The bytes belong to another demo: this one gives way to it.
            db.prepare(`UPDATE demos SET deleted_at = ?, updated_at = ? WHERE id = ?`).run(
              clock.tick(),
              clock.tick(),
              id,
            );
          } else {
            db.prepare(`UPDATE demos SET sha256 = ?, size_bytes = ?, format = ? WHERE id = ?`).run(
              inspection.sha256,
              inspection.sizeBytes,
              inspection.format,
              id,
            );
          }
        }
        const resultId = record(row.file_path, inspection, null);
        pump();
        return summary(resultId);
      }
      queue(id);
      pump();
      return summary(id);
    },

    remove(id: string): { id: string } {
      const row = liveRow(id);
      running.get(id)?.controller.abort();
      const now = clock.tick();
      db.prepare(
        `UPDATE demos SET deleted_at = ?, updated_at = ?,
           status = CASE WHEN status IN ('queued', 'analysing') THEN 'cancelled' ELSE status END
         WHERE id = ?`,
      ).run(now, now, row.id);
      return { id };
    },

    /**
     * Sets what the booker heard (tempo, key or both; null clears one). When both are cleared the
     * demo has no heard values any more (heard_at NULL). The measured result is never touched.
     */
    correct(input: DemosCorrectInput): DemoSummary {
      const row = liveRow(input.id);
      const bpm = input.bpm === undefined ? row.heard_bpm : input.bpm;
      const key = input.key === undefined ? row.heard_key : (input.key?.key ?? null);
      const mode = input.key === undefined ? row.heard_mode : (input.key?.mode ?? null);
      const now = clock.tick();
      const heardAt = bpm === null && key === null ? null : new Date().toISOString();
      db.prepare(
        `UPDATE demos SET heard_bpm = ?, heard_key = ?, heard_mode = ?, heard_at = ?, updated_at = ? WHERE id = ?`,
      ).run(bpm === null ? null : Math.round(bpm * 10) / 10, key, mode, heardAt, now, row.id);
      return summary(row.id);
    },

    /** The current analysis against what the booker heard (DemoAccuracy). */
    accuracy(): DemoAccuracy {
      const rows = db
        .prepare<
          [number],
          { heard_bpm: number | null; heard_key: string | null; heard_mode: string | null; summary: string }
        >(
          `SELECT d.heard_bpm, d.heard_key, d.heard_mode, a.summary FROM demos d
           JOIN demo_analyses a ON a.demo_id = d.id AND a.analysis_version = d.analysis_version
           WHERE d.deleted_at IS NULL AND d.heard_at IS NOT NULL AND d.analysis_version = ?`,
        )
        .all(ANALYSIS_VERSION);
      let tempoN = 0;
      let acc1 = 0;
      let acc2 = 0;
      let keyN = 0;
      let mirex = 0;
      let exact = 0;
      for (const row of rows) {
        const result = JSON.parse(row.summary) as Pick<AudioAnalysis, 'bpm' | 'key' | 'mode'>;
        if (row.heard_bpm !== null) {
          // A file with no measured tempo (silence, no pulse) counts as wrong.
          const a = tempoAccuracy(result.bpm ?? 0, row.heard_bpm);
          tempoN++;
          acc1 += a.acc1 ? 1 : 0;
          acc2 += a.acc2 ? 1 : 0;
        }
        if (row.heard_key !== null && row.heard_mode !== null) {
          const score =
            result.key !== null && result.mode !== null
              ? mirexKeyScore(
                  { key: result.key, mode: result.mode },
                  { key: row.heard_key, mode: row.heard_mode },
                )
              : 0;
          keyN++;
          mirex += score;
          exact += score === 1 ? 1 : 0;
        }
      }
      const share = (count: number, n: number): number | null => (n === 0 ? null : count / n);
      return {
        analysisVersion: ANALYSIS_VERSION,
        tempo: { n: tempoN, acc1: share(acc1, tempoN), acc2: share(acc2, tempoN) },
        key: { n: keyN, mirex: share(mirex, keyN), exact: share(exact, keyN) },
      };
    },

    /** Stops scheduling; running analyses go back to the queue (they resume at the next start). */
    close(): void {
      if (closed) return;
      closed = true;
      if (resumeTimer) clearTimeout(resumeTimer);
      const now = clock.tick();
      const requeue = db.prepare(
        `UPDATE demos SET status = 'queued', attempts = max(attempts - 1, 0), updated_at = ?
         WHERE id = ? AND status = 'analysing'`,
      );
      for (const [id, job] of running) {
        job.controller.abort();
        requeue.run(now, id);
      }
      running.clear();
    },
  };
}

export type DemoService = ReturnType<typeof createDemoService>;
