import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContractDraft, type ContractDraftInput, type MoneyLine } from '../src/shared/legal';
import {
  buildChecklist,
  bceLooksValid,
  ideLooksValid,
  siretLooksValid,
} from '../src/main/services/legal/checklist';
import {
  CLAUSE_LIBRARY,
  buildClauses,
  clauseVariables,
  templateVariables,
} from '../src/main/services/legal/clauses';
import { frenchTypography, formatCents } from '../src/main/services/legal/format';
import { computeMoney } from '../src/main/services/legal/money';
import { RULES, rulesAt } from '../src/main/services/legal/rules';
import { evaluateDraft } from '../src/main/services/legal/service';

// Worked examples of issue #5, each figure computed by hand in the comments (integer cents, every
// product by a rate rounded half up once). The examples are the files shipped for the CLI.

const example = (name: string): ContractDraftInput =>
  (
    JSON.parse(readFileSync(`resources/examples/contracts/${name}.json`, 'utf8')) as {
      draft: ContractDraftInput;
    }
  ).draft;
const draftOf = (input: ContractDraftInput) => ContractDraft.parse(input);
const amounts = (lines: MoneyLine[]) => Object.fromEntries(lines.map((l) => [l.key, l.amount]));
const TODAY = '2026-06-01';

describe('money rules: worked examples', () => {
  it('a 5,000 € cession in Lyon on 17 October 2030 (French group, 8,800 € expected box office)', () => {
    const money = computeMoney(draftOf(example('fr-cession')), RULES);
    expect(amounts(money)).toEqual({
      // 400 tickets × 22 € = 8,800.00 € incl. VAT
      'boxOffice.gross': 880_000,
      // excl. VAT: 880,000 / 1.055 = 834,123.22 → 834,123; VAT = 880,000 − 834,123 = 45,877
      'boxOffice.vat': 45_877,
      'boxOffice.net': 834_123,
      fee: 500_000,
      // 5.5 % of 5,000.00 € = 275.00 € (no drinks during the show)
      vat: 27_500,
      total: 527_500,
      // SACEM 8.80 % of max(8,341.23 €, 5,000 €) = 734.0282 € → 734.03 €
      authorRights: 73_403,
      // CNM 3.5 % of 8,341.23 € = 291.943 € → 291.94 €, due by the organiser (ticketing holder)
      cnmTax: 29_194,
    });
    const byKey = Object.fromEntries(money.map((l) => [l.key, l]));
    expect(byKey.cnmTax).toMatchObject({ payer: 'organiser', status: 'verified', ratePpm: 35_000 });
    // SACEM's base is not confirmed by the research: the line says so.
    expect(byKey.authorRights!.status).toBe('unverified');
  });

  it('drinks served during the show: 20 % VAT on the fee and the tickets', () => {
    const input = example('fr-cession');
    const d = draftOf({ ...input, performance: { ...input.performance!, drinksServedDuringShow: true } });
    const m = amounts(computeMoney(d, RULES));
    expect(m.vat).toBe(100_000); // 20 % of 5,000 €
    expect(m['boxOffice.net']).toBe(733_333); // 880,000 / 1.2 = 733,333.33
  });

  it('a Belgian club paying a Dutch band 3,000 €', () => {
    const money = computeMoney(draftOf(example('be-cession')), RULES);
    const m = amounts(money);
    // The fee billed to the organiser is VAT-exempt (art. 44 §2 8°).
    expect(m.vat).toBe(0);
    expect(m.total).toBe(300_000);
    // Tickets at 6 %: 375,000 / 1.06 = 353,773.58 → 353,774
    expect(m['boxOffice.net']).toBe(353_774);
    // Non-resident withholding 18 % on the fee paid to the Dutch company, after the one-day flat
    // deduction of 400 €: (3,000 − 400) × 18 % = 468.00 €
    expect(m.withholding).toBe(46_800);
    // SABAM 0.8 %–8 % of max(3,537.74 €, 3,000 €): 28.30 € – 283.02 €
    const sabam = money.find((l) => l.key === 'authorRights')!;
    expect(sabam.range).toEqual({ low: 2_830, high: 28_302 });
    expect(sabam.status).toBe('secondary');
  });

  it('a Swiss festival with a French artist for CHF 12,000 (federal withholding, LIFD art. 92)', () => {
    const input = example('ch-cession');
    const m = amounts(computeMoney(draftOf(input), RULES));
    // Culture before a present public is outside Swiss VAT.
    expect(m.vat).toBe(0);
    expect(m.total).toBe(1_200_000);
    // SUISA tariff K: at most 10 % of the CHF 60,000 attributed receipts = CHF 6,000
    expect(m.authorRights).toBe(600_000);
    // Net = 12,000 − 50 % = 6,000; one day → daily 6,000 > 3,000 → 7 % of 6,000 = CHF 420.00
    expect(m.withholding).toBe(42_000);
    expect(m['withholding.cantonal']).toBeNull();
    // With a paid rehearsal day: daily 6,000 / 2 = 3,000 → the 5 % bracket: CHF 300.00
    const withRehearsal = draftOf({ ...input, performance: { ...input.performance!, rehearsalDays: 1 } });
    expect(amounts(computeMoney(withRehearsal, RULES)).withholding).toBe(30_000);
  });

  it('an engagement through the GUSO: contributions estimated on 800 € gross, flagged unverified', () => {
    const money = computeMoney(draftOf(example('fr-engagement-guso')), RULES);
    const m = amounts(money);
    expect(m.fee).toBe(80_000);
    expect(m.vat).toBeUndefined(); // a salary bears no VAT
    // 21 % + 9.05 % + 15.5 % of 800 € = 168 + 72.40 + 124 = 364.40 €
    expect(m['social.employerTotal']).toBe(36_440);
    expect(m['social.employerCost']).toBe(116_440);
    // CSG + CRDS 9.7 % = 77.60 €
    expect(m['social.csgCrds']).toBe(7_760);
    // Budget ≤ 2,000 € and free entry: the SACEM flat schedule, not estimated.
    expect(m.authorRights).toBeNull();
    // Free show, no cession price: no CNM line.
    expect(m.cnmTax).toBeUndefined();
    expect(money.find((l) => l.key === 'social.employerTotal')!.status).toBe('unverified');
  });

  it('a coréalisation 70/30 with a 1,000 € guarantee: the share of the net after rights and CNM', () => {
    const m = amounts(computeMoney(draftOf(example('fr-corealisation')), RULES));
    // 5,500 / 1.055 = 5,213.27 €; SACEM 8.8 % = 458.77 €; CNM 3.5 % = 182.46 €
    // base = 5,213.27 − 182.46 − 458.77 = 4,572.04 €; 70 % = 3,200.428 → 3,200.43 € > 1,000 €
    expect(m['coRealisation.share']).toBe(320_043);
    expect(m.fee).toBe(320_043);
    expect(m.vat).toBe(17_602); // 5.5 % of 3,200.43 = 176.02365
  });

  it('Lausanne: the 14 % entertainment tax on admissions', () => {
    const m = amounts(computeMoney(draftOf(example('ch-corealisation')), RULES));
    expect(m.localTax).toBe(294_000); // 14 % of CHF 21,000
  });

  it('non-resident performers of a French producer in France: 15 % after 10 % deduction', () => {
    const input = example('fr-cession');
    const d = draftOf({
      ...input,
      performers: [
        { name: 'A', residenceCountry: 'FR', grossPay: 1000 },
        { name: 'B', residenceCountry: 'GB', grossPay: 1500 },
      ],
    });
    // 1,500 − 150 = 1,350 × 15 % = 202.50 €
    expect(amounts(computeMoney(d, RULES)).withholding).toBe(20_250);
  });

  it('rules are chosen by date: a version that ends gives way to the next', () => {
    const v1 = RULES.find((r) => r.key === 'FR.cnm.tax')!;
    const rules = [
      ...RULES.filter((r) => r.key !== 'FR.cnm.tax'),
      { ...v1, validTo: '2029-12-31' },
      { ...v1, id: 'FR.cnm.tax@2', version: 2, ratePpm: 40_000, validFrom: '2030-01-01' },
    ];
    expect(rulesAt(rules, '2029-06-01').find((r) => r.key === 'FR.cnm.tax')!.ratePpm).toBe(35_000);
    // 4 % of 8,341.23 € = 333.65 €
    expect(amounts(computeMoney(draftOf(example('fr-cession')), rules)).cnmTax).toBe(33_365);
  });
});

describe('compliance checklist', () => {
  const base = example('fr-cession');
  const check = (input: ContractDraftInput, today = TODAY) => {
    const d = draftOf(input);
    return buildChecklist(d, RULES, computeMoney(d, RULES), today);
  };
  const keys = (items: { key: string; level: string }[], level: string) =>
    items.filter((i) => i.level === level).map((i) => i.key);

  it('a complete French cession has no blocking item and no warning', () => {
    const items = check(base);
    expect(keys(items, 'blocking')).toEqual([]);
    expect(keys(items, 'warning')).toEqual([]);
  });

  it('blocks on a missing SIRET, a missing PLATESV licence and a past date, with rule and source', () => {
    const items = check(
      {
        ...base,
        producer: { ...base.producer, registrationNumber: '' },
        organiser: { ...base.organiser, platesvNumber: '' },
        performance: { ...base.performance!, date: '2025-01-10' },
      },
      TODAY,
    );
    expect(keys(items, 'blocking')).toEqual([
      'performance.date.past',
      'producer.registrationNumber.missing',
      'organiser.platesvNumber.missing',
    ]);
    const platesv = items.find((i) => i.key === 'organiser.platesvNumber.missing')!;
    expect(platesv.message.fr).toContain('Numéro PLATESV de l’organisateur manquant');
    expect(platesv.source).toMatch(/^https:\/\/www\.plus\.transformation\.gouv\.fr/);
    expect(platesv.status).toBe('verified');
  });

  it('a wrong SIRET check digit is a warning; a malformed one blocks', () => {
    const wrongKey = check({ ...base, producer: { ...base.producer, registrationNumber: '51234567800018' } });
    expect(keys(wrongKey, 'warning')).toContain('producer.registrationNumber.checksum');
    const malformed = check({ ...base, producer: { ...base.producer, registrationNumber: '1234' } });
    expect(keys(malformed, 'blocking')).toContain('producer.registrationNumber.format');
  });

  it('a minor under 16 needs the prefect’s authorisation; no cancellation insurance is a warning', () => {
    const items = check({
      ...base,
      performers: [
        ...base.performers!,
        { name: 'Lou Kessler', residenceCountry: 'FR', birthDate: '2015-03-02' },
      ],
      insurance: { ...base.insurance, cancellation: '' },
    });
    const minor = items.find((i) => i.key === 'performer.minor.authorisation')!;
    expect(minor.level).toBe('blocking');
    expect(minor.message.fr).toContain(
      'artiste mineur de moins de 16 ans : autorisation préfectorale requise',
    );
    expect(minor.rule).toEqual({ fr: 'Code du travail L7124-1', en: 'French Labour Code L7124-1' });
    expect(keys(items, 'warning')).toContain('insurance.cancellation.missing');
    // With the authorisation's reference the item goes away.
    const authorised = check({
      ...base,
      performers: [
        {
          name: 'Lou Kessler',
          residenceCountry: 'FR',
          birthDate: '2015-03-02',
          minorAuthorisation: 'Préfecture du Rhône 2030-112',
        },
      ],
    });
    expect(keys(authorised, 'blocking')).toEqual([]);
  });

  it('an occasional organiser employing artists must go through the GUSO', () => {
    const guso = example('fr-engagement-guso');
    expect(keys(check(guso), 'blocking')).toEqual([]);
    expect(keys(check({ ...guso, guso: false }), 'blocking')).toEqual(['engagement.guso.required']);
    // Above 6 shows a year it also needs a licence.
    const busy = check({ ...guso, organiser: { ...guso.organiser, showsPerYear: 12 } });
    expect(keys(busy, 'blocking')).toEqual(['organiser.platesvNumber.missing']);
  });

  it('Belgian and Swiss register numbers are checked by their keys', () => {
    expect(bceLooksValid('0456.789.133')).toBe('ok');
    expect(bceLooksValid('0456.789.134')).toBe('checksum');
    expect(ideLooksValid('CHE-108.765.437')).toBe('ok');
    expect(ideLooksValid('CHE-108.765.438')).toBe('checksum');
    expect(siretLooksValid('51234567800019')).toBe('ok');
    expect(keys(check(example('be-cession')), 'blocking')).toEqual([]);
    expect(keys(check(example('ch-cession')), 'blocking')).toEqual([]);
  });

  it('every shipped example has no blocking item', () => {
    for (const name of [
      'fr-cession',
      'fr-engagement-guso',
      'fr-corealisation',
      'be-cession',
      'be-corealisation',
      'ch-cession',
      'ch-corealisation',
    ]) {
      expect({ name, blocking: evaluateDraft(draftOf(example(name)), RULES, TODAY).blocking }).toEqual({
        name,
        blocking: 0,
      });
    }
  });
});

describe('bad input is a validation error with a clear message', () => {
  const base = example('fr-cession');
  const issues = (input: unknown) => {
    const r = ContractDraft.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('negative fee, unknown country, impossible date, engagement abroad', () => {
    expect(issues({ ...base, money: { ...base.money, fee: -100 } })).toEqual([
      'money.fee: The fee cannot be negative',
    ]);
    expect(issues({ ...base, country: 'DE' })).toEqual([
      'country: Unknown country: contracts are available for FR (France), BE (Belgium) and CH (Switzerland)',
    ]);
    expect(issues({ ...base, performance: { ...base.performance, date: '2030-02-30' } })).toEqual([
      'performance.date: This date does not exist',
    ]);
    expect(issues({ ...base, kind: 'engagement', country: 'BE' })[0]).toMatch(
      /^kind: A contrat d’engagement is available for France only/,
    );
  });
});

describe('clause library and typography', () => {
  it('every template uses only known variables, the same in French and English', () => {
    const vars = clauseVariables(
      draftOf(example('fr-cession')),
      computeMoney(draftOf(example('fr-cession')), RULES),
    );
    for (const clause of CLAUSE_LIBRARY) {
      const fr = templateVariables(clause.body.fr).sort();
      expect({ id: clause.id, vars: templateVariables(clause.body.en).sort() }).toEqual({
        id: clause.id,
        vars: fr,
      });
      for (const v of fr) expect(vars, `${clause.id} uses {{${v}}}`).toHaveProperty(v);
    }
  });

  it('the cancellation clause follows the parties’ history; optional clauses follow the choices', () => {
    const base = example('fr-cession');
    const ids = (input: ContractDraftInput) => {
      const d = draftOf(input);
      return buildClauses(d, computeMoney(d, RULES)).map((c) => c.id);
    };
    expect(ids(base)).toContain('cancellation.standard');
    expect(ids({ ...base, history: { pastCancellations: 2 } })).toContain('cancellation.strict');
    expect(ids(base)).toEqual(
      expect.arrayContaining(['exclusivity', 'merch', 'recording.promotion', 'forceMajeure']),
    );
    const bare = ids({ ...base, clauses: { cancellation: false, forceMajeure: false } });
    expect(bare).not.toContain('exclusivity');
    expect(bare).not.toContain('forceMajeure');
    expect(bare.some((id) => id.startsWith('cancellation'))).toBe(false);
  });

  it('French typography: quotes, apostrophes, spaces before punctuation, amounts', () => {
    expect(frenchTypography('Le "Périscope" l\'accueille : oui ; vraiment? Oui!')).toBe(
      'Le «\u202fPériscope\u202f» l’accueille\u00a0: oui\u202f; vraiment\u202f? Oui\u202f!',
    );
    // URLs and times keep their colons
    expect(frenchTypography('https://cnm.fr à 20:30')).toBe('https://cnm.fr à 20:30');
    expect(formatCents(527_500, 'EUR', 'fr')).toBe('5\u202f275,00\u202f€');
    expect(formatCents(1_200_000, 'CHF', 'en')).toBe('CHF\u00a012,000.00');
  });
});
