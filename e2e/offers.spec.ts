import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { call, expect, shoot, test, type HostProcess } from './fixtures';

// The Offres section end to end: the offer builder and its live P&L, the negotiation, the settlement,
// and the holds calendar (promotion on release, confirmation, ICS export and import).

interface Seeded {
  hiboux: string;
  nadia: string;
  orage: string;
  trianon: string;
  grenier: string;
}

async function seed(host: HostProcess): Promise<Seeded> {
  const artist = (input: object) => call<{ id: string }>(host, 'artists.create', input).then((a) => a.id);
  const venue = (input: object) => call<{ id: string }>(host, 'venues.create', input).then((v) => v.id);
  return {
    hiboux: await artist({ name: 'Les Hiboux Bleus', genres: ['folk'], city: 'Lausanne', country: 'CH' }),
    nadia: await artist({ name: 'Nadia Kessler Trio', genres: ['jazz'], city: 'Strasbourg', country: 'FR' }),
    orage: await artist({ name: 'Orage Mécanique', genres: ['rock'], city: 'Liège', country: 'BE' }),
    trianon: await venue({
      name: 'Le Trianon',
      city: 'Paris',
      country: 'FR',
      capacityStanding: 600,
      capacitySeated: 400,
      ticketPrice: { min: 18, max: 24 },
    }),
    grenier: await venue({ name: 'Le Grenier Sonore', city: 'Lyon', country: 'FR', capacityStanding: 450 }),
  };
}

async function openOffers(page: Page, host: HostProcess): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Offres', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Offres' })).toBeVisible();
}

const toast = (page: Page, text: string | RegExp) =>
  page.locator('[data-testid="toast"]').filter({ hasText: text });

/** Text with every kind of space made plain, so "6 564,30 €" compares whatever ICU put in it. */
const plain = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const euros = (cents: number) =>
  plain(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100));

async function textOf(locator: Locator): Promise<string> {
  return plain(await locator.textContent());
}

/** A calendar day of the current month, as the browser's calendar shows it. */
function dayOfThisMonth(day: number): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

test('build a versus offer with its live P&L, negotiate it, and settle it', async ({ page, host }) => {
  await seed(host);
  await openOffers(page, host);
  await expect(page.getByText('Aucune offre pour l’instant')).toBeVisible();
  await page.getByRole('button', { name: 'Nouvelle offre' }).first().click();

  const form = page.locator('form#offer-builder');
  await expect(page.getByRole('heading', { name: 'Nouvelle offre', level: 2 })).toBeVisible();

  // Saving an empty form puts the messages under the fields.
  await form.getByRole('button', { name: 'Créer l’offre' }).click();
  await expect(form.getByText('Choisissez un artiste.')).toBeVisible();
  await expect(form.getByLabel('Artiste', { exact: true })).toBeFocused();

  await form.getByLabel('Artiste', { exact: true }).selectOption({ label: 'Les Hiboux Bleus' });
  await form.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Le Trianon (Paris)' });
  // The venue fills in the capacity, the ticket price and the French ticket VAT.
  await expect(form.getByLabel('Jauge (billets)')).toHaveValue('600');
  await expect(form.getByLabel('TVA billetterie (%)')).toHaveValue('5,5');
  await expect(form.getByLabel('Prix du billet TTC')).toHaveValue('24');
  await form.getByLabel('Date du concert').fill('2026-10-15');
  await form.getByText('Garantie contre pourcentage (versus)').click();
  await form.getByLabel('Commission billetterie (%)').fill('5');
  await form.getByLabel('Garantie minimum').fill('3000');
  await form.getByLabel('Pourcentage artiste (%)').fill('120');
  await form.getByRole('button', { name: 'Créer l’offre' }).click();
  await expect(form.getByText('Au plus 100 %.')).toBeVisible();
  await form.getByLabel('Pourcentage artiste (%)').fill('85');

  // Expenses: production and promotion recouped from the receipts, catering on the organiser.
  const expenses = form.getByRole('group', { name: 'Frais', exact: true });
  const addExpense = async (label: string, kind: string, amount: string, recoupable: boolean) => {
    await expenses.getByRole('button', { name: 'Ajouter un frais' }).click();
    const row = expenses.getByRole('group').last();
    await row.getByLabel('Intitulé').fill(label);
    await row.getByLabel('Nature').selectOption({ label: kind });
    await row.getByLabel('Montant').fill(amount);
    if (recoupable) await row.getByLabel('Récupérable sur la recette').check();
  };
  await addExpense('Production', 'Production', '2200', true);
  await addExpense('Promotion', 'Promotion', '800', true);
  await addExpense('Catering', 'Accueil (repas, hébergement)', '400', false);
  await form.getByLabel('Objectif (garantie visée)').fill('3500');
  await form.getByLabel('Seuil de rupture').fill('2800');

  // The live P&L follows the form and the slider.
  const pnl = page.locator('.builder-pnl');
  const slider = pnl.getByRole('slider', { name: 'Billets vendus' });
  await expect(slider).toHaveAttribute('max', '600');
  await expect(pnl.getByTestId('pnl-tickets')).toHaveText(/420\s\/\s600/);
  await expect(pnl.getByTestId('break-even-organiser')).toContainText('billets');
  const artistAt420 = await textOf(pnl.getByTestId('pnl-artist-total'));
  const organiserAt420 = await textOf(pnl.getByTestId('pnl-organiser-result'));
  await slider.focus();
  await page.keyboard.press('End');
  await expect(pnl.getByTestId('pnl-tickets')).toHaveText(/600\s\/\s600/);
  await expect.poll(() => textOf(pnl.getByTestId('pnl-organiser-result'))).not.toBe(organiserAt420);
  await expect.poll(() => textOf(pnl.getByTestId('pnl-artist-total'))).not.toBe(artistAt420);
  await slider.fill('150');
  await expect(pnl.getByTestId('pnl-tickets')).toHaveText(/150\s\/\s600/);
  // At 150 tickets the versus deal pays the guarantee.
  await expect.poll(() => textOf(pnl.getByTestId('pnl-artist-total'))).toBe(euros(300_000));
  await expect(pnl.getByRole('img', { name: 'Versé à l’artiste selon les billets vendus' })).toBeVisible();
  await expect(
    pnl.getByRole('img', { name: 'Résultat de l’organisateur selon les billets vendus' }),
  ).toBeVisible();
  await expect(pnl.locator('.chart-legend').first()).toContainText('Versus');
  await slider.fill('480');
  await expect.poll(() => textOf(pnl.getByTestId('pnl-tickets'))).toBe('480 / 600');
  await shoot(page, 'offers-builder');

  await form.getByRole('button', { name: 'Créer l’offre' }).click();
  await expect(toast(page, 'Offre créée')).toBeVisible();
  const detail = page.locator('article.offer-detail');
  await expect(detail.getByRole('heading', { name: 'Les Hiboux Bleus @ Le Trianon' })).toBeVisible();
  await expect(detail.locator('.offer-meta')).toContainText('Brouillon');
  // Creating the offer placed a hold on its date.
  await expect(detail.getByTestId('offer-hold')).toHaveText('1re option');
  await expect(detail.getByTestId('zone-verdict')).toContainText('à 500 € de votre objectif');

  // Send, receive a counter-offer (3 200 € vs 80 %), accept it.
  await detail.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(detail.locator('.offer-meta')).toContainText('Envoyée');
  await expect(detail.locator('.timeline')).toContainText('Vous : proposition envoyée');

  await detail.getByRole('button', { name: 'Contre-proposition reçue' }).click();
  await expect(page.getByRole('heading', { name: 'Contre-proposition reçue de Le Trianon' })).toBeVisible();
  await form.getByLabel('Garantie minimum').fill('3200');
  await form.getByLabel('Pourcentage artiste (%)').fill('80');
  await form
    .getByLabel('Note ou message de ce tour')
    .fill('Nous montons la garantie, le pourcentage baisse.');
  await form.getByRole('button', { name: 'Enregistrer la contre-proposition' }).click();
  await expect(toast(page, 'Contre-proposition enregistrée')).toBeVisible();
  await expect(detail.locator('.offer-meta')).toContainText('Contre-proposition');
  const timeline = detail.locator('.timeline');
  await expect(
    timeline.getByRole('listitem').filter({ hasText: 'Le Trianon : contre-proposition' }),
  ).toBeVisible();
  await expect(timeline).toContainText(/Garantie\s3\s000\s€\s→\s3\s200\s€\s\(\+200\s€\)/);
  await expect(timeline).toContainText(/Pourcentage\s85\s%\s→\s80\s%\s\(−5\spt\)/);
  await expect(detail.getByTestId('zone-verdict')).toContainText('à 300 € de votre objectif');
  await shoot(page, 'offers-negotiation');

  await detail.getByRole('button', { name: 'Accepter', exact: true }).click();
  await expect(detail.locator('.offer-meta')).toContainText('Acceptée');
  await expect(timeline).toContainText('Vous : acceptée');

  // Settlement at 520 tickets, with the planned expenses.
  const settlement = detail.locator('section.settlement');
  await settlement.getByLabel('Billets vendus').fill('700');
  await settlement.getByRole('button', { name: 'Calculer le décompte' }).click();
  await expect(settlement.getByText('Un nombre entier entre 0 et 600.')).toBeVisible();
  await settlement.getByLabel('Billets vendus').fill('520');
  await settlement.getByRole('button', { name: 'Calculer le décompte' }).click();
  await expect(toast(page, 'Décompte enregistré')).toBeVisible();

  // By hand, in cents: gross 520 × 2 400 = 1 248 000; VAT 5.5 % inside it = 1 248 000 × 55/1 055
  // = 65 061.6 → 65 062; 5 % commission = 62 400; net = 1 120 538; minus the house nut (2 200 + 800 €)
  // = 820 538; 80 % of it = 656 430.4 → 656 430, above the 3 200 € guarantee: the artist gets 6 564,30 €.
  const gross = 520 * 2400;
  const vat = Math.round((gross * 55) / 1055);
  const net = gross - vat - Math.round(gross * 0.05);
  const artistTotal = Math.max(320_000, Math.round((net - 300_000) * 0.8));
  expect(artistTotal).toBe(656_430);
  const sheet = settlement.getByTestId('settlement-sheet');
  await expect.poll(() => textOf(sheet.getByTestId('settlement-artist-total'))).toBe(euros(artistTotal));
  // Organiser: net − artist − all its expenses (2 200 + 800 + 400 €).
  await expect
    .poll(() => textOf(sheet.getByTestId('settlement-organiser-result')))
    .toBe(euros(net - artistTotal - 340_000));
  await expect(sheet.getByTestId('breakdown')).toContainText('Production (déduit de la recette)');
  await expect(sheet.getByTestId('breakdown')).toContainText(
    '80 % de la recette nette (supérieur au minimum garanti)',
  );
  await expect(detail.locator('.offer-meta')).toContainText('Soldée');
  await expect(settlement.getByRole('button', { name: 'Imprimer le décompte' })).toBeVisible();
  const pdfPromise = page.waitForEvent('download');
  await settlement.getByRole('button', { name: 'Décompte en PDF' }).click();
  const pdf = await pdfPromise;
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  expect(
    readFileSync(await pdf.path())
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');
  await shoot(page, 'offers-settlement');

  // Printing shows the settlement sheet only.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.locator('.timeline')).toBeHidden();
  await expect(sheet).toBeVisible();
  await shoot(page, 'offers-settlement-print');
  await page.emulateMedia({ media: 'screen' });

  // The list shows it, with its status.
  await page.getByRole('tab', { name: 'Offres' }).click();
  const row = page.getByRole('row', { name: /Les Hiboux Bleus/ });
  await expect(row).toContainText('Soldée');
  await expect(row).toContainText('3 200 € ou 80 % de la recette nette');
});

test('the offer list filters by status, artist and text', async ({ page, host }) => {
  const ids = await seed(host);
  const deal = (guarantee: number, type = 'flat') => ({
    type,
    currency: 'EUR',
    capacity: 450,
    ticketPrice: 18,
    ticketVatRate: 0.055,
    guarantee,
    artistPercentage: type === 'flat' ? 0 : 70,
  });
  const create = (artistId: string, venueId: string, date: string, d: object, note = '') =>
    call<{ id: string }>(host, 'offers.create', { artistId, venueId, date, deal: d, note });
  const a = await create(ids.hiboux, ids.trianon, '2026-11-06', deal(2500));
  const b = await create(ids.nadia, ids.grenier, '2026-11-14', deal(1200, 'versus'), 'Trio acoustique');
  await create(ids.orage, ids.grenier, '2026-12-03', deal(0, 'doorSplit'));
  const c = await create(ids.nadia, ids.trianon, '2026-12-12', deal(1800, 'versus'));
  await call(host, 'offers.addRound', { offerId: a.id, by: 'us', action: 'sent' });
  await call(host, 'offers.addRound', { offerId: b.id, by: 'us', action: 'sent' });
  await call(host, 'offers.addRound', {
    offerId: b.id,
    by: 'them',
    action: 'countered',
    deal: deal(1000, 'versus'),
  });
  await call(host, 'offers.addRound', { offerId: c.id, by: 'us', action: 'sent' });
  await call(host, 'offers.addRound', { offerId: c.id, by: 'them', action: 'accepted' });

  await openOffers(page, host);
  const rows = page.locator('.offers-table tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('Les Hiboux Bleus');
  await shoot(page, 'offers-list');

  await page.getByLabel('Statut', { exact: true }).selectOption({ label: 'Contre-proposition' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Nadia Kessler Trio');
  await page.getByLabel('Statut', { exact: true }).selectOption({ label: 'Tous les statuts' });
  await page.getByLabel('Artiste', { exact: true }).selectOption({ label: 'Nadia Kessler Trio' });
  await expect(rows).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Rechercher une offre' }).fill('acoustique');
  await expect(rows).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Rechercher une offre' }).fill('xylophone');
  await expect(page.getByText('Aucune offre ne correspond à ces filtres.')).toBeVisible();
  await page.getByRole('button', { name: 'Effacer les filtres' }).first().click();
  await expect(rows).toHaveCount(4);

  // Opening a row shows its detail in the third tab; the keyboard moves between the tabs.
  await page.getByRole('button', { name: 'Orage Mécanique' }).click();
  await expect(page.getByRole('tab', { name: 'Orage Mécanique @ Le Grenier Sonore' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.locator('.offer-meta')).toContainText('Brouillon');
  await page.getByRole('tab', { name: 'Orage Mécanique @ Le Grenier Sonore' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Calendrier' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Calendrier' })).toHaveAttribute('aria-selected', 'true');
});

const ICS = (day: string) => {
  const compact = day.replace(/-/g, '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Agenda//Tournée//FR',
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Paris',
    'BEGIN:STANDARD',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'END:STANDARD',
    'BEGIN:DAYLIGHT',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'END:DAYLIGHT',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    'UID:repetition-1@agenda',
    'DTSTAMP:20260101T090000Z',
    `DTSTART;TZID=Europe/Paris:${compact}T200000`,
    `DTEND;TZID=Europe/Paris:${compact}T230000`,
    'SUMMARY:Répétition générale',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
};

test('calendar: place holds, promote on release, confirm, export and import ICS', async ({ page, host }) => {
  const ids = await seed(host);
  await openOffers(page, host);
  await page.getByRole('tab', { name: 'Calendrier' }).click();
  const grid = page.getByRole('grid');
  await expect(grid).toBeVisible();
  const day15 = dayOfThisMonth(15);
  const day20 = dayOfThisMonth(20);

  const place = async (artist: string) => {
    await page.getByRole('button', { name: 'Poser une option', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Poser une option' });
    await dialog.getByLabel('Artiste').selectOption({ label: artist });
    await dialog.getByLabel('Lieu').selectOption({ label: 'Le Trianon' });
    await dialog.getByLabel('Premier jour').fill(day15);
    await dialog.getByLabel('Note').fill('Date de rentrée');
    await dialog.getByRole('button', { name: 'Poser l’option' }).click();
    await expect(dialog).toBeHidden();
  };
  await place('Nadia Kessler Trio');
  await expect(toast(page, 'Option posée : 1re option — Nadia Kessler Trio @ Le Trianon')).toBeVisible();
  await place('Orage Mécanique');
  await expect(toast(page, 'Option posée : 2e option — Orage Mécanique @ Le Trianon')).toBeVisible();

  const cell = grid.locator(`[data-date="${day15}"]`);
  await expect(
    cell.getByRole('button', { name: '1re option — Nadia Kessler Trio @ Le Trianon' }),
  ).toBeVisible();
  await expect(cell.getByRole('button', { name: '2e option — Orage Mécanique @ Le Trianon' })).toBeVisible();

  // A two-day hold for another artist at another venue.
  await call(host, 'holds.place', {
    artistId: ids.hiboux,
    venueId: ids.grenier,
    startDate: dayOfThisMonth(8),
    endDate: dayOfThisMonth(9),
    note: '',
  });

  // Releasing the 1st hold promotes the 2nd, and says so.
  await cell.getByRole('button', { name: '1re option — Nadia Kessler Trio @ Le Trianon' }).click();
  const popover = page.getByRole('dialog', { name: '1re option — Nadia Kessler Trio @ Le Trianon' });
  await expect(popover).toBeVisible();
  await popover.getByRole('button', { name: 'Libérer' }).click();
  await expect(toast(page, 'Le Trianon : l’option de Orage Mécanique passe de 2e à 1re')).toBeVisible();
  await expect(cell.getByRole('button', { name: '1re option — Orage Mécanique @ Le Trianon' })).toBeVisible();
  await expect(cell.getByRole('button', { name: /Nadia Kessler Trio/ })).toHaveCount(0);

  // Confirm it.
  await cell.getByRole('button', { name: '1re option — Orage Mécanique @ Le Trianon' }).click();
  await page
    .getByRole('dialog', { name: /Orage Mécanique/ })
    .getByRole('button', { name: 'Confirmer' })
    .click();
  await expect(toast(page, 'Date confirmée : Orage Mécanique @ Le Trianon')).toBeVisible();
  await expect(cell.getByRole('button', { name: 'Confirmée — Orage Mécanique @ Le Trianon' })).toBeVisible();

  // Keyboard: arrows move the focused day, Enter opens it.
  await cell.focus();
  await page.keyboard.press('ArrowRight');
  await expect(grid.locator(`[data-date="${dayOfThisMonth(16)}"]`)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(cell).toBeFocused();
  await page.keyboard.press('Enter');
  const dayDialog = page.getByRole('dialog').filter({ hasText: 'Confirmée — Orage Mécanique @ Le Trianon' });
  await expect(dayDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dayDialog).toBeHidden();
  await expect(cell).toBeFocused();

  // Export the confirmed dates.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter en .ics' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const exported = readFileSync(await download.path(), 'utf8');
  expect(exported).toContain('BEGIN:VCALENDAR');
  expect(exported).toContain('Orage Mécanique @ Le Trianon');

  // Import an artist's calendar with a time-zoned event: it shows as a busy block.
  await page.getByLabel('Artiste', { exact: true }).selectOption({ label: 'Nadia Kessler Trio' });
  await page.getByRole('button', { name: 'Importer un .ics' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Importer un calendrier (.ics)' });
  await expect(importDialog.getByLabel('Artiste')).toHaveValue(/.+/);
  await importDialog.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(importDialog.getByText('Choisissez un fichier .ics.')).toBeVisible();
  await importDialog.getByLabel('Fichier .ics').setInputFiles({
    name: 'tournee-nadia.ics',
    mimeType: 'text/calendar',
    buffer: Buffer.from(ICS(day20), 'utf8'),
  });
  await importDialog.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(importDialog.getByTestId('ics-result')).toContainText(
    '1 événement importé depuis tournee-nadia.ics.',
  );
  await importDialog.getByRole('button', { name: 'Fermer' }).last().click();
  const busyCell = grid.locator(`[data-date="${day20}"]`);
  await expect(busyCell).toHaveClass(/day-blocked/);
  await expect(busyCell).toContainText('Répétition générale');

  // Conflicts: Nadia held on her busy day, Orage held elsewhere on the day it is confirmed.
  await call(host, 'holds.place', { artistId: ids.nadia, venueId: ids.grenier, startDate: day20, note: '' });
  await call(host, 'holds.place', { artistId: ids.orage, venueId: ids.grenier, startDate: day15, note: '' });
  await page.getByLabel('Artiste', { exact: true }).selectOption({ label: 'Tous les artistes' });
  const conflicts = page.getByTestId('conflicts');
  await expect(conflicts).toContainText('Nadia Kessler Trio est indisponible');
  await expect(conflicts).toContainText('« Répétition générale »');
  await expect(conflicts).toContainText('Orage Mécanique a des options dans deux lieux');
  await place('Nadia Kessler Trio');
  await expect(
    cell.getByRole('button', { name: '2e option — Nadia Kessler Trio @ Le Trianon' }),
  ).toBeVisible();
  await expect(cell.getByRole('button', { name: '2e option — Nadia Kessler Trio @ Le Trianon' })).toHaveClass(
    /hold-challenged/,
  );
  await shoot(page, 'offers-calendar');
});
