// Onset strength and the percussive/harmonic split, both from the log-mel spectrogram.

/**
 * Onset strength envelope (one value per STFT frame): half-wave-rectified spectral flux of the
 * log-mel spectrogram, averaged over bands (librosa's onset_strength). Log compression makes a
 * soft note onset count as much as a loud one; rectification keeps only energy increases.
 */
export function onsetStrength(logMel: Float32Array, bands: number): Float32Array {
  const frames = logMel.length / bands;
  const out = new Float32Array(frames);
  for (let t = 1; t < frames; t++) {
    let sum = 0;
    const row = t * bands;
    const previous = row - bands;
    for (let b = 0; b < bands; b++) {
      const d = logMel[row + b]! - logMel[previous + b]!;
      if (d > 0) sum += d;
    }
    out[t] = sum / bands;
  }
  return out;
}

/** Median of the first `length` values of a scratch array (insertion sort: n ≤ 17, no allocation). */
function medianInPlace(values: Float32Array, length: number): number {
  for (let i = 1; i < length; i++) {
    const v = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > v) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = v;
  }
  return length % 2 ? values[length >> 1]! : 0.5 * (values[(length >> 1) - 1]! + values[length >> 1]!);
}

/**
 * Share of percussive energy, 0–1, by median-filtering HPSS (Fitzgerald 2010) on the mel power
 * spectrogram: a frame/band's energy is harmonic when it is close to the median along time (a
 * sustained partial), percussive when close to the median along frequency (a broadband click).
 * Computed on every `stride`-th frame to bound the cost (the share is a whole-file statistic).
 */
export function percussiveShare(melPower: Float32Array, bands: number, stride = 8): number {
  const frames = melPower.length / bands;
  const half = 8; // 17-frame (0.4 s) time median, 17-band frequency median (of 40)
  const scratch = new Float32Array(2 * half + 1);
  let harmonic = 0;
  let percussive = 0;
  for (let t = half; t < frames - half; t += stride) {
    for (let b = 0; b < bands; b++) {
      let n = 0;
      for (let u = t - half; u <= t + half; u++) scratch[n++] = melPower[u * bands + b]!;
      const alongTime = medianInPlace(scratch, n);
      n = 0;
      for (let c = Math.max(0, b - half); c <= Math.min(bands - 1, b + half); c++)
        scratch[n++] = melPower[t * bands + c]!;
      const alongFrequency = medianInPlace(scratch, n);
      const e = melPower[t * bands + b]!;
      // Soft (Wiener) masks with power 2, as librosa's hpss(margin=1).
      const h2 = alongTime * alongTime;
      const p2 = alongFrequency * alongFrequency;
      const total = h2 + p2;
      if (total <= 0) continue;
      harmonic += (e * h2) / total;
      percussive += (e * p2) / total;
    }
  }
  const sum = harmonic + percussive;
  return sum > 0 ? percussive / sum : 0;
}
