import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../src/shared/ids';
import { testCore } from './helpers';

describe('backup', () => {
  it('writes a consistent copy with progress', async () => {
    const core = testCore();
    for (let i = 0; i < 50; i++)
      await core.dispatch('venues.create', { name: `Salle ${i}`, notes: 'n'.repeat(2000) });
    const seen: number[] = [];
    core.onEvent((_e, p) => seen.push(p.fraction));
    const result = await core.dispatch('backup.create', { jobId: uuidv7() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { path } = result.value as { path: string };
    const copy = new Database(path, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM venues').get()).toEqual({ n: 50 });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
  });

  it('cancels cleanly, leaving no partial file', async () => {
    const core = testCore();
    for (let i = 0; i < 300; i++)
      await core.dispatch('venues.create', { name: `Salle ${i}`, notes: 'n'.repeat(8000) });
    const jobId = uuidv7();
    const off = core.onEvent(() => {
      void core.dispatch('jobs.cancel', { jobId });
      off();
    });
    const result = await core.dispatch('backup.create', { jobId });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const dir = join(core.dataDir, 'backups');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    expect(await core.dispatch('jobs.cancel', { jobId })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
