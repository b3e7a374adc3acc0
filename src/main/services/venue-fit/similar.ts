import { EMBEDDING_LENGTH, EMBEDDING_VERSION } from '../../../shared/audio';
import type { Store } from '../../store/database';

/*
 * Artists by sound: nearest neighbours on the 64-d embedding of each artist's latest analysed demo.
 *
 * The architecture note suggests sqlite-vec; it is not installed, and it is not needed: the vectors
 * are unit length (the analysis normalises them), so cosine similarity is a dot product, and a packed
 * Float32Array of 100,000 × 64 floats (25 MB) scanned brute force with a 10-slot insertion list
 * answers a top-10 in a few milliseconds (bench/venue-fit.bench.ts) — exact, not approximate, with
 * nothing native to ship. The index reloads when demos, analyses or artists change.
 */

export const DIM = EMBEDDING_LENGTH;

interface EmbeddingRow {
  artist_id: string;
  demo_id: string;
  embedding: string | null;
  version: number | null;
}

export interface Neighbour {
  artistId: string;
  demoId: string;
  similarity: number;
}

/** Unit-length copy (a zero vector stays zero), or null when the length is wrong. */
export function toUnitVector(values: readonly number[]): Float32Array | null {
  if (values.length !== DIM) return null;
  const v = Float32Array.from(values);
  let norm = 0;
  for (let i = 0; i < DIM; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm);
  if (norm === 0 || !Number.isFinite(norm)) return null;
  for (let i = 0; i < DIM; i++) v[i]! /= norm;
  return v;
}

export class EmbeddingIndex {
  artistIds: string[] = [];
  demoIds: string[] = [];
  vectors = new Float32Array(0);
  readonly slotByArtist = new Map<string, number>();
  private fingerprint = { dataVersion: -1, changes: -1, key: '' };

  constructor(private readonly store: Store | null) {}

  get size(): number {
    return this.artistIds.length;
  }

  refresh(): void {
    if (!this.store) return;
    const { db } = this.store;
    const dataVersion = db.pragma('data_version', { simple: true }) as number;
    const changes = (db.prepare('SELECT total_changes() AS c').get() as { c: number }).c;
    if (dataVersion === this.fingerprint.dataVersion && changes === this.fingerprint.changes) return;
    const { key } = db
      .prepare(
        `SELECT (SELECT count(*) || '/' || coalesce(max(updated_at), '') FROM demos) || '|' ||
                (SELECT count(*) || '/' || coalesce(max(updated_at), '') FROM demo_analyses) || '|' ||
                (SELECT count(*) || '/' || coalesce(max(updated_at), '') FROM artists) AS key`,
      )
      .get() as { key: string };
    const same = key === this.fingerprint.key;
    this.fingerprint = { dataVersion, changes, key };
    if (same) return;
    // Newest analysed demo first for each live artist; json_extract keeps the waveform out of JS.
    const rows = db
      .prepare<[], EmbeddingRow>(
        `SELECT d.artist_id, d.id AS demo_id,
                json_extract(a.result, '$.embedding') AS embedding,
                json_extract(a.result, '$.embeddingVersion') AS version
         FROM demos d
         JOIN demo_analyses a ON a.demo_id = d.id AND a.analysis_version = d.analysis_version
         JOIN artists ar ON ar.id = d.artist_id AND ar.deleted_at IS NULL
         WHERE d.deleted_at IS NULL AND d.status = 'done'
         ORDER BY d.artist_id, d.created_at DESC, d.id DESC`,
      )
      .all();
    const entries: { artistId: string; demoId: string; vector: Float32Array }[] = [];
    let last = '';
    for (const row of rows) {
      if (row.artist_id === last || row.embedding === null || row.version !== EMBEDDING_VERSION) continue;
      const vector = toUnitVector(JSON.parse(row.embedding) as number[]);
      if (!vector) continue;
      last = row.artist_id;
      entries.push({ artistId: row.artist_id, demoId: row.demo_id, vector });
    }
    this.load(entries);
  }

  /** Replaces the contents (also used by the bench with generated vectors). */
  load(entries: ReadonlyArray<{ artistId: string; demoId: string; vector: Float32Array }>): void {
    this.artistIds = entries.map((e) => e.artistId);
    this.demoIds = entries.map((e) => e.demoId);
    this.vectors = new Float32Array(entries.length * DIM);
    this.slotByArtist.clear();
    entries.forEach((e, i) => {
      this.vectors.set(e.vector, i * DIM);
      this.slotByArtist.set(e.artistId, i);
    });
  }

  vectorOf(artistId: string): Float32Array | null {
    const slot = this.slotByArtist.get(artistId);
    return slot === undefined ? null : this.vectors.subarray(slot * DIM, (slot + 1) * DIM);
  }

  /** The k most similar artists to a unit vector, best first (exact brute-force scan). */
  nearest(query: Float32Array, k: number, excludeArtistId?: string): Neighbour[] {
    const exclude = excludeArtistId === undefined ? -1 : (this.slotByArtist.get(excludeArtistId) ?? -1);
    const topSlot = new Int32Array(k).fill(-1);
    const topSim = new Float64Array(k).fill(-Infinity);
    const vectors = this.vectors;
    const n = this.artistIds.length;
    let floor = -Infinity;
    for (let s = 0, base = 0; s < n; s++, base += DIM) {
      if (s === exclude) continue;
      let dot = 0;
      for (let i = 0; i < DIM; i++) dot += query[i]! * vectors[base + i]!;
      if (dot <= floor) continue;
      // Insert into the sorted top-k list (k is small: a linear shift beats a heap).
      let j = k - 1;
      while (j > 0 && topSim[j - 1]! < dot) {
        topSim[j] = topSim[j - 1]!;
        topSlot[j] = topSlot[j - 1]!;
        j--;
      }
      topSim[j] = dot;
      topSlot[j] = s;
      floor = topSim[k - 1]!;
    }
    const out: Neighbour[] = [];
    for (let j = 0; j < k; j++) {
      const slot = topSlot[j]!;
      if (slot < 0) break;
      out.push({ artistId: this.artistIds[slot]!, demoId: this.demoIds[slot]!, similarity: topSim[j]! });
    }
    return out;
  }
}
