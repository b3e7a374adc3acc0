import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/database';
import type { Job } from './jobs';

/**
 * Copies the live database with SQLite's online backup API, page by page, so the app stays usable
 * and a consistent snapshot is written even while other writes happen. A cancelled or failed backup
 * leaves no partial file behind.
 */
export async function backupDatabase(
  store: Store,
  backupsDir: string,
  job: Job,
): Promise<{ path: string; bytes: number }> {
  mkdirSync(backupsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(backupsDir, `flowstage-${stamp}.sqlite`);
  job.progress('copy', 0);
  try {
    await store.db.backup(path, {
      progress({ totalPages, remainingPages }) {
        job.throwIfCancelled();
        job.progress('copy', totalPages === 0 ? 1 : (totalPages - remainingPages) / totalPages);
        return 64; // pages per step: small steps keep the event loop responsive on big profiles
      },
    });
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
  job.progress('done', 1);
  return { path, bytes: statSync(path).size };
}
