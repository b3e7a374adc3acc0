import { describe, expect, it } from 'vitest';
import { createDispatch } from '../src/main/dispatch';
import type { Handlers } from '../src/main/services';
import { call, testCore } from './helpers';

const count = (core: ReturnType<typeof testCore>) =>
  (
    core.store.db
      .prepare('SELECT (SELECT count(*) FROM artists) + (SELECT count(*) FROM venues) AS n')
      .get() as { n: number }
  ).n;

describe('dispatch validates every input before a service sees it', () => {
  const bad: [string, string, unknown][] = [
    ['wrong types', 'artists.create', { name: 42, genres: 'rock' }],
    ['missing field', 'artists.create', { city: 'Lyon' }],
    ['empty name', 'artists.create', { name: '   ' }],
    ['10 MB string', 'artists.create', { name: 'x'.repeat(10 * 1024 * 1024) }],
    ['negative fee', 'artists.create', { name: 'A', fee: { min: -5, max: null } }],
    ['fee min over max', 'artists.create', { name: 'A', fee: { min: 500, max: 100 } }],
    ['three decimals', 'artists.create', { name: 'A', fee: { min: 1.234, max: null } }],
    ['bad email', 'artists.create', { name: 'A', contacts: [{ name: 'B', email: 'not-an-email' }] }],
    ['unknown field', 'artists.create', { name: 'A', isAdmin: true }],
    ['not an object', 'venues.create', 'DROP TABLE venues'],
    ['null', 'venues.create', null],
    ['negative capacity', 'venues.create', { name: 'V', capacityStanding: -1 }],
    ['latitude out of range', 'venues.create', { name: 'V', latitude: 123 }],
    ['bad id', 'artists.get', { id: "1' OR '1'='1" }],
    ['bad country', 'venues.create', { name: 'V', country: 'France' }],
  ];
  for (const [label, method, input] of bad) {
    it(`refuses ${label} with a typed VALIDATION error and writes nothing`, async () => {
      const core = testCore();
      const result = await core.dispatch(method, input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).toMatch(/^Invalid input for /);
      expect(result.error.message.length).toBeLessThan(500);
      expect(result.error.issues?.length).toBeGreaterThan(0);
      expect(count(core)).toBe(0);
    });
  }

  it('names the failing field', async () => {
    const core = testCore();
    const result = await core.dispatch('artists.create', { name: 'A', fee: { min: 500, max: 100 } });
    expect(result).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'fee.max', message: 'Minimum must not exceed maximum' }] },
    });
  });

  it('refuses an unknown method', async () => {
    const core = testCore();
    expect(await core.dispatch('artists.drop', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await core.dispatch('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await core.dispatch('toString', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });

  it('turns a service returning a malformed value into INTERNAL, and a thrown bug into INTERNAL', async () => {
    const core = testCore();
    const logs: string[] = [];
    const handlers = {
      'settings.get': () => ({ language: 'klingon' }),
      'app.info': () => {
        throw new Error('boom');
      },
    } as unknown as Handlers;
    const dispatch = createDispatch(handlers, (m) => logs.push(m));
    expect(await dispatch('settings.get', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Internal error in settings.get' },
    });
    expect(await dispatch('app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logs).toHaveLength(2);
    expect(await call(core, 'settings.get', {})).toEqual({ language: 'fr' });
  });
});
