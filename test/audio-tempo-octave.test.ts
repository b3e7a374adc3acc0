import { describe, expect, it } from 'vitest';
import modelFile from '../models/tempo-octave/model.json';
import {
  DEFAULT_TEMPO_OPTIONS,
  OCTAVE_FEATURES,
  estimateTempo,
  tempoCandidates,
  type TempoCues,
} from '../src/main/services/audio/tempo';
import { octaveModelScore, parseOctaveModel } from '../src/main/services/audio/tempo-octave';
import { seededRandom, tempoAccuracy } from './audio-fixtures';

// The tempo octave model (models/tempo-octave/model.json, trained by scripts/train-tempo-octave.ts):
// its file is checked against the features the estimator computes, and the estimator uses it only
// when band envelopes are given. Accuracy is measured by `npm run eval:audio`, not here.

const FRAME_RATE = 22050 / 512;

/**
 * Envelopes of a 4/4 groove at `bpm`: kick on 1 and 3, snare on 2 and 4, hi-hat on every eighth.
 * The snare's body (150–250 Hz) reaches the low band at a third of the kick's strength, as a real
 * snare does; with the kick alone there, the model reads such a groove at half tempo (docs/audio.md).
 */
function grooveCues(bpm: number, seconds = 30, seed = 3): { onset: Float32Array; cues: TempoCues } {
  const random = seededRandom(seed);
  const frames = Math.round(seconds * FRAME_RATE);
  const onset = new Float32Array(frames);
  const low = new Float32Array(frames);
  const high = new Float32Array(frames);
  for (const a of [onset, low, high]) for (let i = 0; i < frames; i++) a[i] = 0.03 * random();
  const eighth = 60 / bpm / 2;
  for (let e = 0; e * eighth < seconds; e++) {
    const frame = Math.round(e * eighth * FRAME_RATE);
    if (frame >= frames) break;
    high[frame]! += 0.8;
    onset[frame]! += 0.3;
    if (e % 4 === 0) {
      low[frame]! += 1;
      onset[frame]! += 1;
    } else if (e % 4 === 2) {
      onset[frame]! += 0.8;
      low[frame]! += 0.3;
      high[frame]! += 0.5;
    }
  }
  return { onset, cues: { low, high } };
}

describe('tempo octave model', () => {
  it('the shipped model fits the features the estimator computes', () => {
    const model = parseOctaveModel(modelFile);
    expect(model.features).toEqual([...OCTAVE_FEATURES]);
    expect(model.weights.some((w) => w !== 0)).toBe(true);
  });

  it('refuses a model trained on other features, with a missing weight or a non-finite one', () => {
    const good = parseOctaveModel(modelFile);
    expect(() => parseOctaveModel({ ...good, features: [...good.features].reverse() })).toThrow(
      /other features/,
    );
    expect(() => parseOctaveModel({ ...good, weights: good.weights.slice(1) })).toThrow(/other features/);
    expect(() => parseOctaveModel({ ...good, weights: good.weights.map(() => Number.NaN) })).toThrow();
    expect(() => parseOctaveModel({ version: 1 })).toThrow();
  });

  it('candidates are ½, 1 and 2 × the beat family, each with every feature finite', () => {
    const { onset, cues } = grooveCues(100);
    const stage = tempoCandidates(onset, FRAME_RATE, DEFAULT_TEMPO_OPTIONS, cues)!;
    expect(stage.octaveFeatures).not.toBeNull();
    const bpms = stage.octaveFeatures!.map((c) => c.bpm);
    expect(bpms).toEqual(stage.octave);
    expect(bpms.map((b) => b / stage.family)).toEqual([0.5, 1, 2]);
    for (const c of stage.octaveFeatures!) {
      expect(c.features).toHaveLength(OCTAVE_FEATURES.length);
      for (const v of c.features) expect(Number.isFinite(v)).toBe(true);
      expect(Number.isFinite(octaveModelScore(c.features))).toBe(true);
    }
    // Without band envelopes there are no features and the prior decides the octave.
    expect(tempoCandidates(onset, FRAME_RATE, DEFAULT_TEMPO_OPTIONS)!.octaveFeatures).toBeNull();
  });

  it('a plain rock groove keeps its tempo with the model, from 80 to 160 BPM', () => {
    for (const bpm of [80, 100, 120, 140, 160]) {
      const { onset, cues } = grooveCues(bpm, 30, bpm);
      const estimate = estimateTempo(onset, FRAME_RATE, DEFAULT_TEMPO_OPTIONS, cues)!;
      expect(tempoAccuracy(estimate.bpm, bpm).acc1, `${bpm} → ${estimate.bpm}`).toBe(true);
      expect(tempoAccuracy(estimate.alternative, bpm).acc2).toBe(true);
    }
  });
});
