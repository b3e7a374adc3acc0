import type { Deal } from '../../../shared/deals';
import type { DateCell, FeeRecommendation, PricePoint } from '../../../shared/forecast';
import { breakEvenTickets, settle } from '../deals/arithmetic';
import type { TicketForecast } from './model';
// One normal CDF and quantile for the whole forecast (shared with the censoring step).
import { normalCdf, normalQuantile } from './model/censoring';

// The optimisers over a forecast: expected money over the ticket distribution, the price curve, the
// ranking of dates and the fee levels. Pure functions; money out is integer cents (the deal arithmetic's).
//
// The ticket distribution: the model gives P10/P50/P90 and a calibrated sold-out probability. Between
// and beyond the quantiles we use a split normal (one σ below P50 from P10, one above from P90), which
// reproduces the three quantiles exactly, capped to [0, capacity]. The chance of reaching a count t is
// max(1 − F(t), P(sold out)): never below the calibrated sold-out chance, which is the better estimate of
// the mass at capacity (sold-out shows are censored in the data).

const Z90 = 1.2815515655446004;
/** Probability levels at which the distribution is sampled for expectations (midpoints of 20 bins). */
const LEVELS = Array.from({ length: 20 }, (_, i) => (i + 0.5) / 20);

export interface TicketDistribution {
  capacity: number;
  /** Chance of selling at least `tickets` (1 for 0; 0 above capacity). */
  atLeast(tickets: number): number;
  /** Ticket counts at the 20 sampling levels (integers in [0, capacity]), for expectations. */
  samples: number[];
  /** Expected tickets sold. */
  mean: number;
}

export function ticketDistribution(forecast: TicketForecast, capacity: number): TicketDistribution {
  const p50 = forecast.p50;
  const below = Math.max((p50 - forecast.p10) / Z90, 1e-6);
  const above = Math.max((forecast.p90 - p50) / Z90, 1e-6);
  const quantile = (p: number) => {
    const z = normalQuantile(p);
    return p50 + z * (z < 0 ? below : above);
  };
  const samples = LEVELS.map((p) => Math.round(Math.min(capacity, Math.max(0, quantile(p)))));
  const soldOut = Math.min(1, Math.max(0, forecast.soldOutProbability));
  return {
    capacity,
    samples,
    mean: samples.reduce((s, v) => s + v, 0) / samples.length,
    atLeast(tickets) {
      if (tickets <= 0) return 1;
      if (tickets > capacity) return 0;
      const x = tickets - 0.5; // continuity: "at least t" is "more than t − ½"
      const z = x < p50 ? (x - p50) / below : (x - p50) / above;
      return Math.min(1, Math.max(soldOut, 1 - normalCdf(z)));
    },
  };
}

/** The deal at another ticket price and capacity (what the forecast was made for). */
export function dealAt(deal: Deal, ticketPrice: number, capacity: number): Deal {
  return {
    ...deal,
    ticketPrice: Math.round(ticketPrice * 100) / 100,
    capacity,
    // A bonus above the forecast's capacity can never be reached: dropped rather than refused.
    bonuses: deal.bonuses.filter((b) => b.ticketsThreshold <= capacity),
  };
}

export interface DealExpectation {
  expectedOrganiserResult: number;
  expectedArtistTotal: number;
  expectedArtistResult: number;
}

/** Expected results of the deal over the ticket distribution (cents, rounded). */
export function expectOverDeal(deal: Deal, distribution: TicketDistribution): DealExpectation {
  let organiser = 0;
  let artistTotal = 0;
  let artistResult = 0;
  for (const tickets of distribution.samples) {
    const s = settle(deal, Math.min(tickets, deal.capacity));
    organiser += s.organiserResult;
    artistTotal += s.artistTotal;
    artistResult += s.artistResult;
  }
  const n = distribution.samples.length;
  return {
    expectedOrganiserResult: Math.round(organiser / n),
    expectedArtistTotal: Math.round(artistTotal / n),
    expectedArtistResult: Math.round(artistResult / n),
  };
}

export function breakEvenUnder(deal: Deal, distribution: TicketDistribution) {
  const be = breakEvenTickets(deal);
  const expected = expectOverDeal(deal, distribution);
  return {
    organiserTickets: be.organiser,
    artistTickets: be.artist,
    organiserProbability: be.organiser === null ? 0 : distribution.atLeast(be.organiser),
    artistProbability: be.artist === null ? 0 : distribution.atLeast(be.artist),
    expectedOrganiserResult: expected.expectedOrganiserResult,
    expectedArtistTotal: expected.expectedArtistTotal,
  };
}

// ---- Price curve -----------------------------------------------------------------------------------

/** The default price grid: 40 %–200 % of the reference, rounded to 0.50, without duplicates or 0. */
export function priceGrid(reference: number, range?: { min: number; max: number; steps: number }): number[] {
  const min = range ? range.min : Math.max(1, reference * 0.4);
  const max = range ? range.max : Math.max(min + 1, reference * 2);
  const steps = range?.steps ?? 31;
  const prices = new Set<number>();
  for (let i = 0; i < steps; i++) {
    const raw = min + ((max - min) * i) / (steps - 1);
    const rounded = range ? Math.round(raw * 100) / 100 : Math.round(raw * 2) / 2;
    if (rounded > 0) prices.add(rounded);
  }
  return [...prices].sort((x, y) => x - y);
}

export function pricePoint(
  price: number,
  forecast: TicketForecast,
  capacity: number,
  deal: Deal | undefined,
): PricePoint {
  const distribution = ticketDistribution(forecast, capacity);
  const expected = deal ? expectOverDeal(dealAt(deal, price, capacity), distribution) : null;
  return {
    price,
    tickets: { p10: forecast.p10, p50: forecast.p50, p90: forecast.p90 },
    soldOutProbability: forecast.soldOutProbability,
    expectedRevenue: Math.round(price * 100 * distribution.mean),
    expectedProfit: expected ? expected.expectedOrganiserResult : null,
    expectedArtistTotal: expected ? expected.expectedArtistTotal : null,
  };
}

/** The point with the highest value (ties: the lower price, kinder to the audience). */
export function bestBy<T extends { price: number }>(
  points: readonly T[],
  value: (p: T) => number | null,
): T | null {
  let best: T | null = null;
  let bestValue = -Infinity;
  for (const p of points) {
    const v = value(p);
    if (v === null) continue;
    if (v > bestValue || (v === bestValue && best !== null && p.price < best.price)) {
      best = p;
      bestValue = v;
    }
  }
  return best;
}

// ---- Dates -----------------------------------------------------------------------------------------

/** Available days first by P50, then sold-out chance, then the earliest. */
export function topDates(days: readonly DateCell[], count: number): string[] {
  return days
    .filter((d) => d.available)
    .sort(
      (x, y) =>
        y.tickets.p50 - x.tickets.p50 ||
        y.soldOutProbability - x.soldOutProbability ||
        (x.date < y.date ? -1 : 1),
    )
    .slice(0, count)
    .map((d) => d.date);
}

// ---- Fee -------------------------------------------------------------------------------------------

type FeeLevel = FeeRecommendation['safe'];

/**
 * The largest guarantee (or artist percentage for a door split) at which the organiser still breaks
 * even when `tickets` are sold: a binary search, since the organiser's result only falls as the artist's
 * share grows. Guarantees are searched in cents, percentages in ten-thousandths of a percent.
 */
export function maxAffordable(
  deal: Deal,
  tickets: number,
  adjusts: 'guarantee' | 'artistPercentage',
): number {
  const at = (units: number): Deal =>
    adjusts === 'guarantee'
      ? { ...deal, guarantee: units / 100 }
      : { ...deal, artistPercentage: units / 10_000 };
  const ok = (units: number) => settle(at(units), Math.min(tickets, deal.capacity)).organiserResult >= 0;
  let lo = 0;
  let hi = adjusts === 'guarantee' ? 10_000_000_000 : 1_000_000; // 100,000,000.00 or 100 %
  if (!ok(lo)) return 0;
  if (ok(hi)) return hi / (adjusts === 'guarantee' ? 100 : 10_000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo / (adjusts === 'guarantee' ? 100 : 10_000);
}

export function feeLevel(
  deal: Deal,
  value: number,
  adjusts: 'guarantee' | 'artistPercentage',
  distribution: TicketDistribution,
): FeeLevel {
  const adjusted =
    adjusts === 'guarantee' ? { ...deal, guarantee: value } : { ...deal, artistPercentage: value };
  const be = breakEvenTickets(adjusted);
  return {
    value,
    organiserBreakEvenProbability: be.organiser === null ? 0 : distribution.atLeast(be.organiser),
    expectedArtistTotal: expectOverDeal(adjusted, distribution).expectedArtistTotal,
  };
}
