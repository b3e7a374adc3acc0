// The chance that the other side accepts an amount: a Bayesian logistic regression on the booker's
// own negotiation history, with a documented prior for the cold start.
//
// Feature: x = s · ln(amount / reference), where the reference is what the other side is known to
// spend or ask (a venue's budget, an artist's usual fee) and s = +1 when the booker sells (asking
// more makes acceptance less likely) and −1 when the booker buys (offering more makes it likelier),
// so that one slope sign fits both sides.
// Prior (an assumption, not data): at the reference the other side accepts 55 % of the time; at 30 %
// above it, 25 % (logit intercept 0.20, slope −4.95), with standard deviations 1.0 and 2.5 on the
// two coefficients, i.e. weak enough that a dozen real rounds move it.
// Fit: maximum a posteriori by Newton's method; uncertainty by the Laplace approximation (the inverse
// Hessian at the optimum), reported as an 80 % interval on the probability.

export interface AcceptanceObservation {
  x: number;
  accepted: boolean;
}

export interface AcceptanceModel {
  intercept: number;
  slope: number;
  /** Posterior covariance of (intercept, slope). */
  covariance: [[number, number], [number, number]];
  observations: number;
}

export const ACCEPTANCE_PRIOR = {
  intercept: 0.2007, // logit(0.55)
  slope: -4.952, // (logit(0.25) − logit(0.55)) / ln(1.3)
  sdIntercept: 1.0,
  sdSlope: 2.5,
} as const;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fitAcceptanceModel(observations: readonly AcceptanceObservation[]): AcceptanceModel {
  const prior = ACCEPTANCE_PRIOR;
  const precisionA = 1 / prior.sdIntercept ** 2;
  const precisionB = 1 / prior.sdSlope ** 2;
  let a: number = prior.intercept;
  let b: number = prior.slope;
  let hessian: [[number, number], [number, number]] = [
    [precisionA, 0],
    [0, precisionB],
  ];
  for (let iteration = 0; iteration < 50; iteration++) {
    // Gradient and Hessian of the negative log posterior.
    let gA = (a - prior.intercept) * precisionA;
    let gB = (b - prior.slope) * precisionB;
    let hAA = precisionA;
    let hAB = 0;
    let hBB = precisionB;
    for (const { x, accepted } of observations) {
      const p = sigmoid(a + b * x);
      const residual = p - (accepted ? 1 : 0);
      const w = p * (1 - p);
      gA += residual;
      gB += residual * x;
      hAA += w;
      hAB += w * x;
      hBB += w * x * x;
    }
    hessian = [
      [hAA, hAB],
      [hAB, hBB],
    ];
    const det = hAA * hBB - hAB * hAB;
    const stepA = (hBB * gA - hAB * gB) / det;
    const stepB = (hAA * gB - hAB * gA) / det;
    a -= stepA;
    b -= stepB;
    if (Math.abs(stepA) + Math.abs(stepB) < 1e-9) break;
  }
  const [[hAA, hAB], [, hBB]] = hessian;
  const det = hAA * hBB - hAB * hAB;
  return {
    intercept: a,
    slope: b,
    covariance: [
      [hBB / det, -hAB / det],
      [-hAB / det, hAA / det],
    ],
    observations: observations.length,
  };
}

/** P(accept) at x with an 80 % interval from the posterior uncertainty of the logit. */
export function acceptanceAt(
  model: AcceptanceModel,
  x: number,
): { probability: number; low: number; high: number } {
  const logit = model.intercept + model.slope * x;
  const [[vAA, vAB], [, vBB]] = model.covariance;
  const se = Math.sqrt(Math.max(0, vAA + 2 * x * vAB + x * x * vBB));
  const z80 = 1.2816;
  return { probability: sigmoid(logit), low: sigmoid(logit - z80 * se), high: sigmoid(logit + z80 * se) };
}

/** The x at which the model gives probability p (for anchors): x = (logit(p) − a) / b. */
export function xForProbability(model: AcceptanceModel, p: number): number | null {
  if (Math.abs(model.slope) < 1e-6) return null;
  return (Math.log(p / (1 - p)) - model.intercept) / model.slope;
}
