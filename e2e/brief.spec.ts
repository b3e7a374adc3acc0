import { call, expect, shoot, test } from './fixtures';

// The negotiation brief on the offer detail: acceptance chance and its evidence, the chart, the
// anchors, the frictions, and the message drafts in French and English with their copy button.

test('the offer detail prepares the negotiation: chance, frictions and drafts to copy', async ({
  page,
  host,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  const artist = await call<{ id: string }>(host, 'artists.create', {
    name: 'Les Hiboux Bleus',
    genres: ['folk'],
    city: 'Lausanne',
    country: 'CH',
    fee: { min: 2500, max: 4000 },
  });
  const venue = await call<{ id: string }>(host, 'venues.create', {
    name: 'Le Trianon',
    city: 'Paris',
    country: 'FR',
    capacityStanding: 600,
    budget: { min: 1500, max: 2500 },
    contacts: [{ name: 'Claire Martin', role: 'Programmatrice', email: 'claire@trianon.example' }],
  });
  await call(host, 'offers.create', {
    artistId: artist.id,
    venueId: venue.id,
    date: '2026-11-06',
    target: 4000,
    walkAway: 2800,
    deal: {
      type: 'flat',
      currency: 'EUR',
      capacity: 600,
      ticketPrice: 24,
      ticketVatRate: 0.055,
      guarantee: 3500,
    },
  });

  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Offres', exact: true }).click();
  await page.locator('.offers-table').getByRole('button', { name: 'Les Hiboux Bleus' }).click();

  const card = page.locator('section.brief-card');
  await expect(card.getByRole('heading', { name: 'Préparer la négociation' })).toBeVisible();
  await expect(card.getByTestId('brief-probability')).toHaveText(/^\d{1,3}\s?%$/);
  await expect(card.getByTestId('brief-interval')).toContainText('Intervalle à 80 %');
  await expect(card.locator('.brief-badge').getByText('Estimation a priori', { exact: true })).toBeVisible();
  await expect(card.getByRole('img', { name: 'Chance d’acceptation selon le montant' })).toBeVisible();
  await expect(card.getByText('Seuil de rupture', { exact: true }).first()).toBeVisible();
  await expect(card.locator('.brief-friction').filter({ hasText: /budget/ })).toBeVisible();

  const body = card.getByLabel('Message', { exact: true });
  await expect(body).toHaveValue(/^Bonjour Claire Martin,/);
  await expect(card.getByText('Rien n’est envoyé par l’application', { exact: false })).toBeVisible();

  // The drafts in English, the rest of the brief stays in the interface's language.
  await card.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(card.getByRole('button', { name: 'EN', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(body).toHaveValue(/^Dear Claire Martin,/);
  await expect(card.locator('.brief-badge').getByText('Estimation a priori', { exact: true })).toBeVisible();

  // The body is editable, and the copy button puts the edited text on the clipboard.
  await body.fill(`${await body.inputValue()}\n\nPS: see you soon`);
  await card.getByRole('button', { name: 'Copier', exact: true }).click();
  await expect(page.locator('[data-testid="toast"]').filter({ hasText: 'Message copié' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^Dear Claire Martin,/);
  expect(copied).toContain('PS: see you soon');

  await card.getByRole('button', { name: 'FR', exact: true }).click();
  await expect(body).toHaveValue(/^Bonjour Claire Martin,/);

  await card.scrollIntoViewIfNeeded();
  await shoot(page, 'offers-brief');
});
