import {
  DEAL_TYPES,
  type BreakEven,
  type BreakdownLine,
  type CurvePoint,
  type Deal,
  type DealComparison,
  type DealType,
  type Expense,
  type ProfitCurve,
  type Receipts,
  type Settlement,
  type TaxBase,
} from '../../../shared/deals';
import { AppError } from '../../../shared/errors';
import { PPM, applyPpm, mulDivHalfUp, percentageToPpm, rateToPpm, toCents } from './cents';

// The money of a deal, pure and exact. A deal's decimal terms are converted once to integer cents and
// parts per million (`Terms`); each ticket count is then evaluated with integer arithmetic only.
//
// Rounding: half up to the cent, once per quantity, always on the total, never per ticket:
//   1. ticket VAT       = gross × vat / (1 + vat)            (VAT is declared on the receipts, not per ticket)
//   2. ticketing fees   = fixed fee × tickets + gross × fee rate
//   3. each tax         = its base × its rate
//   4. promoter profit  = (guarantee + house nut) × promoter profit %   (guaranteePlus)
//   5. artist's share   = percentage base (or overage above the split point) × artist %
// Everything else is sums and differences of those integers, so the balance identity
//   artistResult + organiserResult + all expenses + all taxes + VAT + ticketing fees = gross receipts
// holds exactly, in cents, for any ticket count.

interface TaxTerms {
  label: string;
  ppm: number;
  base: TaxBase;
  paidBy: 'organiser' | 'artist';
}

interface ExpenseTerms {
  label: string;
  cents: number;
  paidBy: 'organiser' | 'artist';
  recoupable: boolean;
}

/** A deal in integer units: cents and parts per million. */
interface Terms {
  type: DealType;
  currency: Deal['currency'];
  capacity: number;
  priceCents: number;
  vatPpm: number;
  feePerTicketCents: number;
  feeRatePpm: number;
  guaranteeCents: number;
  artistPpm: number;
  base: Deal['percentageBase'];
  promoterProfitPpm: number;
  /** Sorted by threshold. */
  bonuses: { threshold: number; cents: number }[];
  expenses: ExpenseTerms[];
  taxes: TaxTerms[];
  /** Derived once: the recoupable organiser expenses. */
  houseNutCents: number;
  expensesCents: { organiser: number; artist: number };
}

function termsOf(deal: Deal, expenses: readonly Expense[] = deal.expenses): Terms {
  const expenseTerms = expenses.map((e) => ({
    label: e.label,
    cents: toCents(e.amount),
    paidBy: e.paidBy,
    recoupable: e.recoupable && e.paidBy === 'organiser',
  }));
  const sum = (items: ExpenseTerms[]) => items.reduce((total, e) => total + e.cents, 0);
  return {
    type: deal.type,
    currency: deal.currency,
    capacity: deal.capacity,
    priceCents: toCents(deal.ticketPrice),
    vatPpm: rateToPpm(deal.ticketVatRate),
    feePerTicketCents: toCents(deal.ticketingFeePerTicket),
    feeRatePpm: rateToPpm(deal.ticketingFeeRate),
    guaranteeCents: toCents(deal.guarantee),
    artistPpm: percentageToPpm(deal.artistPercentage),
    base: deal.percentageBase,
    promoterProfitPpm: percentageToPpm(deal.promoterProfitPercentage),
    bonuses: deal.bonuses
      .map((b) => ({ threshold: b.ticketsThreshold, cents: toCents(b.amount) }))
      .sort((a, b) => a.threshold - b.threshold),
    expenses: expenseTerms,
    taxes: deal.taxes.map((t) => ({
      label: t.label,
      ppm: rateToPpm(t.rate),
      base: t.base,
      paidBy: t.paidBy,
    })),
    houseNutCents: sum(expenseTerms.filter((e) => e.recoupable)),
    expensesCents: {
      organiser: sum(expenseTerms.filter((e) => e.paidBy === 'organiser')),
      artist: sum(expenseTerms.filter((e) => e.paidBy === 'artist')),
    },
  };
}

function receiptsOf(terms: Terms, ticketsSold: number): Receipts {
  const gross = ticketsSold * terms.priceCents;
  const vat = mulDivHalfUp(gross, terms.vatPpm, PPM + terms.vatPpm);
  const ticketingFees = ticketsSold * terms.feePerTicketCents + applyPpm(gross, terms.feeRatePpm);
  return { ticketsSold, gross, vat, ticketingFees, net: gross - vat - ticketingFees };
}

/** Everything a ticket count implies, as integers; `settle` turns it into a settlement sheet. */
interface Evaluation {
  receipts: Receipts;
  percentageBase: number;
  splitPoint: number | null;
  percentageAmount: number;
  artistFee: number;
  bonusesReached: { threshold: number; cents: number }[];
  bonuses: number;
  artistTotal: number;
  /** One amount per `terms.taxes` entry, same order. */
  taxAmounts: number[];
  taxesByPayer: { organiser: number; artist: number };
  artistResult: number;
  organiserResult: number;
}

function evaluate(terms: Terms, ticketsSold: number): Evaluation {
  const receipts = receiptsOf(terms, ticketsSold);
  // Taxes in two passes: those on receipts first (they do not depend on the fee, and the organiser's
  // come off a net percentage base as VAT does), those on the artist's fee once the fee is known.
  const onReceipts = (base: TaxBase) => Math.max(0, base === 'grossReceipts' ? receipts.gross : receipts.net);
  const taxAmounts = terms.taxes.map((t) =>
    t.base === 'artistFee' ? 0 : applyPpm(onReceipts(t.base), t.ppm),
  );
  const organiserReceiptTaxes = terms.taxes.reduce(
    (total, t, i) => (t.paidBy === 'organiser' && t.base !== 'artistFee' ? total + taxAmounts[i]! : total),
    0,
  );

  const percentageBase =
    terms.type === 'flat'
      ? 0
      : terms.base === 'grossReceipts' && terms.type !== 'guaranteePlus'
        ? receipts.gross
        : Math.max(0, receipts.net - terms.houseNutCents - organiserReceiptTaxes);

  let splitPoint: number | null = null;
  let percentageAmount = 0;
  let artistFee: number;
  switch (terms.type) {
    case 'flat':
      artistFee = terms.guaranteeCents;
      break;
    case 'doorSplit':
      percentageAmount = applyPpm(percentageBase, terms.artistPpm);
      artistFee = percentageAmount;
      break;
    case 'versus':
      percentageAmount = applyPpm(percentageBase, terms.artistPpm);
      artistFee = Math.max(terms.guaranteeCents, percentageAmount);
      break;
    case 'guaranteePlus': {
      const promoterProfit = applyPpm(terms.guaranteeCents + terms.houseNutCents, terms.promoterProfitPpm);
      splitPoint = terms.guaranteeCents + promoterProfit;
      percentageAmount = applyPpm(Math.max(0, percentageBase - splitPoint), terms.artistPpm);
      artistFee = terms.guaranteeCents + percentageAmount;
      break;
    }
  }

  const bonusesReached = terms.bonuses.filter((b) => ticketsSold >= b.threshold);
  const bonuses = bonusesReached.reduce((total, b) => total + b.cents, 0);
  const artistTotal = artistFee + bonuses;

  terms.taxes.forEach((t, i) => {
    if (t.base === 'artistFee') taxAmounts[i] = applyPpm(artistTotal, t.ppm);
  });
  const taxesByPayer = { organiser: 0, artist: 0 };
  terms.taxes.forEach((t, i) => (taxesByPayer[t.paidBy] += taxAmounts[i]!));

  return {
    receipts,
    percentageBase,
    splitPoint,
    percentageAmount,
    artistFee,
    bonusesReached,
    bonuses,
    artistTotal,
    taxAmounts,
    taxesByPayer,
    artistResult: artistTotal - terms.expensesCents.artist - taxesByPayer.artist,
    organiserResult: receipts.net - artistTotal - terms.expensesCents.organiser - taxesByPayer.organiser,
  };
}

function checkTicketsSold(deal: Deal, ticketsSold: number): void {
  if (!Number.isInteger(ticketsSold) || ticketsSold < 0 || ticketsSold > deal.capacity) {
    throw new AppError(
      'VALIDATION',
      `Tickets sold must be a whole number between 0 and the capacity (${deal.capacity}), got ${ticketsSold}`,
      [{ path: 'ticketsSold', message: `Between 0 and ${deal.capacity}` }],
    );
  }
}

// ---- Public API ----------------------------------------------------------------------------------

/** Gross receipts, the VAT and ticketing fees inside them, and what is left (cents). */
export function receipts(deal: Deal, ticketsSold: number): Receipts {
  checkTicketsSold(deal, ticketsSold);
  return receiptsOf(termsOf(deal), ticketsSold);
}

/**
 * The settlement of a show: who gets what for `ticketsSold` tickets. `actualExpenses`, when given,
 * replace the deal's estimated expenses (house nut included), as on the night of the show.
 */
export function settle(deal: Deal, ticketsSold: number, actualExpenses?: readonly Expense[]): Settlement {
  checkTicketsSold(deal, ticketsSold);
  const terms = termsOf(deal, actualExpenses);
  const e = evaluate(terms, ticketsSold);
  return {
    type: terms.type,
    currency: terms.currency,
    receipts: e.receipts,
    houseNut: terms.houseNutCents,
    percentageBase: e.percentageBase,
    splitPoint: e.splitPoint,
    percentageAmount: e.percentageAmount,
    artistFee: e.artistFee,
    bonuses: e.bonuses,
    artistTotal: e.artistTotal,
    expensesByPayer: { ...terms.expensesCents },
    taxesByPayer: e.taxesByPayer,
    artistResult: e.artistResult,
    organiserResult: e.organiserResult,
    breakdown: breakdownOf(terms, e),
  };
}

/** Smallest ticket counts where the organiser's and the artist's results are ≥ 0 (null: never within capacity). */
export function breakEvenTickets(deal: Deal): BreakEven {
  return breakEvenOf(termsOf(deal));
}

/**
 * Both parties' results from 0 to capacity tickets, for a chart: `points` evenly spaced counts, plus
 * the counts either side of each bonus threshold and the break-evens, so steps and crossings are exact.
 */
export function profitCurve(deal: Deal, points = 101): ProfitCurve {
  const terms = termsOf(deal);
  const counts = sampleTicketCounts(terms, points, [breakEvenOf(terms)]);
  return {
    type: terms.type,
    currency: terms.currency,
    points: counts.map((t): CurvePoint => {
      const e = evaluate(terms, t);
      return {
        ticketsSold: t,
        artistTotal: e.artistTotal,
        artistResult: e.artistResult,
        organiserResult: e.organiserResult,
      };
    }),
  };
}

/**
 * The same inputs (price, capacity, guarantee, percentage, costs) under each of the four deal types,
 * at the same ticket counts: the negotiation chart. A guarantee-plus series always shares net receipts
 * (the only base that deal type accepts), even if the deal's own base is gross.
 */
export function compareDealTypes(deal: Deal, points = 101): DealComparison {
  const termsByType = DEAL_TYPES.map((type) => {
    const terms = { ...termsOf(deal), type };
    return { type, terms, breakEven: breakEvenOf(terms) };
  });
  const counts = sampleTicketCounts(
    termsByType[0]!.terms,
    points,
    termsByType.map((x) => x.breakEven),
  );
  return {
    currency: deal.currency,
    ticketsSold: counts,
    series: termsByType.map(({ type, terms, breakEven }) => {
      const evaluations = counts.map((t) => evaluate(terms, t));
      return {
        type,
        artistTotal: evaluations.map((e) => e.artistTotal),
        organiserResult: evaluations.map((e) => e.organiserResult),
        breakEven,
      };
    }),
  };
}

// ---- Helpers -------------------------------------------------------------------------------------

/**
 * A linear scan: bonuses make the organiser's result drop at each threshold and a gross-based share
 * can outgrow the net receipts, so neither result is monotonic and a bisection could miss the answer.
 * 200,000 tickets evaluate in well under a second.
 */
function breakEvenOf(terms: Terms): BreakEven {
  let organiser: number | null = null;
  let artist: number | null = null;
  for (let t = 0; t <= terms.capacity && (organiser === null || artist === null); t++) {
    const e = evaluate(terms, t);
    if (organiser === null && e.organiserResult >= 0) organiser = t;
    if (artist === null && e.artistResult >= 0) artist = t;
  }
  return { organiser, artist };
}

function sampleTicketCounts(terms: Terms, points: number, breakEvens: BreakEven[]): number[] {
  const { capacity } = terms;
  const wanted = Math.max(2, Math.floor(points));
  const counts = new Set<number>();
  if (capacity + 1 <= wanted) {
    for (let t = 0; t <= capacity; t++) counts.add(t);
  } else {
    for (let i = 0; i < wanted; i++) counts.add(Math.round((i * capacity) / (wanted - 1)));
  }
  for (const b of terms.bonuses) {
    counts.add(b.threshold - 1);
    counts.add(b.threshold);
  }
  for (const b of breakEvens) {
    if (b.organiser !== null) counts.add(b.organiser);
    if (b.artist !== null) counts.add(b.artist);
  }
  return [...counts].filter((t) => t >= 0 && t <= capacity).sort((a, b) => a - b);
}

const percentText = (ppm: number) => `${Number((ppm / 10_000).toFixed(4))} %`;
const baseText = {
  grossReceipts: 'gross receipts',
  netReceipts: 'net receipts',
  artistFee: "the artist's fee",
};

function breakdownOf(terms: Terms, e: Evaluation): BreakdownLine[] {
  const lines: BreakdownLine[] = [];
  const line = (
    party: BreakdownLine['party'],
    key: string,
    label: string,
    amount: number,
    subtotal = false,
  ) => lines.push({ key, label, amount: amount === 0 ? 0 : amount, party, subtotal }); // no −0 in JSON or tests
  const { receipts: r } = e;

  line('receipts', 'grossReceipts', `Gross receipts (${r.ticketsSold} tickets)`, r.gross);
  line('receipts', 'vat', `Ticket VAT (${percentText(terms.vatPpm)})`, -r.vat);
  line('receipts', 'ticketingFees', 'Ticketing fees', -r.ticketingFees);
  line('receipts', 'netReceipts', 'Net receipts', r.net, true);

  const share = `${percentText(terms.artistPpm)} of ${terms.base === 'grossReceipts' && terms.type !== 'guaranteePlus' ? 'gross' : 'net'} receipts`;
  switch (terms.type) {
    case 'flat':
      line('artist', 'guarantee', 'Flat fee', e.artistFee);
      break;
    case 'doorSplit':
      line('artist', 'percentage', share, e.artistFee);
      break;
    case 'versus':
      if (e.percentageAmount > terms.guaranteeCents)
        line('artist', 'percentage', `${share} (above the guarantee)`, e.artistFee);
      else line('artist', 'guarantee', `Guarantee (${share} would be less)`, e.artistFee);
      break;
    case 'guaranteePlus':
      line('artist', 'guarantee', 'Guarantee', terms.guaranteeCents);
      line('artist', 'percentage', `${share} above the split point`, e.percentageAmount);
      break;
  }
  for (const b of e.bonusesReached) line('artist', 'bonus', `Bonus from ${b.threshold} tickets`, b.cents);
  line('artist', 'artistTotal', 'Paid to the artist', e.artistTotal, true);

  for (const party of ['artist', 'organiser'] as const) {
    if (party === 'organiser') {
      line('organiser', 'netReceipts', 'Net receipts', r.net, true);
      line('organiser', 'artistTotal', 'Paid to the artist', -e.artistTotal);
    }
    for (const x of terms.expenses.filter((x) => x.paidBy === party)) {
      line(party, 'expense', x.recoupable ? `${x.label} (recouped)` : x.label, -x.cents);
    }
    terms.taxes.forEach((t, i) => {
      if (t.paidBy === party) {
        line(party, 'tax', `${t.label} (${percentText(t.ppm)} of ${baseText[t.base]})`, -e.taxAmounts[i]!);
      }
    });
    line(
      party,
      party === 'artist' ? 'artistResult' : 'organiserResult',
      party === 'artist' ? "Artist's result" : "Organiser's result",
      party === 'artist' ? e.artistResult : e.organiserResult,
      true,
    );
  }
  return lines;
}
