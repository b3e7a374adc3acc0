import { describe, expect, it } from 'vitest';
import Meyda from 'meyda';
import { resample, StreamingResampler } from '../src/main/services/audio/resample';
import { PolarityAlignedDownmix } from '../src/main/services/audio/downmix';
import { SpectralFeatures, FRAME_SIZE, HOP_SIZE, ANALYSIS_RATE } from '../src/main/services/audio/spectral';
import { StreamingStft } from '../src/main/services/audio/stft';
import { sniffFormat } from '../src/main/services/audio/container';
import { sine } from './audio-fixtures';

// The building blocks on their own: resampling quality, streaming invariance, the downmix, the
// spectral features against meyda, and format sniffing.

function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / (to - from));
}

describe('resampling', () => {
  it.each([
    [44100, 22050],
    [48000, 22050],
    [96000, 22050],
    [8000, 22050],
    [11025, 22050],
    [44056, 22050], // a ratio with a huge L: quantised phases
  ])('%i → %i Hz keeps a 1 kHz sine at its level and frequency', (from, to) => {
    const out = resample(sine(1000, 2, from, 0.5), from, to);
    expect(Math.abs(out.length - 2 * to)).toBeLessThanOrEqual(2);
    const reference = sine(1000, 2, to, 0.5);
    // Level within 0.05 dB and waveform within 1 % once past the filter's start-up.
    expect(
      20 * Math.log10(rms(out, 1000, out.length - 1000) / rms(reference, 1000, out.length - 1000)),
    ).toBeCloseTo(0, 1);
    let error = 0;
    for (let i = 1000; i < out.length - 1000; i++) error = Math.max(error, Math.abs(out[i]! - reference[i]!));
    expect(error).toBeLessThan(0.005);
  });

  it('removes what would alias: a 15 kHz sine is gone at 22.05 kHz (linear interpolation would fold it to 7 kHz)', () => {
    for (const from of [44100, 48000]) {
      const out = resample(sine(15000, 1, from, 0.5), from, 22050);
      expect(20 * Math.log10(rms(out, 500, out.length - 500) / (0.5 / Math.SQRT2)), `${from}`).toBeLessThan(
        -50,
      );
    }
  });

  it('gives the same samples whatever the chunking', () => {
    const input = sine(440, 1, 48000, 0.3);
    const whole = resample(input, 48000, 22050);
    const r = new StreamingResampler(48000, 22050);
    const parts: number[] = [];
    for (let start = 0, size = 1; start < input.length; start += size, size = ((size * 7) % 5000) + 1) {
      parts.push(...r.process(input.subarray(start, Math.min(input.length, start + size))));
    }
    parts.push(...r.flush());
    expect(parts.length).toBe(whole.length);
    let diff = 0;
    for (let i = 0; i < whole.length; i++) diff = Math.max(diff, Math.abs(parts[i]! - whole[i]!));
    expect(diff).toBeLessThan(1e-6);
  });
});

describe('downmix', () => {
  it('does not cancel a channel inverted against the other', () => {
    const left = sine(300, 1, 44100, 0.5);
    const right = left.map((v) => -v);
    const mono = new PolarityAlignedDownmix(2).process([left, right]);
    expect(rms(mono)).toBeCloseTo(rms(left), 3);
  });

  it('averages correlated channels and leaves out the LFE of 5.1', () => {
    const x = sine(300, 0.5, 44100, 0.4);
    const lfe = sine(40, 0.5, 44100, 0.9);
    const mono = new PolarityAlignedDownmix(6).process([x, x, x, lfe, x, x]);
    let diff = 0;
    for (let i = 0; i < x.length; i++) diff = Math.max(diff, Math.abs(mono[i]! - x[i]!));
    expect(diff).toBeLessThan(1e-6);
  });
});

describe('spectral features', () => {
  it('match meyda’s centroid (meyda 5.6.3 gives it in FFT bins: converted to Hz) and the analytic RMS', () => {
    const signal = new Float32Array(ANALYSIS_RATE);
    const a = sine(440, 1, ANALYSIS_RATE, 0.3);
    const b = sine(3000, 1, ANALYSIS_RATE, 0.1);
    for (let i = 0; i < signal.length; i++) signal[i] = a[i]! + b[i]!;
    const features = new SpectralFeatures();
    const frames: Float32Array[] = [];
    const stft = new StreamingStft(FRAME_SIZE, HOP_SIZE, ANALYSIS_RATE, (power, frame) => {
      features.consume(power, frame);
      frames.push(frame.slice());
    });
    stft.push(signal);
    const t = 10; // a frame well inside the signal
    Meyda.bufferSize = FRAME_SIZE;
    Meyda.sampleRate = ANALYSIS_RATE;
    Meyda.windowingFunction = 'hanning';
    const meyda = Meyda.extract('spectralCentroid', frames[t]!) as number;
    expect(features.centroidHz.view()[t]!).toBeCloseTo((meyda * ANALYSIS_RATE) / FRAME_SIZE, -1);
    // meyda's rms is of the windowed frame; ours is of the signal itself: √(0.3²/2 + 0.1²/2).
    expect(features.rms.view()[t]!).toBeCloseTo(Math.sqrt(0.045 + 0.005), 2);
  });
});

describe('format sniffing', () => {
  const bytes = (...values: (number | string)[]): Uint8Array =>
    Uint8Array.from(
      values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])),
    );
  it('names formats from their content, not their extension', () => {
    expect(sniffFormat(bytes('RIFF', 0, 0, 0, 0, 'WAVE'))).toBe('wav');
    expect(sniffFormat(bytes('fLaC', 0, 0, 0, 34))).toBe('flac');
    expect(sniffFormat(bytes('FORM', 0, 0, 0, 0, 'AIFF'))).toBe('aiff');
    expect(sniffFormat(bytes(0, 0, 0, 32, 'ftypM4A '))).toBe('m4a');
    expect(sniffFormat(bytes('\x89PNG\r\n\x1a\n'))).toBeNull();
    expect(sniffFormat(bytes('hello, this is text'))).toBeNull();
  });
});
