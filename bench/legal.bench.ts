import { readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { ContractDraft, type ContractDraftInput } from '../src/shared/legal';
import { forgetSharedFonts, sharedFontsActive } from '../src/main/services/legal/render';
import { RULES } from '../src/main/services/legal/rules';
import { evaluateDraft, renderContract } from '../src/main/services/legal/service';

// Target (issue #5): a 10-page contract generated in ≤ 1 s. The draft below is the Lyon cession example
// with a long special clause and long riders, which pdfmake lays out on 10 A4 pages (printed below).
//
// "cold" forgets the shared fonts before each render: every render then parses the font tables and
// shapes every word afresh, which is what each render cost before the fonts were shared (render.ts).
// "warm" is the normal case in the app: the preview, each version and each signature reuse them.

const input = (
  JSON.parse(readFileSync('resources/examples/contracts/fr-cession.json', 'utf8')) as {
    draft: ContractDraftInput;
  }
).draft;
const sentence =
  'Le régisseur de l’Organisateur s’assure que « tout » est prêt : plateau, lumières, retours ; merci ! ';
const draft = ContractDraft.parse({
  ...input,
  riders: {
    technical: Array.from({ length: 12 }, () => sentence.repeat(6)).join('\n\n'),
    hospitality: Array.from({ length: 10 }, () => sentence.repeat(5)).join('\n\n'),
  },
  clauses: {
    ...input.clauses,
    custom: [{ title: 'Clause particulière', text: sentence.repeat(100).slice(0, 10_000) }],
  },
});
const createdAt = new Date('2026-06-01T12:00:00Z');

const first = await renderContract(draft, RULES, { reference: 'bench', createdAt });
const pages = (first.pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
console.log(
  `[legal bench] contract PDF: ${pages} pages, ${first.pdf.length} bytes; shared fonts: ${sharedFontsActive() ? 'on' : 'OFF'}`,
);

describe(`contract PDF (${pages} pages)`, () => {
  bench(
    'generate, warm: money lines + checklist + clauses + pdfmake render',
    async () => {
      await renderContract(draft, RULES, { reference: 'bench', createdAt });
    },
    { iterations: 10, warmupIterations: 2 },
  );
  bench(
    'generate, cold: fonts parsed and words shaped afresh (the cost before sharing)',
    async () => {
      forgetSharedFonts();
      await renderContract(draft, RULES, { reference: 'bench', createdAt });
    },
    { iterations: 10, warmupIterations: 2 },
  );
  bench(
    'checklist + money lines only (the live checks of the wizard)',
    () => {
      evaluateDraft(draft, RULES, '2026-06-01');
    },
    { iterations: 200, warmupIterations: 20 },
  );
});
