import { GrowableFloat32, MelFilterbank } from './stft';

// Frame features of the shared rhythm/timbre STFT (22 050 Hz, 1024-point frames (46 ms), hop 512
// — 43 frames a second). Everything later (onset envelope, tempo, percussive/harmonic split, MFCC,
// brightness, the embedding) is computed from what is kept here, so the spectrum is computed once.
//
// Kept per frame (≈ 45 floats, 8 kB per second of audio — 28 MB for an hour):
// - 40 mel band energies, 40 Hz–10 kHz (power), the usual MFCC front end: with 21.5 Hz bins, each
//   band still spans at least two bins;
// - spectral centroid and 85 % roll-off in Hz (amplitude-weighted, as meyda defines them, but in
//   Hz: meyda 5.6.3 returns the centroid in FFT bins);
// - RMS and zero-crossing rate of the raw frame.

export const ANALYSIS_RATE = 22050;
export const FRAME_SIZE = 1024;
export const HOP_SIZE = 512;
export const FRAME_RATE = ANALYSIS_RATE / HOP_SIZE;
export const MEL_BANDS = 40;
const MEL_MIN_HZ = 40;
const MEL_MAX_HZ = 10000;
const ROLLOFF_SHARE = 0.85;

export class SpectralFeatures {
  readonly mel = new GrowableFloat32(MEL_BANDS * 4096);
  readonly centroidHz = new GrowableFloat32();
  readonly rolloffHz = new GrowableFloat32();
  readonly rms = new GrowableFloat32();
  readonly zeroCrossingRate = new GrowableFloat32();
  private readonly filterbank = new MelFilterbank(
    MEL_BANDS,
    FRAME_SIZE,
    ANALYSIS_RATE,
    MEL_MIN_HZ,
    MEL_MAX_HZ,
  );
  private readonly amplitude = new Float32Array(FRAME_SIZE / 2 + 1);
  private readonly binHz = ANALYSIS_RATE / FRAME_SIZE;

  get frames(): number {
    return this.rms.length;
  }

  /** The FrameConsumer of the rhythm/timbre STFT. */
  readonly consume = (power: Float32Array, frame: Float32Array): void => {
    this.filterbank.apply(power, this.mel.extend(MEL_BANDS));

    const amplitude = this.amplitude;
    let total = 0;
    let weighted = 0;
    for (let k = 0; k < power.length; k++) {
      const a = Math.sqrt(power[k]!);
      amplitude[k] = a;
      total += a;
      weighted += k * a;
    }
    let rolloffBin = 0;
    if (total > 0) {
      const target = ROLLOFF_SHARE * total;
      let cumulative = 0;
      while (rolloffBin < amplitude.length - 1 && cumulative + amplitude[rolloffBin]! < target) {
        cumulative += amplitude[rolloffBin]!;
        rolloffBin++;
      }
    }
    this.centroidHz.push(total > 0 ? (weighted / total) * this.binHz : 0);
    this.rolloffHz.push(rolloffBin * this.binHz);

    let sumSquares = 0;
    let crossings = 0;
    let previous = frame[0]!;
    for (let i = 0; i < frame.length; i++) {
      const v = frame[i]!;
      sumSquares += v * v;
      if (v >= 0 !== previous >= 0) crossings++;
      previous = v;
    }
    this.rms.push(Math.sqrt(sumSquares / frame.length));
    this.zeroCrossingRate.push(crossings / frame.length);
  };
}

/**
 * Log-mel spectrogram in dB relative to the loudest band of the file, floored 80 dB below it:
 * level-independent (a demo mastered 40 dB quieter gives the same picture).
 */
export function logMelSpectrogram(mel: Float32Array): Float32Array {
  let max = 0;
  for (let i = 0; i < mel.length; i++) if (mel[i]! > max) max = mel[i]!;
  const out = new Float32Array(mel.length);
  if (max <= 0) return out.fill(-80);
  const floor = max * 1e-8;
  const scale = 10 / Math.LN10;
  const ref = Math.log(max);
  for (let i = 0; i < mel.length; i++) {
    const p = mel[i]! > floor ? mel[i]! : floor;
    out[i] = scale * (Math.log(p) - ref);
  }
  return out;
}

/** MFCC (DCT-II of the log-mel frame, orthonormal), coefficients 0…count−1, for every frame. */
export function mfccFrames(logMel: Float32Array, bands: number, count: number): Float32Array {
  const frames = logMel.length / bands;
  const basis = new Float32Array(count * bands);
  for (let c = 0; c < count; c++) {
    const norm = c === 0 ? Math.sqrt(1 / bands) : Math.sqrt(2 / bands);
    for (let b = 0; b < bands; b++) basis[c * bands + b] = norm * Math.cos((Math.PI * c * (b + 0.5)) / bands);
  }
  const out = new Float32Array(frames * count);
  for (let t = 0; t < frames; t++) {
    const row = t * bands;
    for (let c = 0; c < count; c++) {
      let acc = 0;
      const basisRow = c * bands;
      for (let b = 0; b < bands; b++) acc += basis[basisRow + b]! * logMel[row + b]!;
      out[t * count + c] = acc;
    }
  }
  return out;
}
