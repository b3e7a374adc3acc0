import { describe, expect, it } from 'vitest';
import { ContractDraft } from '../src/shared/legal';
import {
  blankDraft,
  fieldIdOf,
  getIn,
  orderMoneyLines,
  parseDecimal,
  setIn,
  stepOfPath,
  unusedOverrides,
  withClauseText,
  withKindAndCountry,
} from '../src/renderer/src/sections/contracts/model';

// The contract wizard's pure model (src/renderer/src/sections/contracts/model.ts).

describe('contract wizard model', () => {
  it('writes a draft by dotted path without touching the original, arrays included', () => {
    const draft = blankDraft('FR', 'cession', 'fr', '2026-11-25');
    const next = setIn(draft, 'performers.0.name', 'Nadia Kessler Trio');
    expect(getIn(next, 'performers.0.name')).toBe('Nadia Kessler Trio');
    expect(Array.isArray(next.performers)).toBe(true);
    expect(draft.performers[0]?.name).toBe('');
    expect(next.producer).toBe(draft.producer);
    expect(getIn(setIn(draft, 'producer.address.city', 'Lyon'), 'producer.address.city')).toBe('Lyon');
    expect(getIn(draft, 'producer.nothing.here')).toBeUndefined();
  });

  it('starts a blank draft the schema accepts once the title and a performer are named', () => {
    const draft = blankDraft('CH', 'coRealisation', 'fr', '2026-11-25');
    expect(draft.performance.date).toBe('2026-12-25');
    expect(draft.money.currency).toBe('CHF');
    expect(ContractDraft.safeParse(draft).success).toBe(false);
    const named = setIn(setIn(draft, 'showTitle', 'Orage Mécanique'), 'performers.0.name', 'Orage Mécanique');
    expect(ContractDraft.safeParse(named).success).toBe(true);
  });

  it('keeps kind, GUSO, currency and addresses consistent when the country or kind changes', () => {
    let draft = blankDraft('FR', 'engagement', 'fr', '2026-11-25');
    draft = { ...draft, guso: true };
    const belgian = withKindAndCountry(draft, 'BE', 'engagement');
    expect(belgian.kind).toBe('cession');
    expect(belgian.guso).toBe(false);
    expect(belgian.money.currency).toBe('EUR');
    expect(belgian.organiser.address.country).toBe('BE');
    const swiss = withKindAndCountry(belgian, 'CH', 'coRealisation');
    expect(swiss.money.currency).toBe('CHF');
    expect(swiss.money.producerPercentage).toBe(70);
    // A foreign address typed by hand stays as it is.
    const withForeign = setIn(swiss, 'producer.address.country', 'NL');
    expect(withKindAndCountry(withForeign, 'FR', 'cession').producer.address.country).toBe('NL');
  });

  it('sends a checklist path to its step and its input', () => {
    expect(stepOfPath('producer.registrationNumber')).toBe('parties');
    expect(stepOfPath('performers.0.birthDate')).toBe('show');
    expect(stepOfPath('money.producerPercentage')).toBe('money');
    expect(stepOfPath('insurance.cancellation')).toBe('annexes');
    expect(stepOfPath('guso')).toBe('type');
    expect(stepOfPath('clauses.custom.0.text')).toBe('annexes');
    expect(stepOfPath('clauses.overrides.1.text')).toBe('clauses');
    expect(fieldIdOf('organiser.address.city')).toBe('contract-organiser-address-city');
  });

  it('reads decimals the way a French or English booker types them', () => {
    expect(parseDecimal('1 250,50')).toBe(1250.5);
    expect(parseDecimal('1250.5')).toBe(1250.5);
    expect(parseDecimal('3\u202f500')).toBe(3500);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('12,5,3')).toBeNaN();
    expect(parseDecimal('abc')).toBeNaN();
  });

  it('orders money lines as a contract reads: fee, VAT, total, then the estimates', () => {
    const line = (key: string) => ({
      key,
      label: { fr: key, en: key },
      amount: 1,
      range: null,
      currency: 'EUR' as const,
      base: null,
      ratePpm: null,
      payer: null,
      estimate: false,
      ruleKeys: [],
      status: 'verified' as const,
      note: { fr: '', en: '' },
    });
    const keys = orderMoneyLines(
      ['boxOffice.gross', 'cnmTax', 'total', 'fee', 'social.employer', 'vat'].map(line),
    ).map((l) => l.key);
    expect(keys).toEqual(['fee', 'vat', 'total', 'cnmTax', 'social.employer', 'boxOffice.gross']);
  });

  it('keeps an override only while it differs from the standard text, and spots unused ones', () => {
    const price = {
      id: 'price.cession',
      standardText: 'Le prix est de 5 000 €.\nPayé à 30 jours.',
      standardHash: 'a'.repeat(64),
    };
    const edited = withClauseText([], price, '  Le prix est de 5 500 €.\n\nPayé à 15 jours. ');
    expect(edited).toEqual([
      { id: 'price.cession', text: 'Le prix est de 5 500 €.\n\nPayé à 15 jours.', basedOn: 'a'.repeat(64) },
    ]);
    // Typed back to the standard wording (spacing aside): the override goes away.
    expect(withClauseText(edited, price, 'Le prix est de 5\u00a0000 €.\n\n  Payé à 30 jours.')).toEqual([]);
    const law = { id: 'law', text: 'Droit belge.', basedOn: null };
    expect(withClauseText([law, ...edited], price, 'Autre texte.').map((o) => o.id)).toEqual([
      'law',
      'price.cession',
    ]);
    expect(
      unusedOverrides(
        [law, ...edited],
        [
          { id: 'price.cession', custom: false },
          { id: 'custom.0', custom: true },
        ],
      ),
    ).toEqual([law]);
  });
});
