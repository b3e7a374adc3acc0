/**
 * The forecast model's inputs, built in ONE place. F-service fills `ForecastInput` from the store; this file
 * turns it into the model's column vector, including every derived feature (day of week, month, price
 * relative to the venue's usual price…), so training and prediction can never disagree on a column.
 */

export interface ForecastInput {
  /** ISO yyyy-mm-dd of the show. */
  date: string;
  country: 'FR' | 'BE' | 'CH' | string;
  /** > 0 (0 or missing is refused before the model by F-service, and by the trainer). */
  capacity: number;
  /** Main full price, currency units. */
  ticketPrice: number;
  /** Venue's median past price, or the midpoint of its configured range. */
  venueUsualPrice: number | null;
  /** Days from booking/announce to the show. */
  leadTimeDays: number | null;
  /** Artist's median tickets sold in this region (null = unknown). */
  artistDraw: number | null;
  /** Artist's median fill rate (0–1) over past events. */
  artistFillRate: number | null;
  /** Count of the artist's past played events with outcomes. */
  artistEvents: number;
  /** Venue's median fill rate (0–1). */
  venueFillRate: number | null;
  /** Count of past played events at the venue. */
  venueEvents: number;
  /** 0–1 from venue fit, null if unknown. */
  genreFit: number | null;
  /** Audio DNA 0–1, null if no demo. */
  energy: number | null;
  /** Audio DNA 0–1. */
  danceability: number | null;
  /** On the date or the eve, for the venue's country. */
  publicHoliday: boolean;
  /** In the venue's country/region (rule-based approximation, F-service). */
  schoolHoliday: boolean;
  /** Other confirmed shows within 30 km and ±3 days. */
  competingEvents: number;
  /** Currency units. */
  promotionSpend: number | null;
}

/** One past event with its outcome. `ticketsSold >= capacity` means sold out: a lower bound (censored). */
export interface TrainingRow {
  input: ForecastInput;
  ticketsSold: number;
  synthetic?: boolean;
  /** Optional stable keys (e.g. ids) so the evaluation's baselines can find an artist's last result and a
   * venue's past fill rates inside the history itself; without them the baselines use the input's medians. */
  artistKey?: string;
  venueKey?: string;
}

/** Column order of the model. Changing it invalidates every saved model (the card stores it and is checked). */
export const FEATURE_NAMES: readonly string[] = Object.freeze([
  'logCapacity', // log(capacity): room size effects are multiplicative
  'ticketPrice',
  'relativePrice', // ticketPrice / venueUsualPrice: the price elasticity the booker controls
  'leadTimeDays',
  'artistDrawPerSeat', // artistDraw / capacity: how much of the room the artist usually fills
  'logArtistDraw',
  'artistFillRate',
  'artistEvents',
  'venueFillRate',
  'venueEvents',
  'genreFit',
  'energy',
  'danceability',
  'publicHoliday',
  'schoolHoliday',
  'competingEvents',
  'promotionPerSeat', // promotionSpend / capacity
  'dayOfWeek', // 0 = Monday … 6 = Sunday
  'weekendNight', // Friday or Saturday: the strongest day-of-week effect, given its own column
  'month', // 1–12
  'country', // FR 0, BE 1, CH 2, other NaN
]);

/**
 * Shape constraints per column (−1 non-increasing, +1 non-decreasing, 0 free), aligned with FEATURE_NAMES.
 * Demand never rises with the price: in a booker's history (and in the synthetic one) popular artists get
 * higher prices, so unconstrained trees read "expensive shows sell more" and the price optimiser runs to the
 * top of its grid. Both price columns are held non-increasing for every head (fill quantiles and sold-out).
 */
export const MONOTONE_CONSTRAINTS: readonly number[] = Object.freeze(
  FEATURE_NAMES.map((name) => (name === 'ticketPrice' || name === 'relativePrice' ? -1 : 0)),
);

const COUNTRY_CODES: Record<string, number> = { FR: 0, BE: 1, CH: 2 };
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day of week (0 = Monday) and month (1–12) of an ISO date, or NaN for both when it is not a valid date. */
export function calendarOf(date: string): { dayOfWeek: number; month: number } {
  const match = ISO_DATE.exec(date);
  if (!match) return { dayOfWeek: NaN, month: NaN };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return { dayOfWeek: NaN, month: NaN };
  return { dayOfWeek: (utc.getUTCDay() + 6) % 7, month };
}

const finiteOrNaN = (value: number | null | undefined): number =>
  value === null || value === undefined || !Number.isFinite(value) ? NaN : value;

const ratioOrNaN = (numerator: number | null | undefined, denominator: number | null | undefined): number => {
  const n = finiteOrNaN(numerator);
  const d = finiteOrNaN(denominator);
  return Number.isNaN(n) || Number.isNaN(d) || d <= 0 ? NaN : n / d;
};

/** Writes the features of `input` into `out` at `offset` (used by batch paths to avoid an allocation per row). */
export function writeFeatures(
  input: ForecastInput,
  out: Float32Array,
  offset = 0,
  calendar: (date: string) => { dayOfWeek: number; month: number } = calendarOf,
): void {
  const { dayOfWeek, month } = calendar(input.date);
  const capacity = finiteOrNaN(input.capacity);
  const draw = finiteOrNaN(input.artistDraw);
  let i = offset;
  out[i++] = capacity > 0 ? Math.log(capacity) : NaN;
  out[i++] = finiteOrNaN(input.ticketPrice);
  out[i++] = ratioOrNaN(input.ticketPrice, input.venueUsualPrice);
  out[i++] = finiteOrNaN(input.leadTimeDays);
  out[i++] = ratioOrNaN(draw, capacity);
  out[i++] = draw >= 0 ? Math.log1p(draw) : NaN;
  out[i++] = finiteOrNaN(input.artistFillRate);
  out[i++] = finiteOrNaN(input.artistEvents);
  out[i++] = finiteOrNaN(input.venueFillRate);
  out[i++] = finiteOrNaN(input.venueEvents);
  out[i++] = finiteOrNaN(input.genreFit);
  out[i++] = finiteOrNaN(input.energy);
  out[i++] = finiteOrNaN(input.danceability);
  out[i++] = input.publicHoliday ? 1 : 0;
  out[i++] = input.schoolHoliday ? 1 : 0;
  out[i++] = finiteOrNaN(input.competingEvents);
  out[i++] = ratioOrNaN(input.promotionSpend, capacity);
  out[i++] = dayOfWeek;
  out[i++] = Number.isNaN(dayOfWeek) ? NaN : dayOfWeek === 4 || dayOfWeek === 5 ? 1 : 0;
  out[i++] = month;
  out[i++] = COUNTRY_CODES[input.country] ?? NaN;
}

/** The model's column vector for one input; NaN marks an unknown value (the trees learn where it goes). */
export function toFeatureVector(input: ForecastInput): Float32Array {
  const out = new Float32Array(FEATURE_NAMES.length);
  writeFeatures(input, out, 0);
  return out;
}

/** Row-major feature matrix for a batch, as onnxruntime and the trainer want it. */
export function toFeatureMatrix(inputs: readonly ForecastInput[]): Float32Array {
  const width = FEATURE_NAMES.length;
  const out = new Float32Array(inputs.length * width);
  // A price curve or a date grid repeats the same few dates thousands of times: parse each date once.
  const seen = new Map<string, { dayOfWeek: number; month: number }>();
  const cachedCalendar = (date: string) => {
    let found = seen.get(date);
    if (!found) seen.set(date, (found = calendarOf(date)));
    return found;
  };
  inputs.forEach((input, row) => writeFeatures(input, out, row * width, cachedCalendar));
  return out;
}
