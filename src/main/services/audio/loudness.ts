// Loudness per ITU-R BS.1770-4 and EBU R128, computed at the file's native sample rate, streaming.
//
// - K-weighting: the two biquads of BS.1770 (high shelf +4 dB above ~1.7 kHz, then a high pass at
//   ~38 Hz), re-derived for the actual sample rate from their analogue parameters (the standard
//   publishes coefficients for 48 kHz only; reusing those at 44.1 kHz shifts both corners).
// - Integrated loudness: mean square per channel over 400 ms blocks overlapping by 75 %, channel
//   weights (1.0 front, 1.41 surround, LFE excluded), absolute gate −70 LUFS, relative gate −10 LU.
// - Loudness range: EBU Tech 3342 — short-term (3 s) loudness every 100 ms, absolute gate −70 LUFS,
//   relative gate −20 LU, then the 95th minus the 10th percentile.
// - True peak: 4× oversampling by a polyphase windowed-sinc interpolator (BS.1770-4 Annex 2).
//
// Blocks are built from 100 ms sub-blocks (sums of squares), so memory is 2 numbers per 100 ms.

const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;
const LRA_RELATIVE_GATE_LU = -20;
const LOUDNESS_OFFSET = -0.691;

export type Biquad = { b0: number; b1: number; b2: number; a1: number; a2: number };

/** The K-weighting pre-filter (shelf) and RLB high pass for a sample rate, BS.1770-4 parameters. */
export function kWeightingFilters(sampleRate: number): [Biquad, Biquad] {
  // Stage 1: high shelf. Parameters as fitted to the published 48 kHz coefficients (libebur128, pyloudnorm).
  let f0 = 1681.974450955533;
  const gainDb = 3.999843853973347;
  let q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  // Stage 2: second-order high pass (revised low-frequency B-curve).
  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * f0) / sampleRate);
  a0 = 1 + k / q + k * k;
  const highPass: Biquad = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  return [shelf, highPass];
}

/**
 * BS.1770-4 channel weights for a channel count, in WAV/FLAC channel order:
 * 1.0 for front channels, 1.41 for side/surround ones, 0 for the LFE.
 */
export function channelWeights(count: number): number[] {
  switch (count) {
    case 1:
      return [1];
    case 2:
      return [1, 1];
    case 3:
      return [1, 1, 1]; // L R C
    case 4:
      return [1, 1, 1.41, 1.41]; // quad: FL FR BL BR
    case 5:
      return [1, 1, 1, 1.41, 1.41]; // 5.0: L R C Ls Rs
    case 6:
      return [1, 1, 1, 0, 1.41, 1.41]; // 5.1: L R C LFE Ls Rs
    case 7:
      return [1, 1, 1, 0, 1, 1.41, 1.41]; // 6.1: L R C LFE BC SL SR
    case 8:
      return [1, 1, 1, 0, 1, 1, 1.41, 1.41]; // 7.1: L R C LFE BL BR SL SR
    default:
      return Array.from({ length: count }, () => 1);
  }
}

/** Saves a channel's filter state, flushing denormals: long digital silence after a loud passage would otherwise slow the loop down. */
function storeState(
  s: Float64Array,
  x1: number,
  x2: number,
  y1: number,
  y2: number,
  z1: number,
  z2: number,
): void {
  s[0] = x1;
  s[1] = x2;
  s[2] = Math.abs(y1) < 1e-30 ? 0 : y1;
  s[3] = Math.abs(y2) < 1e-30 ? 0 : y2;
  s[4] = Math.abs(z1) < 1e-30 ? 0 : z1;
  s[5] = Math.abs(z2) < 1e-30 ? 0 : z2;
}

function energyToLufs(meanSquare: number): number {
  return LOUDNESS_OFFSET + 10 * Math.log10(meanSquare);
}

/** Accumulates K-weighted energy in 100 ms sub-blocks, streaming. */
export class LoudnessMeter {
  readonly sampleRate: number;
  private readonly weights: number[];
  private readonly filters: [Biquad, Biquad];
  /** Filter state per channel: x1 x2 y1 y2 of stage 1, then y1 y2 of stage 2 (its input is stage 1's output). */
  private readonly state: Float64Array[];
  private readonly subBlockEnergy: number[] = [];
  private readonly subBlockSamples: number[] = [];
  private energy = 0;
  private samplesInSubBlock = 0;
  /** Absolute index of the first sample after the current sub-block. */
  private subBlockEnd: number;
  private position = 0;

  constructor(sampleRate: number, channelCount: number) {
    this.sampleRate = sampleRate;
    this.weights = channelWeights(channelCount);
    this.filters = kWeightingFilters(sampleRate);
    this.state = Array.from({ length: channelCount }, () => new Float64Array(8));
    this.subBlockEnd = this.boundary(1);
  }

  /** Sample index of the end of sub-block number `index` (100 ms each, rounded for fractional rates). */
  private boundary(index: number): number {
    return Math.round((index * this.sampleRate) / 10);
  }

  push(channels: readonly Float32Array[]): void {
    const length = channels[0]?.length ?? 0;
    const active = channels.map((_, c) => c).filter((c) => c < this.weights.length && this.weights[c]! > 0);
    let offset = 0;
    while (offset < length) {
      const take = Math.min(length - offset, this.subBlockEnd - this.position);
      // Channels go through the filters two at a time: an IIR filter is limited by the latency of
      // its feedback chain, and two independent chains in one loop run almost as fast as one.
      for (let k = 0; k < active.length; k += 2) {
        const a = active[k]!;
        const b = active[k + 1];
        if (b === undefined) {
          this.energy += this.weights[a]! * this.filterChannel(a, channels[a]!, offset, take);
        } else {
          const [ea, eb] = this.filterChannelPair(a, b, channels[a]!, channels[b]!, offset, take);
          this.energy += this.weights[a]! * ea + this.weights[b]! * eb;
        }
      }
      this.samplesInSubBlock += take;
      this.position += take;
      offset += take;
      if (this.position === this.subBlockEnd) {
        this.subBlockEnergy.push(this.energy);
        this.subBlockSamples.push(this.samplesInSubBlock);
        this.energy = 0;
        this.samplesInSubBlock = 0;
        this.subBlockEnd = this.boundary(this.subBlockEnergy.length + 1);
      }
    }
  }

  /** Runs K-weighting over samples [offset, offset + count) of one channel; returns the sum of squares. */
  private filterChannel(c: number, x: Float32Array, offset: number, count: number): number {
    const s = this.state[c]!;
    const [f1, f2] = this.filters;
    let x1 = s[0]!;
    let x2 = s[1]!;
    let y1 = s[2]!;
    let y2 = s[3]!;
    let z1 = s[4]!;
    let z2 = s[5]!;
    let sum = 0;
    const { b0, b1, b2, a1, a2 } = f1;
    const c1 = f2.a1;
    const c2 = f2.a2;
    for (let i = offset, end = offset + count; i < end; i++) {
      const x0 = x[i]!;
      const y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      // Stage 2 (b = 1, −2, 1) in direct form I, reading stage 1's outputs y0, y1, y2.
      const z0 = y0 - 2 * y1 + y2 - c1 * z1 - c2 * z2;
      x2 = x1;
      x1 = x0;
      y2 = y1;
      y1 = y0;
      z2 = z1;
      z1 = z0;
      sum += z0 * z0;
    }
    storeState(s, x1, x2, y1, y2, z1, z2);
    return sum;
  }

  /** filterChannel for two channels in one loop; returns both sums of squares. */
  private filterChannelPair(
    a: number,
    b: number,
    xa: Float32Array,
    xb: Float32Array,
    offset: number,
    count: number,
  ): [number, number] {
    const sa = this.state[a]!;
    const sb = this.state[b]!;
    const [f1, f2] = this.filters;
    const { b0, b1, b2, a1, a2 } = f1;
    const c1 = f2.a1;
    const c2 = f2.a2;
    let ax1 = sa[0]!, ax2 = sa[1]!, ay1 = sa[2]!, ay2 = sa[3]!, az1 = sa[4]!, az2 = sa[5]!; // prettier-ignore
    let bx1 = sb[0]!, bx2 = sb[1]!, by1 = sb[2]!, by2 = sb[3]!, bz1 = sb[4]!, bz2 = sb[5]!; // prettier-ignore
    let sumA = 0;
    let sumB = 0;
    for (let i = offset, end = offset + count; i < end; i++) {
      const ax0 = xa[i]!;
      const bx0 = xb[i]!;
      const ay0 = b0 * ax0 + b1 * ax1 + b2 * ax2 - a1 * ay1 - a2 * ay2;
      const by0 = b0 * bx0 + b1 * bx1 + b2 * bx2 - a1 * by1 - a2 * by2;
      const az0 = ay0 - 2 * ay1 + ay2 - c1 * az1 - c2 * az2;
      const bz0 = by0 - 2 * by1 + by2 - c1 * bz1 - c2 * bz2;
      ax2 = ax1;
      ax1 = ax0;
      ay2 = ay1;
      ay1 = ay0;
      az2 = az1;
      az1 = az0;
      bx2 = bx1;
      bx1 = bx0;
      by2 = by1;
      by1 = by0;
      bz2 = bz1;
      bz1 = bz0;
      sumA += az0 * az0;
      sumB += bz0 * bz0;
    }
    storeState(sa, ax1, ax2, ay1, ay2, az1, az2);
    storeState(sb, bx1, bx2, by1, by2, bz1, bz2);
    return [sumA, sumB];
  }

  /** Loudness (LUFS) of every window of `subBlocks` × 100 ms, one per 100 ms; −Infinity for silent windows. */
  windowLoudness(subBlocks: number): Float64Array {
    const n = this.subBlockEnergy.length - subBlocks + 1;
    if (n <= 0) return new Float64Array(0);
    const out = new Float64Array(n);
    let energy = 0;
    let samples = 0;
    for (let i = 0; i < this.subBlockEnergy.length; i++) {
      energy += this.subBlockEnergy[i]!;
      samples += this.subBlockSamples[i]!;
      if (i >= subBlocks) {
        energy -= this.subBlockEnergy[i - subBlocks]!;
        samples -= this.subBlockSamples[i - subBlocks]!;
      }
      if (i >= subBlocks - 1) {
        const meanSquare = Math.max(0, energy) / samples;
        out[i - subBlocks + 1] = meanSquare > 0 ? energyToLufs(meanSquare) : -Infinity;
      }
    }
    return out;
  }

  /** Gated integrated loudness (LUFS), or null when no 400 ms block exceeds −70 LUFS (silence). */
  integratedLoudness(): number | null {
    return gatedMean(this.windowLoudness(4), RELATIVE_GATE_LU);
  }

  /** Short-term (3 s) loudness values every 100 ms, LUFS (−Infinity where silent). */
  shortTermLoudness(): Float64Array {
    return this.windowLoudness(30);
  }

  /** Loudness range (LU) per EBU Tech 3342, or null when fewer than two short-term values survive the gates. */
  loudnessRange(): number | null {
    return loudnessRangeOf(this.shortTermLoudness());
  }
}

/** Power mean of block loudness values after the absolute gate and a relative gate (LU below the first mean). */
function gatedMean(blocks: Float64Array, relativeGate: number): number | null {
  let sum = 0;
  let count = 0;
  for (const l of blocks) {
    if (l > ABSOLUTE_GATE_LUFS) {
      sum += 10 ** ((l - LOUDNESS_OFFSET) / 10);
      count++;
    }
  }
  if (count === 0) return null;
  const threshold = energyToLufs(sum / count) + relativeGate;
  sum = 0;
  count = 0;
  for (const l of blocks) {
    if (l > ABSOLUTE_GATE_LUFS && l > threshold) {
      sum += 10 ** ((l - LOUDNESS_OFFSET) / 10);
      count++;
    }
  }
  return count === 0 ? null : energyToLufs(sum / count);
}

/** EBU Tech 3342 loudness range of short-term loudness values. */
export function loudnessRangeOf(shortTerm: Float64Array): number | null {
  const absolute = Array.from(shortTerm).filter((l) => l > ABSOLUTE_GATE_LUFS);
  if (absolute.length < 2) return null;
  const mean = energyToLufs(
    absolute.reduce((s, l) => s + 10 ** ((l - LOUDNESS_OFFSET) / 10), 0) / absolute.length,
  );
  const gated = absolute.filter((l) => l > mean + LRA_RELATIVE_GATE_LU).sort((a, b) => a - b);
  if (gated.length < 2) return null;
  const percentile = (p: number): number => gated[Math.round((gated.length - 1) * p)]!;
  return percentile(0.95) - percentile(0.1);
}

// ---------------------------------------------------------------------------------------------
// True peak

const OVERSAMPLING = 4;
const TAPS_PER_PHASE = 12;
/**
 * Interpolated points are computed only where they can raise the maximum: between two samples of
 * the same sign that straddle a local extremum (the one before rises towards them, the one after
 * falls away), and whose larger magnitude is within 6 dB of the running maximum (a sine needs to
 * be above 0.35·fs to overshoot its samples by more). Elsewhere the
 * band-limited signal is monotonic between the samples or far below the peak. This makes the
 * meter ~10× cheaper than interpolating everywhere, for the same result on music and test tones.
 */
const SEARCH_MARGIN = 0.5;

function interpolationTable(): Float64Array {
  // Phase p (1…3) interpolates at p/4 between samples n and n + 1 from samples n−5 … n+6.
  const half = TAPS_PER_PHASE / 2;
  const table = new Float64Array((OVERSAMPLING - 1) * TAPS_PER_PHASE);
  const beta = 7;
  const i0 = (x: number): number => {
    let sum = 1;
    let term = 1;
    for (let k = 1; k < 40; k++) {
      term *= (x * x) / (4 * k * k);
      sum += term;
    }
    return sum;
  };
  for (let p = 1; p < OVERSAMPLING; p++) {
    const frac = p / OVERSAMPLING;
    let sum = 0;
    for (let j = 0; j < TAPS_PER_PHASE; j++) {
      const t = j - (half - 1) - frac; // tap j sits at sample n − (half − 1) + j
      const x = t / (half + 0.5);
      const window = Math.abs(x) >= 1 ? 0 : i0(beta * Math.sqrt(1 - x * x)) / i0(beta);
      const h = (Math.sin(Math.PI * t) / (Math.PI * t)) * window;
      table[(p - 1) * TAPS_PER_PHASE + j] = h;
      sum += h;
    }
    for (let j = 0; j < TAPS_PER_PHASE; j++) table[(p - 1) * TAPS_PER_PHASE + j]! /= sum;
  }
  return table;
}

const TRUE_PEAK_TABLE = interpolationTable();

/** Maximum absolute value of the 4× oversampled signal over all channels, streaming. */
export class TruePeakMeter {
  private readonly history: Float32Array[];
  private work = new Float32Array(0);
  /** Highest |sample| and highest interpolated |value| so far (linear). */
  samplePeak = 0;
  truePeak = 0;
  /** Samples at full scale (within 0.02 dB): a sign of clipping when they are more than a handful. */
  clippedSamples = 0;
  totalSamples = 0;

  constructor(channelCount: number) {
    this.history = Array.from({ length: channelCount }, () => new Float32Array(TAPS_PER_PHASE));
  }

  push(channels: readonly Float32Array[]): void {
    for (let c = 0; c < channels.length && c < this.history.length; c++) this.pushChannel(c, channels[c]!);
  }

  private pushChannel(c: number, x: Float32Array): void {
    const history = this.history[c]!;
    const n = x.length;
    const needed = TAPS_PER_PHASE + n;
    if (this.work.length < needed) this.work = new Float32Array(needed);
    const work = this.work;
    work.set(history);
    work.set(x, TAPS_PER_PHASE);

    let samplePeak = this.samplePeak;
    let clipped = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      const a = v < 0 ? -v : v;
      if (a > samplePeak) samplePeak = a;
      if (a >= 0.998) clipped++;
    }
    this.samplePeak = samplePeak;
    this.clippedSamples += clipped;
    this.totalSamples += n;

    // Interpolate between work[i] and work[i + 1] for i such that taps i−5 … i+6 are available:
    // i from half − 1 to TAPS + n − half − 1. The last half samples wait for the next chunk.
    const half = TAPS_PER_PHASE / 2;
    const table = TRUE_PEAK_TABLE;
    let peak = Math.max(this.truePeak, samplePeak);
    let threshold = peak * SEARCH_MARGIN;
    for (let i = half - 1, end = TAPS_PER_PHASE + n - half; i < end; i++) {
      const x0 = work[i]!;
      const x1 = work[i + 1]!;
      // The magnitude test first: it rejects ~95 % of pairs with a branch the CPU predicts well.
      if (Math.max(Math.abs(x0), Math.abs(x1)) < threshold) continue;
      // Positive extremum between i and i + 1, or negative one (the same with signs flipped).
      const positive = x0 > 0 && x1 > 0 && x0 >= work[i - 1]! && x1 >= work[i + 2]!;
      const negative = x0 < 0 && x1 < 0 && x0 <= work[i - 1]! && x1 <= work[i + 2]!;
      if (!positive && !negative) continue;
      const base = i - (half - 1);
      for (let p = 0; p < OVERSAMPLING - 1; p++) {
        let acc = 0;
        const row = p * TAPS_PER_PHASE;
        for (let j = 0; j < TAPS_PER_PHASE; j++) acc += table[row + j]! * work[base + j]!;
        const a = acc < 0 ? -acc : acc;
        if (a > peak) {
          peak = a;
          threshold = peak * SEARCH_MARGIN;
        }
      }
    }
    this.truePeak = peak;
    history.set(work.subarray(n, n + TAPS_PER_PHASE));
  }

  /** dBTP, or null for digital silence. */
  truePeakDb(): number | null {
    return this.truePeak > 0 ? 20 * Math.log10(this.truePeak) : null;
  }
}
