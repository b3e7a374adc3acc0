import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PITCH_CLASSES, keyName, type KeyMode, type PitchClass } from '../src/shared/audio';
import { call, expect, shoot, test, type HostProcess } from './fixtures';

// "What the booker heard" on the demo card, in Chromium against the browser host: a real file is
// analysed, then its tempo and key are corrected, confirmed and reset through the card's buttons;
// the sentence, the persisted values (reload) and the accuracy line above the list follow. The
// expected figures are computed here from the measured result, independently of the renderer code.

const FLAC = join(resolve('../shared/corpus/decoding'), 'format/brahms.flac');
const ANALYSIS_TIMEOUT = 45_000;

interface Measured {
  id: string;
  bpm: number;
  key: PitchClass;
  mode: KeyMode;
}

interface DemoLike {
  id: string;
  status: string;
  heard: unknown;
  result: { bpm: number | null; key: PitchClass | null; mode: KeyMode | null } | null;
}

/** Adds the file (referenced where it is) and waits for its analysis. */
async function analysed(host: HostProcess): Promise<Measured> {
  const { demos } = await call<{ demos: DemoLike[] }>(host, 'demos.add', { paths: [FLAC] });
  const id = demos[0]!.id;
  await expect
    .poll(async () => (await call<DemoLike>(host, 'demos.get', { id })).status, { timeout: ANALYSIS_TIMEOUT })
    .toBe('done');
  const { result } = await call<DemoLike>(host, 'demos.get', { id });
  if (!result || result.bpm === null || result.key === null || result.mode === null) {
    throw new Error('the reference file should have a tempo and a key');
  }
  return { id, bpm: result.bpm, key: result.key, mode: result.mode };
}

/** The relative key, worked out here: C major ↔ A minor. */
function relative(key: PitchClass, mode: KeyMode): { key: PitchClass; mode: KeyMode } {
  const index = PITCH_CLASSES.indexOf(key);
  return mode === 'major'
    ? { key: PITCH_CLASSES[(index + 9) % 12]!, mode: 'minor' }
    : { key: PITCH_CLASSES[(index + 3) % 12]!, mode: 'major' };
}

const tenth = (bpm: number) => Math.round(bpm * 10) / 10;
const frNumber = (value: number) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value);
const enNumber = (value: number) =>
  new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(value);

async function openCard(page: Page, navName = 'Démos'): Promise<Locator> {
  await page.getByRole('navigation').getByRole('button', { name: navName, exact: true }).click();
  await page.getByTestId('demo-row').filter({ hasText: 'brahms.flac' }).locator('.demo-row-main').click();
  const card = page.getByTestId('demo-card');
  await expect(card.getByTestId('demo-bpm')).toBeVisible();
  return card;
}

const tile = (card: Locator, title: string) =>
  card.locator('.demo-tile').filter({ has: card.page().getByRole('heading', { name: title, exact: true }) });

test('tempo and key: correct, confirm, reset on the card; persisted; scored above the list', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  const measured = await analysed(host);

  // The contract refuses a tempo no booker can hear, and nothing is written.
  await expect(call(host, 'demos.correct', { id: measured.id, bpm: 500 })).rejects.toThrow(/VALIDATION/);
  await expect(
    call(host, 'demos.correct', { id: measured.id, bpm: 120, key: { key: 'H', mode: 'major' } }),
  ).rejects.toThrow(/VALIDATION/);
  expect((await call<DemoLike>(host, 'demos.get', { id: measured.id })).heard).toBeNull();

  await page.goto(host.url);
  const card = await openCard(page);
  const tempo = tile(card, 'Tempo');
  const key = tile(card, 'Tonalité');
  const tempoGroup = tempo.getByRole('group', { name: 'Corriger le tempo' });
  const keyGroup = key.getByRole('group', { name: 'Corriger la tonalité' });
  const summary = card.getByTestId('demo-summary');
  const accuracy = page.getByTestId('demo-accuracy-text');
  const measuredKeyFr = keyName(measured.key, measured.mode, 'fr');
  const rel = relative(measured.key, measured.mode);
  const relativeFr = keyName(rel.key, rel.mode, 'fr');

  // Nothing heard yet: the measured values, no badge, no accuracy line, no « Rétablir ».
  await expect(tempo.getByTestId('demo-bpm')).toHaveText(`${frNumber(measured.bpm)} BPM`);
  await expect(key.getByTestId('demo-key')).toHaveText(measuredKeyFr);
  await expect(card.getByTestId('demo-heard-badge')).toHaveCount(0);
  await expect(tempoGroup.getByRole('button', { name: /^Rétablir/ })).toHaveCount(0);
  await expect(page.getByTestId('demo-accuracy')).toHaveCount(0);

  // A value the host refuses (the request rewritten in flight to 500 BPM): a French toast, and the card
  // stays as it was.
  await page.route('**/api/invoke/demos.correct', (route) =>
    route.continue({ postData: JSON.stringify({ id: measured.id, bpm: 500 }) }),
  );
  await tempoGroup.getByRole('button', { name: /^Juste :/ }).click();
  const refused = page.locator('[data-testid="toast"]').filter({ hasText: 'Correction non enregistrée' });
  await expect(refused).toContainText('Valeur refusée : le tempo doit être entre 30 et 300 BPM');
  await expect(card.getByTestId('demo-heard-badge')).toHaveCount(0);
  await expect(tempo.getByTestId('demo-bpm')).toHaveText(`${frNumber(measured.bpm)} BPM`);
  await page.unroute('**/api/invoke/demos.correct');
  await refused.getByRole('button').click();
  expect((await call<DemoLike>(host, 'demos.get', { id: measured.id })).heard).toBeNull();

  // ×2 (or ÷2 when the double would pass 300 BPM): the octave corrected in one click.
  const doubled = measured.bpm * 2 <= 300;
  const octave = tenth(doubled ? measured.bpm * 2 : measured.bpm / 2);
  await tempoGroup.getByRole('button', { name: doubled ? /^×2 :/ : /^÷2 :/ }).click();
  await expect(tempo.getByTestId('demo-bpm')).toHaveText(`${frNumber(octave)} BPM`);
  await expect(tempo.getByTestId('demo-heard-badge')).toHaveText('Corrigé');
  await expect(tempo.getByTestId('demo-bpm-measured')).toHaveText(`mesuré : ${frNumber(measured.bpm)}`);
  await expect(tempoGroup.getByRole('button', { name: doubled ? /^×2 :/ : /^÷2 :/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(summary).toContainText(`${Math.round(octave)} BPM`);

  // « Relative »: the minor read as its relative major (or the reverse).
  await keyGroup.getByRole('button', { name: /^Relative :/ }).click();
  await expect(key.getByTestId('demo-key')).toHaveText(relativeFr);
  await expect(key.getByTestId('demo-heard-badge')).toHaveText('Corrigée');
  await expect(key.getByTestId('demo-key-measured')).toHaveText(`mesurée : ${measuredKeyFr}`);
  await expect(summary).toContainText(relativeFr);
  await expect(summary).not.toContainText(measuredKeyFr);
  // The row in the list says the same as the card.
  await expect(page.getByTestId('demo-row').filter({ hasText: 'brahms.flac' })).toContainText(
    `${Math.round(octave)} BPM · ${relativeFr}`,
  );

  // Scored against what was heard: an octave error counts at the octave only; the relative key 0,3.
  await expect(accuracy).toHaveText(
    'Sur 1 démo vérifiée : tempo juste 0 % (à l’octave près 100 %), tonalité 0,3 (exacte 0 %)',
  );
  await shoot(page, 'demos-heard-corrected');

  // Stored by the host: a reload shows the same corrections and the same score.
  await page.reload();
  const again = await openCard(page);
  await expect(tile(again, 'Tempo').getByTestId('demo-bpm')).toHaveText(`${frNumber(octave)} BPM`);
  await expect(tile(again, 'Tonalité').getByTestId('demo-key')).toHaveText(relativeFr);
  await expect(again.getByTestId('demo-summary')).toContainText(relativeFr);
  await expect(accuracy).toContainText('Sur 1 démo vérifiée');

  // « Autre… »: a typed tempo, refused when it is not one, Escape closes, Enter saves.
  await tempoGroup.getByRole('button', { name: /^Autre…/ }).click();
  const input = tempo.getByRole('textbox', { name: 'Tempo entendu, en BPM' });
  await expect(input).toBeFocused();
  await input.fill('500');
  await input.press('Enter');
  await expect(tempo.getByRole('alert')).toHaveText(
    'Entrez un tempo entre 30 et 300 BPM, par exemple 92 ou 92,5.',
  );
  await expect(tempo.getByTestId('demo-bpm')).toHaveText(`${frNumber(octave)} BPM`);
  await input.press('Escape');
  await expect(input).toHaveCount(0);
  await expect(tempoGroup.getByRole('button', { name: /^Autre…/ })).toBeFocused();
  await tempoGroup.getByRole('button', { name: /^Autre…/ }).click();
  await tempo.getByRole('textbox', { name: 'Tempo entendu, en BPM' }).fill('92,5');
  await tempo.getByRole('textbox', { name: 'Tempo entendu, en BPM' }).press('Enter');
  await expect(tempo.getByTestId('demo-bpm')).toHaveText('92,5 BPM');
  await expect(tempo.getByRole('textbox')).toHaveCount(0);

  // The 24 keys in French: one picked from the list.
  const select = keyGroup.getByRole('combobox', { name: 'Choisir une autre tonalité' });
  await expect(select.locator('option')).toHaveCount(25);
  await select.selectOption({ label: 'fa dièse mineur' });
  await expect(key.getByTestId('demo-key')).toHaveText('fa dièse mineur');

  // « Rétablir »: back to the measured values; nothing heard any more, so no accuracy line.
  await tempoGroup.getByRole('button', { name: /^Rétablir/ }).click();
  await expect(tempo.getByTestId('demo-bpm')).toHaveText(`${frNumber(measured.bpm)} BPM`);
  await expect(tempo.getByTestId('demo-bpm-measured')).toHaveCount(0);
  await expect(tempo.getByTestId('demo-heard-badge')).toHaveCount(0);
  await expect(tempoGroup.getByRole('button', { name: /^Juste :/ })).toBeFocused();
  await keyGroup.getByRole('button', { name: /^Rétablir/ }).click();
  await expect(key.getByTestId('demo-key')).toHaveText(measuredKeyFr);
  await expect(card.getByTestId('demo-heard-badge')).toHaveCount(0);
  await expect(page.getByTestId('demo-accuracy')).toHaveCount(0);
  expect((await call<DemoLike>(host, 'demos.get', { id: measured.id })).heard).toBeNull();

  // « Juste » on both (the key one from the keyboard): confirmed, and the analysis scores 100 %.
  await tempoGroup.getByRole('button', { name: /^Juste :/ }).click();
  await expect(tempo.getByTestId('demo-heard-badge')).toHaveText('Vérifié');
  await expect(tempo.getByTestId('demo-bpm')).toHaveText(`${frNumber(tenth(measured.bpm))} BPM`);
  await keyGroup.getByRole('button', { name: /^Juste :/ }).focus();
  await page.keyboard.press('Space');
  await expect(key.getByTestId('demo-heard-badge')).toHaveText('Vérifiée');
  await expect(keyGroup.getByRole('button', { name: /^Juste :/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(accuracy).toHaveText(
    'Sur 1 démo vérifiée : tempo juste 100 % (à l’octave près 100 %), tonalité 1 (exacte 100 %)',
  );
  // What the line measures, on demand.
  await page.getByRole('button', { name: 'Ce que mesure cette ligne' }).click();
  await expect(page.getByText(/^Compare l’analyse automatique/)).toBeVisible();

  // English: the same card and line, English wording.
  await page.getByRole('navigation').getByRole('button', { name: 'Réglages', exact: true }).click();
  await page.getByLabel('Langue de l’interface').selectOption('en');
  const english = await openCard(page, 'Demos');
  const tempoEn = tile(english, 'Tempo');
  const keyEn = tile(english, 'Key');
  await expect(tempoEn.getByTestId('demo-heard-badge')).toHaveText('Confirmed');
  await tempoEn
    .getByRole('group', { name: 'Correct the tempo' })
    .getByRole('button', { name: doubled ? /^×2:/ : /^÷2:/ })
    .click();
  await expect(tempoEn.getByTestId('demo-bpm')).toHaveText(`${enNumber(octave)} BPM`);
  await expect(tempoEn.getByTestId('demo-heard-badge')).toHaveText('Corrected');
  await expect(tempoEn.getByTestId('demo-bpm-measured')).toHaveText(`measured: ${enNumber(measured.bpm)}`);
  await keyEn
    .getByRole('group', { name: 'Correct the key' })
    .getByRole('button', { name: /^Relative:/ })
    .click();
  await expect(keyEn.getByTestId('demo-key')).toHaveText(keyName(rel.key, rel.mode, 'en'));
  await expect(page.getByTestId('demo-accuracy-text')).toHaveText(
    'On 1 checked demo: tempo right 0% (within an octave 100%), key 0.3 (exact 0%)',
  );
  await shoot(page, 'demos-heard-en');
});
