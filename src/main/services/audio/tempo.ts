import FFT from 'fft.js';

// Tempo from the onset strength envelope: autocorrelation tempogram, harmonic comb, log-normal
// tempo prior, octave check, then sub-frame refinement on the whole-file autocorrelation.
//
// 1. The envelope's local mean (±0.5 s) is removed and the rest half-wave rectified, so that
//    crescendos and quiet intros do not dominate.
// 2. Tempogram: 8 s Hann windows every second, each autocorrelated and normalised by its energy;
//    the mean over windows is the "pulse spectrum" A(lag), robust to tempo drift and breaks. The
//    same windows' DFT magnitudes, averaged, are the Fourier tempogram F(tempo), used in step 4.
// 3. Every tempo from 40 to 240 BPM (0.15 % steps) is scored by a comb over its beat period τ:
//    A(τ) + A(2τ)/2 + A(3τ)/3 + A(4τ)/4 — a real beat repeats at every bar-level multiple.
// 4. The comb score times a log-normal prior (centred on 120 BPM, σ one octave) picks a tempo;
//    its metrical level is then re-checked with a pulse train and the Fourier tempogram (see
//    chooseMetricalLevel).
// 5. The beat period is refined to a fraction of a frame by maximising the sum of the whole-file
//    autocorrelation at its multiples up to 16 s: a 43 Hz envelope alone would quantise a 120 BPM
//    tempo in 5 % steps.

export type TempoEstimate = {
  bpm: number;
  /**
   * 0–1: the height of the pulse spectrum at the beat period (0 at 0.05, 1 from 0.40), halved when
   * no 8 s window agrees with the tempo (× (1 + stability) / 2). Version 1 used the height alone; a
   * whale song's irregular pulses then scored 0.51 at an arbitrary period its windows disagree on.
   */
  confidence: number;
  /** The other plausible metrical level. */
  alternative: number;
  /** Normalised autocorrelation at the beat period, 0–1 (beat strength). */
  pulseClarity: number;
  /** Share of 8 s windows whose own strongest period agrees with the tempo (±4 %), 0–1. */
  stability: number;
};

const MIN_BPM = 40;
const MAX_BPM = 240;

/** Tunable choices of the estimator (scripts/tune-audio.ts compares them on the validation split). */
export type TempoOptions = {
  priorCentreBpm: number;
  priorSigmaOctaves: number;
  /**
   * How the beat family is chosen (see chooseMetricalLevel): 'pulse-train' by the pulse-train score
   * alone (analysis version 1), 'vote' by the pulse-train score times the Fourier family score.
   */
  method: 'pulse-train' | 'vote';
  /** Factor by which a beat family other than the comb's must win. */
  familyMargin: number;
  /** Exponent of the Fourier tempogram in the octave choice (0: comb × prior only). */
  fourierWeight: number;
};

/**
 * Chosen on the validation split of scripts/tune-audio.ts (docs/audio.md lists every variant tried
 * with its numbers). Version 1 was { priorCentreBpm: 110, method: 'pulse-train', familyMargin: 1.15 }.
 */
export const DEFAULT_TEMPO_OPTIONS: TempoOptions = {
  priorCentreBpm: 120,
  priorSigmaOctaves: 1,
  method: 'vote',
  familyMargin: 1.3,
  fourierWeight: 0,
};
const WINDOW_SEC = 8;
const WINDOW_HOP_SEC = 1;
const REFINE_MAX_LAG_SEC = 16;

/** Removes the local mean (±halfWidth frames) and keeps the positive part. */
export function detrendOnset(onset: Float32Array, halfWidth: number): Float32Array {
  const n = onset.length;
  const out = new Float32Array(n);
  let sum = 0;
  let lo = 0;
  let hi = -1;
  for (let t = 0; t < n; t++) {
    const wantHi = Math.min(n - 1, t + halfWidth);
    const wantLo = Math.max(0, t - halfWidth);
    while (hi < wantHi) sum += onset[++hi]!;
    while (lo < wantLo) sum -= onset[lo++]!;
    const mean = sum / (hi - lo + 1);
    const v = onset[t]! - mean;
    out[t] = v > 0 ? v : 0;
  }
  return out;
}

function nextPowerOfTwo(n: number): number {
  let p = 2;
  while (p < n) p <<= 1;
  return p;
}

/** Autocorrelation of `signal` for lags 0…maxLag via FFT (zero-padded, so not circular). */
function autocorrelate(
  fft: FFT,
  input: Float64Array,
  spectrum: Float64Array,
  result: Float64Array,
  maxLag: number,
  out: Float64Array,
  magnitude?: Float64Array,
): void {
  fft.realTransform(spectrum, input);
  fft.completeSpectrum(spectrum);
  for (let k = 0; k < spectrum.length; k += 2) {
    const re = spectrum[k]!;
    const im = spectrum[k + 1]!;
    spectrum[k] = re * re + im * im;
    spectrum[k + 1] = 0;
    if (magnitude && k / 2 < magnitude.length) magnitude[k / 2] = Math.sqrt(spectrum[k]!);
  }
  fft.inverseTransform(result, spectrum);
  for (let lag = 0; lag <= maxLag; lag++) out[lag] = result[2 * lag]!;
}

/** Linear interpolation of a sampled function at a fractional index (0 beyond its end). */
function at(values: Float64Array, index: number): number {
  const i = Math.floor(index);
  if (i < 0 || i + 1 >= values.length) return 0;
  const f = index - i;
  return values[i]! * (1 - f) + values[i + 1]! * f;
}

function logNormalPrior(bpm: number, options: TempoOptions): number {
  const octaves = Math.log2(bpm / options.priorCentreBpm);
  return Math.exp(-0.5 * (octaves / options.priorSigmaOctaves) ** 2);
}

/** Comb score of a beat period (frames) on a pulse spectrum. */
function combScore(pulse: Float64Array, period: number): number {
  let score = 0;
  for (let k = 1; k <= 4; k++) {
    const lag = k * period;
    if (lag >= pulse.length - 1) break;
    score += at(pulse, lag) / k;
  }
  return score;
}

/**
 * Estimates the tempo of an onset envelope sampled at `frameRate` Hz. Returns null when the
 * envelope is too short (< 2 beat periods at 40 BPM) or flat.
 */
export function estimateTempo(
  onset: Float32Array,
  frameRate: number,
  options: TempoOptions = DEFAULT_TEMPO_OPTIONS,
): TempoEstimate | null {
  const n = onset.length;
  const maxPeriod = (60 * frameRate) / MIN_BPM;
  if (n < 2 * maxPeriod) return null;
  const novelty = detrendOnset(onset, Math.round(0.5 * frameRate));

  // --- tempogram (mean normalised autocorrelation of 8 s windows)
  const window = Math.min(n, Math.round(WINDOW_SEC * frameRate));
  const hop = Math.max(1, Math.round(WINDOW_HOP_SEC * frameRate));
  const maxLag = Math.min(window - 1, Math.ceil(4 * maxPeriod));
  const size = nextPowerOfTwo(2 * window);
  const fft = new FFT(size);
  const input = new Float64Array(size);
  const spectrum = new Float64Array(2 * size);
  const result = new Float64Array(2 * size);
  const local = new Float64Array(maxLag + 1);
  const taper = new Float64Array(window);
  for (let i = 0; i < window; i++) taper[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / window);
  const pulse = new Float64Array(maxLag + 1);
  // Fourier tempogram: mean over windows of |DFT| of the window's novelty, bin k = k·frameRate/size Hz.
  const fourierBins = size / 2 + 1;
  const localMagnitude = new Float64Array(fourierBins);
  const fourier = new Float64Array(fourierBins);
  const localPeriods: number[] = [];
  let windows = 0;
  const minPeriod = (60 * frameRate) / MAX_BPM;
  for (let start = 0; start + window <= n; start += hop) {
    input.fill(0);
    for (let i = 0; i < window; i++) input[i] = novelty[start + i]! * taper[i]!;
    autocorrelate(fft, input, spectrum, result, maxLag, local, localMagnitude);
    const energy = local[0]!;
    if (!(energy > 1e-9)) continue;
    const norm = 1 / Math.sqrt(energy);
    for (let k = 0; k < fourierBins; k++) fourier[k]! += localMagnitude[k]! * norm;
    let best = 0;
    let bestLag = 0;
    for (let lag = 0; lag <= maxLag; lag++) {
      const v = local[lag]! / energy;
      pulse[lag]! += v;
      if (lag >= minPeriod && lag <= maxPeriod) {
        const weighted = v * logNormalPrior((60 * frameRate) / lag, options);
        if (weighted > best) {
          best = weighted;
          bestLag = lag;
        }
      }
    }
    if (bestLag > 0) localPeriods.push(bestLag);
    windows++;
  }
  if (windows === 0) return null;
  for (let lag = 0; lag <= maxLag; lag++) pulse[lag]! /= windows;

  // --- comb × prior over the tempo grid
  const steps = Math.ceil(Math.log(MAX_BPM / MIN_BPM) / Math.log(1.0015));
  const grid: number[] = [];
  const gridScores: number[] = [];
  for (let s = 0; s <= steps; s++) {
    const bpm = MIN_BPM * 1.0015 ** s;
    grid.push(bpm);
    gridScores.push(combScore(pulse, (60 * frameRate) / bpm) * logNormalPrior(bpm, options));
  }
  let best = 0;
  for (let i = 1; i < grid.length; i++) if (gridScores[i]! > gridScores[best]!) best = i;
  const bestScore = gridScores[best]!;
  if (!(bestScore > 0)) return null;
  // Other strong local maxima of the comb (within 60 % of the best) are candidates too.
  const peaks: number[] = [];
  for (let i = 1; i < grid.length - 1; i++) {
    const v = gridScores[i]!;
    if (i !== best && v >= 0.6 * bestScore && v >= gridScores[i - 1]! && v > gridScores[i + 1]!)
      peaks.push(grid[i]!);
  }
  const fourierAt = (bpm: number): number => {
    // The strongest Fourier tempogram value within ±2 % (the comb's grid is finer than the DFT's).
    let v = 0;
    for (const f of [0.98, 0.99, 1, 1.01, 1.02])
      v = Math.max(v, at(fourier, (bpm * f * size) / (60 * frameRate)));
    return v / windows;
  };
  const chosen = chooseMetricalLevel(grid[best]!, peaks, onset, pulse, frameRate, fourierAt, options);

  // --- refinement on the whole-file autocorrelation
  const refined = refinePeriod(novelty, (60 * frameRate) / chosen.bpm, frameRate);
  const bpm = (60 * frameRate) / refined;
  const alternative = (chosen.alternative / chosen.bpm) * bpm;

  const pulseClarity = Math.max(0, Math.min(1, at(pulse, refined)));
  const agree = localPeriods.filter((p) => {
    const ratio = p / refined;
    return [0.5, 1, 2].some((m) => Math.abs(ratio / m - 1) <= 0.04);
  }).length;
  const stability = localPeriods.length ? agree / localPeriods.length : 0;
  const clarityScore = Math.max(0, Math.min(1, (pulseClarity - 0.05) / 0.35));
  return {
    bpm,
    alternative,
    pulseClarity,
    confidence: clarityScore * (0.5 + 0.5 * stability),
    stability,
  };
}

/**
 * Pulse-train score of a tempo: in 8 s windows, the mean onset strength at the beat positions
 * (best phase, each position taking the strongest frame within ±1) divided by the window's mean
 * onset strength, averaged over windows. The autocorrelation cannot tell the beat from other
 * multiples of the eighth-note grid (a dotted quarter repeats as regularly as a quarter); at the
 * true beat, the positions land on the strong events (kick, snare, chord changes), while a tempo
 * ×⅔ or ×4/3 alternates between strong and weak positions and double tempo adds the off-beats.
 */
function pulseTrainScore(onset: Float32Array, period: number, frameRate: number): number {
  const n = onset.length;
  const window = Math.min(n, Math.round(WINDOW_SEC * frameRate));
  let total = 0;
  let windows = 0;
  // Windows overlap by half, and the last one ends at the end of the file: a 14 s loop still gets
  // three windows.
  for (let start = 0; ; start = Math.min(start + (window >> 1), n - window)) {
    const end = start + window;
    let mean = 0;
    for (let t = start; t < end; t++) mean += onset[t]!;
    mean /= window;
    if (mean > 0) {
      let best = 0;
      for (let phase = 0; phase < period; phase++) {
        let sum = 0;
        let count = 0;
        for (let position = start + phase; position < end - 1; position += period) {
          const t = Math.round(position);
          sum += Math.max(onset[t - 1] ?? 0, onset[t]!, onset[t + 1] ?? 0);
          count++;
        }
        if (count > 0 && sum / count > best) best = sum / count;
      }
      total += best / mean;
      windows++;
    }
    if (end >= n) break;
  }
  return windows ? total / windows : 0;
}

/**
 * The metrical level, in two steps. (1) The beat family: the comb's best tempo B competes with
 * B×⅔, B×¾, B×4/3 and B×3/2 (and the comb's other strong peaks) on pulse-train score × prior ×
 * Fourier family score F(c/2) + F(c) + F(2c). The two views err differently: the autocorrelation
 * comb rewards every lag a syncopated pattern repeats at (1.5 beats for a 3-3-2 kick), while the
 * Fourier tempogram has energy only at harmonics of the bar rate, where the true beat, half bar
 * and eighth notes lie and a ×⅔ relative of a 4/4 beat does not. (2) The octave: among ½, 1 and 2 times the
 * family's tempo, the comb × prior decides (the pulse-train score is biased towards half tempo:
 * at half tempo it keeps whichever of two beats is stronger). The alternative is the better of
 * half and double.
 */
function chooseMetricalLevel(
  bpm: number,
  peaks: number[],
  onset: Float32Array,
  pulse: Float64Array,
  frameRate: number,
  fourierAt: (bpm: number) => number,
  options: TempoOptions,
): { bpm: number; alternative: number } {
  const inRange = (b: number): boolean => b >= MIN_BPM && b <= MAX_BPM;
  const familyFourier = (c: number): number =>
    options.method === 'vote' ? fourierAt(c / 2) + fourierAt(c) + fourierAt(2 * c) : 1;
  const pulseScore = (b: number): number =>
    pulseTrainScore(onset, (60 * frameRate) / b, frameRate) * logNormalPrior(b, options) * familyFourier(b);
  const combPrior = (b: number): number =>
    combScore(pulse, (60 * frameRate) / b) *
    fourierAt(b) ** options.fourierWeight *
    logNormalPrior(b, options);
  let family = bpm;
  let familyScore = pulseScore(bpm);
  const threshold = familyScore * options.familyMargin;
  for (const b of [...peaks, ...[2 / 3, 0.75, 4 / 3, 1.5].map((r) => bpm * r)].filter(inRange)) {
    if (Math.abs(Math.log2(b / bpm)) % 1 < 0.03 || Math.abs(Math.log2(b / bpm)) % 1 > 0.97) continue; // octaves: step 2
    const score = pulseScore(b);
    if (score > threshold && score > familyScore) {
      family = b;
      familyScore = score;
    }
  }
  const octave = [family / 2, family, family * 2].filter(inRange);
  const chosen = octave.reduce((x, y) => (combPrior(y) > combPrior(x) ? y : x));
  const others = [chosen / 2, chosen * 2].filter(inRange);
  const alternative = others.length ? others.reduce((x, y) => (combPrior(y) > combPrior(x) ? y : x)) : chosen;
  return { bpm: chosen, alternative };
}

/** Beat period (frames, fractional) maximising the whole-file autocorrelation at its multiples, within ±3 %. */
function refinePeriod(novelty: Float32Array, period: number, frameRate: number): number {
  const n = novelty.length;
  const maxLag = Math.min(n - 1, Math.round(REFINE_MAX_LAG_SEC * frameRate));
  const size = nextPowerOfTwo(2 * n);
  const fft = new FFT(size);
  const input = new Float64Array(size);
  for (let i = 0; i < n; i++) input[i] = novelty[i]!;
  const spectrum = new Float64Array(2 * size);
  const result = new Float64Array(2 * size);
  const ac = new Float64Array(maxLag + 1);
  autocorrelate(fft, input, spectrum, result, maxLag, ac);
  // Unbiased: divide by the overlap, so long lags are not penalised.
  for (let lag = 0; lag <= maxLag; lag++) ac[lag]! /= n - lag;
  let best = period;
  let bestScore = -Infinity;
  for (let f = 0.97; f <= 1.03; f += 0.0005) {
    const p = period * f;
    let score = 0;
    let count = 0;
    for (let k = 1; k * p < maxLag; k++) {
      score += at(ac, k * p);
      count++;
    }
    if (count > 0 && score / count > bestScore) {
      bestScore = score / count;
      best = p;
    }
  }
  return best;
}
