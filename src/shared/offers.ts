import { z } from 'zod';
import { Id } from './domain';
import { BreakEven, Deal, DealComparison, Expense, Hold, IsoDate, Settlement } from './deals';

// Offers, negotiation rounds, settlements and the holds calendar, as the contract carries them.
// The arithmetic lives in services/deals; these are the shapes that cross the boundary.

export const OfferStatus = z.enum([
  'draft',
  'sent',
  'countered',
  'accepted',
  'declined',
  'cancelled',
  'settled',
]);
export type OfferStatus = z.infer<typeof OfferStatus>;

/** Who moved in a round: the booker's side ("us") or the other party ("them"). */
export const RoundParty = z.enum(['us', 'them']);
export type RoundParty = z.infer<typeof RoundParty>;

export const RoundAction = z.enum(['sent', 'countered', 'accepted', 'declined']);
export type RoundAction = z.infer<typeof RoundAction>;

/** Which side the booker is on: an agency sells the artist; a venue programmer buys the show. */
export const BookerSide = z.enum(['artist', 'organiser']);
export type BookerSide = z.infer<typeof BookerSide>;

export const Round = z.object({
  id: Id,
  offerId: Id,
  at: z.iso.datetime(),
  by: RoundParty,
  action: RoundAction,
  /** The terms on the table in this round (for accepted/declined: the terms answered). */
  deal: Deal,
  note: z.string().max(5000),
});
export type Round = z.infer<typeof Round>;

export const SettlementRecord = z.object({
  ticketsSold: z.number().int().min(0),
  actualExpenses: z.array(Expense),
  settlement: Settlement,
  settledAt: z.iso.datetime(),
});
export type SettlementRecord = z.infer<typeof SettlementRecord>;

export const OfferFields = z.strictObject({
  artistId: Id,
  venueId: Id,
  date: IsoDate,
  side: BookerSide.default('artist'),
  /** The amount the booker will not go beyond (below for an agency, above for a venue); private. */
  walkAway: z.number().finite().nonnegative().max(100_000_000).nullable().default(null),
  /** What the booker aims for. */
  target: z.number().finite().nonnegative().max(100_000_000).nullable().default(null),
  deal: Deal,
  note: z.string().trim().max(5000).default(''),
});
export type OfferFieldsInput = z.input<typeof OfferFields>;
export type OfferFields = z.output<typeof OfferFields>;

export const Offer = z.object({
  id: Id,
  artistId: Id,
  venueId: Id,
  artistName: z.string(),
  venueName: z.string(),
  date: IsoDate,
  side: BookerSide,
  walkAway: z.number().nullable(),
  target: z.number().nullable(),
  deal: Deal,
  note: z.string(),
  status: OfferStatus,
  holdId: Id.nullable(),
  rounds: z.array(Round),
  settlement: SettlementRecord.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Offer = z.infer<typeof Offer>;

export const OfferSummary = Offer.omit({ rounds: true, settlement: true }).extend({
  roundCount: z.number().int(),
});
export type OfferSummary = z.infer<typeof OfferSummary>;

export const DealEvaluation = z.object({
  settlement: Settlement,
  breakEven: BreakEven,
  comparison: DealComparison,
});
export type DealEvaluation = z.infer<typeof DealEvaluation>;

// ---- Holds ------------------------------------------------------------------------------------

export const HoldView = Hold.extend({ artistName: z.string(), venueName: z.string() });
export type HoldView = z.infer<typeof HoldView>;

export const HoldConflict = z.object({
  /** The engine's kinds, plus artistBusy: the date falls in a busy block imported from the artist's calendar. */
  kind: z.enum(['artistDoubleBooked', 'venueDoubleConfirmed', 'overlappingRange', 'artistBusy']),
  holdIds: z.tuple([z.string(), z.string()]),
  from: IsoDate,
  to: IsoDate,
  severity: z.enum(['warning', 'error']),
  message: z.string(),
});
export type HoldConflict = z.infer<typeof HoldConflict>;

export const HoldPromotion = z.object({ holdId: z.string(), from: z.number().int(), to: z.number().int() });
export type HoldPromotion = z.infer<typeof HoldPromotion>;

/** A busy period imported from an external calendar (.ics): shown on the artist's calendar, checked on holds. */
export const CalendarBlock = z.object({
  id: Id,
  artistId: Id,
  startDate: IsoDate,
  endDate: IsoDate,
  summary: z.string(),
  source: z.string(),
});
export type CalendarBlock = z.infer<typeof CalendarBlock>;

export const CalendarQuery = z
  .strictObject({
    from: IsoDate,
    to: IsoDate,
    artistId: Id.optional(),
    venueId: Id.optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'The end of the window is before its start', path: ['to'] });

// ---- Negotiation brief -------------------------------------------------------------------------

export const BriefLanguage = z.enum(['fr', 'en']);

export const NegotiationBrief = z.object({
  language: BriefLanguage,
  currency: z.enum(['EUR', 'CHF']),
  /** The amount under negotiation (decimal), and how it was read from the deal. */
  amount: z.number(),
  amountBasis: z.string(),
  /** What the other side is known to spend or ask, the yardstick of the acceptance model. */
  reference: z.object({ amount: z.number().nullable(), basis: z.string() }),
  acceptance: z.object({
    probability: z.number().min(0).max(1),
    low: z.number().min(0).max(1),
    high: z.number().min(0).max(1),
    /** Labelled rounds of the booker's own history behind the model (0: the prior alone). */
    observations: z.number().int(),
    explanation: z.string(),
  }),
  /** P(accept) across amounts, for a chart. */
  curve: z.array(
    z.object({ amount: z.number(), probability: z.number(), low: z.number(), high: z.number() }),
  ),
  zone: z.object({
    ourLimit: z.number().nullable(),
    theirLimit: z.number().nullable(),
    /** null when one of the limits is unknown. */
    overlap: z.boolean().nullable(),
    explanation: z.string(),
  }),
  anchors: z.object({
    opening: z.number().nullable(),
    target: z.number().nullable(),
    walkAway: z.number().nullable(),
  }),
  frictions: z.array(
    z.object({ key: z.string(), severity: z.enum(['info', 'warning', 'blocking']), message: z.string() }),
  ),
  talkingPoints: z.array(z.string()),
  concessions: z.array(
    z.object({ key: z.string(), label: z.string(), estimatedCost: z.number().nullable() }),
  ),
  drafts: z.array(
    z.object({
      kind: z.enum(['proposal', 'followUp', 'counter', 'acceptance', 'decline']),
      subject: z.string(),
      body: z.string(),
    }),
  ),
});
export type NegotiationBrief = z.infer<typeof NegotiationBrief>;
