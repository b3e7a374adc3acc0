import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Venue } from '../src/shared/domain';
import type { DataSource, FestivalImportResult } from '../src/shared/venue-import';
import {
  festivalsCsvPath,
  fixPostalCode,
  importFestivals,
  mapFestival,
  parseGeo,
  readFestivals,
  sharedIds,
  seasonMonths,
} from '../src/main/services/venue-fit/festivals';
import { createVenueRepository } from '../src/main/services/catalogue';
import { runCli } from '../src/main/cli/run';
import { call, tempDir, testCore } from './helpers';

const DATA = 'resources/data/festivals-france.csv';
const rows = readFestivals(readFileSync(DATA, 'utf8'));
const jobId = () => crypto.randomUUID();

async function findByRef(core: ReturnType<typeof testCore>, ref: string): Promise<Venue> {
  const row = core.store.db
    .prepare(`SELECT id FROM venues WHERE source_kind = 'festivals-fr' AND source_ref = ?`)
    .get(ref) as { id: string } | undefined;
  if (!row) throw new Error(`no venue for ${ref}`);
  return call<Venue>(core, 'venues.get', { id: row.id });
}

// Each import writes 3,382 venues: seconds on a loaded machine, hence the generous timeouts.
describe('festivals data file', () => {
  it('is the documented copy: 7,283 rows, 3,229 of dominant discipline Musique', () => {
    expect(rows).toHaveLength(7283);
    expect(rows.filter((r) => r.discipline === 'Musique')).toHaveLength(3229);
    expect(festivalsCsvPath()).toMatch(/resources[\\/]data[\\/]festivals-france\.csv$/);
  });

  it('keeps its licence and attribution beside it', () => {
    const readme = readFileSync('resources/data/README.md', 'utf8');
    expect(readme).toMatch(/Ministère de la Culture/);
    expect(readme).toMatch(/Licence Ouverte/);
    expect(readme).toMatch(/17cac51802c2eba1642fe358a5bb2988741d3463d9711c5f62a8eab480bdc4e9/);
  });

  it('maps the pitfalls: 4-digit postcodes, "lat, lon" in one field, season buckets', () => {
    expect(fixPostalCode('2220')).toBe('02220');
    expect(fixPostalCode('37420')).toBe('37420');
    expect(fixPostalCode('')).toBe('');
    expect(fixPostalCode('#N/A')).toBe('');
    expect(fixPostalCode('itinérant')).toBe('');
    expect(fixPostalCode('630000')).toBe('');
    expect(fixPostalCode('75010, 75018, 75019')).toBe('75010');
    expect(fixPostalCode('33360 - 33880 - 33550')).toBe('33360');
    expect(parseGeo('47.2237767737, 0.18754463005')).toEqual({
      latitude: 47.2237767737,
      longitude: 0.18754463005,
    });
    expect(parseGeo('')).toEqual({ latitude: null, longitude: null });
    expect(parseGeo('200, 3')).toEqual({ latitude: null, longitude: null });
    expect(seasonMonths('Saison (21 juin - 5 septembre)')).toEqual([6, 7, 8, 9]);
    expect(seasonMonths('saison (21 juin - 5 septembre)')).toEqual([6, 7, 8, 9]);
    expect(seasonMonths('Avant-saison (1er janvier - 20 juin)')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seasonMonths('après-saison (6 septembre - 31 décembre)')).toEqual([9, 10, 11, 12]);
    expect(seasonMonths('Janvier, Octobre, Novembre')).toEqual([1, 10, 11]);
    expect(seasonMonths('Ocotbre')).toEqual([10]);
    expect(seasonMonths('Période variable selon les territoires')).toEqual([]);
    expect(seasonMonths('')).toEqual([]);
  });

  it('keeps only music festivals, and says why the others are skipped', () => {
    const shared = sharedIds(rows);
    expect([...shared].sort()).toEqual(['FEST_98735_7265', 'FEST__7265']);
    const results = rows.map((r) => mapFestival(r, shared));
    const kept = results.filter((r) => typeof r !== 'string');
    // 3,229 of dominant discipline Musique + 153 other festivals with a music sub-category.
    expect(kept).toHaveLength(3382);
    expect(results.filter((r) => r === 'notMusic')).toHaveLength(7283 - 3382);
    // A "Pluridisciplinaire" festival without any music sub-category is not a music festival.
    const braine = rows.find((r) => r.id === 'FEST_02110_1021')!;
    expect(mapFestival(braine)).toBe('notMusic');
    // Distinct festivals sharing a placeholder id keep distinct references.
    const refs = results.flatMap((r) => (typeof r === 'string' ? [] : [r.ref]));
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs).toContain('FEST__7265/jazz_a_noumea/noumea');
  });
});

describe('festival import', () => {
  it('imports every music festival, field by field for known ones, inventing nothing', async () => {
    const core = testCore();
    const events: number[] = [];
    core.onEvent((event, payload) => {
      if (event === 'job.progress') events.push((payload as { fraction: number }).fraction);
    });
    const result = await call<FestivalImportResult>(core, 'venues.importFestivals', { jobId: jobId() });
    expect(result).toMatchObject({ rows: 7283, music: 3382, created: 3382, updated: 0, unchanged: 0 });
    expect(result.skipped).toEqual({ notMusic: 3901 });
    expect(events.at(-1)).toBe(1);
    expect(events.length).toBeGreaterThan(3);

    const avoine = await findByRef(core, 'FEST_37011_550');
    expect(avoine).toMatchObject({
      name: 'Avoine Zone Groove',
      kind: 'festival',
      city: 'Avoine',
      postalCode: '37420',
      region: 'Centre-Val de Loire',
      country: 'FR',
      latitude: 47.2237767737,
      longitude: 0.18754463005,
      genres: ['jazz', 'blues'],
      months: [6, 7, 8, 9],
      website: 'www.avoinezonegroove.fr',
      source: { kind: 'festivals-fr', ref: 'FEST_37011_550' },
      // Unknown in the dataset: unknown here.
      capacityStanding: null,
      capacitySeated: null,
      ticketPrice: { min: null, max: null },
      budget: { min: null, max: null },
      paPowerW: null,
      daysOpen: [],
    });
    expect(avoine.notes).toMatch(/Sous-catégorie musique : Jazz, Blues/);

    const marciac = await findByRef(core, 'FEST_32233_3648');
    expect(marciac).toMatchObject({
      name: 'Jazz in Marciac',
      city: 'Marciac',
      postalCode: '32230',
      region: 'Occitanie',
      address: "8 Place du Chevalier D'antras",
      months: [6, 7, 8, 9],
    });
    expect(marciac.genres).toEqual(expect.arrayContaining(['jazz', 'world']));

    // Falls back on the CNM umbrella when the festival gives no sub-category of its own.
    const charrues = await findByRef(core, 'FEST_29024_1267');
    expect(charrues.genres).toEqual(expect.arrayContaining(['rock', 'pop']));

    // Lost leading zero restored (Éourres, Hautes-Alpes: "5300" in the file).
    expect((await findByRef(core, 'FEST_05047_2109')).postalCode).toBe('05300');

    const nothingInvented = core.store.db
      .prepare(
        `SELECT count(*) AS n FROM venues v JOIN venues_private p ON p.venue_id = v.id
         WHERE v.source_kind = 'festivals-fr' AND (v.capacity_standing IS NOT NULL OR v.capacity_seated IS NOT NULL
           OR v.ticket_price_min IS NOT NULL OR v.ticket_price_max IS NOT NULL
           OR p.budget_min IS NOT NULL OR p.budget_max IS NOT NULL)`,
      )
      .get() as { n: number };
    expect(nothingInvented.n).toBe(0);
    const postcodes = core.store.db
      .prepare(
        `SELECT count(*) AS n FROM venues WHERE source_kind = 'festivals-fr' AND postal_code NOT GLOB '[0-9][0-9][0-9][0-9][0-9]' AND postal_code <> ''`,
      )
      .get() as { n: number };
    expect(postcodes.n).toBe(0);

    // Search covers the region.
    const page = await call<{ total: number }>(core, 'venues.list', { query: 'Centre-Val de Loire avoine' });
    expect(page.total).toBe(1);

    const { sources } = await call<{ sources: DataSource[] }>(core, 'venues.sources', {});
    expect(sources[0]).toMatchObject({
      id: 'festivals-fr',
      venueCount: 3382,
      fileCount: 3382, // what the import dialog announces before the import
      copiedOn: '2026-11-24',
    });
    expect(sources[0]!.attribution).toMatch(
      /^Source : Ministère de la Culture — Liste des festivals en France/,
    );
  }, 60_000);

  it('is idempotent: a re-run updates by dataset id, keeps user edits and deletions', async () => {
    const core = testCore();
    await call(core, 'venues.importFestivals', { jobId: jobId() });
    const avoine = await findByRef(core, 'FEST_37011_550');
    const { id, createdAt: _c, updatedAt: _u, ...fields } = avoine;
    // The user knows the capacity and fixes nothing else; someone else renamed a festival.
    await call(core, 'venues.update', { id, fields: { ...fields, capacityStanding: 1200, name: 'Renamed' } });
    const marciac = await findByRef(core, 'FEST_32233_3648');
    await call(core, 'venues.delete', { id: marciac.id });

    const again = await call<FestivalImportResult>(core, 'venues.importFestivals', { jobId: jobId() });
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 3380, keptDeleted: 1 });
    const after = await findByRef(core, 'FEST_37011_550');
    expect(after.id).toBe(id);
    expect(after.name).toBe('Avoine Zone Groove'); // the dataset owns the name
    expect(after.capacityStanding).toBe(1200); // the user's knowledge survives
    const { n } = core.store.db
      .prepare(`SELECT count(*) AS n FROM venues WHERE source_kind = 'festivals-fr'`)
      .get() as { n: number };
    expect(n).toBe(3382);
  }, 60_000);

  it('a cancelled import writes nothing', async () => {
    const core = testCore();
    const store = core.store;
    const venues = createVenueRepository(store);
    let calls = 0;
    const job = {
      progress: () => undefined,
      throwIfCancelled: () => {
        if (++calls > 2) throw Object.assign(new Error('Cancelled by the user'), { code: 'CANCELLED' });
      },
    };
    await expect(importFestivals(store, venues, job)).rejects.toThrow(/Cancelled/);
    expect(venues.list({ query: '', limit: 1, offset: 0 }).total).toBe(0);
  }, 60_000);

  it('runs from the CLI into the profile', async () => {
    const dataDir = tempDir();
    const previous = process.env.FLOWSTAGE_HOME;
    process.env.FLOWSTAGE_HOME = dataDir;
    try {
      const out: string[] = [];
      expect(await runCli(['venues', 'import-festivals', '--json'], (l) => out.push(l))).toBe(0);
      expect(JSON.parse(out.join('\n'))).toMatchObject({ created: 3382, music: 3382 });
      const core = testCore(dataDir);
      expect((await call<{ total: number }>(core, 'venues.list', {})).total).toBe(3382);
    } finally {
      if (previous === undefined) delete process.env.FLOWSTAGE_HOME;
      else process.env.FLOWSTAGE_HOME = previous;
    }
  }, 60_000);
});
