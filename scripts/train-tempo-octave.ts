// Trains the tempo octave model (models/tempo-octave/model.json; src/main/services/audio/tempo-octave.ts).
//
//   node_modules/.bin/jiti scripts/train-tempo-octave.ts [--songs=240] [--drums=60]
//
// Training data, made here and never part of the evaluation (scripts/eval-audio.ts):
// - General MIDI songs from scripts/audio-gm-corpus.ts gmTrainingCorpus: other seeds than the
//   evaluation songs, random styles, tempi up to 10 % outside each style's range, random keys and
//   progressions, rendered alternately with FluidR3_GM and TimGM6mb (Debian packages
//   fluid-soundfont-gm and timgm6mb-soundfont), so the model does not learn one soundfont;
// - synthetic drum patterns (test/audio-fixtures.ts drumPattern) at random tempi, other seeds
//   than the evaluation's.
// For each file, the estimator's beat family gives up to three candidates (½, 1, 2 × its tempo)
// with their features (tempo.ts octaveCandidateFeatures); the label is the candidate within 4 %
// of the written tempo (files whose family is wrong teach nothing about the octave and are
// skipped). The model is a conditional logit with an L2 penalty; the penalty and the feature set
// (with or without the harmonic-rhythm cue) are chosen on the evaluation's validation split
// (Acc1); the test split is printed, not used.
// Needs fluidsynth and both soundfonts; caches renders and features under $TMPDIR.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeFileDetailed } from '../src/main/services/audio/analyze';
import { TONAL_HOP_SIZE } from '../src/main/services/audio/chroma';
import { ANALYSIS_RATE, FRAME_RATE } from '../src/main/services/audio/spectral';
import {
  DEFAULT_TEMPO_OPTIONS,
  OCTAVE_FEATURES,
  tempoCandidates,
  type OctaveCandidate,
  type TempoCues,
} from '../src/main/services/audio/tempo';
import { octaveModelScore } from '../src/main/services/audio/tempo-octave';
import { drumPattern, seededRandom, tempoAccuracy, writeWav } from '../test/audio-fixtures';
import { GM_SOUNDFONT, gmTrainingCorpus } from './audio-gm-corpus';
import { evaluationItems } from './audio-eval-items';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SONGS = option('songs', 240);
const DRUMS = option('drums', 60);
const TIM_SOUNDFONT = '/usr/share/sounds/sf2/TimGM6mb.sf2';
const MODEL_FILE = resolve(__dirname, '../models/tempo-octave/model.json');
const LAMBDAS = [0.01, 0.03, 0.1, 0.3, 1];

type Example = { name: string; bpm: number; onset: Float32Array; bands: TempoCues };

const featureCache = join(tmpdir(), 'flowstage-tempo-train-features');
mkdirSync(featureCache, { recursive: true });

/** Onset envelopes of a file, analysed once and cached (the eval items share tune-audio's cache). */
async function envelopes(
  path: string,
  cacheDir = featureCache,
): Promise<Omit<Example, 'name' | 'bpm'> | null> {
  const id = createHash('sha1').update(path).digest('hex').slice(0, 16);
  const file = join(cacheDir, `${id}-bands.json`);
  if (!existsSync(file)) {
    const d = await analyzeFileDetailed(path);
    writeFileSync(
      file,
      JSON.stringify({
        onset: d.onset ? Array.from(d.onset) : null,
        low: d.bands ? Array.from(d.bands.low) : null,
        high: d.bands ? Array.from(d.bands.high) : null,
        chromaFrames: d.chromaFrames ? Array.from(d.chromaFrames) : null,
      }),
    );
  }
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    onset: number[] | null;
    low: number[] | null;
    high: number[] | null;
    chromaFrames: number[] | null;
  };
  if (!data.onset || !data.low || !data.high) return null;
  return {
    onset: Float32Array.from(data.onset),
    bands: {
      low: Float32Array.from(data.low),
      high: Float32Array.from(data.high),
      chromaFrames: data.chromaFrames ? Float32Array.from(data.chromaFrames) : undefined,
      chromaRate: ANALYSIS_RATE / TONAL_HOP_SIZE,
    },
  };
}

async function trainingExamples(): Promise<Example[]> {
  const examples: Example[] = [];
  const songs = gmTrainingCorpus(join(tmpdir(), 'flowstage-gm-train'), SONGS, [GM_SOUNDFONT, TIM_SOUNDFONT]);
  if (songs.length === 0) throw new Error('fluidsynth or the GM soundfonts are missing (see the header).');
  for (const song of songs) {
    const e = await envelopes(song.path);
    if (e) examples.push({ name: song.name, bpm: song.bpm, ...e });
  }
  const drumDir = join(tmpdir(), 'flowstage-tempo-train-drums');
  mkdirSync(drumDir, { recursive: true });
  const random = seededRandom(424_242);
  for (let i = 0; i < DRUMS; i++) {
    const bpm = Math.round(58 + random() * 132);
    const swing = random() < 0.3 ? 0.3 : 0;
    const path = join(drumDir, `drums-train-${i}-${bpm}.wav`);
    if (!existsSync(path)) writeWav(path, [drumPattern(bpm, 30, 44100, 10_000 + i, swing)], 44100);
    const e = await envelopes(path);
    if (e) examples.push({ name: `drums-train-${i}`, bpm, ...e });
  }
  return examples;
}

type Labelled = { candidates: OctaveCandidate[]; label: number };

function label(example: Example): Labelled | null {
  const stage = tempoCandidates(example.onset, FRAME_RATE, DEFAULT_TEMPO_OPTIONS, example.bands);
  if (!stage?.octaveFeatures) return null;
  const index = stage.octaveFeatures.findIndex((c) => tempoAccuracy(c.bpm, example.bpm).acc1);
  return index < 0 || stage.octaveFeatures.length < 2
    ? null
    : { candidates: stage.octaveFeatures, label: index };
}

/**
 * Conditional logit with an L2 penalty, fitted by gradient descent on standardised features
 * (weights returned on the raw scale: a feature's mean is the same for every candidate of a file
 * only in expectation, but a shift common to all candidates cancels in the softmax anyway).
 */
function fit(data: Labelled[], lambda: number, mask: readonly boolean[]): number[] {
  const d = OCTAVE_FEATURES.length;
  const all = data.flatMap((x) => x.candidates.map((c) => c.features));
  const sd = Array.from({ length: d }, (_, j) => {
    const mean = all.reduce((a, f) => a + f[j]!, 0) / all.length;
    return Math.sqrt(all.reduce((a, f) => a + (f[j]! - mean) ** 2, 0) / all.length) || 1;
  });
  const z = data.map((x) => ({
    label: x.label,
    candidates: x.candidates.map((c) => c.features.map((v, j) => v / sd[j]!)),
  }));
  const w = new Array<number>(d).fill(0);
  const rate = 0.5;
  for (let iteration = 0; iteration < 4000; iteration++) {
    const gradient = w.map((wj) => lambda * wj);
    for (const x of z) {
      const scores = x.candidates.map((f) => f.reduce((a, v, j) => a + v * w[j]!, 0));
      const max = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - max));
      const total = exp.reduce((a, b) => a + b, 0);
      x.candidates.forEach((f, k) => {
        const p = exp[k]! / total - (k === x.label ? 1 : 0);
        for (let j = 0; j < d; j++) gradient[j]! += (p * f[j]!) / z.length;
      });
    }
    for (let j = 0; j < d; j++) if (mask[j]) w[j]! -= rate * gradient[j]!;
  }
  return w.map((wj, j) => wj / sd[j]!);
}

function accuracy(examples: Example[], weights: number[]): { acc1: number; acc2: number; n: number } {
  let acc1 = 0;
  let acc2 = 0;
  for (const e of examples) {
    const stage = tempoCandidates(e.onset, FRAME_RATE, DEFAULT_TEMPO_OPTIONS, e.bands);
    const chosen = stage?.octaveFeatures
      ? stage.octaveFeatures.reduce((x, y) =>
          octaveModelScore(y.features, weights) > octaveModelScore(x.features, weights) ? y : x,
        ).bpm
      : 0;
    const a = tempoAccuracy(chosen, e.bpm);
    acc1 += a.acc1 ? 1 : 0;
    acc2 += a.acc2 ? 1 : 0;
  }
  return { acc1: acc1 / examples.length, acc2: acc2 / examples.length, n: examples.length };
}

/** Feature sets compared: all features, and all but the harmonic-rhythm cue. */
const FEATURE_SETS: { name: string; mask: boolean[] }[] = [
  { name: 'all features', mask: OCTAVE_FEATURES.map(() => true) },
  { name: 'without harmonic bar score', mask: OCTAVE_FEATURES.map((f) => f !== 'harmonic bar score') },
];

async function main(): Promise<void> {
  const started = Date.now();
  const training = await trainingExamples();
  const labelled = training.map(label).filter((x): x is Labelled => x !== null);
  console.log(
    `training: ${training.length} files, ${labelled.length} with the right beat family (${training.length - labelled.length} skipped)`,
  );
  // The evaluation's splits (tune-audio.ts's cache of their envelopes): the penalty and the
  // feature set are chosen on the validation split; the test split is only printed. (Teaching the
  // validation files too, with the choices made by cross-validation over them, was tried: test
  // Acc1 74.5 %, below this protocol's; docs/audio.md.)
  const evaluation: (Example & { split: string })[] = [];
  for (const item of await evaluationItems(['synthetic', 'real', 'openmsx', 'gm'])) {
    if (item.bpm === undefined) continue;
    const e = await envelopes(item.path, join(tmpdir(), 'flowstage-tune'));
    if (e) evaluation.push({ name: item.path, bpm: item.bpm, split: item.split, ...e });
  }
  const validation = evaluation.filter((e) => e.split === 'validation');
  const test = evaluation.filter((e) => e.split === 'test');
  const pct = (x: number): string => (100 * x).toFixed(1);
  type Candidate = {
    lambda: number;
    set: (typeof FEATURE_SETS)[number];
    weights: number[];
    validation: ReturnType<typeof accuracy>;
  };
  let best: Candidate | null = null;
  for (const set of FEATURE_SETS) {
    for (const lambda of LAMBDAS) {
      const weights = fit(labelled, lambda, set.mask);
      const v = accuracy(validation, weights);
      const t = accuracy(test, weights);
      console.log(
        `${set.name.padEnd(28)} lambda ${String(lambda).padEnd(5)} training Acc1 ${pct(accuracy(training, weights).acc1)}  validation ${pct(v.acc1)} / ${pct(v.acc2)}  (test ${pct(t.acc1)} / ${pct(t.acc2)})`,
      );
      // Ties go to the stronger penalty, then to the smaller feature set (the simpler model).
      if (
        !best ||
        v.acc1 > best.validation.acc1 ||
        (v.acc1 === best.validation.acc1 && lambda >= best.lambda)
      )
        best = { lambda, set, weights, validation: v };
    }
  }
  const chosen = best!;
  const testAccuracy = accuracy(test, chosen.weights);
  const round = (x: number): number => Number(x.toFixed(4));
  const model = {
    version: 1,
    features: [...OCTAVE_FEATURES],
    weights: chosen.weights.map((w) => Number(w.toFixed(6))),
    lambda: chosen.lambda,
    featureSet: chosen.set.name,
    training: {
      files: training.length,
      used: labelled.length,
      generatedSongs: SONGS,
      drumPatterns: DRUMS,
      soundfonts: ['FluidR3_GM', 'TimGM6mb'],
    },
    validation: {
      n: chosen.validation.n,
      acc1: round(chosen.validation.acc1),
      acc2: round(chosen.validation.acc2),
    },
    test: { n: testAccuracy.n, acc1: round(testAccuracy.acc1), acc2: round(testAccuracy.acc2) },
    trainedBy: 'scripts/train-tempo-octave.ts',
  };
  writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
  console.log(
    `chosen: ${chosen.set.name}, lambda ${chosen.lambda}: validation Acc1 ${pct(chosen.validation.acc1)}, test Acc1 ${pct(testAccuracy.acc1)} / Acc2 ${pct(testAccuracy.acc2)}; wrote ${MODEL_FILE} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
