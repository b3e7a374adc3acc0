import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { call, expect, shoot, test, type HostProcess } from './fixtures';

// « Adéquation » end to end, in Chromium against the browser host: a seeded catalogue (artists,
// venues, past shows, real demo analyses so the sound-alike artists are known), the search bar and
// its chips, an artist's ranking and its explanation, two venues compared, a weight changed, then
// the venue CSV import (a bad line refused with nothing written, fixed, imported) and the festivals'
// credit. Build first (the demo analysis runs in out/main/audioWorker.js).

const CORPUS = resolve('../shared/corpus/decoding');
const BRAHMS_FLAC = join(CORPUS, 'format/brahms.flac');
const BRAHMS_MP3 = join(CORPUS, 'format/brahms_cbr128.mp3');
const AMEN = join(CORPUS, 'tempo/amen_140bpm_x2.mp3');

/** The first analysis also starts the worker pool. */
const ANALYSIS_TIMEOUT = 45_000;

interface Named {
  id: string;
  name: string;
}

async function seed(host: HostProcess) {
  const artist = (fields: object) => call<Named>(host, 'artists.create', fields);
  const venue = (fields: object) => call<Named>(host, 'venues.create', fields);
  const nadia = await artist({
    name: 'Trio Nadia',
    genres: ['jazz'],
    city: 'Paris',
    country: 'FR',
    fee: { min: 1000, max: 1500 },
  });
  const cordes = await artist({
    name: 'Les Cordes Sensibles',
    genres: ['jazz'],
    city: 'Lyon',
    country: 'FR',
  });
  const orage = await artist({ name: 'Orage', genres: ['rock'], city: 'Lyon', country: 'FR' });

  const duc = await venue({
    name: 'Le Duc des Lombards',
    kind: 'club',
    city: 'Paris',
    country: 'FR',
    genres: ['jazz'],
    capacityStanding: 300,
    room: { lengthM: 18, widthM: 9, heightM: 3.5 },
    acoustics: { rt60Sec: 0.8 },
    budget: { min: 900, max: 2000 },
  });
  const eglise = await venue({
    name: 'Église Saint-Merry',
    kind: 'church',
    city: 'Paris',
    country: 'FR',
    genres: ['classique', 'jazz'],
    capacitySeated: 300,
    room: { lengthM: 40, widthM: 18, heightM: 16 },
    acoustics: { rt60Sec: 3.4 },
    budget: { min: 300, max: 700 },
  });
  await venue({
    name: 'Le Sunside',
    kind: 'club',
    city: 'Paris',
    country: 'FR',
    genres: ['jazz', 'blues'],
    capacityStanding: 260,
  });
  await venue({
    name: 'La Cigale',
    kind: 'concert_hall',
    city: 'Paris',
    country: 'FR',
    genres: ['rock', 'pop'],
    capacityStanding: 1400,
  });
  const transbo = await venue({
    name: 'Le Transbordeur',
    kind: 'concert_hall',
    city: 'Lyon',
    country: 'FR',
    genres: ['rock'],
    capacityStanding: 1800,
  });
  const hotClub = await venue({
    name: 'Hot Club de Lyon',
    kind: 'club',
    city: 'Lyon',
    country: 'FR',
    genres: ['jazz'],
    capacityStanding: 120,
  });

  const show = (artistId: string, venueId: string, date: string, capacity: number, ticketsSold: number) =>
    call(host, 'events.create', { artistId, venueId, date, capacity, ticketsSold });
  await show(cordes.id, duc.id, '2025-02-14', 300, 270);
  await show(nadia.id, hotClub.id, '2024-11-08', 120, 110);
  await show(orage.id, transbo.id, '2025-03-01', 1800, 1500);

  // Real analyses: the two Brahms files sound alike (Trio Nadia ≈ Les Cordes Sensibles), the drum loop not.
  await call(host, 'demos.add', { paths: [BRAHMS_FLAC], artistId: nadia.id });
  await call(host, 'demos.add', { paths: [BRAHMS_MP3], artistId: cordes.id });
  await call(host, 'demos.add', { paths: [AMEN], artistId: orage.id });
  await expect
    .poll(
      async () => {
        const list = await call<{ items: Array<{ status: string }> }>(host, 'demos.list', {});
        return list.items.filter((d) => d.status === 'done').length;
      },
      { timeout: ANALYSIS_TIMEOUT, intervals: [500] },
    )
    .toBe(3);
  return { nadia, duc, eglise };
}

async function openMatch(page: Page, host: HostProcess): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Adéquation', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Adéquation' })).toBeVisible();
}

const chips = (page: Page) => page.getByTestId('fit-chip');
/** Picks in a searchable picker (ARIA combobox): types some words, then clicks the option. */
async function pick(page: Page, label: string, typed: string, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(typed);
  await page.getByRole('option', { name: new RegExp(`^${option}`) }).click();
  await expect(box).toHaveValue(new RegExp(`^${option}`));
}
const venueRow = (page: Page, name: string) => page.getByTestId('fit-venue-row').filter({ hasText: name });
const toast = (page: Page, text: string | RegExp) =>
  page.locator('[data-testid="toast"]').filter({ hasText: text });

test('search chips, an artist’s ranking explained, two venues compared, a weight changed', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  const seeded = await seed(host);
  await openMatch(page, host);

  // The query becomes chips at once; the words not understood are shown, not dropped.
  const search = page.getByRole('searchbox', { name: 'Rechercher des lieux en langage courant' });
  await search.fill('salle jazz 300 places Paris février terrasse');
  await expect(chips(page)).toHaveCount(4);
  await expect(chips(page).nth(0)).toContainText('Jazz');
  await expect(chips(page).nth(1)).toContainText('240 à 360 places');
  await expect(chips(page).nth(2)).toContainText('Paris');
  await expect(chips(page).nth(3)).toContainText('février');
  await expect(page.getByTestId('fit-unparsed')).toContainText('terrasse');
  // No artist yet: the venues that match the query, best first (Cigale is rock, Lyon is elsewhere).
  const searchRows = page.getByTestId('fit-search-row');
  await expect(searchRows.first()).toBeVisible();
  await expect(searchRows.filter({ hasText: 'Le Duc des Lombards' })).toHaveCount(1);
  await shoot(page, 'match-search');

  // Remove the capacity chip: its words leave the query, the other chips stay.
  await page.getByRole('button', { name: 'Retirer le filtre « 240 à 360 places »' }).click();
  await expect(search).toHaveValue('salle jazz Paris février terrasse');
  await expect(chips(page)).toHaveCount(3);
  // Correcting a chip: its label selects its words in the search box.
  await chips(page).filter({ hasText: 'Paris' }).getByRole('button', { name: /Paris/ }).first().click();
  await expect(search).toBeFocused();
  expect(
    await search.evaluate((input: HTMLInputElement) =>
      input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0),
    ),
  ).toBe('Paris');

  // An artist: the filtered venues ranked by fit, each with its six component bars.
  await pick(page, 'Artiste', 'nadia', 'Trio Nadia');
  await expect(page.getByTestId('fit-sound')).toContainText('brahms.flac');
  const rows = page.getByTestId('fit-venue-row');
  await expect(rows).toHaveCount(3); // jazz in Paris: Duc, Sunside, Saint-Merry (not La Cigale, not Lyon)
  await expect(rows.filter({ hasText: 'La Cigale' })).toHaveCount(0);
  await expect(page.getByText('3 lieux', { exact: true })).toBeVisible();
  await expect(
    venueRow(page, 'Le Duc des Lombards').getByRole('img', { name: /^Genre : 100,/ }),
  ).toBeVisible();

  // Expand one row: the sentence of every component, technical advice, the sound-alike who played there.
  await page.getByRole('button', { name: 'Explications pour Le Duc des Lombards' }).click();
  const explain = venueRow(page, 'Le Duc des Lombards').getByTestId('fit-explanation');
  await expect(explain).toBeVisible();
  const components = explain.getByTestId('fit-components');
  for (const name of ['Genre', 'Acoustique', 'Jauge', 'Public / région', 'Budget', 'Historique'])
    await expect(components.getByRole('rowheader', { name, exact: true })).toBeVisible();
  await expect(components).toContainText('jazz');
  await expect(explain.getByText('Recommandations techniques')).toBeVisible();
  await expect(explain.getByText('1 artiste au son proche a joué ici')).toBeVisible();
  await expect(explain.getByTestId('fit-similar')).toContainText('Les Cordes Sensibles');
  await expect(explain.getByTestId('fit-similar')).toContainText('270 / 300 billets');
  // Under the explanation, the ticket forecast for this artist in this room (the Prévisions panel).
  const forecast = venueRow(page, 'Le Duc des Lombards').getByRole('region', {
    name: 'Billetterie prévue ici',
  });
  await expect(forecast.getByText('Billets attendus (P50)')).toBeVisible({ timeout: 30_000 });
  await expect(forecast.getByText('Données synthétiques').first()).toBeVisible();
  await shoot(page, 'match-artist');

  // A weight: genre to zero; saved through the API and the scores on screen move.
  const ducScore = venueRow(page, 'Le Duc des Lombards').getByTestId('fit-score');
  const before = await ducScore.textContent();
  await page.getByRole('slider', { name: 'Poids du critère Genre' }).fill('0');
  await expect(page.getByTestId('fit-weights-status')).toHaveText('Pondération enregistrée');
  await expect(ducScore).not.toHaveText(before ?? '');
  const saved = await call<{ weights: { genre: number } }>(host, 'fit.weights.get', {});
  expect(saved.weights.genre).toBe(0);
  await page.getByRole('button', { name: 'Valeurs par défaut' }).click();
  await expect(page.getByRole('slider', { name: 'Poids du critère Genre' })).toHaveValue('30');
  await expect(ducScore).toHaveText(before ?? '');

  // Two venues ticked → side by side.
  await venueRow(page, 'Le Duc des Lombards').getByRole('checkbox').check();
  await venueRow(page, 'Église Saint-Merry').getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Comparer les 2 lieux cochés' }).click();
  await expect(page.getByRole('tab', { name: 'Comparer deux lieux' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const compare = page.getByTestId('fit-compare');
  await expect(compare.getByRole('heading', { name: 'Comparaison pour Trio Nadia' })).toBeVisible();
  await expect(compare.getByTestId('fit-compare-a')).toContainText('Le Duc des Lombards');
  await expect(compare.getByTestId('fit-compare-b')).toContainText('Église Saint-Merry');
  await expect(
    compare.getByRole('img', { name: /^Critères de Le Duc des Lombards et Église Saint-Merry/ }),
  ).toBeVisible();
  await expect(page.getByTestId('fit-verdict')).toContainText('Le Duc des Lombards l’emporte');
  await shoot(page, 'match-compare');

  // Venue → artists: the programmer's view ranks the jazz trio above the rock band.
  await page.getByRole('tab', { name: 'Artistes pour un lieu' }).click();
  await pick(page, 'Lieu', 'duc lomb', 'Le Duc des Lombards');
  const artistRows = page.getByTestId('fit-artist-row');
  await expect(artistRows).toHaveCount(3);
  await expect(artistRows.last()).toContainText('Orage');

  // The demo card suggests its best venues and leads back here, with its artist chosen.
  await page.getByRole('navigation').getByRole('button', { name: 'Démos', exact: true }).click();
  await page.getByTestId('demo-row').filter({ hasText: 'brahms.flac' }).locator('.demo-row-main').click();
  const best = page.getByTestId('demo-best-venues');
  await expect(best.getByRole('heading', { name: 'Meilleurs lieux pour cette démo' })).toBeVisible();
  await expect(best.getByRole('listitem')).toHaveCount(3);
  await best.getByRole('button', { name: 'Ouvrir dans Adéquation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Adéquation' })).toBeVisible();
  await page.getByRole('tab', { name: 'Lieux pour un artiste' }).click();
  await expect(page.getByRole('combobox', { name: 'Artiste', exact: true })).toHaveValue(/^Trio Nadia/);
  expect(seeded.nadia.id).toBeTruthy();
});

const HEADER = 'name;city;country;kind;capacity_standing;genres';
const BAD_CSV = `${HEADER}\nLe Périscope;Lyon;FR;club;150;jazz\nLa Boule Noire;Paris;FR;club;-5;rock\n`;
const GOOD_CSV = `${HEADER}\nLe Périscope;Lyon;FR;club;150;jazz\nLa Boule Noire;Paris;FR;club;200;rock\n`;

test('venue CSV import: a bad line is shown and nothing is written; fixed, it imports; the credit shows', async ({
  page,
  host,
}) => {
  await call(host, 'venues.create', { name: 'Le Sunside', city: 'Paris', country: 'FR', genres: ['jazz'] });
  await openMatch(page, host);
  await page.getByRole('button', { name: 'Importer / exporter des lieux' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importer et exporter des lieux' });
  await expect(dialog).toBeVisible();

  // The open-data source is credited as its publisher asks, before anything is imported.
  await expect(dialog.getByTestId('fit-credit')).toContainText('Source : Ministère de la Culture');
  await expect(dialog.getByTestId('festivals-count')).toHaveText(
    /^Pas encore importés\. Le fichier en contient 3\s382\.$/,
  );

  const input = dialog.getByTestId('venue-csv-input');
  await input.setInputFiles({ name: 'salles.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
  await expect(dialog.getByTestId('venue-csv-file')).toHaveText('salles.csv');
  await dialog.getByRole('button', { name: 'Vérifier' }).click();
  const errors = dialog.getByTestId('venue-import-errors');
  await expect(errors).toContainText('1 erreur : rien ne sera importé');
  await expect(errors.getByRole('row').nth(1)).toContainText('3');
  await expect(errors).toContainText('-5');
  await expect(dialog.getByTestId('venue-import-invalid')).toHaveText('1');
  await expect(dialog.getByTestId('venue-import-new')).toHaveText('1');
  await expect(dialog.getByRole('button', { name: 'Importer', exact: true })).toBeDisabled();
  await shoot(page, 'venue-import');
  let venues = await call<{ total: number }>(host, 'venues.list', { query: '', limit: 10, offset: 0 });
  expect(venues.total).toBe(1);

  // The fixed file: valid, its two rows previewed, then imported in one go.
  await input.setInputFiles({
    name: 'salles-corrigé.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(GOOD_CSV),
  });
  await expect(dialog.getByTestId('venue-csv-file')).toHaveText('salles-corrigé.csv');
  await dialog.getByRole('button', { name: 'Vérifier' }).click();
  await expect(dialog.getByText('Fichier valide.')).toBeVisible();
  await expect(dialog.getByTestId('venue-import-report')).toContainText('La Boule Noire');
  await dialog.getByRole('button', { name: 'Importer 2 lieux' }).click();
  await expect(toast(page, '2 lieux importés')).toBeVisible();
  venues = await call<{ total: number }>(host, 'venues.list', { query: '', limit: 10, offset: 0 });
  expect(venues.total).toBe(3);

  // The same file again: both rows are now duplicates, skipped — nothing to import.
  await dialog.getByRole('button', { name: 'Vérifier' }).click();
  await expect(dialog.getByTestId('venue-import-duplicate')).toHaveText('2');
  await expect(dialog.getByText('Rien à importer : toutes les lignes sont des doublons.')).toBeVisible();

  // The imported venues are in the pickers once the dialog closes.
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await page.getByRole('tab', { name: 'Artistes pour un lieu' }).click();
  const venuePicker = page.getByRole('combobox', { name: 'Lieu', exact: true });
  await venuePicker.fill('boule');
  await expect(page.getByRole('option', { name: /^La Boule Noire/ })).toHaveCount(1);
  await venuePicker.press('ArrowDown');
  await venuePicker.press('Enter');
  await expect(venuePicker).toHaveValue('La Boule Noire (Paris)');
});

test('French festivals: imported as a job with progress, then credited in the section', async ({
  page,
  host,
}) => {
  await openMatch(page, host);
  await page.getByRole('button', { name: 'Importer / exporter des lieux' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importer et exporter des lieux' });
  const festivals = dialog.getByTestId('festivals-import');
  await festivals.getByRole('button', { name: /^Importer les 3\s382 festivals de musique$/ }).click();
  await expect(toast(page, /créés, .* mis à jour/)).toBeVisible({ timeout: 45_000 });
  await expect(dialog.getByTestId('festivals-count')).toContainText('festivals de cette source au catalogue');
  await expect(festivals.getByRole('button', { name: 'Mettre à jour les festivals' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  // The section credits the source whose venues it now ranks.
  await expect(page.locator('.fit-aside').getByTestId('fit-credit')).toContainText('Ministère de la Culture');

  // "festival" is a kind of venue: a chip, and only festivals ranked.
  const search = page.getByRole('searchbox', { name: 'Rechercher des lieux en langage courant' });
  await search.fill('festival jazz en Normandie');
  await expect(chips(page).filter({ hasText: 'festival' })).toHaveCount(1);
  await expect(page.getByTestId('fit-unparsed')).toHaveCount(0);
  await expect(page.getByTestId('fit-search-row').filter({ hasText: 'Jazz sous les pommiers' })).toHaveCount(
    1,
  );
  await shoot(page, 'match-festivals');

  // Any of the 3 382 festivals can be picked: type to search the whole catalogue.
  await page.getByRole('tab', { name: 'Artistes pour un lieu' }).click();
  const venuePicker = page.getByRole('combobox', { name: 'Lieu', exact: true });
  await venuePicker.click();
  await venuePicker.fill('charrues');
  await expect(page.getByRole('option', { name: /^Les Vieilles Charrues/ })).toBeVisible();
  await shoot(page, 'match-picker');
  await page.getByRole('option', { name: /^Les Vieilles Charrues/ }).click();
  await expect(venuePicker).toHaveValue('Les Vieilles Charrues (Carhaix-Plouguer)');
});
