import type { Page } from '@playwright/test';
import { call, expect, shoot, test, type HostProcess } from './fixtures';

// The Contrats section end to end: from an accepted offer to a signed contract — the wizard pre-filled
// from the offer, a blocking checklist item that keeps Generate off, the PDF preview with its money
// lines, a signature drawn with the mouse, the digital signature, the versions and the audit trail.
// Also: a standard article reworded by the booker, and the live (unstored) preview of the draft.

async function seedAcceptedOffer(host: HostProcess): Promise<void> {
  const artist = await call<{ id: string }>(host, 'artists.create', {
    name: 'Nadia Kessler Trio',
    genres: ['jazz'],
    city: 'Strasbourg',
    country: 'FR',
  });
  const venue = await call<{ id: string }>(host, 'venues.create', {
    name: 'Le Périscope',
    city: 'Lyon',
    country: 'FR',
    capacityStanding: 600,
  });
  const offer = await call<{ id: string }>(host, 'offers.create', {
    artistId: artist.id,
    venueId: venue.id,
    date: '2027-03-12',
    deal: {
      type: 'flat',
      currency: 'EUR',
      capacity: 600,
      ticketPrice: 24,
      ticketVatRate: 0.055,
      guarantee: 3500,
    },
  });
  await call(host, 'offers.addRound', { offerId: offer.id, by: 'us', action: 'sent' });
  await call(host, 'offers.addRound', { offerId: offer.id, by: 'them', action: 'accepted' });
}

/** Text with every kind of space made plain, so "3 500,00 €" compares whatever ICU put in it. */
const plain = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

const field = (page: Page, path: string) => page.locator(`#contract-${path.replace(/\./g, '-')}`);

test('prepare a contract from an accepted offer, clear its blocking items, generate, sign', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  await seedAcceptedOffer(host);
  await page.goto(host.url);

  // From the accepted offer: "Préparer le contrat" opens the wizard pre-filled from it.
  await page.getByRole('navigation').getByRole('button', { name: 'Offres', exact: true }).click();
  await page.locator('.offers-table').getByRole('button', { name: 'Nadia Kessler Trio' }).click();
  await page.getByRole('button', { name: 'Préparer le contrat' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contrats' })).toBeVisible();
  await expect(
    page.locator('[data-testid="toast"]').filter({ hasText: 'champs repris de l’offre' }),
  ).toBeVisible();
  await expect(page.getByRole('radio', { name: /Contrat de cession/ })).toBeChecked();

  // The checklist: a blocking item for the producer's missing SIRET, with its rule and source.
  const checklist = page.locator('.contract-checklist');
  const siret = checklist.locator('[data-key="producer.registrationNumber.missing"]');
  await expect(siret).toContainText('Numéro SIRET du producteur manquant');
  await expect(siret).toHaveClass(/level-blocking/);
  // The rule behind it in the interface's language, not the back end's English.
  await expect(siret).toContainText('Identification des parties');
  await expect(siret.locator('a.contract-source')).toHaveAttribute('href', /^https:\/\//);
  // Generate is off and says why.
  const generate = page.getByRole('button', { name: 'Générer le contrat' });
  await expect(generate).toBeDisabled();
  await expect(page.getByTestId('generate-reason')).toContainText('points bloquants');
  // The money lines show beside the form, each with its rule status.
  const sideMoney = page.locator('.contract-side .contract-money');
  await expect(sideMoney.locator('[data-key="fee"]')).toContainText('3 500,00');
  await shoot(page, 'contracts-wizard');

  // "Corriger" takes the booker to the field.
  await siret.getByRole('button', { name: /Corriger/ }).click();
  await expect(field(page, 'producer.registrationNumber')).toBeFocused();
  await field(page, 'producer.registrationNumber').fill('73282932000074');
  await expect(siret).toHaveCount(0);

  // The rest of the parties' identification.
  await field(page, 'producer.legalName').fill('Lumière Productions SARL');
  await field(page, 'producer.address.street').fill('12 rue des Tanneurs');
  await field(page, 'producer.address.postalCode').fill('67000');
  await field(page, 'producer.address.city').fill('Strasbourg');
  await field(page, 'producer.platesvNumber').fill('PLATESV-R-2021-000123');
  await field(page, 'producer.representative.name').fill('Camille Roux');
  await field(page, 'producer.representative.role').fill('Gérante');
  await field(page, 'organiser.address.street').fill('8 quai Saint-Vincent');
  await field(page, 'organiser.address.postalCode').fill('69001');
  await field(page, 'organiser.registrationNumber').fill('44306184100047');
  await field(page, 'organiser.platesvNumber').fill('PLATESV-R-2020-004567');
  await field(page, 'organiser.representative.name').fill('Julien Morel');

  await expect(page.getByTestId('checklist-counts')).toContainText('0 bloquant');
  await expect(generate).toBeEnabled();

  // Articles: the booker rewords the price article; the PDF will print their text.
  await page.getByRole('button', { name: /Articles$/ }).click();
  const editPrice = page.getByRole('button', { name: /^Modifier le texte de l’article \d+ – Prix$/ });
  await expect(editPrice).toBeVisible();
  const priceArticle = page.locator('[data-clause="price.cession"]');
  await expect(priceArticle).toContainText('3 500,00');
  await editPrice.click();
  const priceText = priceArticle.getByRole('textbox');
  await priceText.fill('');
  await priceArticle.getByRole('button', { name: 'Appliquer' }).click();
  await expect(priceArticle.getByRole('alert')).toContainText('ne peut pas être vide');
  await priceText.fill(
    'L’Organisateur verse au Producteur 3 500 € hors taxes, TVA en sus, dont « 50 % » à la signature.\nLe solde est réglé le soir du concert.',
  );
  await priceArticle.getByRole('button', { name: 'Appliquer' }).click();
  await expect(priceArticle).toContainText('modifié');
  await expect(priceArticle).toContainText('Le solde est réglé le soir du concert.');
  await expect(page.locator('.contract-checklist [data-key="clauses.override.list"]')).toContainText(
    'Clauses modifiées à la main : Prix',
  );
  await shoot(page, 'contracts-articles');

  // The live preview: rendered from the draft, nothing stored yet, readable at the frame's width.
  await page.getByRole('button', { name: 'Aperçu', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Aperçu du brouillon' })).toBeVisible();
  await expect(page.locator('iframe.contract-frame')).toHaveAttribute(
    'src',
    /^blob:.*#view=FitH&navpanes=0$/,
    {
      timeout: 20_000,
    },
  );
  await expect(page.locator('.contract-doc-meta')).toContainText('Non enregistré');
  // The browser's PDF viewer draws the pages a moment after the frame loads (for the screenshot only).
  await page.waitForTimeout(4000);
  await shoot(page, 'contracts-live-preview');
  await generate.click();

  // The preview: the PDF in a frame, the money lines beside it with their rule and status.
  await expect(page.getByRole('heading', { name: 'Aperçu – version 1' })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('iframe.contract-frame')).toHaveAttribute('src', /^blob:/);
  const money = page.locator('.contract-preview-money .contract-money');
  expect(plain(await money.locator('[data-key="fee"]').textContent())).toContain('3 500,00 €');
  await expect(money.locator('[data-key="vat"]')).toContainText('TVA sur le prix');
  await expect(money.locator('[data-key="authorRights"]')).toContainText('SACEM');
  await expect(money.locator('[data-key="authorRights"]')).toContainText('non vérifié');
  await expect(money.locator('[data-key="cnmTax"]')).toContainText('CNM');
  await expect(page.locator('.contract-doc-meta')).toContainText(
    'contrat-Nadia-Kessler-Trio-2027-03-12-v1.pdf',
  );
  // The browser's PDF viewer draws the pages a moment after the frame loads (for the screenshot only).
  await page.waitForTimeout(1500);
  await shoot(page, 'contracts-preview');

  // Signature: drawn with the mouse, then sealed with the agency's certificate.
  await page.getByRole('button', { name: /Signature$/ }).click();
  await expect(page.getByLabel('Nom du signataire')).toHaveValue('Camille Roux');
  const sign = page.getByRole('button', { name: 'Signer', exact: true });
  await expect(sign).toBeDisabled();
  const pad = page.getByTestId('signature-pad');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) {
    const x = box.x + 30 + i * 14;
    const y = box.y + box.height * (0.6 - 0.25 * Math.sin(i / 2.5));
    await page.mouse.move(x, y, { steps: 2 });
  }
  await page.mouse.up();
  await expect(sign).toBeEnabled();

  await page.getByRole('button', { name: 'Créer un certificat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Créer le certificat de l’agence' });
  await dialog.getByLabel('Nom du certificat').fill('Lumière Productions');
  await dialog.getByLabel('Organisation').fill('Lumière Productions SARL');
  await dialog.getByRole('button', { name: 'Créer', exact: true }).click();
  await expect(dialog).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('signing-identity')).toContainText(/Lumi.re Productions/);
  await page.getByLabel('Sceller le PDF avec le certificat de l’agence').check();
  await sign.click();
  await expect(page.locator('[data-testid="toast"]').filter({ hasText: 'Version 2 signée.' })).toBeVisible({
    timeout: 20_000,
  });

  // The audit trail: who, what, which version, the PDF's SHA-256.
  const audit = page.getByTestId('audit-trail');
  await expect(audit.locator('tbody tr')).toHaveCount(3);
  await expect(audit.locator('tbody tr').nth(0)).toContainText('Signature numérique');
  await expect(audit.locator('tbody tr').nth(0)).toContainText('Camille Roux');
  await expect(audit.locator('tbody tr').nth(1)).toContainText('Signature manuscrite');
  await expect(audit.locator('tbody tr').nth(2)).toContainText('Version générée');
  await expect(audit.locator('tbody tr').nth(2)).toContainText('aucun point bloquant');
  await expect(audit.locator('tbody tr').nth(1)).toContainText('pour le producteur');
  await expect(audit.locator('code.contract-hash').first()).toHaveText(/^[0-9a-f]{8}…[0-9a-f]{8}$/);

  // The versions: v2 signed (drawn + digital), v1 not; v1 opens in the preview.
  await page.getByRole('button', { name: /Versions$/ }).click();
  const versions = page.getByTestId('contract-versions').locator('tbody tr');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText('v2');
  await expect(versions.nth(0)).toContainText('Signé');
  await expect(versions.nth(0)).toContainText('Manuscrite : Producteur');
  await expect(versions.nth(0)).toContainText('Signature numérique');
  await expect(versions.nth(1)).toContainText('Non signée');
  await shoot(page, 'contracts-signed');
  await page.getByRole('button', { name: 'Ouvrir la version 1' }).click();
  await expect(page.getByRole('heading', { name: 'Aperçu – version 1' })).toBeVisible();

  // The list and the rules table.
  await page.getByRole('tab', { name: 'Contrats' }).click();
  await expect(page.getByTestId('contract-list').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('contract-list')).toContainText('Signé');
  await page.getByRole('tab', { name: 'Règles et sources' }).click();
  await expect(page.getByTestId('rules-table')).toContainText('FR.cnm.tax');
  await expect(page.getByTestId('rules-table')).toContainText('recette de billetterie hors TVA');
});
