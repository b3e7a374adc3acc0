import { EMBEDDING_LENGTH } from '../../../shared/audio';
import type { FeatureSummary } from './features';

// A fixed-length "sound profile" for similarity between demos and artists (embedding version 1):
// 64 whole-file statistics, each standardised by a fixed centre and spread, clipped to ±4, and the
// vector scaled to unit length, so cosine similarity is a dot product. Level-dependent quantities
// (MFCC 0, absolute band levels) are left out; the level enters only through the integrated
// loudness, one dimension of 64, so the same song mastered louder stays close.
//
//   0–11  MFCC 1–12 means (timbre)            12–23 MFCC 1–12 standard deviations
//  24–35  MFCC 1–12 frame-to-frame change    36–41 |DFT| 1–6 of the mean chroma (key-invariant harmony)
//  42–49  spectral shape in 8 mel regions    50–63 centroid mean/spread, roll-off, flatness, zero
//         crossings, onset rate, log tempo, pulse clarity, percussive share, loudness, loudness
//         range, dynamic complexity, major/minor contrast, key correlation
//
// Centres and spreads are the mean and standard deviation of each statistic over the corpus's 40
// music files (25 OpenMSX renders, 5 librosa recordings, 10 Sonic Pi loops), rounded to two
// significant digits (scripts/calibrate-embedding.ts prints them). They only put the dimensions on
// comparable scales; changing them changes every embedding, so they go with EMBEDDING_VERSION.

type Dimension = { centre: number; spread: number };

const dims = (pairs: [number, number][]): Dimension[] =>
  pairs.map(([centre, spread]) => ({ centre, spread }));

// prettier-ignore
const DIMENSIONS: Dimension[] = dims([
  // MFCC 1–12 means
  [51, 28], [2.9, 19], [11, 9.7], [1.9, 5.7], [1.5, 5.7], [-1.3, 5.1],
  [0.57, 4.8], [-1.2, 4.6], [0.23, 3.5], [0.21, 2.3], [0.23, 2.3], [-0.32, 2.2],
  // MFCC 1–12 standard deviations
  [21, 7], [15, 5.6], [9.6, 3.1], [7.7, 2.4], [6.9, 1.9], [6.5, 1.7],
  [6.1, 2.1], [5.8, 1.9], [5.5, 1.5], [5.4, 1.6], [5.2, 1.6], [5, 1.6],
  // MFCC 1–12 frame-to-frame change (standard deviation)
  [11, 4.2], [6.8, 2.2], [5, 1.2], [4.3, 0.74], [4, 0.77], [3.9, 0.63],
  [3.7, 0.56], [3.6, 0.53], [3.4, 0.55], [3.4, 0.57], [3.4, 0.48], [3.3, 0.4],
  // |DFT| 1–6 of the mean chroma
  [0.024, 0.018], [0.03, 0.03], [0.027, 0.024], [0.021, 0.021], [0.068, 0.054], [0.019, 0.022],
  // spectral shape, 8 mel regions, dB relative to their mean
  [14, 9.3], [8.9, 6], [3.3, 4.6], [0.83, 3.7], [-1.3, 3.7], [-4.8, 3.9], [-8.4, 5.3], [-12, 5.9],
  // centroid mean, centroid spread, roll-off (Hz); flatness; zero-crossing rate
  [1800, 900], [680, 290], [3600, 1700], [0.12, 0.087], [0.086, 0.071],
  // onsets per second, log2(bpm / 120), pulse clarity, percussive share
  [3.9, 1.2], [-0.13, 0.31], [0.42, 0.13], [0.27, 0.18],
  // LUFS, LRA, dynamic complexity (LU), major − minor correlation, key correlation
  [-14, 4.9], [5.6, 3.9], [1.8, 1.4], [0.052, 0.15], [0.71, 0.14],
]);
if (DIMENSIONS.length !== EMBEDDING_LENGTH)
  throw new Error(`embedding layout has ${DIMENSIONS.length} dimensions`);

/** Magnitudes of the DFT of a 12-bin chroma at k = 1…6: unchanged when the music is transposed. */
export function chromaDftMagnitudes(chroma: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = 1; k <= 6; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < 12; i++) {
      re += chroma[i]! * Math.cos((2 * Math.PI * k * i) / 12);
      im -= chroma[i]! * Math.sin((2 * Math.PI * k * i) / 12);
    }
    out.push(Math.hypot(re, im));
  }
  return out;
}

/** The raw (unstandardised) statistics, in embedding order. */
export function embeddingStatistics(f: FeatureSummary): number[] {
  return [
    ...f.mfccMean,
    ...f.mfccStd,
    ...f.mfccDeltaStd,
    ...chromaDftMagnitudes(f.chroma),
    ...f.bandShape,
    f.centroidMeanHz,
    f.centroidStdHz,
    f.rolloffMeanHz,
    f.flatness,
    f.zeroCrossingRate,
    f.onsetRate,
    f.tempo ? Math.log2(f.tempo.bpm / 120) : 0,
    f.tempo?.pulseClarity ?? 0,
    f.percussiveShare,
    f.loudnessLufs,
    f.loudnessRange,
    f.dynamicComplexity,
    f.key?.modeContrast ?? 0,
    f.key?.correlation ?? 0,
  ];
}

/** The unit-length embedding of a file's feature summary (EMBEDDING_LENGTH numbers, rounded to 1e-4). */
export function buildEmbedding(f: FeatureSummary): number[] {
  const raw = embeddingStatistics(f);
  const z = raw.map((x, i) => {
    const { centre, spread } = DIMENSIONS[i]!;
    const v = (x - centre) / spread;
    return Number.isFinite(v) ? Math.max(-4, Math.min(4, v)) : 0;
  });
  const norm = Math.hypot(...z);
  return z.map((v) => (norm > 0 ? Math.round((v / norm) * 10000) / 10000 : 0) + 0);
}

/** Cosine similarity of two embeddings of the same version, −1…1 (0 when either is empty or zero). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
