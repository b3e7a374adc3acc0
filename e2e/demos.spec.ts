import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, shoot, test, type HostProcess } from './fixtures';

// The Démos screen end to end, in Chromium against the browser host: real files of the shared corpus
// go through the file input, the upload, `demos.add` and the analysis worker (out/main/audioWorker.js,
// so build first), then the queue, the card, reload, deduplication, deletion and the keyboard.

const CORPUS = resolve('../shared/corpus/decoding');
const MP3 = join(CORPUS, 'format/brahms_cbr128.mp3');
const FLAC = join(CORPUS, 'format/brahms.flac');
const RANDOM = join(CORPUS, 'corrupt/random_bytes.mp3');
const EMPTY = join(CORPUS, 'corrupt/empty_0_bytes.wav');

/** The analysis of a 12-second file takes about a second; the first one also starts the worker pool. */
const ANALYSIS_TIMEOUT = 45_000;

async function openDemos(page: Page, host: HostProcess): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Démos', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Démos' })).toBeVisible();
}

const rows = (page: Page) => page.getByTestId('demo-row');
const row = (page: Page, name: string) => rows(page).filter({ hasText: name });
const chip = (page: Page, name: string) => row(page, name).locator('.demo-chip');
const toast = (page: Page, text: string) => page.locator('[data-testid="toast"]').filter({ hasText: text });

async function expectStatus(page: Page, name: string, status: string): Promise<void> {
  await expect(chip(page, name)).toHaveText(status, { timeout: ANALYSIS_TIMEOUT });
}

const FRENCH_KEY = /^(do|ré|mi|fa|sol|la|si)( dièse| bémol)? (majeur|mineur)$/;

test('drop demos: queue, progress, French errors, the card, reload, no duplicate, delete', async ({
  page,
  host,
}) => {
  await openDemos(page, host);

  // The empty screen says what to do.
  await expect(page.getByText('Déposez vos démos ici')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choisir des fichiers' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choisir un dossier' })).toBeVisible();

  // Four files at once: each one shows in the queue straight away.
  await page.getByTestId('demos-file-input').setInputFiles([MP3, FLAC, RANDOM, EMPTY]);
  await expect(rows(page)).toHaveCount(4);
  for (const name of ['brahms_cbr128.mp3', 'brahms.flac', 'random_bytes.mp3', 'empty_0_bytes.wav']) {
    await expect(row(page, name)).toHaveCount(1);
  }

  // Two are analysed; the two broken ones fail with a plain French reason, and do not stop the others.
  await expectStatus(page, 'brahms_cbr128.mp3', 'Terminé');
  await expectStatus(page, 'brahms.flac', 'Terminé');
  await expectStatus(page, 'random_bytes.mp3', 'Échec');
  await expectStatus(page, 'empty_0_bytes.wav', 'Échec');
  await expect(row(page, 'random_bytes.mp3')).toContainText('Ce n’est pas un fichier audio');
  await expect(row(page, 'empty_0_bytes.wav')).toContainText('Le fichier est vide');
  await expect(toast(page, '4 démos ajoutées à la file')).toBeVisible();
  await expect(page.getByText('4 démos', { exact: true })).toBeVisible();

  // A failed demo's panel: the French reason, the host's message under it, and Réessayer.
  await row(page, 'random_bytes.mp3').locator('.demo-row-main').click();
  const failedCard = page.getByTestId('demo-card');
  await expect(failedCard.getByRole('heading', { name: 'random_bytes.mp3' })).toBeVisible();
  await expect(failedCard.locator('.demo-error-text')).toHaveText(
    'Ce n’est pas un fichier audio, ou son format n’est pas pris en charge par Flow Stage.',
  );
  await expect(failedCard.locator('.demo-error-detail')).toContainText('Détail technique');
  await expect(failedCard.getByRole('button', { name: 'Réessayer' })).toBeVisible();
  await shoot(page, 'demos-queue');

  // The card of a finished demo: summary, tempo and key in French, loudness, charts.
  await row(page, 'brahms.flac').locator('.demo-row-main').click();
  const card = page.getByTestId('demo-card');
  await expect(card.getByRole('heading', { name: 'brahms.flac' })).toBeVisible();
  await expect(card.getByTestId('demo-bpm')).toHaveText(/^\d+(,\d)? BPM$/);
  await expect(card.getByTestId('demo-key')).toHaveText(FRENCH_KEY);
  await expect(card.getByTestId('demo-lufs')).toHaveText(/^−?\d+(,\d)? LUFS$/);
  await expect(card.getByTestId('demo-summary')).toContainText('BPM');
  await expect(card.getByTestId('demo-summary')).toContainText(/(majeur|mineur)/);
  await expect(
    card.getByText(/^ou \d+(,\d)? BPM \((moitié|double|2\/3|3\/2|autre lecture)\)$/),
  ).toBeVisible();
  await expect(card.getByText(/^Confiance \d+\s%/).first()).toBeVisible();
  await expect(card.getByRole('img', { name: /^Forme d’onde sur 0:1\d$/ })).toBeVisible();
  await expect(card.getByRole('img', { name: /^Profil de la démo : Énergie \d+\/10/ })).toBeVisible();
  await expect(card.getByRole('img', { name: /^Valence \d,\d+, intensité \d,\d+ : humeur / })).toBeVisible();
  await expect(card.getByText('Plage de volume', { exact: true })).toBeVisible();
  await expect(card.getByText('Crête vraie', { exact: true })).toBeVisible();
  await shoot(page, 'demos-card');

  // The library is the host's: a reload shows the same four demos, still analysed.
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Démos', exact: true }).click();
  await expect(rows(page)).toHaveCount(4);
  await expect(chip(page, 'brahms.flac')).toHaveText('Terminé');
  await expect(row(page, 'random_bytes.mp3')).toContainText('Ce n’est pas un fichier audio');

  // The same file again: recognised by its bytes, no second row.
  await page.getByTestId('demos-file-input').setInputFiles([FLAC]);
  await expect(toast(page, '« brahms.flac » est déjà dans la bibliothèque')).toBeVisible();
  await expect(rows(page)).toHaveCount(4);
  await expect(row(page, 'brahms.flac')).toHaveCount(1);
  await expect(chip(page, 'brahms.flac')).toHaveText('Terminé');

  // Filter by status and search by name.
  const filters = page.getByRole('group', { name: 'Filtrer par statut' });
  await filters.getByRole('button', { name: /^Échec/ }).click();
  await expect(rows(page)).toHaveCount(2);
  await filters.getByRole('button', { name: /^Toutes/ }).click();
  await page.getByRole('searchbox', { name: 'Rechercher une démo par nom de fichier' }).fill('BRAHMS cbr');
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, 'brahms_cbr128.mp3')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Rechercher une démo par nom de fichier' }).fill('');
  await expect(rows(page)).toHaveCount(4);

  // Keyboard: arrows move, Enter opens, Delete asks (and says the file on disk stays).
  const mains = page.locator('.demo-row-main');
  await mains.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(mains.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(mains.nth(3)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(mains.first()).toBeFocused();
  const emptyIndex = await mains.evaluateAll((buttons) =>
    buttons.findIndex((button) => button.textContent?.includes('empty_0_bytes.wav')),
  );
  for (let i = 0; i < emptyIndex; i++) await page.keyboard.press('ArrowDown');
  await expect(mains.nth(emptyIndex)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(mains.nth(emptyIndex)).toHaveAttribute('aria-current', 'true');
  await expect(
    page.getByTestId('demo-card').getByRole('heading', { name: 'empty_0_bytes.wav' }),
  ).toBeVisible();
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog', { name: 'Retirer « empty_0_bytes.wav » de la bibliothèque ?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('n’est ni supprimé ni modifié');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(rows(page)).toHaveCount(4);
  await mains.nth(emptyIndex).focus();
  await page.keyboard.press('Delete');
  await dialog.getByRole('button', { name: 'Supprimer' }).click();
  await expect(toast(page, 'Démo retirée de la bibliothèque')).toBeVisible();
  await expect(rows(page)).toHaveCount(3);
  await expect(row(page, 'empty_0_bytes.wav')).toHaveCount(0);

  // Deleted stays deleted after a reload.
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Démos', exact: true }).click();
  await expect(rows(page)).toHaveCount(3);
});

test('a failed demo can be retried, and the card reads in English too', async ({ page, host }) => {
  await openDemos(page, host);
  await page.getByTestId('demos-file-input').setInputFiles([RANDOM, MP3]);
  await expectStatus(page, 'random_bytes.mp3', 'Échec');
  await expectStatus(page, 'brahms_cbr128.mp3', 'Terminé');

  // Réessayer from the row: the file is inspected again and fails again, with the same reason.
  await row(page, 'random_bytes.mp3').getByRole('button', { name: 'Réessayer « random_bytes.mp3 »' }).click();
  await expectStatus(page, 'random_bytes.mp3', 'Échec');
  await expect(row(page, 'random_bytes.mp3')).toContainText('Ce n’est pas un fichier audio');

  // Dropping on the window: the overlay shows while dragging, the dropped file joins the queue
  // (here a file already known, so no new row).
  const bytes = readFileSync(MP3).toString('base64');
  await page.evaluate((base64) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], 'brahms_cbr128.mp3', { type: 'audio/mpeg' }));
    (window as unknown as { __drop: DataTransfer }).__drop = transfer;
    window.dispatchEvent(
      new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
  }, bytes);
  await expect(page.getByText('Relâchez pour analyser ces fichiers')).toBeVisible();
  await page.evaluate(() => {
    const transfer = (window as unknown as { __drop: DataTransfer }).__drop;
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect(page.getByText('Relâchez pour analyser ces fichiers')).toBeHidden();
  await expect(toast(page, '« brahms_cbr128.mp3 » est déjà dans la bibliothèque')).toBeVisible();
  await expect(rows(page)).toHaveCount(2);

  // English: the same card, English wording and notation.
  await page.getByRole('navigation').getByRole('button', { name: 'Réglages', exact: true }).click();
  await page.getByLabel('Langue de l’interface').selectOption('en');
  await page.getByRole('navigation').getByRole('button', { name: 'Demos', exact: true }).click();
  await row(page, 'brahms_cbr128.mp3').locator('.demo-row-main').click();
  const card = page.getByTestId('demo-card');
  await expect(card.getByTestId('demo-key')).toHaveText(/^[A-G][♯♭]? (major|minor)$/);
  await expect(card.getByTestId('demo-bpm')).toHaveText(/^\d+(\.\d)? BPM$/);
  await expect(chip(page, 'random_bytes.mp3')).toHaveText('Failed');
});

test('a queued analysis can be cancelled, then retried', async ({ page, host }) => {
  await openDemos(page, host);
  // Seven files: the last one waits behind the others, so it is still queued (or running) when cancelled.
  const files = [
    'format/brahms_f32.wav',
    'rate/brahms_96000.wav',
    'rate/brahms_88200.wav',
    'channels/brahms_quad.wav',
    'format/brahms_s24.wav',
    'format/brahms.aiff',
    'format/brahms.ogg',
  ].map((file) => join(CORPUS, file));
  await page.getByTestId('demos-file-input').setInputFiles(files);
  await expect(rows(page)).toHaveCount(7);

  const cancel = row(page, 'brahms.ogg').getByRole('button', { name: 'Annuler l’analyse de « brahms.ogg »' });
  await cancel.click();
  await expectStatus(page, 'brahms.ogg', 'Annulé');
  await row(page, 'brahms.ogg').locator('.demo-row-main').click();
  await expect(page.getByTestId('demo-card').locator('.demo-error-text')).toHaveText(
    'Analyse annulée. Réessayez pour la relancer.',
  );
  await shoot(page, 'demos-progress'); // the queue at work (what is still running varies with the machine)
  await expect(row(page, 'brahms.ogg')).toContainText('Analyse annulée');
  await row(page, 'brahms.ogg').getByRole('button', { name: 'Réessayer « brahms.ogg »' }).click();
  await expectStatus(page, 'brahms.ogg', 'Terminé');
  for (const name of ['brahms_f32.wav', 'brahms_96000.wav', 'brahms.aiff']) {
    await expectStatus(page, name, 'Terminé');
  }
});
