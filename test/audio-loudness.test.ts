import { describe, expect, it } from 'vitest';
import { LoudnessMeter, TruePeakMeter, kWeightingFilters } from '../src/main/services/audio/loudness';
import { concat, dbToGain, sine } from './audio-fixtures';

// EBU Tech 3341 / 3342 style reference signals, synthesised here. "−23 dBFS" is the peak level
// of the sine (a full-scale sine is 0 dBFS), as in the EBU test set.

function measure(channels: Float32Array[], sampleRate: number): LoudnessMeter {
  const meter = new LoudnessMeter(sampleRate, channels.length);
  // Feed in uneven chunks, as a decoder would, to exercise the block bookkeeping.
  const n = channels[0]!.length;
  for (let start = 0, size = 1000; start < n; start += size, size = size === 1000 ? 4411 : 1000) {
    meter.push(channels.map((c) => c.subarray(start, Math.min(n, start + size))));
  }
  return meter;
}

const stereoSine = (db: number, seconds: number, rate = 48000): Float32Array[] => {
  const s = sine(1000, seconds, rate, dbToGain(db));
  return [s, s.slice()];
};

function stereoSegments(rate: number, ...segments: [db: number, seconds: number][]): Float32Array[] {
  const mono = concat(...segments.map(([db, seconds]) => sine(1000, seconds, rate, dbToGain(db))));
  return [mono, mono.slice()];
}

describe('K-weighting', () => {
  it('re-derives the BS.1770-4 coefficients published for 48 kHz', () => {
    const [shelf, highPass] = kWeightingFilters(48000);
    expect(shelf.b0).toBeCloseTo(1.53512485958697, 10);
    expect(shelf.b1).toBeCloseTo(-2.69169618940638, 10);
    expect(shelf.b2).toBeCloseTo(1.19839281085285, 10);
    expect(shelf.a1).toBeCloseTo(-1.69065929318241, 10);
    expect(shelf.a2).toBeCloseTo(0.73248077421585, 10);
    expect(highPass.a1).toBeCloseTo(-1.99004745483398, 10);
    expect(highPass.a2).toBeCloseTo(0.99007225036621, 10);
  });
});

describe('integrated loudness (BS.1770-4)', () => {
  it.each([44100, 48000, 96000])('1 kHz sine at −20 dBFS, mono, %i Hz → −23.0 LUFS', (rate) => {
    const meter = measure([sine(1000, 20, rate, dbToGain(-20))], rate);
    expect(Math.abs(meter.integratedLoudness()! - -23)).toBeLessThan(0.1);
  });

  it('Tech 3341 case 1: stereo 1 kHz at −23 dBFS → −23.0 LUFS', () => {
    expect(Math.abs(measure(stereoSine(-23, 20), 48000).integratedLoudness()! - -23)).toBeLessThan(0.1);
  });

  it('Tech 3341 case 2: stereo 1 kHz at −33 dBFS → −33.0 LUFS', () => {
    expect(Math.abs(measure(stereoSine(-33, 20), 48000).integratedLoudness()! - -33)).toBeLessThan(0.1);
  });

  it('Tech 3341 case 3: −36 / −23 / −36 dBFS (10 + 60 + 10 s): the relative gate keeps −23.0 LUFS', () => {
    const meter = measure(stereoSegments(48000, [-36, 10], [-23, 60], [-36, 10]), 48000);
    expect(Math.abs(meter.integratedLoudness()! - -23)).toBeLessThan(0.1);
  });

  it('Tech 3341 case 4: −72 / −36 / −23 / −36 / −72 dBFS: both gates → −23.0 LUFS', () => {
    const meter = measure(
      stereoSegments(48000, [-72, 10], [-36, 10], [-23, 60], [-36, 10], [-72, 10]),
      48000,
    );
    expect(Math.abs(meter.integratedLoudness()! - -23)).toBeLessThan(0.1);
  });

  it('Tech 3341 case 5: −26 / −20 / −26 dBFS (20 + 20.1 + 20 s) → −23.0 LUFS', () => {
    const meter = measure(stereoSegments(48000, [-26, 20], [-20, 20.1], [-26, 20]), 48000);
    expect(Math.abs(meter.integratedLoudness()! - -23)).toBeLessThan(0.1);
  });

  it('5.1: the surround channels weigh 1.41 and the LFE nothing', () => {
    const rate = 48000;
    const tone = sine(1000, 10, rate, dbToGain(-28));
    const silence = new Float32Array(tone.length);
    // L, R, C at −28 dBFS: 3 × (−31.0) → −26.2 LUFS; adding the tone on the LFE changes nothing.
    const front = measure([tone, tone, tone, tone, silence, silence], rate).integratedLoudness()!;
    expect(front).toBeCloseTo(-28 - 3.0103 + 10 * Math.log10(3), 1);
    // One surround channel alone: 10·log10(1.41) = +1.5 dB over the same tone on a front channel.
    const surround = measure([silence, silence, silence, silence, tone, silence], rate).integratedLoudness()!;
    const left = measure([tone, silence, silence, silence, silence, silence], rate).integratedLoudness()!;
    expect(surround - left).toBeCloseTo(10 * Math.log10(1.41), 2);
  });

  it('returns null for silence and for a signal below the −70 LUFS absolute gate', () => {
    expect(measure([new Float32Array(48000 * 5)], 48000).integratedLoudness()).toBeNull();
    expect(measure([sine(1000, 5, 48000, dbToGain(-80))], 48000).integratedLoudness()).toBeNull();
  });
});

describe('loudness range (EBU Tech 3342)', () => {
  it.each([
    [
      [
        [-20, 20],
        [-30, 20],
      ] as [number, number][],
      10,
    ],
    [
      [
        [-20, 20],
        [-15, 20],
      ] as [number, number][],
      5,
    ],
    [
      [
        [-40, 20],
        [-20, 20],
      ] as [number, number][],
      20,
    ],
    [
      [
        [-50, 20],
        [-35, 20],
        [-20, 20],
        [-35, 20],
        [-50, 20],
      ] as [number, number][],
      15,
    ],
  ])('stereo 1 kHz segments %j → LRA %i LU (±1 LU, the standard’s tolerance)', (segments, expected) => {
    const meter = measure(stereoSegments(48000, ...segments), 48000);
    expect(Math.abs(meter.loudnessRange()! - expected)).toBeLessThanOrEqual(1);
  });
});

describe('true peak (4× oversampling)', () => {
  function truePeakOf(signal: Float32Array): number {
    // A 20 ms fade-in: an abrupt start rings in any band-limited interpolator (Gibbs), and that
    // overshoot is real true peak, but not the one these tests are about.
    const fade = 960;
    for (let i = 0; i < fade; i++) signal[i]! *= i / fade;
    const meter = new TruePeakMeter(1);
    for (let start = 0; start < signal.length; start += 3000)
      meter.push([signal.subarray(start, start + 3000)]);
    return meter.truePeakDb()!;
  }

  it('finds the +3 dB inter-sample peak of a sine at fs/4 sampled 45° off its crest', () => {
    // Samples are ±0.5·0.707; the waveform between them reaches 0.5 (−6.02 dBTP, sample peak −9.03 dBFS).
    const signal = sine(12000, 1, 48000, 0.5, Math.PI / 4);
    expect(Math.abs(truePeakOf(signal) - 20 * Math.log10(0.5))).toBeLessThan(0.1);
  });

  it('measures a 997 Hz sine at −6 dBFS as −6 dBTP and digital silence as null', () => {
    expect(Math.abs(truePeakOf(sine(997, 1, 44100, dbToGain(-6))) - -6)).toBeLessThan(0.05);
    const meter = new TruePeakMeter(2);
    meter.push([new Float32Array(1000), new Float32Array(1000)]);
    expect(meter.truePeakDb()).toBeNull();
  });

  it('finds the peak of a sine at fs/3 whose samples never reach its crest', () => {
    // Samples cycle through 0, +0.866, −0.866 of the amplitude; the crest falls at 3/4 of a sample period.
    const signal = sine(14700, 1, 44100, 0.5);
    let samplePeak = 0;
    for (const v of signal) samplePeak = Math.max(samplePeak, Math.abs(v));
    expect(20 * Math.log10(samplePeak)).toBeCloseTo(-7.27, 1);
    expect(Math.abs(truePeakOf(signal) - 20 * Math.log10(0.5))).toBeLessThan(0.1);
  });
});
