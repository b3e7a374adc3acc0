import type { Currency, Venue } from '../../../../shared/domain';
import {
  Deal,
  TICKET_VAT_RATES,
  type DealInput,
  type DealType,
  type ExpenseKind,
  type Party,
  type PercentageBase,
  type Tax,
} from '../../../../shared/deals';
import { OfferFields, type BookerSide, type Offer } from '../../../../shared/offers';
import { numberToInput } from '../../lib/format';
import {
  NO_ERRORS,
  errorCount,
  errorMap,
  issuesOf,
  mergeErrors,
  readNumber,
  toFormErrors,
  type FieldErrors,
  type FormErrors,
} from '../../lib/forms';
import { i18next } from '../../i18n';

// The offer builder's editable copy of an offer: every number as the user typed it (French decimal
// comma allowed), rates as percentages ("5,5" for 0.055). `readOffer` turns it back into the shared
// schemas' input and reports each message under its field.

export interface BonusDraft {
  /** Local key for React only. */
  key: number;
  ticketsThreshold: string;
  amount: string;
}

export interface ExpenseDraft {
  key: number;
  label: string;
  kind: ExpenseKind;
  amount: string;
  paidBy: Party;
  recoupable: boolean;
}

export interface DealDraft {
  type: DealType;
  currency: Currency;
  capacity: string;
  ticketPrice: string;
  /** Percent, "5,5". */
  ticketVat: string;
  ticketingFeePerTicket: string;
  /** Percent. */
  ticketingFeeRate: string;
  guarantee: string;
  artistPercentage: string;
  percentageBase: PercentageBase;
  promoterProfitPercentage: string;
  bonuses: BonusDraft[];
  expenses: ExpenseDraft[];
  /** Not edited by the builder (yet): kept as they are. */
  taxes: Tax[];
}

export interface OfferDraft {
  artistId: string;
  venueId: string;
  date: string;
  side: BookerSide;
  target: string;
  walkAway: string;
  note: string;
  deal: DealDraft;
}

let nextKey = 1;
export const newBonus = (fields: Partial<Omit<BonusDraft, 'key'>> = {}): BonusDraft => ({
  key: nextKey++,
  ticketsThreshold: '',
  amount: '',
  ...fields,
});
export const newExpense = (fields: Partial<Omit<ExpenseDraft, 'key'>> = {}): ExpenseDraft => ({
  key: nextKey++,
  label: '',
  kind: 'production',
  amount: '',
  paidBy: 'organiser',
  recoupable: false,
  ...fields,
});

/** A rate (0.055) as the percentage the user reads and types ("5,5"). */
export function rateToInput(rate: number): string {
  return numberToInput(Number((rate * 100).toFixed(4)));
}

export function expensesToDraft(expenses: Deal['expenses']): ExpenseDraft[] {
  return expenses.map((e) =>
    newExpense({
      label: e.label,
      kind: e.kind,
      amount: numberToInput(e.amount),
      paidBy: e.paidBy,
      recoupable: e.recoupable,
    }),
  );
}

export function dealToDraft(deal: Deal | null): DealDraft {
  if (!deal) {
    return {
      type: 'flat',
      currency: 'EUR',
      capacity: '',
      ticketPrice: '',
      ticketVat: rateToInput(TICKET_VAT_RATES.FR),
      ticketingFeePerTicket: '',
      ticketingFeeRate: '',
      guarantee: '',
      artistPercentage: '',
      percentageBase: 'netReceipts',
      promoterProfitPercentage: '15',
      bonuses: [],
      expenses: [],
      taxes: [],
    };
  }
  const optional = (value: number) => (value === 0 ? '' : numberToInput(value));
  return {
    type: deal.type,
    currency: deal.currency,
    capacity: numberToInput(deal.capacity),
    ticketPrice: numberToInput(deal.ticketPrice),
    ticketVat: rateToInput(deal.ticketVatRate),
    ticketingFeePerTicket: optional(deal.ticketingFeePerTicket),
    ticketingFeeRate: deal.ticketingFeeRate === 0 ? '' : rateToInput(deal.ticketingFeeRate),
    guarantee: numberToInput(deal.guarantee),
    artistPercentage: optional(deal.artistPercentage),
    percentageBase: deal.percentageBase,
    promoterProfitPercentage: numberToInput(deal.promoterProfitPercentage),
    bonuses: deal.bonuses.map((b) =>
      newBonus({ ticketsThreshold: numberToInput(b.ticketsThreshold), amount: numberToInput(b.amount) }),
    ),
    expenses: expensesToDraft(deal.expenses),
    taxes: deal.taxes,
  };
}

export function offerToDraft(offer: Offer | null, defaults: Partial<OfferDraft> = {}): OfferDraft {
  return {
    artistId: offer?.artistId ?? '',
    venueId: offer?.venueId ?? '',
    date: offer?.date ?? '',
    side: offer?.side ?? 'artist',
    target: offer?.target === null || offer?.target === undefined ? '' : numberToInput(offer.target),
    walkAway: offer?.walkAway === null || offer?.walkAway === undefined ? '' : numberToInput(offer.walkAway),
    note: offer?.note ?? '',
    deal: dealToDraft(offer?.deal ?? null),
    ...defaults,
  };
}

/** The fields a venue suggests for a new deal: its currency, standing capacity and the country's ticket VAT. */
export function venueDefaults(venue: Venue): Partial<DealDraft> {
  const capacity = venue.capacityStanding ?? venue.capacitySeated;
  const vat = TICKET_VAT_RATES[venue.country as keyof typeof TICKET_VAT_RATES];
  const price = venue.ticketPrice.max ?? venue.ticketPrice.min;
  return {
    currency: venue.currency,
    ...(capacity !== null ? { capacity: numberToInput(capacity) } : {}),
    ...(vat !== undefined ? { ticketVat: rateToInput(vat) } : {}),
    ...(price !== null ? { ticketPrice: numberToInput(price) } : {}),
  };
}

// ---- Which fields a deal type uses ------------------------------------------------------------------

export const usesGuarantee = (type: DealType) => type !== 'doorSplit';
export const usesPercentage = (type: DealType) => type !== 'flat';
export const usesPromoterProfit = (type: DealType) => type === 'guaranteePlus';

/** The builder's field paths for a deal of this type (the others are hidden, so their messages go to the summary). */
export function dealFieldPattern(type: DealType, prefix = 'deal.'): RegExp {
  const p = prefix.replace(/\./g, '\\.');
  const fields = [
    'type',
    'currency',
    'capacity',
    'ticketPrice',
    'ticketVatRate',
    'ticketingFeePerTicket',
    'ticketingFeeRate',
    ...(usesGuarantee(type) ? ['guarantee'] : []),
    ...(usesPercentage(type) ? ['artistPercentage', 'percentageBase'] : []),
    ...(usesPromoterProfit(type) ? ['promoterProfitPercentage'] : []),
    'bonuses\\.\\d+\\.(ticketsThreshold|amount)',
    'expenses\\.\\d+\\.(label|kind|amount|paidBy|recoupable)',
  ];
  return new RegExp(`^${p}(${fields.join('|')})$`);
}

// ---- Reading the draft ------------------------------------------------------------------------------

/** Percent text → fraction, without binary noise (5,5 → 0.055). */
const percentToRate = (percent: number) => Number((percent / 100).toFixed(8));

/** The deal's schema input, and the messages of the numbers that could not be read. */
function readDealInput(draft: DealDraft, prefix: string): { input: DealInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const t = i18next.t;
  const num = (text: string, path: string, options: { integer?: boolean; required?: boolean } = {}) => {
    const value = readNumber(text, prefix + path, errors, options);
    if (value === null && options.required && !errors[prefix + path]) {
      errors[prefix + path] = t('validation.required');
    }
    return value;
  };
  const type = draft.type;
  const capacity = num(draft.capacity, 'capacity', { integer: true, required: true });
  const ticketPrice = num(draft.ticketPrice, 'ticketPrice', { required: true });
  const vat = num(draft.ticketVat, 'ticketVatRate', { required: true });
  const feeRate = num(draft.ticketingFeeRate, 'ticketingFeeRate');
  const input: DealInput = {
    type,
    currency: draft.currency,
    capacity: capacity ?? 0,
    ticketPrice: ticketPrice ?? 0,
    ticketVatRate: vat === null ? 0 : percentToRate(vat),
    ticketingFeePerTicket: num(draft.ticketingFeePerTicket, 'ticketingFeePerTicket') ?? 0,
    ticketingFeeRate: feeRate === null ? 0 : percentToRate(feeRate),
    guarantee: num(draft.guarantee, 'guarantee', { required: usesGuarantee(type) }) ?? 0,
    artistPercentage:
      num(draft.artistPercentage, 'artistPercentage', { required: usesPercentage(type) }) ?? 0,
    // A guarantee-plus deal always shares the net receipts (the schema says so); the choice made for
    // another type is kept in the draft.
    percentageBase: type === 'guaranteePlus' ? 'netReceipts' : draft.percentageBase,
    promoterProfitPercentage:
      num(draft.promoterProfitPercentage, 'promoterProfitPercentage', {
        required: usesPromoterProfit(type),
      }) ?? 0,
    bonuses: draft.bonuses.map((b, i) => ({
      ticketsThreshold:
        num(b.ticketsThreshold, `bonuses.${i}.ticketsThreshold`, { integer: true, required: true }) ?? 0,
      amount: num(b.amount, `bonuses.${i}.amount`, { required: true }) ?? 0,
    })),
    expenses: draft.expenses.map((e, i) => ({
      label: e.label,
      kind: e.kind,
      amount: num(e.amount, `expenses.${i}.amount`, { required: true }) ?? 0,
      paidBy: e.paidBy,
      recoupable: e.paidBy === 'organiser' && e.recoupable,
    })),
    taxes: draft.taxes,
  };
  // Numbers are checked for being numbers here; a field left out for another type is ignored.
  const visible = dealFieldPattern(type, prefix);
  for (const path of Object.keys(errors)) if (!visible.test(path)) delete errors[path];
  return { input, errors };
}

export function readDeal(draft: DealDraft, prefix = 'deal.'): { deal: Deal | null; errors: FormErrors } {
  const { input, errors } = readDealInput(draft, prefix);
  const parsed = Deal.safeParse(input, { error: errorMap });
  const isField = (path: string) => dealFieldPattern(draft.type, prefix).test(path);
  const found = mergeErrors(
    { fields: errors, general: [] },
    parsed.success
      ? NO_ERRORS
      : toFormErrors(
          issuesOf(parsed.error).map((issue) => ({ ...issue, path: prefix + issue.path })),
          isField,
        ),
  );
  return { deal: parsed.success && errorCount(found) === 0 ? parsed.data : null, errors: found };
}

const OFFER_FIELDS = /^(artistId|venueId|date|side|target|walkAway|note)$/;

export function isOfferField(type: DealType) {
  const deal = dealFieldPattern(type);
  return (path: string) => OFFER_FIELDS.test(path) || deal.test(path);
}

export function readOffer(draft: OfferDraft): { fields: OfferFields | null; errors: FormErrors } {
  const t = i18next.t;
  const errors: FieldErrors = {};
  if (!draft.artistId) errors.artistId = t('builder.errors.artist');
  if (!draft.venueId) errors.venueId = t('builder.errors.venue');
  if (!draft.date) errors.date = t('builder.errors.date');
  const target = readNumber(draft.target, 'target', errors);
  const walkAway = readNumber(draft.walkAway, 'walkAway', errors);
  const deal = readDealInput(draft.deal, 'deal.');
  const input = {
    artistId: draft.artistId,
    venueId: draft.venueId,
    date: draft.date,
    side: draft.side,
    target,
    walkAway,
    note: draft.note,
    deal: deal.input,
  };
  const parsed = OfferFields.safeParse(input, { error: errorMap });
  const isField = isOfferField(draft.deal.type);
  const found = mergeErrors(
    { fields: { ...errors, ...deal.errors }, general: [] },
    parsed.success ? NO_ERRORS : toFormErrors(issuesOf(parsed.error), isField),
  );
  return { fields: parsed.success && errorCount(found) === 0 ? parsed.data : null, errors: found };
}
