import { closeSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Artist, Venue } from '../src/shared/domain';
import type { BestDates, Event, EventsImportResult, Forecast } from '../src/shared/forecast';
import { call, tempDir, testCore } from './helpers';
import { useTestPrior } from './forecast-service-fixtures';
import { PARSE_SLICE } from '../src/main/services/forecast/events-csv';

beforeAll(async () => {
  await useTestPrior();
}, 120_000);

async function seed() {
  const core = testCore();
  const artist = await call<Artist>(core, 'artists.create', { name: 'Nadia Kessler Trio', country: 'FR' });
  const venue = await call<Venue>(core, 'venues.create', {
    name: 'Le Périscope',
    city: 'Lyon',
    country: 'FR',
    capacityStanding: 600,
  });
  return { core, artist, venue };
}

const importCsv = (core: ReturnType<typeof testCore>, input: Record<string, unknown>) =>
  call<EventsImportResult>(core, 'events.importCsv', input);

describe('events CSV import', () => {
  it('reports every bad row with its line, column and a French and English message, and writes nothing', async () => {
    const { core } = await seed();
    const text = [
      'date;artiste;salle;jauge;billets_vendus;prix',
      '2025-01-10;Nadia Kessler Trio;Le Périscope;0;10;12,50',
      '2025-01-11;nadia kessler trio;le periscope;-5;10;12',
      '2025-01-12;Nadia Kessler Trio;Le Périscope;mille;10;12',
      '13/01/2025;Nadia Kessler Trio;Le Périscope;600;100;12,50',
      '2025-02-30;Inconnu;Le Périscope;600;700;abc',
    ].join('\n');
    const result = await importCsv(core, { text });
    expect(result).toMatchObject({ rows: 5, imported: 0, delimiter: ';' });
    const byLine = (line: number) => result.errors.filter((e) => e.line === line);
    expect(byLine(2)[0]).toMatchObject({ column: 'capacity', value: '0' });
    expect(byLine(2)[0]!.message.en).toContain('0 is not a capacity');
    expect(byLine(2)[0]!.message.fr).toContain('Jauge');
    expect(byLine(3)[0]!.message.en).toBe('Capacity: cannot be negative');
    expect(byLine(4)[0]).toMatchObject({ column: 'capacity', value: 'mille' });
    expect(byLine(4)[0]!.message.fr).toBe('Jauge : ce n’est pas un nombre entier');
    expect(byLine(5)).toEqual([]);
    // One line can carry several problems: all are listed.
    expect(
      byLine(6)
        .map((e) => e.column)
        .sort(),
    ).toEqual(['artist', 'date', 'ticket_price', 'tickets_sold']);
    expect(result.errorCount).toBe(7);
    expect((await call<{ total: number }>(core, 'events.list', {})).total).toBe(0);
  });

  it('previews on a dry run, then imports valid rows in one go (decimal comma, French dates)', async () => {
    const { core } = await seed();
    const text = [
      'date,artist,venue,capacity,tickets_sold,ticket_price,status,deal_type,announced_on,notes',
      '2025-01-10,Nadia Kessler Trio,Le Périscope,,420,"12,50",joué,cession,01/11/2024,"Complet, ou presque"',
      '2025-01-11,Nadia Kessler Trio,Le Périscope,500,500,14,played,doorSplit,,',
    ].join('\r\n');
    const preview = await importCsv(core, { text, dryRun: true });
    expect(preview).toMatchObject({ rows: 2, imported: 0, errors: [], delimiter: ',' });
    expect(preview.preview[0]).toMatchObject({
      line: 2,
      date: '2025-01-10',
      ticketPrice: 12.5,
      capacity: null,
    });
    expect((await call<{ total: number }>(core, 'events.list', {})).total).toBe(0);

    const done = await importCsv(core, { text });
    expect(done).toMatchObject({ imported: 2, errors: [] });
    const { items } = await call<{ items: Event[] }>(core, 'events.list', {});
    const first = items.find((e) => e.date === '2025-01-10')!;
    expect(first).toMatchObject({
      source: 'csv',
      status: 'played',
      dealType: 'flat',
      announcedOn: '2024-11-01',
      ticketPrice: 12.5,
      notes: 'Complet, ou presque',
      fillRate: 0.7,
    });
  });

  it('skips rows already in the history or repeated in the file, and reports them in the preview', async () => {
    const { core } = await seed();
    const text = [
      'date,artist,venue,capacity,tickets_sold,ticket_price',
      '2025-01-10,Nadia Kessler Trio,Le Périscope,600,420,12',
      '2025-01-11,Nadia Kessler Trio,Le Périscope,600,300,12',
      '2025-01-10,nadia kessler trio,le periscope,600,421,12', // same artist, venue and date as line 2
    ].join('\n');
    const first = await importCsv(core, { text });
    expect(first).toMatchObject({
      rows: 3,
      imported: 2,
      duplicateCount: 1,
      skippedDuplicates: 1,
      errors: [],
    });
    expect(first.duplicates).toEqual([
      expect.objectContaining({ line: 4, date: '2025-01-10', against: 'file', firstLine: 2 }),
    ]);
    // The same file again: every row is already in the history; the preview says so and nothing is written.
    const preview = await importCsv(core, { text, dryRun: true });
    expect(preview).toMatchObject({ imported: 0, duplicateCount: 3, skippedDuplicates: 3, preview: [] });
    expect(preview.duplicates.map((d) => [d.line, d.against])).toEqual([
      [2, 'store'],
      [3, 'store'],
      [4, 'file'],
    ]);
    const again = await importCsv(core, { text });
    expect(again).toMatchObject({ imported: 0, skippedDuplicates: 3 });
    expect((await call<{ total: number }>(core, 'events.list', {})).total).toBe(2);
    // On request they are written anyway (a matinée and an evening show on the same day).
    const kept = await importCsv(core, { text, keepDuplicates: true });
    expect(kept).toMatchObject({ imported: 3, duplicateCount: 3, skippedDuplicates: 0 });
    expect((await call<{ total: number }>(core, 'events.list', {})).total).toBe(5);
  });

  it('runs as a job: progress while parsing and checking, a cancel writes nothing, quotes across slices', async () => {
    const core = testCore();
    const lines = ['date,artist,venue,venue_city,capacity,tickets_sold,ticket_price,notes'];
    for (let i = 0; i < 20_000; i++) {
      const date = new Date(Date.UTC(2000, 0, 1) + Math.floor(i / 10) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      // A quoted note with a comma and a line break in every row, and an emoji (a surrogate pair) in the names:
      // the parser is fed in slices, so some of them are cut in the middle by a slice boundary.
      lines.push(
        `${date},Artiste ${i % 300} 🎷,Salle ${i % 40},Lyon,300,${100 + (i % 150)},15,"Note ${i}, ligne 1\nligne 2"`,
      );
    }
    const text = lines.join('\n');
    // The test means something only if a slice boundary falls inside a quoted field: count the quotes before
    // each boundary.
    const boundaries = Array.from(
      { length: Math.floor(text.length / PARSE_SLICE) },
      (_, k) => (k + 1) * PARSE_SLICE,
    );
    const insideQuotes = boundaries.filter((at) => (text.slice(0, at).match(/"/g)?.length ?? 0) % 2 === 1);
    expect(insideQuotes.length).toBeGreaterThan(0);
    const progress: { stage: string; fraction: number }[] = [];
    const jobId = crypto.randomUUID();
    const cancelId = crypto.randomUUID();
    core.onEvent((event, payload) => {
      const p = payload as { jobId: string; stage: string; fraction: number };
      if (event !== 'job.progress') return;
      if (p.jobId === jobId) progress.push(p);
      if (p.jobId === cancelId && p.stage === 'check') void core.dispatch('jobs.cancel', { jobId: cancelId });
    });

    const cancelled = await core.dispatch('events.importCsv', { text, createMissing: true, jobId: cancelId });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await call<{ total: number }>(core, 'events.list', {})).total).toBe(0);
    expect((await call<{ total: number }>(core, 'artists.list', {})).total).toBe(0);

    const result = await importCsv(core, { text, createMissing: true, jobId });
    expect(result).toMatchObject({ rows: 20_000, imported: 20_000, errorCount: 0, duplicateCount: 0 });
    const stages = [...new Set(progress.map((p) => p.stage))];
    expect(stages).toEqual(['parse', 'check', 'write']);
    expect(progress.filter((p) => p.stage === 'parse').length).toBeGreaterThan(3);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.fraction).toBeGreaterThanOrEqual(progress[i - 1]!.fraction);
    const { items } = await call<{ items: Event[] }>(core, 'events.list', { limit: 500 });
    for (const event of items) expect(event.notes).toMatch(/^Note \d+, ligne 1\nligne 2$/);
    const artists = await call<{ items: Artist[] }>(core, 'artists.list', { query: 'Artiste 7', limit: 100 });
    expect(artists.items.map((a) => a.name)).toContain('Artiste 7 🎷');
  }, 120_000);

  it('refuses a wrong delimiter, missing columns, unknown names and files over 50 MB', async () => {
    const { core } = await seed();
    const pipes = await importCsv(core, {
      text: 'date|artist|venue\n2025-01-10|Nadia Kessler Trio|Le Périscope\n',
    });
    expect(pipes.errors).toHaveLength(1);
    expect(pipes.errors[0]!.message.en).toContain('Missing required column(s): date, artist, venue');
    expect(pipes.errors[0]!.message.en).toContain('delimiter');
    const missing = await importCsv(core, { text: 'date,artist\n2025-01-10,Nadia Kessler Trio\n' });
    expect(missing.errors[0]!.message.fr).toBe('Colonne(s) obligatoire(s) absente(s) : venue.');
    const unknown = await importCsv(core, { text: 'date,artist,venue\n2025-01-10,Nobody,Le Périscope\n' });
    expect(unknown.errors[0]).toMatchObject({ line: 2, column: 'artist', value: 'Nobody' });
    const empty = await importCsv(core, { text: '' });
    expect(empty.errors[0]!.message.en).toBe('The file is empty.');

    const big = join(tempDir(), 'huge.csv');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024 + 1); // sparse: no 50 MB written to disk
    closeSync(fd);
    const tooLarge = await importCsv(core, { path: big });
    expect(tooLarge.errors[0]!.message.en).toContain('File too large');
    expect(await core.dispatch('events.importCsv', { path: join(tempDir(), 'absent.csv') })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await core.dispatch('events.importCsv', { text: 'x', path: big })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('creates missing artists and venues on request, and the export re-imports as is', async () => {
    const { core } = await seed();
    const dir = tempDir();
    const file = join(dir, 'history.csv');
    writeFileSync(
      file,
      [
        'date;artist;venue;venue_city;venue_country;capacity;tickets_sold;ticket_price;currency',
        '2024-06-01;Orage Mécanique;Le Reflektor;Liège;BE;600;350;18;EUR',
        '2024-06-02;Orage Mécanique;Le Reflektor;Liège;BE;600;410;18;EUR',
        '2024-06-08;Nadia Kessler Trio;Le Périscope;Lyon;FR;;560;22;',
      ].join('\n'),
      'latin1', // Windows-1252 as Excel writes it: "é" must survive
    );
    const result = await importCsv(core, { path: file, createMissing: true });
    expect(result).toMatchObject({ imported: 3, artistsCreated: 1, venuesCreated: 1, errors: [] });
    const artists = await call<{ items: Artist[] }>(core, 'artists.list', { query: 'orage' });
    expect(artists.items[0]!.name).toBe('Orage Mécanique');

    const exported = await call<{ csv: string; rows: number }>(core, 'events.exportCsv', {});
    expect(exported.rows).toBe(3);
    expect(exported.csv.split('\r\n')[0]).toBe(
      'date,artist,venue,venue_city,venue_country,status,capacity,tickets_sold,ticket_price,currency,fee,announced_on,promotion_spend,deal_type,notes',
    );
    const fresh = testCore();
    const again = await importCsv(fresh, { text: exported.csv, createMissing: true });
    expect(again).toMatchObject({ imported: 3, artistsCreated: 2, venuesCreated: 2, errors: [] });
    const reexported = await call<{ csv: string }>(fresh, 'events.exportCsv', {});
    expect(reexported.csv).toBe(exported.csv);
  });

  it('100,000 events: imports in one transaction, then forecasts without trouble', async () => {
    const core = testCore();
    const lines = ['date,artist,venue,venue_city,venue_country,capacity,tickets_sold,ticket_price'];
    const countries = ['FR', 'BE', 'CH'];
    // Ten shows a day from 1996 on: consecutive rows have different artists and venues, so no row repeats an
    // artist × venue × date (a repeat would be skipped as a duplicate).
    const start = Date.UTC(1996, 0, 1);
    for (let i = 0; i < 100_000; i++) {
      const venue = i % 200;
      const capacity = 100 + (venue % 20) * 50;
      const date = new Date(start + Math.floor(i / 10) * 86_400_000).toISOString().slice(0, 10);
      const sold = Math.min(capacity, Math.round(capacity * (0.3 + ((i * 7919) % 70) / 100)));
      lines.push(
        `${date},Artist ${i % 500},Venue ${venue},City ${venue},${countries[venue % 3]},${capacity},${sold},${10 + (i % 25)}`,
      );
    }
    const text = lines.join('\n');
    const t0 = performance.now();
    const result = await importCsv(core, { text, createMissing: true });
    const importMs = performance.now() - t0;
    expect(result).toMatchObject({
      rows: 100_000,
      imported: 100_000,
      artistsCreated: 500,
      venuesCreated: 200,
      errorCount: 0,
    });
    expect(result.preview).toHaveLength(50);

    const artists = await call<{ items: Artist[] }>(core, 'artists.list', { query: 'Artist 7', limit: 1 });
    const venues = await call<{ items: Venue[] }>(core, 'venues.list', { query: 'Venue 7', limit: 1 });
    const t1 = performance.now();
    const f = await call<Forecast>(core, 'forecast.predict', {
      artistId: artists.items[0]!.id,
      venueId: venues.items[0]!.id,
      date: '2026-03-06',
      capacity: 300,
    });
    const dates = await call<BestDates>(core, 'forecast.bestDates', {
      artistId: artists.items[0]!.id,
      venueId: venues.items[0]!.id,
      from: '2026-03-01',
      to: '2026-05-31',
      capacity: 300,
    });
    const forecastMs = performance.now() - t1;
    expect(f.basis.venueEvents).toBe(500);
    expect(f.basis.artistEvents).toBe(200);
    expect(dates.days).toHaveLength(92);
    // Measured for the report, not asserted (timing belongs in bench/).
    console.log(
      `100k events: import ${Math.round(importMs)} ms, predict + 92-day best dates ${Math.round(forecastMs)} ms`,
    );
  }, 180_000);
});
