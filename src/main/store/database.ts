import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { HybridClock } from './hlc';
import { latestSchemaVersion, migrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface Store {
  db: Db;
  path: string;
  clock: HybridClock;
  schemaVersion: number;
  close(): void;
}

export interface OpenStoreOptions {
  /** Path of a better_sqlite3.node built for another runtime (Electron's ABI in development). */
  nativeBinding?: string;
  /** Migrations to apply; tests pass their own list to exercise upgrades. */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) the profile database: WAL, foreign keys, synchronous=NORMAL (durable
 * across application crashes; a power cut may lose the last transactions but never corrupts), then
 * applies pending migrations, each in its own transaction. A database written by a newer Flow Stage
 * is refused rather than risk damaging it.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const list = options.migrations ?? migrations;
  const latest = list === migrations ? latestSchemaVersion : (list.at(-1)?.version ?? 0);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');

    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new AppError(
        'DB_TOO_NEW',
        `This profile's database (${path}) was written by a newer version of Flow Stage (schema ${current}; ` +
          `this version knows up to ${latest}). Update Flow Stage to open it; nothing was changed.`,
      );
    }
    for (const migration of list) {
      if (migration.version <= current) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      })();
    }
    const clock = new HybridClock(nodeId(db));
    return { db, path, clock, schemaVersion: latest, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The device's id for the hybrid logical clock, created once per profile. */
function nodeId(db: Db): string {
  const row = db.prepare(`SELECT value FROM settings WHERE key = 'node_id'`).get() as
    { value: string } | undefined;
  if (row) return row.value;
  const id = randomBytes(8).toString('hex');
  db.prepare(`INSERT INTO settings (key, value) VALUES ('node_id', ?)`).run(id);
  return id;
}
