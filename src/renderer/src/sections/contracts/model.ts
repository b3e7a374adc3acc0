import type {
  ChecklistItem,
  ClauseOverride,
  ContractClause,
  ContractDraft,
  ContractKind,
  ContractLanguage,
  LegalCountry,
  LegalRule,
  MoneyLine,
} from '../../../../shared/legal';

// The contract wizard's model, free of React: the steps and which draft fields each one holds, a blank
// draft, reading and writing a draft by dotted path (the same paths the checklist items carry), and
// helpers that join money lines with the rules table.

export const STEPS = [
  'type',
  'parties',
  'show',
  'money',
  'annexes',
  'clauses',
  'preview',
  'signature',
  'versions',
] as const;
export type Step = (typeof STEPS)[number];

/** The steps that edit the draft (the others show what the back end made of it). */
export const FORM_STEPS: readonly Step[] = ['type', 'parties', 'show', 'money', 'annexes', 'clauses'];

/** The step holding a draft field, so a checklist item or an error can take the booker to it. */
export function stepOfPath(path: string): Step {
  const head = path.split('.')[0] ?? '';
  if (head === 'producer' || head === 'organiser') return 'parties';
  if (head === 'showTitle' || head === 'performers' || head === 'performance') return 'show';
  if (head === 'money') return 'money';
  if (path.startsWith('clauses.overrides')) return 'clauses';
  if (['riders', 'clauses', 'insurance', 'history', 'signaturePlace', 'jurisdiction'].includes(head)) {
    return 'annexes';
  }
  return 'type';
}

/** The DOM id of the input editing a draft path ("producer.address.city" → "contract-producer-address-city"). */
export function fieldIdOf(path: string): string {
  return `contract-${path.replace(/\./g, '-')}`;
}

export const KINDS_BY_COUNTRY: Record<LegalCountry, readonly ContractKind[]> = {
  FR: ['cession', 'engagement', 'coRealisation'],
  BE: ['cession', 'coRealisation'],
  CH: ['cession', 'coRealisation'],
};

const blankAddress = (country: string) => ({ street: '', postalCode: '', city: '', country });

const blankParty = (country: string): ContractDraft['producer'] => ({
  legalName: '',
  legalForm: '',
  address: blankAddress(country),
  registrationNumber: '',
  apeCode: '',
  vatNumber: '',
  platesvNumber: '',
  representative: { name: '', role: '' },
  email: '',
  phone: '',
  nonProfit: false,
  occasionalOrganiser: false,
  showsPerYear: null,
});

/** A blank draft (the booker starts from nothing): every default of the schema, a date in a month. */
export function blankDraft(
  country: LegalCountry,
  kind: ContractKind,
  language: ContractLanguage,
  today: string,
): ContractDraft {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 30);
  return {
    kind,
    country,
    language,
    guso: false,
    showTitle: '',
    producer: blankParty(country),
    organiser: blankParty(country),
    performers: [
      {
        name: '',
        role: '',
        residenceCountry: country,
        birthDate: null,
        minorAuthorisation: '',
        grossPay: null,
      },
    ],
    performance: {
      venueName: '',
      address: blankAddress(country),
      date: date.toISOString().slice(0, 10),
      getInTime: '',
      soundcheckTime: '',
      doorsTime: '',
      startTime: '',
      setLengthMinutes: 75,
      performances: 1,
      rehearsalDays: 0,
      capacity: null,
      drinksServedDuringShow: false,
      newCreation: false,
      festival: false,
    },
    money: {
      currency: country === 'CH' ? 'CHF' : 'EUR',
      fee: 0,
      producerPercentage: kind === 'coRealisation' ? 70 : null,
      ticketPrices: [],
      expectedBoxOffice: null,
      depositPercentage: 0,
      paymentDays: 30,
      travelCoveredByOrganiser: false,
      vatOptedIn: false,
      billedThroughIntermediary: false,
    },
    riders: { technical: '', hospitality: '' },
    clauses: {
      cancellation: true,
      forceMajeure: true,
      recording: 'none',
      exclusivity: null,
      merch: null,
      custom: [],
      overrides: [],
    },
    insurance: { organiserLiability: '', producerLiability: '', cancellation: '' },
    history: { pastCancellations: 0 },
    signaturePlace: '',
    jurisdiction: '',
  };
}

/**
 * A draft after the country or the kind changed: an engagement exists in France only, the GUSO only
 * for an engagement, a coréalisation needs a producer's share, French and Belgian contracts are in euros.
 */
export function withKindAndCountry(
  draft: ContractDraft,
  country: LegalCountry,
  kind: ContractKind,
): ContractDraft {
  const allowed = KINDS_BY_COUNTRY[country];
  const nextKind = allowed.includes(kind) ? kind : 'cession';
  const countryChanged = country !== draft.country;
  const moveAddress = (a: ContractDraft['producer']['address']) =>
    countryChanged && (a.country === '' || a.country === draft.country) ? { ...a, country } : a;
  return {
    ...draft,
    country,
    kind: nextKind,
    guso: nextKind === 'engagement' ? draft.guso : false,
    producer: { ...draft.producer, address: moveAddress(draft.producer.address) },
    organiser: { ...draft.organiser, address: moveAddress(draft.organiser.address) },
    performance: { ...draft.performance, address: moveAddress(draft.performance.address) },
    money: {
      ...draft.money,
      currency: country === 'CH' ? (countryChanged ? 'CHF' : draft.money.currency) : 'EUR',
      producerPercentage:
        nextKind === 'coRealisation'
          ? (draft.money.producerPercentage ?? 70)
          : draft.money.producerPercentage,
    },
  };
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The value at a dotted path ("performers.0.name"); undefined when a segment is missing. */
export function getIn(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A copy of `value` with `path` set (arrays stay arrays); the objects on the way are copied, not mutated. */
export function setIn<T>(value: T, path: string, next: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined || head === '') return next as T;
  const container = value as unknown as Json;
  const child = rest.length ? setIn(getIn(container, head), rest.join('.'), next) : next;
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[Number(head)] = child as Json;
    return copy as unknown as T;
  }
  return { ...(container as Record<string, Json>), [head]: child } as unknown as T;
}

/** The rules a money line or checklist item rests on, found by key (latest version first). */
export function rulesFor(keys: readonly string[], rules: readonly LegalRule[]): LegalRule[] {
  return keys
    .map((key) => rules.filter((rule) => rule.key === key).sort((a, b) => b.version - a.version)[0])
    .filter((rule): rule is LegalRule => rule !== undefined);
}

/** The lines shown in the money table, in the order a booker reads a contract. */
const MONEY_ORDER = ['fee', 'vat', 'total', 'authorRights', 'cnmTax', 'withholding', 'social'];

export function orderMoneyLines(lines: readonly MoneyLine[]): MoneyLine[] {
  const rank = (line: MoneyLine) => {
    const index = MONEY_ORDER.findIndex((key) => line.key === key || line.key.startsWith(`${key}.`));
    return index < 0 ? MONEY_ORDER.length : index;
  };
  return [...lines].sort((a, b) => rank(a) - rank(b));
}

/** Blocking first, then warnings, then information. */
export function sortChecklist(items: readonly ChecklistItem[]): ChecklistItem[] {
  const rank = { blocking: 0, warning: 1, info: 2 } as const;
  return [...items].sort((a, b) => rank[a.level] - rank[b.level]);
}

/** A rate in parts per million as a percentage number (55 000 → 5.5). */
export function ppmToPercent(ppm: number): number {
  return ppm / 10_000;
}

/** "1e737668…36fd4bbf": a SHA-256 short enough for a table, still enough to compare by eye. */
export function shortHash(hash: string): string {
  return hash.length > 20 ? `${hash.slice(0, 8)}…${hash.slice(-8)}` : hash;
}

/** A URL a link may point to (the rules table also cites documents of this repository by path). */
export function isWebSource(source: string): boolean {
  return /^https?:\/\//.test(source);
}

/**
 * Reads a decimal as the booker types it ("1 250,50", "1250.5"). Returns null for an empty text and
 * NaN for anything that is not a number.
 */
export function parseDecimal(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** The longest text a clause may have (the schema's limit, shown as a counter). */
export const CLAUSE_MAX_LENGTH = 20_000;

/**
 * The overrides after the booker edits a standard clause: a text equal to the standard one (spaces
 * aside) removes the override, so "Rétablir" and "edit back to the original" are the same thing.
 */
export function withClauseText(
  overrides: readonly ClauseOverride[],
  clause: Pick<ContractClause, 'id' | 'standardText' | 'standardHash'>,
  text: string,
): ClauseOverride[] {
  const others = overrides.filter((o) => o.id !== clause.id);
  const normalise = (value: string) =>
    value
      .split('\n')
      .map((line) => line.trim().replace(/[ \u00a0\u202f]+/g, ' '))
      .filter(Boolean)
      .join('\n');
  if (normalise(text) === normalise(clause.standardText)) return others;
  return [...others, { id: clause.id, text: text.trim(), basedOn: clause.standardHash }];
}

/** Overrides that name no article of the draft (another kind or option was chosen since). */
export function unusedOverrides(
  overrides: readonly ClauseOverride[],
  clauses: readonly Pick<ContractClause, 'id' | 'custom'>[],
): ClauseOverride[] {
  const standard = new Set(clauses.filter((c) => !c.custom).map((c) => c.id));
  return overrides.filter((o) => !standard.has(o.id));
}
