import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ContractDraft,
  type ChecklistResult,
  type ContractClause,
  type ContractDetail,
  type ContractDocument,
  type ContractDraftInput,
  type ContractPreview,
  type LegalRule,
} from '../src/shared/legal';
import { runCli } from '../src/main/cli/run';
import { RULES } from '../src/main/services/legal/rules';
import { sharedFontsActive } from '../src/main/services/legal/render';
import { readLocalized, renderContract } from '../src/main/services/legal/service';
import { call, tempDir, testCore } from './helpers';

// The polish of issue #5: bilingual texts for the screens, the unstored preview, the booker's own
// wording of standard clauses, and the shared fonts that make rendering fast (same bytes, less time).

const example = (name: string): ContractDraftInput =>
  (
    JSON.parse(readFileSync(`resources/examples/contracts/${name}.json`, 'utf8')) as {
      draft: ContractDraftInput;
    }
  ).draft;

const pdfText = (bytes: Buffer) => {
  const file = join(tempDir(), 'preview.pdf');
  writeFileSync(file, bytes);
  expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
};

const rowCounts = (core: ReturnType<typeof testCore>) =>
  Object.fromEntries(
    ['contracts', 'contract_versions', 'contract_audit'].map((table) => [
      table,
      (core.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    ]),
  );

describe('texts for the screens are bilingual', () => {
  it('rules carry French and English conditions and notes, seeded over older plain-English rows', async () => {
    for (const rule of RULES) {
      expect(rule.conditionsText.fr, rule.key).not.toBe('');
      expect(rule.conditionsText.fr, rule.key).not.toBe(rule.conditionsText.en);
      expect(rule.note.fr === '', rule.key).toBe(rule.note.en === '');
    }
    const dataDir = tempDir();
    const core = testCore(dataDir);
    const { rules } = await call<{ rules: LegalRule[] }>(core, 'contracts.rules', { country: 'FR' });
    const cnm = rules.find((r) => r.key === 'FR.cnm.tax')!;
    expect(cnm.conditionsText.fr).toContain('recette de billetterie hors TVA');
    expect(cnm.conditionsText.en).toContain('ticket receipts excl. VAT');
    // A profile made before the texts were bilingual holds one English string: it is read in both
    // languages, then the next start writes the bilingual text over it.
    core.store.db
      .prepare(`UPDATE legal_rules SET conditions_text = ?, note = ? WHERE rule_key = 'FR.cnm.threshold'`)
      .run('Not collected below 80 €.', 'Old note.');
    const old = (await call<{ rules: LegalRule[] }>(core, 'contracts.rules', { country: 'FR' })).rules.find(
      (r) => r.key === 'FR.cnm.threshold',
    )!;
    expect(old.conditionsText).toEqual({ fr: 'Not collected below 80 €.', en: 'Not collected below 80 €.' });
    core.close();
    const again = testCore(dataDir);
    const fresh = (
      await call<{ rules: LegalRule[] }>(again, 'contracts.rules', { country: 'FR' })
    ).rules.find((r) => r.key === 'FR.cnm.threshold')!;
    expect(fresh.conditionsText.fr).toContain('Non perçue en dessous de 80 €');
    expect(fresh.note.fr).toContain('CNV');
    expect(readLocalized('{not json')).toEqual({ fr: '{not json', en: '{not json' });
  });

  it('checklist rules and audit details come in both languages; the CLI prints French by default', async () => {
    const core = testCore();
    const base = example('fr-cession');
    const draft = { ...base, producer: { ...base.producer, legalName: '' } };
    const result = await call<ChecklistResult>(core, 'contracts.checklist', { draft });
    const missing = result.items.find((i) => i.key === 'producer.legalName.missing')!;
    expect(missing.rule).toEqual({
      fr: 'Identification des parties (contrats types, art. 1)',
      en: 'Identification of the parties (model contracts, art. 1)',
    });
    for (const item of result.items) expect(item.rule.fr, item.key).not.toBe('');

    const doc = await call<ContractDocument>(core, 'contracts.generate', { draft });
    expect(doc.checklist.find((i) => i.key === 'producer.legalName.missing')!.rule.fr).toContain('parties');
    const detail = await call<ContractDetail>(core, 'contracts.get', { id: doc.contract.id });
    expect(detail.audit[0]!.detail).toEqual({ fr: '1 point bloquant', en: '1 blocking item' });

    const dir = tempDir();
    const input = join(dir, 'draft.json');
    writeFileSync(input, JSON.stringify({ draft }));
    const lines: string[] = [];
    const code = await runCli(
      ['contract', '--input', input, '--out', join(dir, 'c.pdf'), '--today', '2026-06-01'],
      (l) => lines.push(l),
    );
    expect(code).toBe(2);
    const out = lines.join('\n');
    expect(out).toContain(
      '[BLOQUANT] Raison sociale du producteur manquante. — Identification des parties (contrats types, art. 1)',
    );
    expect(out).toContain('écrit comme PROJET (1 point bloquant)');
    const english: string[] = [];
    await runCli(
      ['contract', '--input', input, '--out', join(dir, 'c.pdf'), '--today', '2026-06-01', '--lang', 'en'],
      (l) => english.push(l),
    );
    expect(english.join('\n')).toContain(
      '[BLOCKING] Legal name of the producer missing. — Identification of the parties (model contracts, art. 1)',
    );
  });
});

describe('contracts.preview', () => {
  it(
    'renders what generate would, watermarked while something blocks, and writes no row',
    { timeout: 30_000 },
    async () => {
      const core = testCore();
      const base = example('fr-cession');
      const before = rowCounts(core);
      const blocked = await call<ContractPreview>(core, 'contracts.preview', {
        draft: { ...base, organiser: { ...base.organiser, platesvNumber: '' } },
      });
      expect(rowCounts(core)).toEqual(before);
      expect(blocked.blocking).toBe(1);
      expect(blocked.filename).toBe('contrat-Nadia-Kessler-Trio-tournée-Lumière-2030-10-17-apercu.pdf');
      const text = pdfText(Buffer.from(blocked.base64, 'base64'));
      expect(blocked.bytes).toBe(Buffer.from(blocked.base64, 'base64').length);
      expect(text).toContain('Points à régler avant signature');
      expect(text).toContain('Numéro PLATESV de l’organisateur manquant');
      expect(text).toContain('aperçu non enregistré');
      expect(text).toContain('5 000,00 € hors taxes');
      // The « PROJET » watermark (drawn diagonally, which pdftotext splits) is the only text painted at
      // 8 % opacity: its graphics state is there while something blocks, and only then.
      const watermarked = (preview: ContractPreview) =>
        Buffer.from(preview.base64, 'base64').toString('latin1').includes('/ca 0.08');
      expect(watermarked(blocked)).toBe(true);
      const clean = await call<ContractPreview>(core, 'contracts.preview', { draft: base });
      expect(clean.blocking).toBe(0);
      expect(watermarked(clean)).toBe(false);
      expect(pdfText(Buffer.from(clean.base64, 'base64'))).not.toContain('Points à régler');

      // On a stored contract: its versions do not move.
      const doc = await call<ContractDocument>(core, 'contracts.generate', { draft: base });
      const stored = rowCounts(core);
      const onStored = await call<ContractPreview>(core, 'contracts.preview', {
        id: doc.contract.id,
        draft: { ...base, money: { ...base.money, fee: 6000 } },
      });
      expect(pdfText(Buffer.from(onStored.base64, 'base64'))).toContain('6 000,00 € hors taxes');
      expect(rowCounts(core)).toEqual(stored);
      const detail = await call<ContractDetail>(core, 'contracts.get', { id: doc.contract.id });
      expect(detail.versions).toHaveLength(1);
      expect(detail.draft.money.fee).toBe(5000);

      // Unknown ids and bad drafts are refused like generate refuses them.
      const missing = await core.dispatch('contracts.preview', {
        id: '01890000-0000-7000-8000-000000000000',
        draft: base,
      });
      expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const negative = await core.dispatch('contracts.preview', {
        draft: { ...base, money: { ...base.money, fee: -1 } },
      });
      expect(negative).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(rowCounts(core)).toEqual(stored);
    },
  );
});

describe('standard clauses edited by the booker', () => {
  it(
    'lists the articles, prints an override with « » ’ € œ, flags it once the standard text moves',
    { timeout: 30_000 },
    async () => {
      const core = testCore();
      const base = example('fr-cession');
      const { clauses, language } = await call<{ clauses: ContractClause[]; language: string }>(
        core,
        'contracts.clauses',
        { draft: base },
      );
      expect(language).toBe('fr');
      const ids = clauses.map((c) => c.id);
      expect(ids[0]).toBe('recitals');
      expect(ids[ids.length - 1]).toBe('law');
      const price = clauses.find((c) => c.id === 'price.cession')!;
      expect(price).toMatchObject({ title: 'Prix', overridden: false, outdated: false, custom: false });
      expect(price.text).toBe(price.standardText);
      expect(price.standardText.replace(/\u202f/g, ' ')).toContain(
        'l’Organisateur verse au Producteur la somme de 5 000,00 € hors taxes',
      );
      expect(price.standardHash).toMatch(/^[0-9a-f]{64}$/);

      const wording =
        'L’Organisateur verse au Producteur « 5 000 € » hors taxes ; le cœur de l’œuvre est payé à la signature.\nLe solde est réglé sous 15 jours.';
      const edited = {
        ...base,
        clauses: {
          ...base.clauses,
          overrides: [{ id: 'price.cession', text: wording, basedOn: price.standardHash }],
        },
      };
      const listed = await call<{ clauses: ContractClause[] }>(core, 'contracts.clauses', { draft: edited });
      expect(listed.clauses.find((c) => c.id === 'price.cession')).toMatchObject({
        overridden: true,
        outdated: false,
        text: wording,
      });
      const doc = await call<ContractPreview>(core, 'contracts.preview', { draft: edited });
      const text = pdfText(Buffer.from(doc.base64, 'base64'));
      expect(text).toContain(
        'L’Organisateur verse au Producteur « 5 000 € » hors taxes ; le cœur de l’œuvre est payé à la signature.',
      );
      expect(text).toContain('Le solde est réglé sous 15 jours.');
      expect(text).not.toContain('En contrepartie de la cession');
      expect(doc.checklist.map((i) => i.key)).toContain('clauses.override.list');
      expect(doc.checklist.map((i) => i.key)).not.toContain('clauses.override.outdated.price.cession');

      // A new fee changes the standard price clause: the override is to be re-read.
      const moved = await call<ChecklistResult>(core, 'contracts.checklist', {
        draft: { ...edited, money: { ...edited.money, fee: 5500 } },
      });
      const outdated = moved.items.find((i) => i.key === 'clauses.override.outdated.price.cession')!;
      expect(outdated).toMatchObject({ level: 'warning', path: 'clauses.overrides.0.text' });
      expect(outdated.message.fr).toContain('Clause « Prix » modifiée à la main');

      // An override of an article this contract does not have is ignored, and said so.
      const foreign = await call<ChecklistResult>(core, 'contracts.checklist', {
        draft: {
          ...base,
          clauses: { ...base.clauses, overrides: [{ id: 'price.engagement', text: 'Texte.' }] },
        },
      });
      expect(foreign.items.map((i) => i.key)).toContain('clauses.override.unused.price.engagement');

      // Bad overrides are validation errors: too long, twice the same clause, a malformed id.
      const tooLong = ContractDraft.safeParse({
        ...base,
        clauses: { ...base.clauses, overrides: [{ id: 'law', text: 'é'.repeat(20_001) }] },
      });
      expect(tooLong.success).toBe(false);
      expect(tooLong.error!.issues[0]!.message).toBe('At most 20000 characters');
      const twice = ContractDraft.safeParse({
        ...base,
        clauses: {
          ...base.clauses,
          overrides: [
            { id: 'law', text: 'a' },
            { id: 'law', text: 'b' },
          ],
        },
      });
      expect(twice.error!.issues[0]!.message).toBe('A clause is overridden at most once');
      const badId = await core.dispatch('contracts.clauses', {
        draft: { ...base, clauses: { ...base.clauses, overrides: [{ id: '../x', text: 'a' }] } },
      });
      expect(badId).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    },
  );
});

describe('rendering speed', () => {
  it(
    'shares fonts across renders: the same draft still gives the same bytes',
    { timeout: 30_000 },
    async () => {
      expect(sharedFontsActive()).toBe(true);
      const createdAt = new Date('2026-06-01T12:00:00Z');
      const fr = ContractDraft.parse(example('fr-cession'));
      const en = ContractDraft.parse({ ...example('ch-cession'), language: 'en' });
      const first = await renderContract(fr, RULES, { reference: 'same', createdAt });
      await renderContract(en, RULES, { reference: 'other', createdAt });
      const second = await renderContract(fr, RULES, { reference: 'same', createdAt });
      expect(second.pdf.equals(first.pdf)).toBe(true);
    },
  );
});
