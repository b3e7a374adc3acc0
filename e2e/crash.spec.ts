import Database from 'better-sqlite3';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startHostProcess } from './fixtures';
import { uuidv7 } from '../src/shared/ids';

// Crash safety: SIGKILL the host in the middle of 1,000 inserts. Every insert the host acknowledged
// must be there after restart, the database must pass integrity_check, and no artist may be half
// written (catalogue row without its private row).
test('kill -9 during 1,000 inserts loses no acknowledged row and corrupts nothing', async () => {
  const host = await startHostProcess();
  const acknowledged: string[] = [];
  const headers = { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' };
  let killed = false;
  const ids = Array.from({ length: 1000 }, () => uuidv7());
  let next = 0;

  async function worker(): Promise<void> {
    while (next < ids.length && !killed) {
      const id = ids[next++]!;
      try {
        const res = await fetch(`${host.origin}/api/invoke/artists.create`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            id,
            name: `Crash ${id}`,
            fee: { min: 100, max: 200 },
            notes: 'n'.repeat(500),
          }),
        });
        const body = (await res.json()) as { ok: boolean };
        if (body.ok) acknowledged.push(id);
      } catch {
        return; // the host is gone
      }
      if (acknowledged.length >= 400 && !killed) {
        killed = true;
        await host.kill9();
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
  expect(killed).toBe(true);
  expect(acknowledged.length).toBeGreaterThanOrEqual(400);
  expect(acknowledged.length).toBeLessThan(1000);

  // Restart: the app opens the profile (WAL recovery happens here) and serves again.
  await host.restart();
  const list = await fetch(`${host.origin}/api/invoke/artists.list`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ limit: 1 }),
  });
  const listed = (await list.json()) as { ok: boolean; value: { total: number } };
  expect(listed.ok).toBe(true);
  await host.stop();

  const db = new Database(join(host.home, 'flowstage.sqlite'), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const present = new Set((db.prepare('SELECT id FROM artists').all() as { id: string }[]).map((r) => r.id));
  const missing = acknowledged.filter((id) => !present.has(id));
  expect(missing).toEqual([]);
  const halfWritten = db
    .prepare(
      'SELECT count(*) AS n FROM artists a LEFT JOIN artists_private p ON p.artist_id = a.id WHERE p.artist_id IS NULL',
    )
    .get() as { n: number };
  expect(halfWritten.n).toBe(0);
  expect(listed.value.total).toBe(present.size);
  db.close();
  console.log(
    `crash test: ${acknowledged.length} acknowledged before SIGKILL, ${present.size} rows after restart, integrity ok`,
  );
  rmSync(host.home, { recursive: true, force: true });
});
