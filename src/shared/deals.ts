import { z } from 'zod';
import { Currency } from './domain';

// Offers and negotiation: the terms of a deal between an organiser (venue, promoter, festival) and an
// artist, what a settlement of those terms returns, and the holds that reserve a date.
// Shared by main (the arithmetic in services/deals) and the renderer (the offer form, the charts).
//
// Conventions:
// - Money in a deal is a decimal amount of the deal's currency, at most 2 decimals (like domain.ts).
//   Everything a settlement returns is an integer number of CENTS: the arithmetic never adds floats.
// - A field named `…Rate` is a fraction (0.055 = 5.5 %); a field named `…Percentage` is a number of
//   percent (70 = 70 %), as contracts word it ("70 % de la recette nette").
// - Messages are in English; the renderer translates them.

/** `value` has at most `places` decimals (tolerates the binary noise of 0.1 + 0.2). */
const hasAtMostDecimals = (value: number, places: number) => {
  const scaled = value * 10 ** places;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
};

const amount = (what: string) =>
  z
    .number({ message: `${what} must be a number` })
    .finite()
    .nonnegative({ message: `${what} cannot be negative` })
    .max(100_000_000, { message: `${what} is over 100,000,000` })
    .refine((v) => hasAtMostDecimals(v, 2), { message: `${what}: at most 2 decimals (cents)` });

/** A fraction in [0, max] with at most 6 decimals, so that it converts exactly to parts per million. */
const rate = (what: string, max: number) =>
  z
    .number({ message: `${what} must be a number` })
    .finite()
    .min(0, { message: `${what} cannot be negative` })
    .max(max, { message: `${what} cannot exceed ${max} (${Math.round(max * 100)} %): write 0.055 for 5.5 %` })
    .refine((v) => hasAtMostDecimals(v, 6), { message: `${what}: at most 6 decimals` });

/** A number of percent in [0, 100] with at most 4 decimals (33.3333 % is fine). */
const percentage = (what: string) =>
  z
    .number({ message: `${what} must be a number` })
    .finite()
    .min(0, { message: `${what} cannot be negative` })
    .max(100, { message: `${what} cannot exceed 100 %` })
    .refine((v) => hasAtMostDecimals(v, 4), { message: `${what}: at most 4 decimals` });

const label = z.string().trim().min(1, { message: 'A label is required' }).max(120);

export const MAX_CAPACITY = 200_000;

// ---- Deal terms --------------------------------------------------------------------------------

/**
 * How the artist's fee is computed (X = artistPercentage, base = percentageBase, bonuses on top):
 * - flat:          the fee is the guarantee, whatever is sold (French "contrat de cession").
 * - doorSplit:     the fee is X % of the base, no minimum (French "coréalisation", "door deal").
 * - versus:        the fee is max(guarantee, X % of the base): the artist takes the better of the two.
 * - guaranteePlus: the fee is guarantee + X % of (base − split point) once the base passes the split
 *                  point = guarantee + promoter profit, where the promoter profit is
 *                  promoterProfitPercentage % of (guarantee + house nut). The base is always the net
 *                  receipts after the house nut, so the organiser first recovers its costs, the
 *                  guarantee and its profit (the US "plus" deal as Prism.fm and Opendate model it).
 */
export const DealType = z.enum(['flat', 'doorSplit', 'versus', 'guaranteePlus']);
export type DealType = z.infer<typeof DealType>;
export const DEAL_TYPES = DealType.options;

/**
 * What the artist's percentage applies to:
 * - grossReceipts: ticket sales as the buyers paid them, VAT included.
 * - netReceipts:   gross − ticket VAT − ticketing fees − the house nut (the organiser's expenses
 *                  marked `recoupable`) − the organiser's taxes on receipts (SACEM, CNM, SABAM…),
 *                  floored at 0. With no recoupable expense this is the French "recette nette".
 */
export const PercentageBase = z.enum(['netReceipts', 'grossReceipts']);
export type PercentageBase = z.infer<typeof PercentageBase>;

export const Party = z.enum(['organiser', 'artist']);
export type Party = z.infer<typeof Party>;

/** Paid once, in full, when tickets sold ≥ ticketsThreshold; every bonus reached is paid (cumulative). */
export const Bonus = z.strictObject({
  ticketsThreshold: z
    .number()
    .int({ message: 'A bonus threshold is a whole number of tickets' })
    .min(1, { message: 'A bonus threshold is at least 1 ticket' }),
  amount: amount('A bonus'),
});
export type Bonus = z.infer<typeof Bonus>;

export const ExpenseKind = z.enum(['production', 'promotion', 'hospitality', 'travel', 'other']);
export type ExpenseKind = z.infer<typeof ExpenseKind>;

/**
 * A cost of the show. `recoupable` (organiser only) puts it in the house nut: it comes off the
 * receipts before the artist's percentage of net receipts is computed.
 */
export const Expense = z
  .strictObject({
    label,
    kind: ExpenseKind,
    amount: amount('An expense'),
    paidBy: Party,
    recoupable: z.boolean().default(false),
  })
  .refine((e) => !(e.recoupable && e.paidBy === 'artist'), {
    message: "Only the organiser's expenses can be recouped from the receipts",
    path: ['recoupable'],
  });
export type ExpenseInput = z.input<typeof Expense>;
export type Expense = z.output<typeof Expense>;

/** What a tax is a rate of: the artist's fee + bonuses, the net receipts (after VAT and ticketing fees, before the house nut), or the gross receipts. */
export const TaxBase = z.enum(['artistFee', 'netReceipts', 'grossReceipts']);
export type TaxBase = z.infer<typeof TaxBase>;

/** A levy on the show (CNM 3.5 % of receipts, SACEM, Belgian 18 % withholding on the fee…). */
export const Tax = z.strictObject({
  label,
  rate: rate('A tax rate', 1),
  base: TaxBase,
  paidBy: Party,
});
export type Tax = z.infer<typeof Tax>;

const dealFields = z.strictObject({
  type: DealType,
  currency: Currency,
  capacity: z
    .number()
    .int({ message: 'Capacity is a whole number of tickets' })
    .min(0, { message: 'Capacity cannot be negative' })
    .max(MAX_CAPACITY),
  /** Face value paid by the buyer, VAT included; 0 for a free show. */
  ticketPrice: amount('The ticket price').max(100_000, { message: 'The ticket price is over 100,000' }),
  /** VAT included in the ticket price: FR 0.055, BE 0.06, CH usually 0 (see TICKET_VAT_RATES). */
  ticketVatRate: rate('The ticket VAT rate', 0.3),
  /** The ticketing platform's fixed fee per ticket, kept out of the ticket price. */
  ticketingFeePerTicket: amount('The ticketing fee').default(0),
  /** The platform's commission on the ticket price (VAT included); adds to the fixed fee if both are set. */
  ticketingFeeRate: rate('The ticketing fee rate', 0.3).default(0),
  /** The fixed fee for a flat deal; the minimum for versus; the base fee for guaranteePlus. Unused by doorSplit. */
  guarantee: amount('The guarantee').default(0),
  /** X in the deal types above (unused by flat). */
  artistPercentage: percentage("The artist's percentage").default(0),
  percentageBase: PercentageBase.default('netReceipts'),
  /** guaranteePlus only: the organiser's margin before the split, as % of (guarantee + house nut); 15 is common. */
  promoterProfitPercentage: percentage("The promoter's profit").default(0),
  bonuses: z.array(Bonus).max(20).default([]),
  /** Estimated costs; a settlement can replace them with the actual ones. */
  expenses: z.array(Expense).max(100).default([]),
  taxes: z.array(Tax).max(20).default([]),
});

/**
 * The terms of an offer. Fields a deal type does not use are kept (the form keeps them when the booker
 * switches type, and the comparison chart reuses them) but the arithmetic ignores them.
 */
export const Deal = dealFields.superRefine((deal, ctx) => {
  if ((deal.type === 'doorSplit' || deal.type === 'versus') && deal.ticketPrice === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['ticketPrice'],
      message: 'A door split or versus deal needs a ticket price: a share of free entry is always zero',
    });
  }
  if (deal.type === 'guaranteePlus' && deal.ticketPrice === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['ticketPrice'],
      message: 'A guarantee-plus deal needs a ticket price: with free entry it is a flat deal',
    });
  }
  if (deal.type === 'doorSplit' && deal.artistPercentage === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['artistPercentage'],
      message: 'A door split at 0 % gives the artist nothing',
    });
  }
  if (deal.type === 'guaranteePlus' && deal.percentageBase === 'grossReceipts') {
    ctx.addIssue({
      code: 'custom',
      path: ['percentageBase'],
      message: 'A guarantee-plus deal shares the net receipts above the split point: use netReceipts',
    });
  }
  const vatPerTicket = (deal.ticketPrice * deal.ticketVatRate) / (1 + deal.ticketVatRate);
  const feesPerTicket = deal.ticketingFeePerTicket + deal.ticketPrice * deal.ticketingFeeRate;
  if (feesPerTicket > 0 && feesPerTicket >= deal.ticketPrice - vatPerTicket) {
    ctx.addIssue({
      code: 'custom',
      path: ['ticketingFeePerTicket'],
      message: 'The ticketing fees take the whole ticket price (after VAT)',
    });
  }
  const seen = new Set<number>();
  deal.bonuses.forEach((bonus, i) => {
    if (bonus.ticketsThreshold > deal.capacity) {
      ctx.addIssue({
        code: 'custom',
        path: ['bonuses', i, 'ticketsThreshold'],
        message: `A bonus at ${bonus.ticketsThreshold} tickets can never be reached: the capacity is ${deal.capacity}`,
      });
    }
    if (seen.has(bonus.ticketsThreshold)) {
      ctx.addIssue({
        code: 'custom',
        path: ['bonuses', i, 'ticketsThreshold'],
        message: `Two bonuses share the threshold of ${bonus.ticketsThreshold} tickets`,
      });
    }
    seen.add(bonus.ticketsThreshold);
  });
});
export type DealInput = z.input<typeof Deal>;
export type Deal = z.output<typeof Deal>;

/**
 * Usual VAT on concert tickets, a default for the form, never a rule. FR: 5.5 % (CGI art. 278-0 bis F);
 * 2.1 % for the first 140 shows of a new creation, 20 % where drinks are served during the show.
 * BE: 6 %. CH: 0, culture before a present public is outside VAT (LTVA art. 21 al. 2 ch. 14; 2.6 % if
 * the organiser opted in).
 */
export const TICKET_VAT_RATES = { FR: 0.055, BE: 0.06, CH: 0 } as const;

// ---- Settlement (outputs, all amounts in integer cents) ---------------------------------------------

const cents = z.number().int();

export const Receipts = z.object({
  ticketsSold: z.number().int(),
  gross: cents,
  vat: cents,
  ticketingFees: cents,
  /** gross − VAT − ticketing fees. */
  net: cents,
});
export type Receipts = z.infer<typeof Receipts>;

export const BreakdownLine = z.object({
  /** Stable key for translation and tests ("vat", "bonus", "expense"…); several lines may share one. */
  key: z.string(),
  label: z.string(),
  /** Signed cents: receipts and subtotals positive, what is taken off them negative. */
  amount: cents,
  /** Whose column the line belongs to on a settlement sheet. */
  party: z.enum(['receipts', 'artist', 'organiser']),
  /** A subtotal (net receipts, paid to the artist, each party's result) restates the lines above it. */
  subtotal: z.boolean(),
});
export type BreakdownLine = z.infer<typeof BreakdownLine>;

const byParty = z.object({ organiser: cents, artist: cents });

export const Settlement = z.object({
  type: DealType,
  currency: Currency,
  receipts: Receipts,
  /** Recoupable organiser expenses, taken off before a percentage of net receipts. */
  houseNut: cents,
  /** What the artist's percentage applies to (0 for flat). */
  percentageBase: cents,
  /** guaranteePlus only: the base above which the artist shares; null for the other types. */
  splitPoint: cents.nullable(),
  /** X % of the base (doorSplit, versus) or of the base above the split point (guaranteePlus); 0 for flat. */
  percentageAmount: cents,
  /** The fee before bonuses, by the rule of the deal type. */
  artistFee: cents,
  bonuses: cents,
  /** artistFee + bonuses: what the organiser pays the artist. */
  artistTotal: cents,
  expensesByPayer: byParty,
  taxesByPayer: byParty,
  /** artistTotal − the artist's expenses and taxes. */
  artistResult: cents,
  /** Net receipts − artistTotal − the organiser's expenses and taxes; negative is a loss. */
  organiserResult: cents,
  breakdown: z.array(BreakdownLine),
});
export type Settlement = z.infer<typeof Settlement>;

/** Smallest ticket counts (0…capacity) where each party's result is ≥ 0; null when never reached. */
export const BreakEven = z.object({
  organiser: z.number().int().nullable(),
  artist: z.number().int().nullable(),
});
export type BreakEven = z.infer<typeof BreakEven>;

export const CurvePoint = z.object({
  ticketsSold: z.number().int(),
  artistTotal: cents,
  artistResult: cents,
  organiserResult: cents,
});
export type CurvePoint = z.infer<typeof CurvePoint>;

export const ProfitCurve = z.object({
  type: DealType,
  currency: Currency,
  points: z.array(CurvePoint),
});
export type ProfitCurve = z.infer<typeof ProfitCurve>;

/** The same inputs under each deal type, sampled at the same ticket counts. */
export const DealComparison = z.object({
  currency: Currency,
  ticketsSold: z.array(z.number().int()),
  series: z.array(
    z.object({
      type: DealType,
      artistTotal: z.array(cents),
      organiserResult: z.array(cents),
      breakEven: BreakEven,
    }),
  ),
});
export type DealComparison = z.infer<typeof DealComparison>;

// ---- Holds -------------------------------------------------------------------------------------

/** A calendar date, YYYY-MM-DD, that exists (no 2025-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'A date is written YYYY-MM-DD' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'This date does not exist' },
  );
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * held: waiting in line at its level. challenged: still in line, but another hold at the venue was
 * confirmed on an overlapping date (its holder should be told). confirmed: the show is on.
 * released: given up; kept for history and sync, ignored by every rule.
 */
export const HoldStatus = z.enum(['held', 'challenged', 'confirmed', 'released']);
export type HoldStatus = z.infer<typeof HoldStatus>;

export const MAX_HOLD_DAYS = 31;

export const Hold = z.strictObject({
  id: z.string().min(1).max(64),
  artistId: z.string().min(1).max(64),
  venueId: z.string().min(1).max(64),
  /** First and last day held, inclusive (equal for a one-day hold). */
  startDate: IsoDate,
  endDate: IsoDate,
  /** 1 = 1st hold. Among the active holds of a venue that overlap, levels are distinct and follow the queue. */
  level: z.number().int().min(1),
  status: HoldStatus,
  /** When the hold was placed (ISO 8601, UTC): the queue order (confirmed holds first, then placedAt, then id). */
  placedAt: z.iso.datetime(),
  note: z.string().max(2000).default(''),
});
export type Hold = z.infer<typeof Hold>;
