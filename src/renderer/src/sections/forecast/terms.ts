import { Deal, TICKET_VAT_RATES, type DealType } from '../../../../shared/deals';
import type { Venue } from '../../../../shared/domain';
import { numberToInput } from '../../lib/format';
import { translateMessage } from '../../lib/forms';

// The « Conditions envisagées » of the Prévisions section: the few deal terms that move a forecast's
// break-even, typed as text and read into a Deal (kept apart from the component so it can be tested).

/** The few terms that move a forecast's break-even: typed as text, read into a Deal when valid. */
export interface TermsDraft {
  enabled: boolean;
  type: DealType;
  ticketPrice: string;
  capacity: string;
  guarantee: string;
  artistPercentage: string;
  costs: string;
}

export function termsFromVenue(venue: Venue | undefined): TermsDraft {
  const capacity = venue ? (venue.capacityStanding ?? venue.capacitySeated) : null;
  const price = venue ? (venue.ticketPrice.max ?? venue.ticketPrice.min) : null;
  return {
    enabled: false,
    type: 'versus',
    ticketPrice: numberToInput(price),
    capacity: numberToInput(capacity),
    guarantee: '1500',
    artistPercentage: '70',
    costs: '2000',
  };
}

function parseNumber(text: string): number | null | 'invalid' {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(cleaned)) return 'invalid';
  return Number(cleaned);
}

export interface ReadTerms {
  deal: Deal | null;
  /** Field → message, for the fields the booker typed wrong. */
  errors: Partial<Record<keyof TermsDraft, string>>;
}

/** The draft as a Deal (currency and ticket VAT from the venue), or the messages saying why not. */
export function readTerms(
  draft: TermsDraft,
  venue: Venue | undefined,
  t: (key: string) => string,
): ReadTerms {
  if (!draft.enabled || !venue) return { deal: null, errors: {} };
  const errors: ReadTerms['errors'] = {};
  const read = (field: keyof TermsDraft, required: boolean) => {
    const value = parseNumber(draft[field] as string);
    if (value === 'invalid') errors[field] = t('terms.notNumber');
    else if (value === null && required) errors[field] = t('terms.required');
    return typeof value === 'number' ? value : 0;
  };
  const ticketPrice = read('ticketPrice', true);
  const capacity = read('capacity', true);
  const guarantee = read('guarantee', draft.type !== 'doorSplit');
  const artistPercentage = read('artistPercentage', draft.type !== 'flat');
  const costs = read('costs', false);
  if (Object.keys(errors).length) return { deal: null, errors };
  const vat = TICKET_VAT_RATES[venue.country as keyof typeof TICKET_VAT_RATES] ?? 0;
  const parsed = Deal.safeParse({
    type: draft.type,
    currency: venue.currency,
    capacity: Math.round(capacity),
    ticketPrice,
    ticketVatRate: vat,
    guarantee: draft.type === 'doorSplit' ? 0 : guarantee,
    artistPercentage: draft.type === 'flat' ? 0 : artistPercentage,
    expenses:
      costs > 0
        ? [{ label: t('terms.costsLabel'), kind: 'production', amount: costs, paidBy: 'organiser' }]
        : [],
  });
  if (parsed.success) return { deal: parsed.data, errors: {} };
  const fieldOf: Record<string, keyof TermsDraft> = {
    ticketPrice: 'ticketPrice',
    capacity: 'capacity',
    guarantee: 'guarantee',
    artistPercentage: 'artistPercentage',
    expenses: 'costs',
  };
  for (const issue of parsed.error.issues) {
    const field = fieldOf[String(issue.path[0])] ?? 'type';
    errors[field] ??= translateMessage(issue.message);
  }
  return { deal: null, errors };
}
