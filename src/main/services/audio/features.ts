import type { KeyEstimate } from './key';
import type { TempoEstimate } from './tempo';

// Whole-file statistics of the frame features: the common input of the descriptors and the
// embedding. Every value is finite (silence and empty inputs give 0, never NaN).

export type FeatureSummary = {
  durationSec: number;
  loudnessLufs: number;
  loudnessRange: number;
  /** Mean |short-term − integrated| over gated short-term values, LU. */
  dynamicComplexity: number;
  truePeakDb: number;
  tempo: TempoEstimate | null;
  key: KeyEstimate | null;
  /** Detected onsets per second. */
  onsetRate: number;
  percussiveShare: number;
  /** Over sounding frames: mean and spread of the spectral centroid, mean roll-off, Hz. */
  centroidMeanHz: number;
  centroidStdHz: number;
  rolloffMeanHz: number;
  zeroCrossingRate: number;
  /** Mean mel-band spectral flatness (geometric / arithmetic mean of band power), 0–1. */
  flatness: number;
  /** MFCC 1…12 mean and standard deviation, and the standard deviation of their frame-to-frame change. */
  mfccMean: number[];
  mfccStd: number[];
  mfccDeltaStd: number[];
  /** Mean chroma (index 0 = C), normalised to sum 1. */
  chroma: number[];
  /** Mean level (dB) of 8 broad mel regions relative to the mean of all of them: the spectral shape. */
  bandShape: number[];
};

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

export function standardDeviation(values: ArrayLike<number>): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i]! - m) ** 2;
  return Math.sqrt(s / values.length);
}

export function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
