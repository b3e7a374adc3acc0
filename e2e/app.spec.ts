import type { Locator, Page } from '@playwright/test';
import { call, expect, shoot, test, type HostProcess } from './fixtures';

// The renderer end to end, in Chromium against the browser host (a fresh profile per test).

async function seed(host: HostProcess): Promise<void> {
  await call(host, 'artists.create', {
    name: 'Les Hiboux Bleus',
    genres: ['folk', 'chanson'],
    city: 'Lausanne',
    country: 'CH',
    currency: 'CHF',
    fee: { min: 1800, max: 3200 },
    members: 5,
    contacts: [
      { name: 'Camille Roux', role: 'Management', email: 'camille@hiboux.ch', phone: '+41 79 123 45 67' },
    ],
    notes: 'Tournée d’automne en préparation.\nBesoin d’un piano droit.',
  });
  await call(host, 'artists.create', {
    name: 'Nadia Kessler Trio',
    genres: ['jazz'],
    city: 'Strasbourg',
    country: 'FR',
    fee: { min: 900, max: 1400 },
    members: 3,
  });
  await call(host, 'artists.create', {
    name: 'Orage Mécanique',
    genres: ['rock', 'post-punk'],
    city: 'Liège',
    country: 'BE',
  });
  await call(host, 'venues.create', {
    name: 'Le Grenier Sonore',
    address: '12 rue des Tanneurs',
    postalCode: '69001',
    city: 'Lyon',
    country: 'FR',
    latitude: 45.7676,
    longitude: 4.8344,
    capacityStanding: 450,
    capacitySeated: 220,
    room: { lengthM: 24.5, widthM: 14, heightM: 7 },
    stage: { lengthM: 6, widthM: 9, heightM: 0.8 },
    acoustics: { rt60Sec: 1.1, treatment: 'partial', notes: 'Rideaux lourds côté jardin.' },
    paSystem: 'L-Acoustics Kara, 4 retours X15',
    backline: 'Batterie Yamaha, ampli basse Ampeg',
    genres: ['rock', 'chanson'],
    ticketPrice: { min: 12, max: 22 },
    budget: { min: 1500, max: 4000 },
    contacts: [{ name: 'Julien Martin', role: 'Programmation', email: 'prog@grenier.fr', phone: '' }],
  });
  await call(host, 'venues.create', {
    name: 'Salle des Fêtes de Nyon',
    city: 'Nyon',
    country: 'CH',
    currency: 'CHF',
    capacitySeated: 300,
  });
}

async function openApp(page: Page, host: HostProcess): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
}

function navButton(page: Page, name: string): Locator {
  return page.getByRole('navigation').getByRole('button', { name, exact: true });
}

async function go(page: Page, name: string): Promise<void> {
  await navButton(page, name).click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
}

const toast = (page: Page, text: string) => page.locator('[data-testid="toast"]').filter({ hasText: text });

test('the French UI shows on first open', async ({ page, host }) => {
  await openApp(page, host);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  for (const name of [
    'Démos',
    'Artistes',
    'Lieux',
    'Adéquation',
    'Offres',
    'Prévisions',
    'Contrats',
    'Réglages',
  ]) {
    await expect(navButton(page, name)).toBeVisible();
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Artistes' })).toBeVisible();
  await expect(
    page.getByText('Aucun artiste pour l’instant. Créez le premier avec « Nouvel artiste » (Ctrl+N).'),
  ).toBeVisible();

  await go(page, 'Démos');
  await expect(page.getByText('Déposez vos démos ici')).toBeVisible();
  await go(page, 'Offres');
  await expect(page.getByText('Une offre réunit un artiste et un lieu', { exact: false })).toBeVisible();
  await go(page, 'Lieux');
  await expect(page.getByText('Aucun lieu pour l’instant.')).toBeVisible();
});

test('create a venue and an artist, search, validate, and keep them across reload and restart', async ({
  page,
  host,
}) => {
  await openApp(page, host);

  // A venue, with several fields and a contact.
  await go(page, 'Lieux');
  await page.getByRole('button', { name: 'Nouveau lieu' }).first().click();
  const venueForm = page.locator('form');
  await venueForm
    .getByRole('group', { name: 'Identité' })
    .getByLabel('Nom', { exact: true })
    .fill('La Cigale Électrique');
  await venueForm.getByLabel('Adresse').fill('3 place des Terreaux');
  await venueForm.getByLabel('Code postal').fill('69001');
  await venueForm.getByLabel('Ville').fill('Lyon');
  await venueForm.getByLabel('Pays').fill('fr');
  await venueForm.getByLabel('Jauge debout').fill('450');
  await venueForm.getByRole('group', { name: 'Salle' }).getByLabel('Longueur (m)').fill('24,5');
  await venueForm.getByRole('group', { name: 'Scène' }).getByLabel('Profondeur (m)').fill('6');
  await venueForm.getByLabel('Temps de réverbération RT60 (s)').fill('1,2');
  await venueForm.getByLabel('Traitement acoustique').selectOption('partial');
  await venueForm.getByLabel('Esthétiques programmées').fill('rock, chanson');
  await venueForm.getByLabel('Budget artistique minimum').fill('1500');
  await venueForm.getByLabel('Budget artistique maximum').fill('4000');
  await venueForm.getByRole('button', { name: 'Ajouter un contact' }).click();
  const venueContact = venueForm.getByRole('group', { name: 'Contact 1' });
  await venueContact.getByLabel('Nom', { exact: true }).fill('Julien Martin');
  await venueContact.getByLabel('Rôle').fill('Programmation');
  await venueContact.getByLabel('E-mail').fill('prog@cigale.fr');
  await venueForm.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(toast(page, 'Lieu enregistré')).toBeVisible();
  await expect(page.getByRole('option', { name: /La Cigale Électrique/ })).toBeVisible();
  const venueDetail = page.getByRole('article');
  await expect(venueDetail.getByRole('heading', { name: 'La Cigale Électrique' })).toBeVisible();
  await expect(venueDetail.getByText('Julien Martin')).toBeVisible();
  await expect(venueDetail.getByText('Partiellement traitée')).toBeVisible();

  // An artist: validation first (empty name, min > max, a bad email), then a valid save.
  await go(page, 'Artistes');
  await page.getByRole('button', { name: 'Nouvel artiste' }).first().click();
  const form = page.locator('form');
  const identity = form.getByRole('group', { name: 'Identité' });
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form.getByText('Le nom est obligatoire.')).toBeVisible();
  await expect(identity.getByLabel('Nom', { exact: true })).toBeFocused();
  await expect(identity.getByLabel('Nom', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await identity.getByLabel('Nom', { exact: true }).fill('Les Hiboux Bleus');
  await expect(form.getByText('Le nom est obligatoire.')).toBeHidden();
  await form.getByLabel('Cachet minimum').fill('2000');
  await form.getByLabel('Cachet maximum').fill('1500');
  await form.getByRole('button', { name: 'Ajouter un contact' }).click();
  const contact = form.getByRole('group', { name: 'Contact 1' });
  await contact.getByLabel('Nom', { exact: true }).fill('Camille Roux');
  await contact.getByLabel('E-mail').fill('camille@');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form.getByText('Le minimum ne doit pas dépasser le maximum.')).toBeVisible();
  await expect(contact.getByText('adresse e-mail invalide', { exact: false })).toBeVisible();
  await expect(form.getByRole('alert')).toContainText('2 erreurs');

  await form.getByLabel('Cachet maximum').fill('3200');
  await contact.getByLabel('E-mail').fill('camille@hiboux.ch');
  await contact.getByLabel('Rôle').fill('Management');
  await contact.getByLabel('Téléphone').fill('+41 79 123 45 67');
  await identity.getByLabel('Genres').fill('folk, chanson');
  await identity.getByLabel('Ville').fill('Lausanne');
  await identity.getByLabel('Pays').fill('ch');
  await identity.getByLabel('Nombre de musiciens').fill('5');
  await form.getByLabel('Devise').selectOption('CHF');
  await form.getByLabel('Notes').fill('Besoin d’un piano droit.');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(toast(page, 'Artiste enregistré')).toBeVisible();
  const artistOption = page.getByRole('option', { name: /Les Hiboux Bleus/ });
  await expect(artistOption).toContainText('Lausanne, Suisse');
  await expect(artistOption).toContainText('folk · chanson');
  await expect(page.getByRole('article').getByText('Camille Roux')).toBeVisible();

  // A second one, through Ctrl+N, for the search.
  await page.keyboard.press('Control+n');
  await page
    .locator('form')
    .getByRole('group', { name: 'Identité' })
    .getByLabel('Nom', { exact: true })
    .fill('Nadia Kessler Trio');
  await page.locator('form').getByLabel('Genres').fill('jazz');
  await page.locator('form').getByLabel('Ville').fill('Strasbourg');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('option')).toHaveCount(2);

  // Search as you type.
  const search = page.getByRole('searchbox', { name: 'Rechercher un artiste' });
  await search.fill('jazz');
  await expect(page.getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('option')).toContainText('Nadia Kessler Trio');
  await search.fill('lausanne');
  await expect(page.getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('option')).toContainText('Les Hiboux Bleus');
  await search.fill('xylophone');
  await expect(page.getByText('Aucun artiste ne correspond à « xylophone »')).toBeVisible();
  await page.getByRole('button', { name: 'Effacer la recherche' }).click();
  await expect(page.getByRole('option')).toHaveCount(2);

  // Reload: the token is kept for the tab, the data is in the profile.
  await page.reload();
  await go(page, 'Artistes');
  await expect(page.getByRole('option')).toHaveCount(2);
  await go(page, 'Lieux');
  await expect(page.getByRole('option', { name: /La Cigale Électrique/ })).toBeVisible();

  // Restart the host on the same profile (new port, new token).
  await host.restart();
  await openApp(page, host);
  await go(page, 'Artistes');
  await expect(page.getByRole('option', { name: /Les Hiboux Bleus/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /Nadia Kessler Trio/ })).toBeVisible();
  await page.getByRole('option', { name: /Les Hiboux Bleus/ }).click();
  const detail = page.getByRole('article');
  await expect(detail.getByText('camille@hiboux.ch')).toBeVisible();
  await expect(detail.getByText('Besoin d’un piano droit.')).toBeVisible();
  await go(page, 'Lieux');
  await page.getByRole('option', { name: /La Cigale Électrique/ }).click();
  await expect(page.getByRole('article').getByText('prog@cigale.fr')).toBeVisible();
});

test('edit and delete an artist', async ({ page, host }) => {
  await seed(host);
  await openApp(page, host);
  await go(page, 'Artistes');
  await page.getByRole('option', { name: /Orage Mécanique/ }).click();
  const detail = page.getByRole('article');
  await expect(detail.getByRole('heading', { name: 'Orage Mécanique' })).toBeVisible();

  await detail.getByRole('button', { name: 'Modifier' }).click();
  const form = page.locator('form');
  await expect(page.getByRole('heading', { name: 'Modifier « Orage Mécanique »' })).toBeVisible();
  const identity = form.getByRole('group', { name: 'Identité' });
  await expect(identity.getByLabel('Nom', { exact: true })).toHaveValue('Orage Mécanique');
  await expect(identity.getByLabel('Genres')).toHaveValue('rock, post-punk');
  await identity.getByLabel('Ville').fill('Namur');
  await identity.getByLabel('Nombre de musiciens').fill('4');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(toast(page, 'Artiste enregistré')).toBeVisible();
  await expect(page.getByRole('option', { name: /Orage Mécanique/ })).toContainText('Namur, Belgique');
  await expect(page.getByRole('article').getByText('Namur, Belgique')).toBeVisible();

  // Escape on a changed form asks before dropping the changes.
  await page.getByRole('article').getByRole('button', { name: 'Modifier' }).click();
  await page.locator('form').getByLabel('Ville').fill('Charleroi');
  // Leaving the section asks too; "keep editing" keeps the changes.
  await navButton(page, 'Lieux').click();
  const discard = page.getByRole('dialog', { name: 'Abandonner les modifications ?' });
  await expect(discard).toBeVisible();
  await discard.getByRole('button', { name: 'Continuer la saisie' }).click();
  await expect(discard).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Artistes' })).toBeVisible();
  await expect(page.locator('form').getByLabel('Ville')).toHaveValue('Charleroi');
  await page.keyboard.press('Escape');
  await expect(discard).toBeVisible();
  await discard.getByRole('button', { name: 'Abandonner' }).click();
  await expect(page.locator('form')).toHaveCount(0);
  await expect(page.getByRole('article').getByText('Namur, Belgique')).toBeVisible();

  // Delete, with a confirmation; cancelling first keeps the artist.
  await page.getByRole('article').getByRole('button', { name: 'Supprimer' }).click();
  let dialog = page.getByRole('dialog', { name: 'Supprimer « Orage Mécanique » ?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('option')).toHaveCount(3);

  await page.getByRole('article').getByRole('button', { name: 'Supprimer' }).click();
  dialog = page.getByRole('dialog', { name: 'Supprimer « Orage Mécanique » ?' });
  await dialog.getByRole('button', { name: 'Supprimer' }).click();
  await expect(toast(page, 'Artiste supprimé')).toBeVisible();
  await expect(page.getByRole('option')).toHaveCount(2);
  await expect(page.getByRole('option', { name: /Orage Mécanique/ })).toHaveCount(0);
  await page.reload();
  await go(page, 'Artistes');
  await expect(page.getByRole('option')).toHaveCount(2);
});

test('switching to English changes the labels and survives a reload', async ({ page, host }) => {
  await openApp(page, host);
  await go(page, 'Réglages');
  await page.getByLabel('Langue de l’interface').selectOption('en');
  await expect(navButton(page, 'Settings')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(navButton(page, 'Artists')).toBeVisible();
  await expect(navButton(page, 'Venues')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.reload();
  await expect(navButton(page, 'Artists')).toBeVisible();
  await expect(navButton(page, 'Demos')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // Validation messages follow the language, the schemas' own ones and zod's.
  await go(page, 'Artists');
  await page.getByRole('button', { name: 'New artist' }).first().click();
  const form = page.locator('form');
  await form.getByRole('button', { name: 'Add a contact' }).click();
  await form.getByRole('group', { name: 'Contact 1' }).getByLabel('Email').fill('nope');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('The name is required.')).toBeVisible();
  await expect(form.getByRole('group', { name: 'Contact 1' }).getByText(/invalid email/i)).toBeVisible();

  // And back to French.
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').getByRole('button', { name: 'Discard' }).click();
  await go(page, 'Settings');
  await page.getByLabel('Interface language').selectOption('fr');
  await expect(navButton(page, 'Réglages')).toBeVisible();
});

test('back up the data', async ({ page, host }) => {
  await seed(host);
  await openApp(page, host);
  await go(page, 'Réglages');
  await expect(page.getByText(host.home).first()).toBeVisible();
  await page.getByRole('button', { name: 'Sauvegarder mes données' }).click();
  const result = page.getByTestId('backup-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toContainText('backups');
  await expect(result).toContainText('.sqlite');
  await expect(toast(page, 'Sauvegarde terminée')).toBeVisible();
});

test('keyboard: Tab and arrows in the nav, Ctrl+N opens a form, Escape closes it, arrows and Enter in the list', async ({
  page,
  host,
}) => {
  await seed(host);
  await openApp(page, host);

  // The nav is reachable by Tab, arrows move within it, Enter opens a section.
  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Tab');
  await expect(navButton(page, 'Démos')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(navButton(page, 'Lieux')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Lieux' })).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Artistes' })).toBeVisible();

  // Ctrl+N opens the form with the focus in its first field; Escape closes it.
  await page.keyboard.press('Control+n');
  await expect(page.getByRole('heading', { name: 'Nouvel artiste', exact: true })).toBeVisible();
  await expect(
    page.locator('form').getByRole('group', { name: 'Identité' }).getByLabel('Nom', { exact: true }),
  ).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('form')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Nouvel artiste', exact: true })).toHaveCount(0);

  // The list: one tab stop, arrows move, Enter opens.
  const options = page.getByRole('option');
  await expect(options).toHaveCount(3);
  await options.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  const name = (await options.nth(1).locator('.record-name').textContent()) ?? '';
  await expect(page.getByRole('article').getByRole('heading', { name })).toBeVisible();
  await page.keyboard.press('End');
  await expect(options.nth(2)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(options.first()).toBeFocused();

  // Ctrl+F goes to the search box.
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('searchbox', { name: 'Rechercher un artiste' })).toBeFocused();
});

test('screenshots of each section', async ({ page, host }) => {
  await seed(host);
  await openApp(page, host);

  await go(page, 'Démos');
  await shoot(page, 'demos');

  await go(page, 'Artistes');
  await page.getByRole('option', { name: /Les Hiboux Bleus/ }).click();
  await expect(page.getByRole('article').getByText('Camille Roux')).toBeVisible();
  await shoot(page, 'artists');
  await page.getByRole('article').getByRole('button', { name: 'Modifier' }).click();
  await page.locator('form').getByLabel('Cachet maximum').fill('1000');
  await page.locator('form').getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Le minimum ne doit pas dépasser le maximum.')).toBeVisible();
  await shoot(page, 'artists-form');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').getByRole('button', { name: 'Abandonner' }).click();

  await go(page, 'Lieux');
  await page.getByRole('option', { name: /Le Grenier Sonore/ }).click();
  await expect(page.getByRole('article').getByText('Julien Martin')).toBeVisible();
  await shoot(page, 'venues');
  await page.getByRole('article').getByRole('button', { name: 'Modifier' }).click();
  await expect(page.locator('form')).toBeVisible();
  await shoot(page, 'venues-form');
  await page.keyboard.press('Escape');

  await go(page, 'Offres');
  await shoot(page, 'offers');
  await go(page, 'Contrats');
  await shoot(page, 'contracts');

  await go(page, 'Réglages');
  await page.getByRole('button', { name: 'Sauvegarder mes données' }).click();
  await expect(page.getByTestId('backup-result')).toBeVisible({ timeout: 30_000 });
  await expect(toast(page, 'Sauvegarde terminée')).toBeHidden({ timeout: 10_000 });
  await shoot(page, 'settings');
});
