import { z } from 'zod';
import modelFile from '../../../../models/tempo-octave/model.json';

// The tempo octave model: which of ½, 1 or 2 × the beat family's tempo is the beat. A conditional
// logit (a linear score per candidate, softmax over the candidates) on the features of
// tempo.ts octaveCandidateFeatures, trained by scripts/train-tempo-octave.ts on songs the project
// renders itself (never on the evaluation files) and shipped in models/tempo-octave/ with its
// model card. The file is validated when loaded: a model trained on other features is refused.

/** Names of the octave model's features, in the order tempo.ts computes them. */
export const OCTAVE_FEATURES = [
  'log2(bpm/120)',
  'log2(bpm/120)^2',
  'log comb',
  'log pulse train',
  'log Fourier',
  'log low-band comb',
  'log high-band comb',
  'log low-band pulse train',
  'log high-band pulse train',
  'log2(bpm/120) x log onset rate',
  'log2(onsets per beat)^2',
  'log2(low-band onsets per beat)^2',
  'log2(high-band onsets per beat)^2',
  'harmonic bar score',
] as const;

const OctaveModel = z.object({
  version: z.number().int().positive(),
  features: z.array(z.string()),
  weights: z.array(z.number().finite()),
});

/** Validates a model file's content against the features tempo.ts computes; throws when it does not fit. */
export function parseOctaveModel(content: unknown): z.infer<typeof OctaveModel> {
  const model = OctaveModel.parse(content);
  if (
    model.features.length !== OCTAVE_FEATURES.length ||
    model.features.some((name, i) => name !== OCTAVE_FEATURES[i]) ||
    model.weights.length !== OCTAVE_FEATURES.length
  )
    throw new Error('models/tempo-octave/model.json was trained on other features; retrain it.');
  return model;
}

const MODEL = parseOctaveModel(modelFile);

/** Version of the shipped octave model (part of what ANALYSIS_VERSION covers). */
export const OCTAVE_MODEL_VERSION = MODEL.version;

/** The model's score of one candidate (higher: more likely the beat). */
export function octaveModelScore(
  features: readonly number[],
  weights: readonly number[] = MODEL.weights,
): number {
  let score = 0;
  for (let i = 0; i < weights.length; i++) score += weights[i]! * features[i]!;
  return score;
}
