import type { Page } from '@playwright/test';
import { call, expect, shoot, test, type HostProcess } from './fixtures';

// Prévisions end to end (issue #6): the forecast panel on the prior with its badge, the price curve and
// the fee advice under terms, the best-dates heat map, the event history (by hand and CSV import with a
// bad line), and retraining with its evaluation report. Needs the shipped prior (models/prior, or
// FLOWSTAGE_MODELS pointing at a folder holding prior/).

interface Seeded {
  artist: string;
  other: string;
  venue: string;
  small: string;
}

async function seed(host: HostProcess, pastEvents: number): Promise<Seeded> {
  const artist = await call<{ id: string }>(host, 'artists.create', {
    name: 'Nadia Kessler Trio',
    genres: ['jazz'],
    city: 'Strasbourg',
    country: 'FR',
  });
  const other = await call<{ id: string }>(host, 'artists.create', {
    name: 'Orage Mécanique',
    genres: ['rock'],
    country: 'BE',
  });
  const venue = await call<{ id: string }>(host, 'venues.create', {
    name: 'Le Périscope',
    city: 'Lyon',
    postalCode: '69002',
    country: 'FR',
    latitude: 45.75,
    longitude: 4.82,
    capacityStanding: 600,
    ticketPrice: { min: 15, max: 25 },
  });
  const small = await call<{ id: string }>(host, 'venues.create', {
    name: 'Le Sonic',
    city: 'Lyon',
    country: 'FR',
    capacityStanding: 250,
  });
  // A deterministic spread of past shows: two venues, two artists, fills from 40 % to 99 %.
  for (let i = 0; i < pastEvents; i++) {
    const big = i % 2 === 1;
    const capacity = big ? 600 : 250;
    await call(host, 'events.create', {
      artistId: i % 3 ? artist.id : other.id,
      venueId: big ? venue.id : small.id,
      date: new Date(Date.UTC(2023, 0, 6 + i * 17)).toISOString().slice(0, 10),
      capacity,
      ticketsSold: Math.round(capacity * (0.4 + ((i * 37) % 60) / 100)),
      ticketPrice: 15 + (i % 4) * 3,
      announcedOn: new Date(Date.UTC(2022, 10, 1 + i * 17)).toISOString().slice(0, 10),
    });
  }
  return { artist: artist.id, other: other.id, venue: venue.id, small: small.id };
}

async function openForecast(page: Page, host: HostProcess): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Prévisions', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Prévisions' })).toBeVisible();
  const pickers = page.getByRole('group', { name: 'Artiste, lieu et date de la prévision' });
  await pickers.getByLabel('Artiste').selectOption({ label: 'Nadia Kessler Trio' });
  await pickers.getByLabel('Lieu').selectOption({ label: 'Le Périscope (Lyon)' });
}

const SHOW_DATE = '2027-03-12';

test('forecast on the prior: range, badge, factors, price curve, fee advice and best dates', async ({
  page,
  host,
}) => {
  const ids = await seed(host, 3);
  // The artist confirmed elsewhere on Friday 5 March (blocking); the venue held for another artist on the 6th (a warning).
  const elsewhere = await call<{ hold: { id: string } }>(host, 'holds.place', {
    artistId: ids.artist,
    venueId: ids.small,
    startDate: '2027-03-05',
  });
  await call(host, 'holds.confirm', { id: elsewhere.hold.id });
  await call(host, 'holds.place', { artistId: ids.other, venueId: ids.venue, startDate: '2027-03-06' });
  await openForecast(page, host);
  await page.getByLabel('Date du concert').fill(SHOW_DATE);

  const panel = page.getByTestId('forecast-panel');
  await expect(
    panel.getByRole('heading', { name: /Billetterie prévue — vendredi 12 mars 2027/ }),
  ).toBeVisible();
  await expect(panel.getByTestId('prior-badge')).toHaveText('Données synthétiques');
  await expect(panel.getByTestId('forecast-basis')).toContainText(
    '1 concert passé dans cette salle, 2 pour cet artiste',
  );
  await expect(panel.getByTestId('forecast-basis')).toContainText('Estimation a priori');
  // The range bar names its numbers for screen readers, against the room's capacity.
  await expect(panel.getByRole('img', { name: /Billets prévus : \d+ .*jauge de 600/ })).toBeVisible();
  await expect(panel.getByTestId('forecast-p50')).toHaveText(/^\d[\d\s\u202f]* billets$/);
  await expect(panel.getByTestId('forecast-sold-out')).toHaveText(/^\d+\s?%$/);
  await expect(panel.getByTestId('forecast-break-even')).toHaveText('—');
  await expect(panel.getByTestId('forecast-factors').getByRole('listitem').first()).toContainText('billets');

  // Terms: the break-even chance, the expected result and the fee advice appear.
  const terms = page.getByTestId('deal-terms');
  await terms.getByLabel('Tenir compte de conditions').check();
  await expect(terms.getByLabel(/Prix du billet TTC/)).toHaveValue('25');
  await expect(terms.getByLabel(/Jauge/)).toHaveValue('600');
  await terms.getByLabel(/Garantie/).fill('abc');
  await expect(terms.getByText('Saisissez un nombre positif')).toBeVisible();
  await terms.getByLabel(/Garantie/).fill('2500');
  await expect(panel.getByTestId('forecast-break-even')).toHaveText(/^\d+\s?%$/);
  await expect(panel.getByTestId('forecast-expected-result')).toContainText('€');
  const fee = page.getByTestId('fee-advice');
  await expect(fee.getByTestId('fee-current')).toContainText('2 500');
  await expect(fee.getByTestId('fee-safe')).toContainText('Sûr');
  // The explanation is French with French amounts ("2 500 €"), not "2500 EUR".
  await expect(fee.locator('.fc-fee-explanation')).toContainText('€');
  await expect(fee.locator('.fc-fee-explanation')).not.toContainText('EUR');
  await expect(fee.locator('.fc-fee-explanation')).toContainText('Avec ');

  // The price curve: revenue and profit against price, the best prices marked.
  const curve = page.getByTestId('price-curve');
  await expect(
    curve.getByRole('img', { name: 'Recette et résultat attendus selon le prix du billet' }),
  ).toBeVisible();
  await expect(curve.getByTestId('best-price-revenue')).toContainText('€');
  await expect(curve.getByTestId('best-price-profit')).toContainText('€');
  await expect(curve.locator('.chart-legend')).toContainText('Résultat organisateur attendu');
  await shoot(page, 'forecast-panel');

  // Best dates over a window: the heat map, the top dates, a day picked with the keyboard.
  await page.getByRole('tab', { name: 'Meilleures dates' }).click();
  await page.getByLabel('Du', { exact: true }).fill('2027-03-01');
  await page.getByLabel('Au', { exact: true }).fill('2027-04-30');
  const heat = page.getByTestId('date-heatmap');
  const grid = heat.getByRole('grid', { name: 'Calendrier des prévisions' });
  await expect(grid.locator('[data-date]')).toHaveCount(61);
  const top = heat.getByTestId('top-dates').getByRole('button');
  await expect(top).toHaveCount(5);
  await expect(heat.getByTestId('prior-badge')).toBeVisible();
  // Easter Monday 2027 (29 March) is marked as a public holiday.
  await expect(grid.locator('[data-date="2027-03-29"]')).toHaveAttribute('aria-label', /Lundi de Pâques/i);
  await expect(grid.locator('[data-date="2027-03-05"]')).toHaveClass(/fc-heat-blocked/);
  await expect(grid.locator('[data-date="2027-03-05"]')).toHaveAttribute('aria-label', /indisponible/);
  await expect(grid.locator('[data-date="2027-03-06"]')).toHaveClass(/fc-heat-warning/);
  // The hold's description is in French.
  await expect(grid.locator('[data-date="2027-03-06"]')).toHaveAttribute(
    'aria-label',
    /Option : Orage Mécanique à Le Périscope/,
  );
  await expect(top.filter({ hasText: /(^|\s)5 mars 2027/ })).toHaveCount(0);
  await top.nth(1).click();
  const second = await grid.locator('[aria-selected="true"]').getAttribute('data-date');
  expect(second).toMatch(/^2027-0[34]-\d\d$/);
  const detail = heat.getByTestId('day-detail');
  await expect(detail).toContainText('billets prévus');
  // The keyboard: the selected day is the one in the tab order; an arrow and Enter pick the next day.
  await grid.locator('[tabindex="0"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const next = await grid.locator('[aria-selected="true"]').getAttribute('data-date');
  expect(next).not.toBe(second);
  await top.first().click();
  const best = await grid.locator('[aria-selected="true"]').getAttribute('data-date');
  await heat.locator('.fc-segment', { hasText: 'Chance de complet' }).click();
  await shoot(page, 'forecast-dates');
  await detail.getByRole('button', { name: 'Voir la prévision de ce jour' }).click();
  await expect(page.getByRole('tab', { name: 'Prévision', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByLabel('Date du concert')).toHaveValue(best!);

  // Too little history to retrain: the model tab says so plainly.
  await page.getByRole('tab', { name: 'Modèle et évaluation' }).click();
  await expect(page.getByTestId('retrain')).toContainText('Historique insuffisant : 3 concerts joués');
  await expect(page.getByTestId('model-card')).toContainText('A priori (données synthétiques)');
});

test('event history by hand and by CSV (a bad line imports nothing), then retraining and its report', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  await seed(host, 34);
  await openForecast(page, host);
  await page.getByRole('tab', { name: 'Historique' }).click();
  const history = page.getByTestId('event-history');
  await expect(history.getByRole('heading', { name: /34 concerts/ })).toBeVisible();

  // By hand: the schema's cross-field rule shows under its field, then the show is added.
  await history.getByRole('button', { name: 'Ajouter un concert' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouveau concert' });
  await dialog.getByLabel('Date', { exact: true }).fill('2025-06-20');
  await dialog.getByLabel('Jauge (billets en vente)').fill('600');
  await dialog.getByLabel('Billets vendus').fill('700');
  await dialog.getByRole('button', { name: 'Ajouter le concert' }).click();
  await expect(dialog.getByText('Les billets vendus (700) dépassent la jauge (600).')).toBeVisible();
  await dialog.getByLabel('Billets vendus').fill('540');
  await dialog.getByLabel('Prix du billet TTC').fill('22,5');
  await dialog.getByRole('button', { name: 'Ajouter le concert' }).click();
  await expect(dialog).toBeHidden();
  await expect(history.getByRole('heading', { name: /35 concerts/ })).toBeVisible();
  await expect(history.getByRole('row', { name: /20 juin 2025/ })).toContainText('540 / 600');

  // CSV with one bad line: every problem listed, nothing imported.
  await history.getByRole('button', { name: 'Importer un CSV' }).click();
  const importer = page.getByRole('dialog', { name: 'Importer des concerts (CSV)' });
  await importer
    .getByLabel('Contenu du fichier CSV')
    .fill(
      [
        'date;artist;venue;capacity;tickets_sold;ticket_price',
        '2025-09-12;Nadia Kessler Trio;Le Périscope;600;480;20',
        '2025-13-10;Nadia Kessler Trio;Le Périscope;600;300;20',
        '2025-10-03;Orage Mécanique;Le Sonic;250;210;16',
      ].join('\n'),
    );
  await importer.getByRole('button', { name: 'Vérifier' }).click();
  const errors = importer.getByTestId('import-errors');
  await expect(errors).toContainText('Aucun concert importé : 1 erreur sur 3 lignes');
  await expect(errors.getByRole('row').nth(1)).toContainText('3');
  await expect(errors.getByRole('row').nth(1)).toContainText('cette date n’existe pas');
  await expect(importer.getByRole('button', { name: 'Importer', exact: true })).toBeDisabled();
  // Fixing the line makes the file valid and importable.
  const text = await importer.getByLabel('Contenu du fichier CSV').inputValue();
  await importer.getByLabel('Contenu du fichier CSV').fill(text.replace('2025-13-10', '2025-11-10'));
  await expect(importer.getByTestId('import-report')).toBeHidden();
  await importer.getByRole('button', { name: 'Vérifier' }).click();
  await expect(importer.getByText('Fichier valide : 3 concerts prêts à être importés.')).toBeVisible();
  await importer.getByRole('button', { name: 'Importer 3 concerts' }).click();
  await expect(importer).toBeHidden();
  await expect(history.getByRole('heading', { name: /38 concerts/ })).toBeVisible();
  expect((await call<{ total: number }>(host, 'events.list', {})).total).toBe(38);

  // The same file again: every line is a duplicate, listed and skipped; there is nothing to import.
  await history.getByRole('button', { name: 'Importer un CSV' }).click();
  await importer.getByLabel('Contenu du fichier CSV').fill(text.replace('2025-13-10', '2025-11-10'));
  await importer.getByRole('button', { name: 'Vérifier' }).click();
  const duplicates = importer.getByTestId('import-duplicates');
  await expect(duplicates).toContainText('3 doublons — ignorés à l’import');
  await expect(duplicates.getByRole('row', { name: /Le Sonic/ })).toContainText('déjà dans l’historique');
  await expect(
    importer.getByText('Rien de nouveau : toutes les lignes sont déjà dans l’historique.'),
  ).toBeVisible();
  await expect(importer.getByRole('button', { name: 'Importer', exact: true })).toBeDisabled();
  await shoot(page, 'forecast-import-duplicates');
  await importer.getByRole('button', { name: 'Fermer' }).first().click();
  await expect(importer).toBeHidden();
  expect((await call<{ total: number }>(host, 'events.list', {})).total).toBe(38);

  // Retraining: progress, then the decision and the evaluation report with its calibration chart.
  await page.getByRole('tab', { name: 'Modèle et évaluation' }).click();
  const retrain = page.getByTestId('retrain');
  await expect(retrain).toContainText('38 concerts utilisables');
  // Cancel first: the job stops, the model is kept, the button comes back. Toasts stack bottom right in a
  // column 380 px wide, 20 px from the edge (styles.css): the Cancel button sits left of that column, so no
  // toast can cover it.
  await retrain.getByRole('button', { name: 'Réentraîner sur mon historique' }).click();
  const cancelButton = retrain.getByRole('button', { name: 'Annuler' });
  const box = (await cancelButton.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.x + box.width).toBeLessThan(viewport.width - 20 - 380);
  await cancelButton.click();
  await expect(
    page.locator('[data-testid="toast"]').filter({ hasText: 'Réentraînement annulé' }),
  ).toBeVisible();
  await expect(retrain.getByRole('progressbar')).toBeHidden();
  await expect(retrain.getByTestId('retrain-outcome')).toBeHidden();
  await retrain.getByRole('button', { name: 'Réentraîner sur mon historique' }).click();
  await expect(retrain.getByRole('progressbar', { name: 'Avancement du réentraînement' })).toBeVisible();
  await expect(retrain.getByTestId('retrain-outcome')).toBeVisible({ timeout: 60_000 });
  await expect(retrain.getByTestId('retrain-outcome')).toContainText(
    /Nouveau modèle adopté|Modèle actuel conservé/,
  );
  const report = page.getByTestId('evaluation-report');
  await expect(report.getByRole('row', { name: /Candidat/ })).toBeVisible();
  await expect(report.getByRole('row', { name: /Remplissage médian du lieu/ })).toBeVisible();
  await expect(report.getByRole('row', { name: /Dernier concert de l’artiste/ })).toBeVisible();
  await expect(report).toContainText('38 de vos concerts');
  await expect(report.getByRole('img', { name: 'Calibration de la chance de complet' })).toBeVisible();
  // Everything the back end writes about the model is shown in French.
  const card = page.getByTestId('model-card');
  await expect(card).not.toContainText(/Trained on|Measured on|SYNTHETIC held-out|not better/);
  await expect(report).not.toContainText(/The candidate|Measured on/);
  await shoot(page, 'forecast-model');
});
