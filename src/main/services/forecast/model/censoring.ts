/**
 * Sold-out shows are censored: they say "demand ≥ capacity", not how much more. The quantile heads are first
 * trained with the censored pinball loss (gbm.ts), which alone cannot see above the capacity: a tree leaf full
 * of sold-out shows has its loss minimised anywhere ≥ 1. So the trainer adds a stochastic EM step: assuming the
 * log-demand of a row is normal around its current P50 with the spread its P10–P90 imply, each sold-out row
 * gets a demand DRAWN from that normal truncated to ≥ capacity, and the heads are refitted on those values.
 * Two rounds move the latent demand of sold-out-heavy groups above the capacity (what the price optimiser
 * needs) without changing the capped ticket forecasts much. The draw (not the conditional median) keeps the
 * spread, so the P90 is not squeezed onto the P50.
 */

const Z90 = 1.2815515655446004; // Φ⁻¹(0.9)

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Standard normal quantile (Acklam's rational approximation; relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Spread floor in log units: a sold-out group with no visible spread still gets some room above capacity. */
const MIN_LOG_SPREAD = 0.1;
/** Cap on an imputed demand, × capacity: beyond this the assumption says nothing useful. */
const MAX_IMPUTED_FILL = 5;

/**
 * One E-step: a demand (÷ capacity, ≥ 1) drawn for each censored row from its truncated log-normal, given
 * the current P10/P50/P90 fill of that row. Uncensored rows keep their observed fill.
 */
export function imputeCensoredFills(
  observed: Float64Array,
  censored: Uint8Array,
  p10: Float64Array,
  p50: Float64Array,
  p90: Float64Array,
  random: () => number,
): Float64Array {
  const out = Float64Array.from(observed);
  for (let i = 0; i < observed.length; i++) {
    if (!censored[i]) continue;
    const floor = 1e-3;
    const mu = Math.log(Math.max(p50[i]!, floor));
    const sigma = Math.max(
      MIN_LOG_SPREAD,
      (Math.log(Math.max(p90[i]!, floor)) - Math.log(Math.max(p10[i]!, floor))) / (2 * Z90),
    );
    // P(log D < log capacity = 0) under the row's normal, then a uniform draw above it.
    const below = normalCdf((0 - mu) / sigma);
    const u = below + random() * (1 - below);
    const z = normalQuantile(Math.min(u, 1 - 1e-12));
    const logFill = Math.max(0, mu + sigma * z);
    out[i] = Math.min(MAX_IMPUTED_FILL, Math.exp(logFill));
  }
  return out;
}
