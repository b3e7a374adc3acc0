import { z } from 'zod';

// The result of analysing one demo ("Audio DNA"), shared by the main process (which computes it),
// the CLI (which prints it) and the renderer (which shows it). Every number is finite or null: the
// schema refuses NaN and Infinity, so a bug upstream fails loudly instead of reaching a card.

/** Bumped whenever an algorithm change can change a stored result: stored analyses of an older version are redone. */
export const ANALYSIS_VERSION = 2;
/** The embedding's layout version; two embeddings are comparable only when their versions match. */
export const EMBEDDING_VERSION = 1;
/** Number of dimensions of an embedding of EMBEDDING_VERSION. */
export const EMBEDDING_LENGTH = 64;

/** Pitch-class names, index 0 = C, spelled as bookers and DJ software usually do. */
export const PITCH_CLASSES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
export const PitchClass = z.enum(PITCH_CLASSES);
export type PitchClass = z.infer<typeof PitchClass>;

export const KeyMode = z.enum(['major', 'minor']);
export type KeyMode = z.infer<typeof KeyMode>;

/** Mood words on a 3×3 valence/arousal grid (see moodFromValenceArousal). */
export const MOODS = [
  'melancholic',
  'contemplative',
  'serene',
  'brooding',
  'laid-back',
  'cheerful',
  'tense',
  'energetic',
  'euphoric',
] as const;
export const Mood = z.enum(MOODS);
export type Mood = z.infer<typeof Mood>;

/**
 * Conditions worth showing beside a result:
 * silent — no 400 ms block louder than −70 LUFS: no tempo, key or loudness is reported;
 * partial-decode — the file is damaged or truncated and only part of it could be decoded;
 * clipping — many samples sit at full scale;
 * low-pulse — no clear beat (speech, drones, rubato): the tempo is a weak guess.
 */
export const AnalysisFlag = z.enum(['silent', 'partial-decode', 'clipping', 'low-pulse']);
export type AnalysisFlag = z.infer<typeof AnalysisFlag>;

const finite = z.number().finite();
const unit = finite.min(0).max(1);

export const Waveform = z.object({
  /** Duration covered by one bucket, in seconds. */
  bucketSec: finite.positive(),
  /** Per bucket: lowest and highest sample of the mono mix, −1…1. */
  min: z.array(finite),
  max: z.array(finite),
});
export type Waveform = z.infer<typeof Waveform>;

export const AudioAnalysis = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Decoded duration in seconds (what could actually be decoded, never a header's claim). */
  durationSec: finite.nonnegative(),
  /** Native sample rate of the file, Hz. */
  sampleRate: finite.positive(),
  /** Channels declared by the stream (a dual-mono MP3 still says 2). */
  channels: z.number().int().positive(),
  /** Container/codec as detected from the bytes: mp3, wav, flac, oga, opus, m4a, aiff, … */
  format: z.string(),

  /** Tempo in beats per minute, 40–240 (null when silent). */
  bpm: finite.nullable(),
  /** 0–1: how clearly the onset envelope is periodic at bpm. */
  bpmConfidence: unit.nullable(),
  /** The other plausible metrical level (half or double, occasionally 2/3 or 3/2 of bpm). */
  bpmAlternative: finite.nullable(),

  key: PitchClass.nullable(),
  mode: KeyMode.nullable(),
  /** 0–1: margin between the best and the runner-up key correlation. */
  keyConfidence: unit.nullable(),
  keyRunnerUp: z.object({ key: PitchClass, mode: KeyMode }).nullable(),

  /** Integrated loudness per ITU-R BS.1770-4 (gated), LUFS; null when silent. */
  loudnessLufs: finite.nullable(),
  /** Loudness range per EBU Tech 3342, LU; null when silent. */
  loudnessRange: finite.nullable(),
  /** Maximum true peak (4× oversampled), dBTP; null for digital silence. */
  truePeakDbtp: finite.nullable(),

  /** DSP proxies, not Spotify-compatible values (see src/main/services/audio/descriptors.ts). */
  energy: unit.nullable(),
  danceability: unit.nullable(),
  acousticness: unit.nullable(),
  /** Mean spectral centroid of the sounding frames, Hz (analysis band 0–11 kHz). */
  brightnessHz: finite.nonnegative().nullable(),
  /** Mean absolute deviation of short-term loudness from the integrated loudness, LU. */
  dynamicComplexity: finite.nonnegative().nullable(),
  /** Share of percussive energy in the percussive + harmonic split, 0–1. */
  percussiveRatio: unit.nullable(),
  valence: unit.nullable(),
  arousal: unit.nullable(),
  mood: Mood.nullable(),

  /** EMBEDDING_LENGTH numbers, unit length: cosine similarity is their dot product. Empty when silent. */
  embedding: z.array(finite),
  embeddingVersion: z.number().int(),
  waveform: Waveform,
  flags: z.array(AnalysisFlag),
  analysisVersion: z.number().int(),
});
export type AudioAnalysis = z.infer<typeof AudioAnalysis>;

/** Stages reported while a file is analysed, with a 0–1 fraction of the whole job. */
export const AnalysisStage = z.enum(['decode', 'rhythm', 'tonality', 'descriptors', 'done']);
export type AnalysisStage = z.infer<typeof AnalysisStage>;
export type AnalysisProgress = { stage: AnalysisStage; fraction: number };

// ---------------------------------------------------------------------------------------------
// Wording, French first. Pure functions so that the CLI and the renderer say the same thing.

const PITCH_FR: Record<PitchClass, string> = {
  C: 'do',
  'C#': 'do dièse',
  D: 'ré',
  Eb: 'mi bémol',
  E: 'mi',
  F: 'fa',
  'F#': 'fa dièse',
  G: 'sol',
  Ab: 'la bémol',
  A: 'la',
  Bb: 'si bémol',
  B: 'si',
};
const PITCH_EN: Record<PitchClass, string> = {
  C: 'C',
  'C#': 'C♯',
  D: 'D',
  Eb: 'E♭',
  E: 'E',
  F: 'F',
  'F#': 'F♯',
  G: 'G',
  Ab: 'A♭',
  A: 'A',
  Bb: 'B♭',
  B: 'B',
};

export type Lang = 'fr' | 'en';

/** "ré mineur", "mi bémol majeur" / "D minor", "E♭ major". */
export function keyName(key: PitchClass, mode: KeyMode, lang: Lang): string {
  if (lang === 'fr') return `${PITCH_FR[key]} ${mode === 'major' ? 'majeur' : 'mineur'}`;
  return `${PITCH_EN[key]} ${mode}`;
}

/** Feminine forms in French: the word follows "humeur". */
export const MOOD_LABELS: Record<Lang, Record<Mood, string>> = {
  fr: {
    melancholic: 'mélancolique',
    contemplative: 'contemplative',
    serene: 'sereine',
    brooding: 'sombre',
    'laid-back': 'décontractée',
    cheerful: 'enjouée',
    tense: 'tendue',
    energetic: 'énergique',
    euphoric: 'euphorique',
  },
  en: {
    melancholic: 'melancholic',
    contemplative: 'contemplative',
    serene: 'serene',
    brooding: 'brooding',
    'laid-back': 'laid-back',
    cheerful: 'cheerful',
    tense: 'tense',
    energetic: 'energetic',
    euphoric: 'euphoric',
  },
};

/**
 * The mood word of a (valence, arousal) point: rows are arousal below 0.4 / up to 0.65 / above,
 * columns valence below 0.4 / up to 0.6 / above.
 */
export function moodFromValenceArousal(valence: number, arousal: number): Mood {
  const row = arousal < 0.4 ? 0 : arousal <= 0.65 ? 1 : 2;
  const col = valence < 0.4 ? 0 : valence <= 0.6 ? 1 : 2;
  return MOODS[row * 3 + col]!;
}

/** A 0–10 score for a 0–1 descriptor, as shown on cards ("énergie 7/10"). */
export function outOfTen(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 10);
}

/** A tempo and key the booker confirmed or corrected (demos.ts DemoHeard, without its date). */
export type HeardReading = { bpm: number | null; key: { key: PitchClass; mode: KeyMode } | null };

/**
 * The tempo and key to show for a demo: what the booker heard where they said it, else the
 * measurement. `heardBpm` says which the tempo is (a heard tempo carries no weak-pulse caveat).
 */
export function shownTempoAndKey(
  a: Pick<AudioAnalysis, 'bpm' | 'key' | 'mode'>,
  heard?: HeardReading | null,
): { bpm: number | null; heardBpm: boolean; key: { key: PitchClass; mode: KeyMode } | null } {
  const heardBpm = heard?.bpm != null;
  return {
    bpm: heardBpm ? heard!.bpm : a.bpm,
    heardBpm,
    key: heard?.key ?? (a.key !== null && a.mode !== null ? { key: a.key, mode: a.mode } : null),
  };
}

/**
 * One sentence per file, e.g. "104 BPM, ré mineur, −14 LUFS, énergie 7/10, humeur contemplative".
 * With `heard`, the booker's tempo and key replace the measured ones (shownTempoAndKey).
 */
export function summarizeAnalysis(
  a: Omit<AudioAnalysis, 'embedding'>,
  lang: Lang,
  heard?: HeardReading | null,
): string {
  const fr = lang === 'fr';
  if (a.flags.includes('silent')) return fr ? 'Silence : rien à analyser' : 'Silent: nothing to analyse';
  const parts: string[] = [];
  const shown = shownTempoAndKey(a, heard);
  if (shown.bpm !== null) {
    const weak = !shown.heardBpm && a.flags.includes('low-pulse');
    parts.push(
      `${Math.round(shown.bpm)} BPM${weak ? (fr ? ' (pulsation peu nette)' : ' (weak pulse)') : ''}`,
    );
  }
  if (shown.key !== null) parts.push(keyName(shown.key.key, shown.key.mode, lang));
  if (a.loudnessLufs !== null) parts.push(`${formatSigned(Math.round(a.loudnessLufs))} LUFS`);
  if (a.energy !== null) parts.push(`${fr ? 'énergie' : 'energy'} ${outOfTen(a.energy)}/10`);
  if (a.mood !== null) parts.push(`${fr ? 'humeur' : 'mood'} ${MOOD_LABELS[lang][a.mood]}`);
  if (a.flags.includes('partial-decode'))
    parts.push(fr ? 'fichier endommagé, analysé en partie' : 'damaged file, partly analysed');
  return parts.join(', ');
}

/** Typographic minus, as in "−14 LUFS". */
function formatSigned(value: number): string {
  return value < 0 ? `−${Math.abs(value)}` : String(value);
}
