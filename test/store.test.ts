import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/main/store/database';
import { latestSchemaVersion, migrations } from '../src/main/store/migrations';
import { AppError } from '../src/shared/errors';
import { tempDir } from './helpers';

describe('store', () => {
  it('creates the schema with WAL, foreign keys and the latest user_version', () => {
    const path = join(tempDir(), 'db.sqlite');
    const store = openStore(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    const tables = store.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'artists',
        'artists_private',
        'venues',
        'venues_private',
        'demos',
        'events',
        'offers',
        'contracts',
      ]),
    );
    store.close();
  });

  it('refuses a database written by a newer version, without touching it', () => {
    const path = join(tempDir(), 'db.sqlite');
    openStore(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.close();
    const before = readFileSync(path);
    let error: unknown;
    try {
      openStore(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_TOO_NEW');
    expect((error as AppError).message).toMatch(/newer version of Flow Stage/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('applies only the pending migrations, forward, each in a transaction', () => {
    const path = join(tempDir(), 'db.sqlite');
    openStore(path).close();
    const next = [
      ...migrations,
      {
        version: latestSchemaVersion + 1,
        name: 'test',
        sql: 'CREATE TABLE extra (id TEXT PRIMARY KEY) STRICT;',
      },
    ];
    const upgraded = openStore(path, { migrations: next });
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
    upgraded.close();

    const broken = [
      ...next,
      {
        version: latestSchemaVersion + 2,
        name: 'broken',
        sql: 'CREATE TABLE ok (x); SELECT * FROM missing;',
      },
    ];
    expect(() => openStore(path, { migrations: broken })).toThrow(/missing/);
    const again = openStore(path, { migrations: next });
    // The failed migration left nothing behind: no half-created table, version unchanged.
    expect(again.db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok'`).get()).toEqual({
      n: 0,
    });
    expect(again.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
    again.close();
  });

  it('enforces foreign keys', () => {
    const store = openStore(join(tempDir(), 'db.sqlite'));
    const now = store.clock.tick();
    expect(() =>
      store.db
        .prepare(
          `INSERT INTO events (id, artist_id, venue_id, date, created_at, updated_at) VALUES ('e', 'nobody', 'nowhere', '2026-01-01', ?, ?)`,
        )
        .run(now, now),
    ).toThrow(/FOREIGN KEY/);
    store.close();
  });
});
