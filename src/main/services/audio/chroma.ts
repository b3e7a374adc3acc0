import { GrowableFloat32 } from './stft';

// Tuned chroma (pitch-class profile) from a long-window STFT, for key estimation.
//
// A 2048-point frame at 22 050 Hz has 10.8 Hz bins: two semitones apart at 110 Hz fall in the same
// bin (meyda's STFT chroma smears below ~150 Hz for that reason). The tonal STFT therefore uses
// 8192-point frames (2.7 Hz bins, 371 ms), back to back (the key is a whole-file statistic: half
// the frames of a 50 % overlap give the same answer for half the cost), and reads pitches from spectral
// peaks refined by parabolic interpolation, which places a partial to within a few cents — finer
// than any bin. Each peak between 55 Hz (A1) and 3520 Hz (A7) adds its amplitude to one of 216
// bins of a third of a semitone. The tuning (deviation of the whole file from A = 440 Hz, e.g. a
// band tuned to 432 Hz or a sped-up tape) is the circular mean of the peaks' deviations from the
// equal-tempered grid; bins are folded into 12 pitch classes only once it is known.

export const TONAL_FRAME_SIZE = 8192;
export const TONAL_HOP_SIZE = 8192;
const LOWEST_HZ = 55; // A1: pitch-class index of bin 0 is A
const OCTAVES = 6;
const BINS_PER_SEMITONE = 3;
export const PITCH_BINS = OCTAVES * 12 * BINS_PER_SEMITONE;
/** Peaks more than 60 dB below the frame's strongest are noise. */
const PEAK_FLOOR = 1e-6;

export class PitchProfileCollector {
  readonly bins = new GrowableFloat32(PITCH_BINS * 1024);
  private tuningCos = 0;
  private tuningSin = 0;
  private readonly binHz: number;
  private readonly firstBin: number;
  private readonly lastBin: number;

  constructor(sampleRate: number) {
    this.binHz = sampleRate / TONAL_FRAME_SIZE;
    this.firstBin = Math.max(2, Math.floor(LOWEST_HZ / 2 ** (1 / 24) / this.binHz));
    this.lastBin = Math.min(TONAL_FRAME_SIZE / 2 - 2, Math.ceil((LOWEST_HZ * 2 ** OCTAVES) / this.binHz));
  }

  get frames(): number {
    return this.bins.length / PITCH_BINS;
  }

  /** The FrameConsumer of the tonal STFT. */
  readonly consume = (power: Float32Array): void => {
    const out = this.bins.extend(PITCH_BINS);
    out.fill(0);
    let max = 0;
    for (let k = this.firstBin; k <= this.lastBin; k++) if (power[k]! > max) max = power[k]!;
    if (max <= 0) return;
    const floor = max * PEAK_FLOOR;
    for (let k = this.firstBin; k <= this.lastBin; k++) {
      const p = power[k]!;
      if (p <= floor || p <= power[k - 1]! || p < power[k + 1]!) continue;
      // Parabolic interpolation of the log power around the peak: offset in bins and peak height.
      const a = Math.log(power[k - 1]! + 1e-30);
      const b = Math.log(p);
      const c = Math.log(power[k + 1]! + 1e-30);
      const denominator = a - 2 * b + c;
      const offset = denominator < 0 ? (0.5 * (a - c)) / denominator : 0;
      const hz = (k + offset) * this.binHz;
      const amplitude = Math.exp(0.5 * (b - 0.25 * (a - c) * offset));
      const semitones = 12 * Math.log2(hz / LOWEST_HZ);
      const bin = Math.round(semitones * BINS_PER_SEMITONE);
      if (bin < 0 || bin >= PITCH_BINS) continue;
      out[bin]! += amplitude;
      const angle = 2 * Math.PI * semitones;
      this.tuningCos += amplitude * Math.cos(angle);
      this.tuningSin += amplitude * Math.sin(angle);
    }
  };

  /** Deviation of the file's tuning from A440, in semitones (−0.5…0.5). */
  tuningSemitones(): number {
    if (this.tuningCos === 0 && this.tuningSin === 0) return 0;
    return Math.atan2(this.tuningSin, this.tuningCos) / (2 * Math.PI);
  }

  /** Per frame, 12 pitch-class amplitudes (index 0 = C), folded with the estimated tuning. */
  chromaFrames(): Float32Array {
    const frames = this.frames;
    const tuning = this.tuningSemitones();
    const pitchClassOfBin = new Int8Array(PITCH_BINS);
    for (let b = 0; b < PITCH_BINS; b++) {
      const semitone = Math.round(b / BINS_PER_SEMITONE - tuning);
      pitchClassOfBin[b] = (((semitone + 9) % 12) + 12) % 12; // bin 0 is A (pitch class 9)
    }
    const bins = this.bins.view();
    const chroma = new Float32Array(frames * 12);
    for (let t = 0; t < frames; t++) {
      for (let b = 0; b < PITCH_BINS; b++) {
        const v = bins[t * PITCH_BINS + b]!;
        if (v > 0) chroma[t * 12 + pitchClassOfBin[b]!]! += v;
      }
    }
    return chroma;
  }
}
