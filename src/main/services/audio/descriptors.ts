import { moodFromValenceArousal, type Mood } from '../../../shared/audio';
import { clamp01, type FeatureSummary } from './features';

// Descriptors a booker reads on a card. They are DSP proxies built from a few measured
// quantities with fixed, documented weights — not Spotify's values, and not trained on ratings.
// Each line says: what · unit · range · algorithm.

export type Descriptors = {
  /** Energy · unitless · 0–1 · 0.4 loudness (−30…−6 LUFS) + 0.25 onset rate (0…6 /s) + 0.2 brightness (centroid 800…3500 Hz) + 0.15 noisiness (mel flatness 0…0.4). */
  energy: number;
  /** Danceability · unitless · 0–1 · 0.45 beat strength (pulse clarity 0…0.5) + 0.25 tempo stability + 0.2 tempo in the 90–140 BPM dance range (log-Gaussian) + 0.1 percussive share. */
  danceability: number;
  /** Acousticness · unitless · 0–1 · 1 − (0.4 noisiness + 0.3 percussive share (0…0.6) + 0.3 brightness (1…4 kHz)): tonal, soft-edged, darker sounds score high. */
  acousticness: number;
  /** Brightness · Hz · 0–11 025 · mean spectral centroid of the sounding frames (22 050 Hz analysis). */
  brightnessHz: number;
  /** Dynamic complexity · LU · ≥ 0 · mean absolute deviation of the 3 s loudness from the integrated loudness (Essentia's idea, on BS.1770 short-term loudness). */
  dynamicComplexity: number;
  /** Percussive/harmonic balance · unitless · 0–1 · percussive share of the mel energy after median-filter HPSS. */
  percussiveRatio: number;
  /** Valence · unitless · 0–1 · 0.45 mode (major/minor correlation contrast) + 0.3 tempo (70…160 BPM) + 0.25 brightness — a guess with low validity: sadness and joy are not in the spectrum. */
  valence: number;
  /** Arousal · unitless · 0–1 · 0.35 loudness + 0.3 onset rate + 0.2 tempo (60…180 BPM) + 0.15 brightness. */
  arousal: number;
  /** Mood word · one of 9 · the cell of (valence, arousal) on a 3×3 grid (moodFromValenceArousal). */
  mood: Mood;
};

const ramp = (x: number, from: number, to: number): number => clamp01((x - from) / (to - from));

export function computeDescriptors(f: FeatureSummary): Descriptors {
  const loud = ramp(f.loudnessLufs, -30, -6);
  const onsets = ramp(f.onsetRate, 0, 6);
  const bright = ramp(f.centroidMeanHz, 800, 3500);
  const noisy = ramp(f.flatness, 0, 0.4);
  const bpm = f.tempo?.bpm ?? 0;
  const pulse = ramp(f.tempo?.pulseClarity ?? 0, 0, 0.5);
  const stability = f.tempo?.stability ?? 0;
  const danceTempo = bpm > 0 ? Math.exp(-0.5 * (Math.log2(bpm / 116) / 0.35) ** 2) : 0;
  const modeTerm = f.key ? clamp01(0.5 + 2.5 * f.key.modeContrast) : 0.5;

  const energy = clamp01(0.4 * loud + 0.25 * onsets + 0.2 * bright + 0.15 * noisy);
  const danceability = clamp01(0.45 * pulse + 0.25 * stability + 0.2 * danceTempo + 0.1 * f.percussiveShare);
  const acousticness = clamp01(
    1 - (0.4 * noisy + 0.3 * ramp(f.percussiveShare, 0, 0.6) + 0.3 * ramp(f.centroidMeanHz, 1000, 4000)),
  );
  const valence = clamp01(0.45 * modeTerm + 0.3 * ramp(bpm, 70, 160) + 0.25 * bright);
  const arousal = clamp01(0.35 * loud + 0.3 * onsets + 0.2 * ramp(bpm, 60, 180) + 0.15 * bright);
  return {
    energy,
    danceability,
    acousticness,
    brightnessHz: f.centroidMeanHz,
    dynamicComplexity: f.dynamicComplexity,
    percussiveRatio: clamp01(f.percussiveShare),
    valence,
    arousal,
    mood: moodFromValenceArousal(valence, arousal),
  };
}
