import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main/cli/run';
import { CsvReader, type CsvRecord } from '../src/main/services/venue-fit/csv-reader';
import { VENUE_CSV_COLUMNS } from '../src/main/services/venue-fit/venues-csv';
import type { Venue, VenueInput } from '../src/shared/domain';
import type { VenueCsvImportReport } from '../src/shared/venue-import';
import { call, tempDir, testCore } from './helpers';

type Core = ReturnType<typeof testCore>;

const importCsv = (core: Core, input: Record<string, unknown>) =>
  call<VenueCsvImportReport>(core, 'venues.importCsv', { language: 'fr', ...input });
const venueCount = (core: Core) =>
  (core.store.db.prepare('SELECT count(*) AS n FROM venues WHERE deleted_at IS NULL').get() as { n: number })
    .n;
const allVenues = async (core: Core) =>
  (await call<{ items: Venue[] }>(core, 'venues.list', { limit: 500 })).items;
async function failure(core: Core, input: Record<string, unknown>) {
  const result = await core.dispatch('venues.importCsv', { language: 'fr', ...input });
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

const FULL: VenueInput = {
  name: 'Le "Petit" Bain; scène',
  kind: 'club',
  address: '7 port de la Gare',
  postalCode: '75013',
  city: 'Paris',
  country: 'FR',
  region: 'Île-de-France',
  latitude: 48.8355,
  longitude: 2.3767,
  capacityStanding: 450,
  capacitySeated: null,
  room: { lengthM: 22.5, widthM: 11, heightM: 4.2 },
  stage: { lengthM: 6, widthM: 8, heightM: 0.8 },
  acoustics: {
    rt60Sec: 0.9,
    treatment: 'partial',
    notes: 'Plafond bas,\nbasses qui traînent',
    surfaces: { floor: 'wood_floor', walls: 'concrete', ceiling: 'acoustic_panel' },
  },
  paSystem: 'd&b Y-series',
  paPowerW: 12000,
  backline: 'Batterie Yamaha',
  genres: ['jazz', 'musiques du monde'],
  currency: 'EUR',
  ticketPrice: { min: 12.5, max: 25 },
  budget: { min: 800, max: 3000 },
  contacts: [
    { name: 'Anne Martin', role: 'programmation', email: 'anne@example.fr', phone: '+33 1 00 00 00 00' },
    { name: 'Régie', role: '', email: '', phone: '' },
  ],
  notes: 'Péniche « amarrée »',
  daysOpen: ['wed', 'fri', 'sat'],
  months: [1, 2, 3, 9, 10, 11, 12],
  website: 'https://petitbain.org',
  source: { kind: 'user', ref: '' },
};

const HEADER = 'nom;ville;pays;capacité;genres';

describe('venue CSV import: the happy path and the preview', () => {
  it('previews without writing, then writes; French headers, lists, CRLF, BOM and quotes', async () => {
    const core = testCore();
    const text =
      '\uFEFFnom;ville;pays;type;capacité;jours;mois;genres;notes\r\n' +
      'La Cave;Lyon;France;bar;120;ven|sam;9-6;jazz|blues;"Voûtée; ""humide""\r\nmais chaleureuse"\r\n' +
      '"Salle ""Rameau""";Genève;CH;salle de concert;1 200;;juin-septembre;classique;\r\n';
    const preview = await importCsv(core, { text, fileName: 'salles.csv' });
    expect(preview).toMatchObject({
      dryRun: true,
      written: false,
      delimiter: ';',
      rows: 2,
      counts: { new: 2, updated: 0, duplicate: 0, invalid: 0 },
      errors: [],
    });
    expect(venueCount(core)).toBe(0);
    const [cave, rameau] = preview.preview;
    expect(cave).toMatchObject({ line: 2, action: 'new' });
    expect(cave!.venue).toMatchObject({
      name: 'La Cave',
      country: 'FR',
      kind: 'bar',
      capacityStanding: 120,
      daysOpen: ['fri', 'sat'],
      months: [1, 2, 3, 4, 5, 6, 9, 10, 11, 12],
      genres: ['jazz', 'blues'],
      notes: 'Voûtée; "humide"\nmais chaleureuse',
      source: { kind: 'csv', ref: 'salles.csv' },
    });
    // The quoted line break counts: the second row starts on line 4.
    expect(rameau).toMatchObject({ line: 4, action: 'new' });
    expect(rameau!.venue).toMatchObject({
      name: 'Salle "Rameau"',
      kind: 'concert_hall',
      capacityStanding: 1200,
      months: [6, 7, 8, 9],
    });

    const written = await importCsv(core, { text, dryRun: false });
    expect(written).toMatchObject({ written: true, counts: { new: 2 } });
    expect(venueCount(core)).toBe(2);
  });

  it('round-trips: export → import into a fresh profile gives the same venues', async () => {
    const core = testCore();
    await call(core, 'venues.create', FULL);
    await call(core, 'venues.create', { name: 'Minimal', city: 'Namur', country: 'BE' });
    for (const headers of ['en', 'fr'] as const)
      for (const delimiter of [';', ',', '\t'] as const) {
        const { csv, rows } = await call<{ csv: string; rows: number }>(core, 'venues.exportCsv', {
          delimiter,
          headers,
        });
        expect(rows).toBe(2);
        const other = testCore();
        const report = await importCsv(other, { text: csv, dryRun: false });
        expect(report.errors).toEqual([]);
        expect(report.ignoredColumns).toEqual([]);
        const strip = (list: Venue[]) =>
          list.map(({ id: _i, createdAt: _c, updatedAt: _u, ...fields }) => fields);
        expect(strip(await allVenues(other))).toEqual(strip(await allVenues(core)));
      }
  });

  it('documents one column per Venue field, FR and EN headers unique', () => {
    const doc = readFileSync('docs/venue-data.md', 'utf8');
    for (const column of VENUE_CSV_COLUMNS) expect(doc).toContain(`\`${column.en}\``);
  });
});

describe('venue CSV import: errors a booker can act on', () => {
  it('reports "-5" and "mille" with their line and column, and writes nothing', async () => {
    const core = testCore();
    const text = [
      HEADER,
      'A;Lyon;FR;100;jazz',
      'B;Lyon;FR;-5;rock',
      'C;Lyon;FR;mille;pop',
      'D;Lyon;FR;12.5;',
    ].join('\n');
    const report = await importCsv(core, { text, dryRun: false });
    expect(report.written).toBe(false);
    expect(report.counts).toEqual({ new: 1, updated: 0, duplicate: 0, invalid: 3 });
    expect(report.errors.map((e) => e.message)).toEqual([
      'Ligne 3 : capacité « -5 » : doit être un nombre entier ≥ 0',
      "Ligne 4 : capacité « mille » : n'est pas un nombre",
      'Ligne 5 : capacité « 12.5 » : doit être un nombre entier ≥ 0',
    ]);
    expect(report.errors[0]).toMatchObject({ line: 3, column: 'capacité', value: '-5' });
    // The valid row A was not written either: the file imports whole or not at all.
    expect(venueCount(core)).toBe(0);

    const english = await importCsv(core, { text, language: 'en' });
    expect(english.errors[1]!.message).toBe('Line 4: capacité "mille": is not a number');
  });

  it('validates every kind of cell and the schema rules', async () => {
    const core = testCore();
    const text = [
      'name;city;country;days_open;months;currency;ticket_price_min;ticket_price_max;floor_material;latitude;contacts;kind',
      ';Lyon;FR;;;;;;;;;',
      'X;Lyon;France7;lun|xyz;13;USD;10.123;5;marbre;95;(sans nom);stade',
      'Y;Lyon;FR;;;;30;20;;;;',
    ].join('\n');
    const report = await importCsv(core, { text });
    const messages = report.errors.map((e) => e.message);
    expect(messages).toContain('Ligne 2 : name : obligatoire');
    expect(messages).toContain('Ligne 3 : country « France7 » : code pays à deux lettres (FR, BE, CH…)');
    expect(messages).toContain(
      'Ligne 3 : days_open « lun|xyz » : jour inconnu (lun, mar, mer… ou mon, tue, wed…)',
    );
    expect(messages.some((m) => m.startsWith('Ligne 3 : months « 13 » : mois inconnu'))).toBe(true);
    expect(messages.some((m) => m.startsWith('Ligne 3 : currency « USD » : valeur inconnue'))).toBe(true);
    expect(messages).toContain('Ligne 3 : ticket_price_min « 10.123 » : au plus 2 décimales');
    expect(messages.some((m) => m.startsWith('Ligne 3 : floor_material « marbre » : valeur inconnue'))).toBe(
      true,
    );
    expect(messages).toContain('Ligne 3 : latitude « 95 » : doit être ≤ 90');
    expect(messages.some((m) => m.startsWith('Ligne 3 : contacts'))).toBe(true);
    expect(messages.some((m) => m.startsWith('Ligne 3 : kind « stade »'))).toBe(true);
    // A rule across two columns (min ≤ max) points at the column the schema names.
    expect(messages).toContain('Ligne 4 : ticket_price_max « 20 » : le minimum dépasse le maximum');
    expect(report.counts.invalid).toBe(3);
  });

  it('refuses a file whose required columns are missing, in one clear error', async () => {
    const core = testCore();
    const error = await failure(core, { text: 'nom;pays;capacité\nA;FR;100\n' });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe(
      'Colonnes obligatoires absentes : city (ou ville). En-tête lu : nom, pays, capacité.',
    );
  });

  it('names a wrong separator: forced one absent, only one column, rows that do not split', async () => {
    const core = testCore();
    const forced = await failure(core, { text: 'nom;ville\nA;Lyon\n', delimiter: ',' });
    expect(forced.message).toMatch(/^Le fichier utilise « ; » comme séparateur, mais « , » a été demandé/);
    const single = await failure(core, { text: 'nom|ville|pays\nA|Lyon|FR\n' });
    expect(single.message).toMatch(/^Une seule colonne trouvée — le séparateur est-il le bon \?/);
    const english = await failure(core, { text: 'name|city\nA|Lyon\n', language: 'en' });
    expect(english.message).toMatch(/^Only one column found — is the separator right\?/);
    // Header with ';' but a row typed with ','.
    const report = await importCsv(core, { text: 'nom;ville;pays\nA;Lyon;FR\nB,Lyon,FR\n' });
    expect(report.errors[0]!.message).toBe(
      "Ligne 3 : 1 colonne au lieu de 3 (l'en-tête utilise « ; ») — un séparateur différent, ou des guillemets non fermés ?",
    );
    const quotes = await importCsv(core, { text: 'nom;ville\n"A;Lyon\nB;Lyon\n' });
    expect(quotes.errors[0]!.message).toMatch(/^Ligne 2 : des guillemets ouverts ici ne sont jamais fermés/);
  });

  it('detects a comma or a tab separator by itself, and Windows-1252 files from Excel', async () => {
    const core = testCore();
    const comma = await importCsv(core, { text: 'name,city,capacity_standing\n"Le Bar, Lyon",Lyon,"1,5"\n' });
    expect(comma.delimiter).toBe(',');
    // "1,5" is 1.5, not a whole number.
    expect(comma.errors[0]!.message).toBe(
      'Ligne 2 : capacity_standing « 1,5 » : doit être un nombre entier ≥ 0',
    );
    const tab = await importCsv(core, { text: 'name\tcity\nA\tLyon\n' });
    expect(tab).toMatchObject({ delimiter: '\t', counts: { new: 1 } });

    const path = join(tempDir(), 'excel.csv');
    writeFileSync(path, Buffer.from('nom;ville\nThéâtre de la Cité;Genève\n', 'latin1'));
    const latin = await importCsv(core, { path });
    expect(latin.encoding).toBe('windows-1252');
    expect(latin.preview[0]!.venue).toMatchObject({ name: 'Théâtre de la Cité', city: 'Genève' });
  });

  it('reads a record split anywhere across chunks the same way', () => {
    const text = 'a;"b ""q""\r\nc";d\r\n\r\n"";x\ry\n';
    const whole: CsvRecord[] = [];
    const reader = new CsvReader(';');
    reader.push(text, (r) => whole.push(r));
    reader.end((r) => whole.push(r));
    expect(whole).toEqual([
      { fields: ['a', 'b "q"\nc', 'd'], line: 1 },
      { fields: ['', 'x'], line: 4 },
      { fields: ['y'], line: 5 },
    ]);
    for (let cut = 1; cut < text.length; cut++) {
      const parts: CsvRecord[] = [];
      const split = new CsvReader(';');
      split.push(text.slice(0, cut), (r) => parts.push(r));
      split.push(text.slice(cut), (r) => parts.push(r));
      split.end((r) => parts.push(r));
      expect(parts, `cut at ${cut}`).toEqual(whole);
    }
  });
});

describe('venue CSV import: duplicates', () => {
  it('reports repeats within the file and venues already in the catalogue; skip by default, update on demand', async () => {
    const core = testCore();
    const stored = await call<Venue>(core, 'venues.create', {
      name: 'La Cigale',
      city: 'Paris',
      country: 'FR',
      capacityStanding: 1389,
      notes: 'Accès camion rue Dancourt',
    });
    const text = [
      'nom;ville;pays;capacité;site_web',
      'la cigale;PARIS;FR;1400;https://lacigale.fr',
      'Le Trabendo;Paris;FR;700;',
      'Le  Trabendo;paris;fr;750;',
    ].join('\n');
    const skip = await importCsv(core, { text, dryRun: false });
    expect(skip).toMatchObject({ written: true, counts: { new: 1, updated: 0, duplicate: 2, invalid: 0 } });
    expect(skip.duplicates).toEqual([
      { line: 2, name: 'la cigale', existingId: stored.id, duplicateOfLine: null },
      { line: 4, name: 'Le  Trabendo', existingId: null, duplicateOfLine: 3 },
    ]);
    expect((await call<Venue>(core, 'venues.get', { id: stored.id })).capacityStanding).toBe(1389);

    const update = await importCsv(core, { text, dryRun: false, onDuplicate: 'update' });
    expect(update.counts).toEqual({ new: 0, updated: 2, duplicate: 1, invalid: 0 });
    const after = await call<Venue>(core, 'venues.get', { id: stored.id });
    // The file's columns replace the stored ones; the others (notes) are kept.
    expect(after).toMatchObject({
      name: 'la cigale',
      capacityStanding: 1400,
      website: 'https://lacigale.fr',
      notes: 'Accès camion rue Dancourt',
    });
    expect(venueCount(core)).toBe(2);
  });
});

describe('venue CSV import: large files', () => {
  it('refuses a file over 50 MB at once, and imports a 50 MB file whole or not at all', async () => {
    const dir = tempDir();
    const core = testCore();

    const over = join(dir, 'over.csv');
    writeFileSync(over, '');
    const fdOver = openSync(over, 'w');
    writeSync(fdOver, 'name;city\n');
    writeSync(fdOver, Buffer.alloc(50 * 1024 * 1024, 'a'), 0, 50 * 1024 * 1024, 10);
    closeSync(fdOver);
    const refused = await failure(core, { path: over });
    expect(refused.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refused.message).toBe(
      'Le fichier fait 50,0 Mo ; la limite est de 50 Mo. Coupez-le en plusieurs fichiers.',
    );

    // Just under 50 MiB: 12,000 venues with long notes, one bad capacity on the last row.
    const path = join(dir, 'big.csv');
    const fd = openSync(path, 'w');
    writeSync(fd, 'name;city;country;capacity_standing;notes\n');
    const note = 'x'.repeat(4300);
    const rows = 12_000;
    for (let i = 1; i <= rows; i++)
      writeSync(fd, `Salle ${i};Ville ${i % 500};FR;${i === rows ? 'mille' : 100 + (i % 900)};"${note}"\n`);
    closeSync(fd);
    const size = readFileSync(path).length;
    expect(size).toBeGreaterThan(49 * 1024 * 1024);
    expect(size).toBeLessThanOrEqual(50 * 1024 * 1024);

    const started = performance.now();
    const failed = await importCsv(core, { path, dryRun: false });
    const seconds = (performance.now() - started) / 1000;
    expect(failed.written).toBe(false);
    expect(failed.rows).toBe(rows);
    expect(failed.errors.map((e) => e.message)).toEqual([
      `Ligne ${rows + 1} : capacity_standing « mille » : n'est pas un nombre`,
    ]);
    expect(venueCount(core)).toBe(0);
    console.log(`50 MB CSV (${rows} rows): validated, written and rolled back in ${seconds.toFixed(1)} s`);

    // Fixed, the same file imports whole.
    const fixed = readFileSync(path, 'utf8').replace(/;mille;/, ';100;');
    writeFileSync(path, fixed);
    const ok = await importCsv(core, { path, dryRun: false, previewRows: 0 });
    expect(ok).toMatchObject({ written: true, counts: { new: rows } });
    expect(venueCount(core)).toBe(rows);
  }, 120_000);
});

describe('flowstage venues', () => {
  function withProfile<T>(dataDir: string, run: () => Promise<T>): Promise<T> {
    const previous = process.env.FLOWSTAGE_HOME;
    process.env.FLOWSTAGE_HOME = dataDir;
    return run().finally(() => {
      if (previous === undefined) delete process.env.FLOWSTAGE_HOME;
      else process.env.FLOWSTAGE_HOME = previous;
    });
  }
  const cli = async (args: string[]) => {
    const out: string[] = [];
    const originalError = console.error;
    const err: string[] = [];
    console.error = (line: string) => err.push(line);
    try {
      const code = await runCli(args, (l) => out.push(l));
      return { code, out, err };
    } finally {
      console.error = originalError;
    }
  };

  it('import --dry-run previews, errors exit 1 with their lines, export round-trips', async () => {
    const dataDir = tempDir();
    const dir = tempDir();
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'name;city;country\nLe Bikini;Toulouse;FR\nLe Rocher de Palmer;Cenon;FR\n');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'name;city;capacity_standing\nA;Lyon;-5\nB;Lyon;100\n');
    await withProfile(dataDir, async () => {
      const dry = await cli(['venues', 'import', good, '--dry-run', '--lang', 'en']);
      expect(dry.code).toBe(0);
      expect(dry.out.join('\n')).toMatch(/2 row\(s\): 2 new, 0 updated, 0 duplicate, 0 invalid/);
      expect(dry.out.join('\n')).toMatch(/nothing was written/);

      const failed = await cli(['venues', 'import', bad, '--lang', 'fr']);
      expect(failed.code).toBe(1);
      expect(failed.err).toContain('Ligne 2 : capacity_standing « -5 » : doit être un nombre entier ≥ 0');
      expect(failed.err).toContain('Rien n’a été écrit.');

      const done = await cli(['venues', 'import', good, '--json']);
      expect(done.code).toBe(0);
      expect(JSON.parse(done.out[0]!)).toMatchObject({ written: true, counts: { new: 2 } });

      const missing = await cli(['venues', 'import', join(dir, 'nope.csv')]);
      expect(missing.code).toBe(2);

      const out = join(dir, 'export.csv');
      expect((await cli(['venues', 'export', '--out', out])).code).toBe(0);
      const exported = readFileSync(out, 'utf8');
      expect(exported.startsWith('\uFEFFid;name;kind;')).toBe(true);
      const again = await cli(['venues', 'import', out, '--json']);
      expect(JSON.parse(again.out[0]!)).toMatchObject({ counts: { new: 0, duplicate: 2 } });
    });
  });
});
