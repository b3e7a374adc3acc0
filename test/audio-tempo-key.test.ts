import { describe, expect, it } from 'vitest';
import { PITCH_CLASSES } from '../src/shared/audio';
import {
  KEY_PROFILES,
  KEY_PROFILE_NAMES,
  ensembleProfile,
  estimateKey,
  meanChroma,
} from '../src/main/services/audio/key';
import { DEFAULT_TEMPO_OPTIONS, estimateTempo, type TempoOptions } from '../src/main/services/audio/tempo';
import { seededRandom, tempoAccuracy } from './audio-fixtures';

// The tempo and key estimators on their direct inputs (an onset envelope, a chroma), without
// decoding: grooves whose autocorrelation has a strong ternary lag (the ×⅔ trap of analysis
// version 1), and key profiles on scale-weighted chroma in all 24 keys.

const FRAME_RATE = 22050 / 512;
const VERSION_1: TempoOptions = {
  ...DEFAULT_TEMPO_OPTIONS,
  priorCentreBpm: 110,
  method: 'pulse-train',
  familyMargin: 1.15,
};

/**
 * Onset envelope of a one-bar 4/4 groove on a sixteenth-note grid, repeated for `seconds`:
 * `hits` maps a step (0–15) to an onset strength; a little noise and timing jitter.
 */
function grooveEnvelope(bpm: number, hits: Record<number, number>, seconds = 30, seed = 1): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(Math.round(seconds * FRAME_RATE));
  for (let i = 0; i < out.length; i++) out[i] = 0.05 * random();
  const step = 60 / bpm / 4;
  for (let s = 0; s * step < seconds; s++) {
    const strength = hits[s % 16];
    if (strength === undefined) continue;
    const frame = Math.round((s * step + (random() - 0.5) * 0.006) * FRAME_RATE);
    if (frame < out.length) out[frame]! += strength * (0.9 + 0.2 * random());
    if (frame + 1 < out.length) out[frame + 1]! += 0.4 * strength;
  }
  return out;
}

// Kick on 1, the "and" of 2 and 4 (steps 0, 6, 10), snare on 2 and 4, eighth-note hi-hats: the kick
// repeats every 1.5 beats inside the bar, as in drum and bass or a 3-3-2 pop groove.
const SYNCOPATED = { 0: 1, 2: 0.3, 4: 0.9, 6: 0.8, 8: 0.3, 10: 0.8, 12: 0.9, 14: 0.3 };
// Bossa-like: side stick on 0, 3, 6, 10, 13 and a kick on every beat.
const BOSSA = { 0: 1, 3: 0.6, 4: 0.6, 6: 0.6, 8: 0.8, 10: 0.6, 12: 0.6, 13: 0.6 };

describe('tempo estimator on syncopated grooves', () => {
  const tempi = [96, 112, 128, 141, 150, 170];
  for (const [name, groove] of [
    ['syncopated kick', SYNCOPATED],
    ['bossa', BOSSA],
  ] as const) {
    it(`${name}: Acc1 on every tempo of ${tempi.join(', ')} BPM (version 1 printed beside)`, () => {
      const rows = tempi.map((bpm, i) => {
        const onset = grooveEnvelope(bpm, groove, 30, i + 1);
        const current = estimateTempo(onset, FRAME_RATE)!.bpm;
        const v1 = estimateTempo(onset, FRAME_RATE, VERSION_1)!.bpm;
        return { bpm, current, v1 };
      });
      console.log(
        `${name}: ` + rows.map((r) => `${r.bpm}→${r.current.toFixed(1)} (v1 ${r.v1.toFixed(1)})`).join(' '),
      );
      for (const r of rows)
        expect(tempoAccuracy(r.current, r.bpm).acc1, `${r.bpm} BPM → ${r.current}`).toBe(true);
    });
  }

  it('returns null on an envelope shorter than two beats at 40 BPM, and on a flat one', () => {
    expect(estimateTempo(new Float32Array(Math.round(2 * FRAME_RATE)), FRAME_RATE)).toBeNull();
    expect(estimateTempo(new Float32Array(Math.round(30 * FRAME_RATE)), FRAME_RATE)).toBeNull();
  });
});

const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const HARMONIC_MINOR = [0, 2, 3, 5, 7, 8, 11];

/** Frames of chroma for a piece in a key: scale tones, tonic triad stronger, some noise. */
function keyChromaFrames(tonic: number, mode: 'major' | 'minor', seed: number): Float32Array {
  const random = seededRandom(seed);
  const scale = mode === 'major' ? MAJOR_SCALE : HARMONIC_MINOR;
  const triad = mode === 'major' ? [0, 4, 7] : [0, 3, 7];
  const frames = 200;
  const out = new Float32Array(frames * 12);
  for (let t = 0; t < frames; t++) {
    for (let pc = 0; pc < 12; pc++) {
      const degree = (pc - tonic + 12) % 12;
      let v = 0.05 * random();
      if (scale.includes(degree)) v += 0.3 + 0.4 * random();
      if (triad.includes(degree)) v += 0.5;
      out[t * 12 + pc] = v;
    }
  }
  return out;
}

describe('key estimator', () => {
  it('the chosen ensemble finds all 24 keys of scale-weighted chroma', () => {
    for (let tonic = 0; tonic < 12; tonic++) {
      for (const mode of ['major', 'minor'] as const) {
        const chroma = meanChroma(keyChromaFrames(tonic, mode, tonic * 2 + (mode === 'minor' ? 1 : 0)))!;
        const estimate = estimateKey(chroma)!;
        expect(`${estimate.key} ${estimate.mode}`).toBe(`${PITCH_CLASSES[tonic]} ${mode}`);
        expect(estimate.confidence).toBeGreaterThan(0);
      }
    }
  });

  it('ensembleProfile sums z-scored profiles, so each profile counts equally', () => {
    expect(KEY_PROFILE_NAMES.length).toBeGreaterThan(0);
    const single = ensembleProfile(['aarden']);
    const mean = single.major.reduce((a, b) => a + b, 0) / 12;
    const variance = single.major.reduce((a, b) => a + (b - mean) ** 2, 0) / 12;
    expect(mean).toBeCloseTo(0, 10);
    expect(variance).toBeCloseTo(1, 10);
    // Aarden's raw values are ~4× Krumhansl's: without z-scoring it would dominate the sum.
    const both = ensembleProfile(['krumhansl', 'aarden']);
    const z = (v: readonly number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / 12;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / 12);
      return v.map((x) => (x - m) / sd);
    };
    const expected = z(KEY_PROFILES.krumhansl.minor).map((v, i) => v + z(KEY_PROFILES.aarden.minor)[i]!);
    both.minor.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 10));
  });

  it('a flat chroma has no key; log compression is optional in meanChroma', () => {
    expect(estimateKey(new Array<number>(12).fill(1))).toBeNull();
    const frames = keyChromaFrames(2, 'major', 9);
    const plain = meanChroma(frames)!;
    const compressed = meanChroma(frames, true)!;
    expect(Math.max(...plain)).toBeLessThanOrEqual(1);
    // Compression lifts the weak (non-scale) pitch classes relative to the strongest.
    const ratio = (c: Float64Array) => c[1]! / Math.max(...c);
    expect(ratio(compressed)).toBeGreaterThan(ratio(plain));
    expect(meanChroma(new Float32Array(24))).toBeNull();
  });
});
