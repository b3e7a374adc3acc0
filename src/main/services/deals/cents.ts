// Exact money arithmetic: amounts in integer cents, rates in integer parts per million (ppm).
// The deal schema limits money to 2 decimals, rates to 6 and percentages to 4, so every conversion
// below is exact, and every later step is integer arithmetic with one documented rounding.

/** 1 = 1,000,000 ppm. */
export const PPM = 1_000_000;

/** A decimal amount with at most 2 decimals → integer cents (12.99 → 1299, not 1298.9999…). */
export const toCents = (amount: number): number => Math.round(amount * 100);

/** A fraction (0.055) → parts per million (55,000). */
export const rateToPpm = (rate: number): number => Math.round(rate * PPM);

/** A number of percent (72.5) → parts per million (725,000). */
export const percentageToPpm = (percent: number): number => Math.round(percent * 10_000);

/**
 * round(value × numerator / denominator), halves rounded up (away from zero: all inputs are ≥ 0).
 * Exact for any size: uses doubles while the product is a safe integer, BigInt beyond.
 */
export function mulDivHalfUp(value: number, numerator: number, denominator: number): number {
  if (value < 0 || numerator < 0 || denominator <= 0) {
    throw new RangeError(
      `mulDivHalfUp expects non-negative integers, got ${value}×${numerator}/${denominator}`,
    );
  }
  const product = value * numerator;
  if (Number.isSafeInteger(product)) {
    let quotient = Math.floor(product / denominator);
    let remainder = product - quotient * denominator;
    // The float division can be off by one near an integer; the integer remainder settles it.
    if (remainder < 0) {
      quotient -= 1;
      remainder += denominator;
    } else if (remainder >= denominator) {
      quotient += 1;
      remainder -= denominator;
    }
    return 2 * remainder >= denominator ? quotient + 1 : quotient;
  }
  const big = BigInt(value) * BigInt(numerator);
  const den = BigInt(denominator);
  const quotient = big / den;
  return Number(2n * (big % den) >= den ? quotient + 1n : quotient);
}

/** round(value × ppm / 1,000,000), half up. */
export const applyPpm = (value: number, ppm: number): number => mulDivHalfUp(value, ppm, PPM);

/** A cents amount as a plain decimal string, "-1234.50". */
export function centsToDecimal(amountInCents: number): string {
  const sign = amountInCents < 0 ? '-' : '';
  const abs = Math.abs(amountInCents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
