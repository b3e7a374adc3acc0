import { describe, expect, it } from 'vitest';
import { VenueInput, type Artist, type Venue } from '../src/shared/domain';
import { call, testCore } from './helpers';

describe('artists', () => {
  it('creates, lists, searches (accent- and case-insensitive), updates and soft-deletes', async () => {
    const core = testCore();
    const a = await call<Artist>(core, 'artists.create', {
      name: 'Élodie Quartet',
      genres: ['jazz', 'soul'],
      city: 'Lyon',
      country: 'fr',
      fee: { min: 1200, max: 2500.5 },
      members: 4,
      contacts: [{ name: 'Marc', role: 'manager', email: 'marc@example.fr', phone: '+33 6 00 00 00 00' }],
    });
    expect(a.country).toBe('FR');
    expect(a.fee).toEqual({ min: 1200, max: 2500.5 });
    await call(core, 'artists.create', {
      name: 'Les Rockeurs',
      genres: ['rock'],
      city: 'Genève',
      country: 'CH',
    });

    const all = await call<{ items: Artist[]; total: number }>(core, 'artists.list', {});
    expect(all.total).toBe(2);
    expect(
      (await call<{ items: Artist[] }>(core, 'artists.list', { query: 'elodie' })).items.map((x) => x.name),
    ).toEqual(['Élodie Quartet']);
    expect(
      (await call<{ items: Artist[] }>(core, 'artists.list', { query: 'GENEVE rock' })).items,
    ).toHaveLength(1);
    expect(
      (await call<{ items: Artist[] }>(core, 'artists.list', { query: 'jazz genève' })).items,
    ).toHaveLength(0);

    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = a;
    const updated = await call<Artist>(core, 'artists.update', {
      id: a.id,
      fields: { ...fields, name: 'Élodie Trio', members: 3 },
    });
    expect(updated.name).toBe('Élodie Trio');
    expect(updated.updatedAt >= a.updatedAt).toBe(true);

    await call(core, 'artists.delete', { id: a.id });
    expect((await call<{ total: number }>(core, 'artists.list', {})).total).toBe(1);
    const gone = await core.dispatch('artists.get', { id: a.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A tombstone, not a DELETE: sync needs to tell other devices.
    const row = core.store.db.prepare('SELECT deleted_at FROM artists WHERE id = ?').get(a.id) as {
      deleted_at: string;
    };
    expect(row.deleted_at).toMatch(/^\d{4}-/);
  });

  it('keeps fees, contacts and notes out of the catalogue table', async () => {
    const core = testCore();
    const a = await call<Artist>(core, 'artists.create', {
      name: 'X',
      fee: { min: 10, max: 20 },
      notes: 'secret',
    });
    const cols = core.store.db.prepare(`SELECT name FROM pragma_table_info('artists')`).all() as {
      name: string;
    }[];
    expect(cols.map((c) => c.name)).not.toEqual(expect.arrayContaining(['fee_min']));
    const priv = core.store.db
      .prepare('SELECT fee_min, notes FROM artists_private WHERE artist_id = ?')
      .get(a.id);
    expect(priv).toEqual({ fee_min: 10, notes: 'secret' });
  });

  it('stores SQL-looking and LIKE-special strings literally', async () => {
    const core = testCore();
    const name = `Robert'); DROP TABLE artists;-- 100% _x_`;
    const a = await call<Artist>(core, 'artists.create', { name });
    expect((await call<Artist>(core, 'artists.get', { id: a.id })).name).toBe(name);
    expect((await call<{ total: number }>(core, 'artists.list', { query: '100%' })).total).toBe(1);
    expect((await call<{ total: number }>(core, 'artists.list', { query: '%' })).total).toBe(1);
    expect((await call<{ total: number }>(core, 'artists.list', { query: '_y_' })).total).toBe(0);
  });

  it('accepts a client-generated id once and refuses it twice', async () => {
    const core = testCore();
    const id = '01936b2e-0000-7000-8000-000000000001';
    await call(core, 'artists.create', { id, name: 'Offline band' });
    const again = await core.dispatch('artists.create', { id, name: 'Other' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('venues', () => {
  it('round-trips a full technical profile', async () => {
    const core = testCore();
    const input = {
      name: 'La Cigale',
      address: '120 boulevard de Rochechouart',
      postalCode: '75018',
      city: 'Paris',
      country: 'FR',
      latitude: 48.8825,
      longitude: 2.3403,
      capacityStanding: 1389,
      capacitySeated: 954,
      room: { lengthM: 30, widthM: 20, heightM: 12 },
      stage: { lengthM: 8, widthM: 12, heightM: 1.2 },
      acoustics: { rt60Sec: 1.4, treatment: 'treated' as const, notes: 'Balcon' },
      paSystem: 'L-Acoustics K2',
      backline: 'Batterie DW',
      genres: ['rock', 'chanson'],
      currency: 'EUR' as const,
      ticketPrice: { min: 25, max: 60 },
      budget: { min: 5000, max: 30000 },
      contacts: [{ name: 'Régie', role: 'technique', email: '', phone: '' }],
      notes: 'Accès camion rue Dancourt',
    };
    const v = await call<Venue>(core, 'venues.create', input);
    const {
      id: _id,
      createdAt: _c,
      updatedAt: _u,
      ...stored
    } = await call<Venue>(core, 'venues.get', { id: v.id });
    // Fields the input leaves out (kind, region, surfaces…) come back with their schema defaults.
    expect(stored).toEqual(VenueInput.parse(input));
    expect((await call<{ total: number }>(core, 'venues.list', { query: '75018' })).total).toBe(1);
    const edited = await call<Venue>(core, 'venues.update', {
      id: v.id,
      fields: { ...input, capacityStanding: 1400 },
    });
    expect(edited.capacityStanding).toBe(1400);
    await call(core, 'venues.delete', { id: v.id });
    expect((await call<{ total: number }>(core, 'venues.list', {})).total).toBe(0);
  });

  it('survives closing and reopening the profile', async () => {
    const first = testCore();
    await call(first, 'venues.create', { name: 'Le Sonic', city: 'Lyon' });
    first.close();
    const second = testCore(first.dataDir);
    expect((await call<{ items: Venue[] }>(second, 'venues.list', {})).items.map((v) => v.name)).toEqual([
      'Le Sonic',
    ]);
  });
});

describe('settings', () => {
  it('defaults to French and persists English', async () => {
    const core = testCore();
    expect(await call(core, 'settings.get', {})).toEqual({ language: 'fr' });
    expect(await call(core, 'settings.update', { language: 'en' })).toEqual({ language: 'en' });
    expect(await call(core, 'settings.get', {})).toEqual({ language: 'en' });
  });
});
