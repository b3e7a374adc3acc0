import {
  ANALYSIS_VERSION,
  AudioAnalysis,
  EMBEDDING_VERSION,
  type AnalysisFlag,
  type AnalysisProgress,
} from '../../../shared/audio';
import { AppError } from '../../../shared/errors';
import { PitchProfileCollector, TONAL_FRAME_SIZE, TONAL_HOP_SIZE } from './chroma';
import { decodeAudioFile, mediaError, throwIfAborted, type DecodeSummary } from './decode';
import { computeDescriptors } from './descriptors';
import { PolarityAlignedDownmix } from './downmix';
import { buildEmbedding } from './embedding';
import { mean, standardDeviation, type FeatureSummary } from './features';
import { KEY_PROFILES, estimateKey, meanChroma } from './key';
import { LoudnessMeter, TruePeakMeter } from './loudness';
import { onsetStrength, percussiveShare } from './onset';
import { StreamingResampler } from './resample';
import {
  ANALYSIS_RATE,
  FRAME_RATE,
  FRAME_SIZE,
  HOP_SIZE,
  MEL_BANDS,
  SpectralFeatures,
  logMelSpectrogram,
  mfccFrames,
} from './spectral';
import { StreamingStft } from './stft';
import { estimateTempo, type TempoEstimate } from './tempo';
import { WaveformBuilder } from './waveform';

// analyzeFile: one demo file → its AudioAnalysis. Decoding and feature extraction run together,
// chunk by chunk (see decode.ts), so memory depends on the duration only through the per-frame
// features (~17 kB per second of audio, ≈ 60 MB for an hour), never through the PCM.
//
//   decoded chunk (native rate, N channels)
//     ├─ LoudnessMeter, TruePeakMeter          (native rate, every channel)
//     └─ polarity-aligned mono ─ resampler → 22 050 Hz ─ WaveformBuilder
//                                                        ├─ STFT 1024/512 → SpectralFeatures (rhythm, timbre)
//                                                        └─ STFT 8192/8192 → PitchProfileCollector (key)

/** Below this decoded duration a file is refused: a tempo or key from less is a guess. */
export const MIN_ANALYSIS_SEC = 3;
/** Tempo confidence below which the file is flagged as having no clear pulse. */
const LOW_PULSE_CONFIDENCE = 0.3;
/** Share of full-scale samples above which a file is flagged as clipped (1 in 10 000: ~9 per second at 44.1 kHz stereo). */
const CLIPPING_SHARE = 1e-4;

export type AnalyzeOptions = {
  signal?: AbortSignal;
  onProgress?: (progress: AnalysisProgress) => void;
};

/** Everything computed while the file streams through. */
class AnalysisPipeline {
  readonly loudness: LoudnessMeter;
  readonly truePeak: TruePeakMeter;
  readonly waveform: WaveformBuilder;
  readonly spectral = new SpectralFeatures();
  readonly pitch = new PitchProfileCollector(ANALYSIS_RATE);
  private readonly downmix: PolarityAlignedDownmix;
  private readonly resampler: StreamingResampler | null;
  private readonly rhythmStft: StreamingStft;
  private readonly tonalStft: StreamingStft;

  constructor(sampleRate: number, channels: number) {
    this.loudness = new LoudnessMeter(sampleRate, channels);
    this.truePeak = new TruePeakMeter(channels);
    this.waveform = new WaveformBuilder(ANALYSIS_RATE);
    this.downmix = new PolarityAlignedDownmix(channels);
    this.resampler = sampleRate === ANALYSIS_RATE ? null : new StreamingResampler(sampleRate, ANALYSIS_RATE);
    this.rhythmStft = new StreamingStft(FRAME_SIZE, HOP_SIZE, ANALYSIS_RATE, this.spectral.consume);
    this.tonalStft = new StreamingStft(TONAL_FRAME_SIZE, TONAL_HOP_SIZE, ANALYSIS_RATE, this.pitch.consume);
  }

  push(channels: readonly Float32Array[]): void {
    this.loudness.push(channels);
    this.truePeak.push(channels);
    const mono = this.downmix.process(channels);
    this.feedAnalysisRate(this.resampler ? this.resampler.process(mono) : mono);
  }

  finish(): void {
    if (this.resampler) this.feedAnalysisRate(this.resampler.flush());
    this.rhythmStft.flush();
    this.tonalStft.flush();
  }

  private feedAnalysisRate(samples: Float32Array): void {
    this.waveform.push(samples);
    this.rhythmStft.push(samples);
    this.tonalStft.push(samples);
  }
}

/**
 * Analyses one audio file. Rejects with an AppError: NOT_FOUND, UNSUPPORTED_MEDIA (empty, not
 * audio, damaged, too short), CANCELLED, or INTERNAL for anything unexpected.
 */
export async function analyzeFile(path: string, options: AnalyzeOptions = {}): Promise<AudioAnalysis> {
  return (await analyzeFileDetailed(path, options)).analysis;
}

/** The analysis plus intermediate results the evaluation scripts score (mean chroma, tempo details). */
export type DetailedAnalysis = {
  analysis: AudioAnalysis;
  meanChroma: number[] | null;
  tempo: TempoEstimate | null;
  /** The whole-file statistics behind the descriptors and the embedding (null when silent). */
  features: FeatureSummary | null;
  /** Onset strength envelope at FRAME_RATE and per-frame chroma (12 per frame); null when silent. */
  onset: Float32Array | null;
  chromaFrames: Float32Array | null;
};

export async function analyzeFileDetailed(
  path: string,
  options: AnalyzeOptions = {},
): Promise<DetailedAnalysis> {
  try {
    return await analyze(path, options);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'INTERNAL',
      `Analysis failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function analyze(path: string, options: AnalyzeOptions): Promise<DetailedAnalysis> {
  const { signal, onProgress } = options;
  let pipeline: AnalysisPipeline | null = null;
  const decoded = await decodeAudioFile(
    path,
    (chunk) => {
      pipeline ??= new AnalysisPipeline(chunk.sampleRate, chunk.channels.length);
      pipeline.push(chunk.channels);
    },
    { signal, onProgress: (fraction) => onProgress?.({ stage: 'decode', fraction: 0.85 * fraction }) },
  );
  const p = pipeline as AnalysisPipeline | null;
  if (p === null) throw mediaError('The file contains no audio data.');
  p.finish();
  throwIfAborted(signal);

  const durationSec = decoded.frames / decoded.sampleRate;
  if (durationSec < MIN_ANALYSIS_SEC) {
    throw mediaError(
      decoded.partialReason
        ? `The file is damaged: ${decoded.partialReason}, too little to analyse.`
        : `Too short to analyse: ${durationSec.toFixed(2)} s (at least ${MIN_ANALYSIS_SEC} s are needed).`,
    );
  }

  const flags: AnalysisFlag[] = [];
  if (decoded.partialReason) flags.push('partial-decode');
  if (p.truePeak.clippedSamples > CLIPPING_SHARE * p.truePeak.totalSamples) flags.push('clipping');
  const truePeakDbtp = p.truePeak.truePeakDb();
  const integrated = p.loudness.integratedLoudness();
  const base = baseResult(path, decoded, durationSec, p, truePeakDbtp);
  if (integrated === null) {
    flags.unshift('silent');
    onProgress?.({ stage: 'done', fraction: 1 });
    return {
      analysis: AudioAnalysis.parse({ ...base, flags }),
      meanChroma: null,
      tempo: null,
      features: null,
      onset: null,
      chromaFrames: null,
    };
  }

  onProgress?.({ stage: 'rhythm', fraction: 0.88 });
  const melPower = p.spectral.mel.view();
  const logMel = logMelSpectrogram(melPower);
  const onset = onsetStrength(logMel, MEL_BANDS);
  const tempo = estimateTempo(onset, FRAME_RATE);
  throwIfAborted(signal);

  onProgress?.({ stage: 'tonality', fraction: 0.93 });
  const chromaFrames = p.pitch.chromaFrames();
  const chroma = meanChroma(chromaFrames);
  const key = chroma ? estimateKey(chroma) : null;
  // The embedding (version 1) and the descriptors keep the tonal statistics they were calibrated
  // on: log-compressed chroma and the Krumhansl–Kessler correlations, so that embeddings stored by
  // analysis version 1 stay comparable with new ones.
  const summaryChroma = meanChroma(chromaFrames, true);
  const summaryKey = summaryChroma ? estimateKey(summaryChroma, KEY_PROFILES.krumhansl) : null;
  throwIfAborted(signal);

  onProgress?.({ stage: 'descriptors', fraction: 0.96 });
  const loudnessRange = p.loudness.loudnessRange() ?? 0;
  const summary = summarizeFeatures({
    durationSec,
    integrated,
    loudnessRange,
    shortTerm: p.loudness.shortTermLoudness(),
    truePeakDb: truePeakDbtp ?? -100,
    tempo,
    key: summaryKey,
    chroma: summaryChroma,
    onset,
    logMel,
    melPower,
    spectral: p.spectral,
  });
  const descriptors = computeDescriptors(summary);
  if (tempo === null || tempo.confidence < LOW_PULSE_CONFIDENCE) flags.push('low-pulse');

  const result = AudioAnalysis.parse({
    ...base,
    bpm: tempo ? round(tempo.bpm, 1) : null,
    bpmConfidence: tempo ? round(tempo.confidence, 2) : null,
    bpmAlternative: tempo ? round(tempo.alternative, 1) : null,
    key: key?.key ?? null,
    mode: key?.mode ?? null,
    keyConfidence: key ? round(key.confidence, 2) : null,
    keyRunnerUp: key?.runnerUp ?? null,
    loudnessLufs: round(integrated, 1),
    loudnessRange: round(loudnessRange, 1),
    energy: round(descriptors.energy, 2),
    danceability: round(descriptors.danceability, 2),
    acousticness: round(descriptors.acousticness, 2),
    brightnessHz: Math.round(descriptors.brightnessHz),
    dynamicComplexity: round(descriptors.dynamicComplexity, 1),
    percussiveRatio: round(descriptors.percussiveRatio, 2),
    valence: round(descriptors.valence, 2),
    arousal: round(descriptors.arousal, 2),
    mood: descriptors.mood,
    embedding: buildEmbedding(summary),
    flags,
  });
  onProgress?.({ stage: 'done', fraction: 1 });
  return {
    analysis: result,
    meanChroma: chroma ? Array.from(chroma) : null,
    tempo,
    features: summary,
    onset,
    chromaFrames,
  };
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f + 0;
}

/** The fields every result has, with the musical ones empty (the silent-file result). */
function baseResult(
  path: string,
  decoded: DecodeSummary,
  durationSec: number,
  p: AnalysisPipeline,
  truePeakDbtp: number | null,
): AudioAnalysis {
  return {
    file: path,
    sha256: decoded.sha256,
    durationSec: round(durationSec, 3),
    sampleRate: decoded.sampleRate,
    channels: decoded.channels,
    format: decoded.format,
    bpm: null,
    bpmConfidence: null,
    bpmAlternative: null,
    key: null,
    mode: null,
    keyConfidence: null,
    keyRunnerUp: null,
    loudnessLufs: null,
    loudnessRange: null,
    truePeakDbtp: truePeakDbtp === null ? null : round(truePeakDbtp, 1),
    energy: null,
    danceability: null,
    acousticness: null,
    brightnessHz: null,
    dynamicComplexity: null,
    percussiveRatio: null,
    valence: null,
    arousal: null,
    mood: null,
    embedding: [],
    embeddingVersion: EMBEDDING_VERSION,
    waveform: p.waveform.build(),
    flags: [],
    analysisVersion: ANALYSIS_VERSION,
  };
}

type SummaryInput = {
  durationSec: number;
  integrated: number;
  loudnessRange: number;
  shortTerm: Float64Array;
  truePeakDb: number;
  tempo: FeatureSummary['tempo'];
  key: FeatureSummary['key'];
  chroma: Float64Array | null;
  onset: Float32Array;
  logMel: Float32Array;
  melPower: Float32Array;
  spectral: SpectralFeatures;
};

const MFCC_COUNT = 13;

/** Reduces the frame features to the whole-file statistics of FeatureSummary. */
function summarizeFeatures(input: SummaryInput): FeatureSummary {
  const { spectral, logMel, melPower } = input;
  const frames = spectral.frames;

  // Sounding frames: RMS within 50 dB of the loudest frame (intros, outros and gaps excluded).
  const rms = spectral.rms.view();
  let maxRms = 0;
  for (let t = 0; t < frames; t++) maxRms = Math.max(maxRms, rms[t]!);
  const sounding: number[] = [];
  for (let t = 0; t < frames; t++) if (rms[t]! > maxRms * 0.00316) sounding.push(t);
  const pick = (values: Float32Array): number[] => sounding.map((t) => values[t]!);

  const centroid = pick(spectral.centroidHz.view());
  const mfcc = mfccFrames(logMel, MEL_BANDS, MFCC_COUNT);
  const mfccMean: number[] = [];
  const mfccStd: number[] = [];
  const mfccDeltaStd: number[] = [];
  for (let c = 1; c < MFCC_COUNT; c++) {
    const values = sounding.map((t) => mfcc[t * MFCC_COUNT + c]!);
    mfccMean.push(mean(values));
    mfccStd.push(standardDeviation(values));
    const deltas: number[] = [];
    for (let i = 1; i < sounding.length; i++) {
      if (sounding[i]! === sounding[i - 1]! + 1) deltas.push(values[i]! - values[i - 1]!);
    }
    mfccDeltaStd.push(standardDeviation(deltas));
  }

  // Mel-band flatness per sounding frame, and the spectral shape in 8 regions of 5 bands.
  const flatness: number[] = [];
  const regions = new Float64Array(8);
  for (const t of sounding) {
    let logSum = 0;
    let sum = 0;
    for (let b = 0; b < MEL_BANDS; b++) {
      const pw = melPower[t * MEL_BANDS + b]! + 1e-12;
      logSum += Math.log(pw);
      sum += pw;
    }
    flatness.push(Math.exp(logSum / MEL_BANDS) / (sum / MEL_BANDS));
    for (let b = 0; b < MEL_BANDS; b++)
      regions[Math.floor((b * 8) / MEL_BANDS)]! += logMel[t * MEL_BANDS + b]!;
  }
  const regionMeans = Array.from(regions, (v) =>
    sounding.length ? v / ((MEL_BANDS / 8) * sounding.length) : 0,
  );
  const overall = mean(regionMeans);
  const bandShape = regionMeans.map((v) => v - overall);

  const gatedShortTerm = Array.from(input.shortTerm).filter((l) => l > -70 && l > input.integrated - 20);
  const dynamicComplexity = gatedShortTerm.length
    ? mean(gatedShortTerm.map((l) => Math.abs(l - input.integrated)))
    : 0;

  const chromaSum = input.chroma ? input.chroma.reduce((s, v) => s + v, 0) : 0;
  const chroma =
    input.chroma && chromaSum > 0
      ? Array.from(input.chroma, (v) => v / chromaSum)
      : new Array<number>(12).fill(1 / 12);

  return {
    durationSec: input.durationSec,
    loudnessLufs: input.integrated,
    loudnessRange: input.loudnessRange,
    dynamicComplexity,
    truePeakDb: input.truePeakDb,
    tempo: input.tempo,
    key: input.key,
    onsetRate: countOnsets(input.onset) / input.durationSec,
    percussiveShare: percussiveShare(melPower, MEL_BANDS),
    centroidMeanHz: mean(centroid),
    centroidStdHz: standardDeviation(centroid),
    rolloffMeanHz: mean(pick(spectral.rolloffHz.view())),
    zeroCrossingRate: mean(pick(spectral.zeroCrossingRate.view())),
    flatness: mean(flatness),
    mfccMean,
    mfccStd,
    mfccDeltaStd,
    chroma,
    bandShape,
  };
}

/**
 * Onsets: peaks of the onset envelope that are the maximum within ±50 ms and exceed the local
 * mean (±0.5 s) by half the envelope's standard deviation.
 */
function countOnsets(onset: Float32Array): number {
  const n = onset.length;
  const spread = standardDeviation(onset);
  if (!(spread > 0)) return 0;
  const half = Math.round(0.05 * FRAME_RATE);
  const context = Math.round(0.5 * FRAME_RATE);
  let count = 0;
  let last = -Infinity;
  for (let t = 1; t < n - 1; t++) {
    const v = onset[t]!;
    let isPeak = true;
    for (let u = Math.max(0, t - half); u <= Math.min(n - 1, t + half); u++) {
      if (onset[u]! > v) {
        isPeak = false;
        break;
      }
    }
    if (!isPeak || t - last <= half) continue;
    let sum = 0;
    const lo = Math.max(0, t - context);
    const hi = Math.min(n - 1, t + context);
    for (let u = lo; u <= hi; u++) sum += onset[u]!;
    if (v > sum / (hi - lo + 1) + 0.5 * spread) {
      count++;
      last = t;
    }
  }
  return count;
}
