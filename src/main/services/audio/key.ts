import { PITCH_CLASSES, type KeyMode, type PitchClass } from '../../../shared/audio';

// Key and mode by template matching: the file's mean chroma is correlated (Pearson) with a major
// and a minor key profile rotated to each of the 12 tonics; the best of the 24 wins.
//
// Profiles are listening-test or corpus statistics of how often / how strongly each scale degree
// is heard in a key. Several are kept because they err differently: Krumhansl–Kessler (probe-tone
// ratings) over-rates minor; Temperley's (Kostka–Payne corpus) sharpens the tonic triad;
// Sha'ath's (KeyFinder) is tuned to popular music. KEY_PROFILE_NAMES names the ones used (an
// ensemble), chosen on a validation split (scripts/tune-audio.ts); changing it changes
// ANALYSIS_VERSION.

export type KeyProfile = { major: readonly number[]; minor: readonly number[] };

export const KEY_PROFILES = {
  krumhansl: {
    major: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
    minor: [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17],
  },
  temperley: {
    major: [5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0],
    minor: [5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0],
  },
  shaath: {
    major: [6.6, 2.0, 3.5, 2.3, 4.6, 4.0, 2.5, 5.2, 2.4, 3.7, 2.3, 3.4],
    minor: [6.5, 2.7, 3.5, 5.4, 2.6, 3.5, 2.5, 5.2, 4.0, 2.7, 4.3, 3.2],
  },
  aarden: {
    major: [
      17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998,
      4.95122,
    ],
    minor: [
      18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619,
      1.75623,
    ],
  },
  bellman: {
    major: [16.8, 0.86, 12.95, 1.41, 13.49, 11.93, 1.25, 20.28, 1.8, 8.04, 0.62, 10.57],
    minor: [18.16, 0.69, 12.99, 13.34, 1.07, 11.15, 1.38, 21.07, 7.49, 1.53, 0.92, 10.21],
  },
} as const satisfies Record<string, KeyProfile>;

export type KeyProfileName = keyof typeof KEY_PROFILES;
/**
 * An ensemble of profiles: the sum of their z-scored (zero mean, unit variance) major and minor
 * profiles, so that each counts equally whatever its scale. Pearson correlation with the sum is a
 * vote in which the profiles' different errors partly cancel.
 */
export function ensembleProfile(names: readonly KeyProfileName[]): KeyProfile {
  const zScores = (values: readonly number[]): number[] => {
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
    return values.map((v) => (v - m) / sd);
  };
  const sum = (mode: 'major' | 'minor'): number[] =>
    names.map((n) => zScores(KEY_PROFILES[n][mode])).reduce((acc, z) => acc.map((v, i) => v + z[i]!));
  return { major: sum('major'), minor: sum('minor') };
}

/**
 * The profile used, chosen on the validation split of scripts/tune-audio.ts (synthetic progressions
 * in 24 keys, the odd-numbered OpenMSX pieces and the even-numbered songs of the GM corpus; 52
 * files) with the plain mean chroma (see meanChroma). MIREX on that split: 0.921 for the
 * Krumhansl–Kessler + Aarden ensemble, 0.898 Temperley, 0.897 Sha'ath, 0.886 all five, 0.858
 * Aarden, 0.842 Krumhansl–Kessler; 0.836 for analysis version 1 (Krumhansl–Kessler, log-compressed
 * frames). Every variant's numbers are in docs/audio.md. Changing it changes ANALYSIS_VERSION.
 */
export const KEY_PROFILE_NAMES: readonly KeyProfileName[] = ['krumhansl', 'aarden'];
const CHOSEN_PROFILE: KeyProfile = ensembleProfile(KEY_PROFILE_NAMES);

export type KeyEstimate = {
  key: PitchClass;
  mode: KeyMode;
  /** 0–1: (best − runner-up correlation) scaled; 0 when the two are tied. */
  confidence: number;
  /** Correlation of the best key, −1…1 (how tonal the file is). */
  correlation: number;
  runnerUp: { key: PitchClass; mode: KeyMode };
  /** Major-ness: best major correlation minus best minor correlation. */
  modeContrast: number;
};

function pearson(a: ArrayLike<number>, b: ArrayLike<number>, rotation: number): number {
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < 12; i++) {
    meanA += a[i]!;
    meanB += b[i]!;
  }
  meanA /= 12;
  meanB /= 12;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < 12; i++) {
    // Profile degree i is pitch class (i + rotation) of the chroma.
    const x = a[(i + rotation) % 12]! - meanA;
    const y = b[i]! - meanB;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
}

/**
 * Mean chroma of a file from per-frame chroma: each frame is normalised to unit maximum before
 * averaging, so that every sounding moment counts, not only the loud ones. With `compress`, each
 * frame is log-compressed first (analysis version 1): that lifts weak non-scale partials and
 * scored lower on the validation split (docs/audio.md). Frames with no energy are skipped.
 * Returns null when no frame has energy.
 */
export function meanChroma(chromaFrames: Float32Array, compress = false): Float64Array | null {
  const frames = chromaFrames.length / 12;
  const mean = new Float64Array(12);
  const frame = new Float64Array(12);
  let used = 0;
  for (let t = 0; t < frames; t++) {
    let max = 0;
    for (let i = 0; i < 12; i++) max = Math.max(max, chromaFrames[t * 12 + i]!);
    if (max <= 0) continue;
    let frameMax = 0;
    for (let i = 0; i < 12; i++) {
      const v = chromaFrames[t * 12 + i]! / max;
      frame[i] = compress ? Math.log1p(100 * v) : v;
      frameMax = Math.max(frameMax, frame[i]!);
    }
    for (let i = 0; i < 12; i++) mean[i]! += frame[i]! / frameMax;
    used++;
  }
  if (used === 0) return null;
  for (let i = 0; i < 12; i++) mean[i]! /= used;
  return mean;
}

/** The key of a mean chroma vector (index 0 = C) with a profile; null when the chroma is flat. */
export function estimateKey(
  chroma: ArrayLike<number>,
  profile: KeyProfile = CHOSEN_PROFILE,
): KeyEstimate | null {
  const scores: { tonic: number; mode: KeyMode; r: number }[] = [];
  for (let tonic = 0; tonic < 12; tonic++) {
    scores.push({ tonic, mode: 'major', r: pearson(chroma, profile.major, tonic) });
    scores.push({ tonic, mode: 'minor', r: pearson(chroma, profile.minor, tonic) });
  }
  scores.sort((x, y) => y.r - x.r);
  const best = scores[0]!;
  const second = scores[1]!;
  if (!(best.r > 0)) return null;
  const bestMajor = scores.find((s) => s.mode === 'major')!.r;
  const bestMinor = scores.find((s) => s.mode === 'minor')!.r;
  return {
    key: PITCH_CLASSES[best.tonic]!,
    mode: best.mode,
    // A margin of 0.15 in correlation is already a clear decision on real music.
    confidence: Math.max(0, Math.min(1, (best.r - second.r) / 0.15)),
    correlation: best.r,
    runnerUp: { key: PITCH_CLASSES[second.tonic]!, mode: second.mode },
    modeContrast: bestMajor - bestMinor,
  };
}
