import type { TFunction } from 'i18next';
import { PITCH_CLASSES, type AudioAnalysis, type PitchClass } from '../../../../shared/audio';
import {
  HEARD_BPM_MAX,
  HEARD_BPM_MIN,
  type DemoAccuracy,
  type DemoHeard,
  type HeardKey,
} from '../../../../shared/demos';

// What the booker heard, the pure part: the one-click tempo and key corrections offered on a card,
// the number they may type, how a heard value compares with the measured one, and the accuracy line.
// No React and no host client here, so that it is unit-tested (test/demos-heard-ui.test.ts); the
// numbers are formatted by the caller (format.ts), in the UI language.

/** How the accuracy line writes its figures: a share as a percentage, the MIREX score as a decimal. */
export interface AccuracyFormat {
  percent(share: number): string;
  decimal(value: number, maxFractionDigits: number): string;
}

/** A heard tempo is kept to 0.1 BPM, as the host stores it. */
export function roundBpm(bpm: number): number {
  return Math.round(bpm * 10) / 10;
}

/** Within 0.5 BPM: the booker's reading and the measurement agree (a "confirmed" tempo). */
export function sameBpm(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.5;
}

export function inHeardRange(bpm: number): boolean {
  return Number.isFinite(bpm) && bpm >= HEARD_BPM_MIN && bpm <= HEARD_BPM_MAX;
}

/** Half, double, 2/3 or 3/2 of the tempo (4 % tolerance), as the booker would say it. */
export function relationOf(
  bpm: number,
  alternative: number,
): 'half' | 'double' | 'twoThirds' | 'threeHalves' | 'other' {
  const ratio = alternative / bpm;
  const near = (target: number) => Math.abs(ratio / target - 1) < 0.04;
  if (near(0.5)) return 'half';
  if (near(2)) return 'double';
  if (near(2 / 3)) return 'twoThirds';
  if (near(1.5)) return 'threeHalves';
  return 'other';
}

/**
 * The one-click tempi of a card, each computed from the measured tempo (not from the one shown), so
 * a button always means the same thing and clicking it twice changes nothing. Null when it would
 * fall outside what a booker can enter. The alternative is offered only when it is not already the
 * half or the double (those have their own buttons).
 */
export interface TempoChoices {
  confirm: number;
  double: number | null;
  half: number | null;
  alternative: number | null;
}

export function tempoChoices(measured: number, alternative: number | null): TempoChoices {
  const inRange = (bpm: number) => (inHeardRange(bpm) ? bpm : null);
  const offered =
    alternative !== null && !['half', 'double'].includes(relationOf(measured, alternative))
      ? inRange(roundBpm(alternative))
      : null;
  return {
    confirm: roundBpm(measured),
    double: inRange(roundBpm(measured * 2)),
    half: inRange(roundBpm(measured / 2)),
    alternative: offered !== null && !sameBpm(offered, measured) ? offered : null,
  };
}

/**
 * A tempo as the booker types it: "92", "92,5" or "92.5" (an optional "BPM" after it), within
 * HEARD_BPM_MIN–HEARD_BPM_MAX. Null when it is not one.
 */
export function parseBpm(text: string): number | null {
  const match = /^(\d{1,3}(?:[.,]\d+)?)\s*(?:bpm)?$/i.exec(text.trim());
  if (!match?.[1]) return null;
  const bpm = Number(match[1].replace(',', '.'));
  return inHeardRange(bpm) ? roundBpm(bpm) : null;
}

/** The relative key: C major ↔ A minor (major tonic + 9 semitones; minor tonic + 3). */
export function relativeKey(key: HeardKey): HeardKey {
  const index = PITCH_CLASSES.indexOf(key.key);
  const shift = key.mode === 'major' ? 9 : 3;
  return {
    key: PITCH_CLASSES[(index + shift) % 12] as PitchClass,
    mode: key.mode === 'major' ? 'minor' : 'major',
  };
}

export function sameKey(a: HeardKey, b: HeardKey): boolean {
  return a.key === b.key && a.mode === b.mode;
}

/** The 24 keys, majors then minors, each from C. */
export const ALL_KEYS: readonly HeardKey[] = (['major', 'minor'] as const).flatMap((mode) =>
  PITCH_CLASSES.map((key) => ({ key, mode })),
);

/** A key as a <select> value ("A:minor") and back; null for anything else. */
export function keyValue(key: HeardKey): string {
  return `${key.key}:${key.mode}`;
}

export function parseKeyValue(value: string): HeardKey | null {
  return ALL_KEYS.find((key) => keyValue(key) === value) ?? null;
}

/** The measured key of a result, when there is one. */
export function measuredKey(result: Pick<AudioAnalysis, 'key' | 'mode'>): HeardKey | null {
  return result.key !== null && result.mode !== null ? { key: result.key, mode: result.mode } : null;
}

/**
 * How the booker's value stands against the measured one: 'confirmed' (the same), 'corrected'
 * (another, or nothing was measured), null when they gave none.
 */
export type HeardState = 'confirmed' | 'corrected' | null;

export function tempoState(heard: DemoHeard | null, measured: number | null): HeardState {
  if (heard?.bpm == null) return null;
  return measured !== null && sameBpm(heard.bpm, measured) ? 'confirmed' : 'corrected';
}

export function keyState(heard: DemoHeard | null, measured: HeardKey | null): HeardState {
  if (!heard?.key) return null;
  return measured !== null && sameKey(heard.key, measured) ? 'confirmed' : 'corrected';
}

/**
 * « Sur vos 12 démos vérifiées : tempo juste 83 % (à l’octave près 100 %), tonalité 0,78 (exacte
 * 67 %) ». When the tempo and the key were given on different numbers of demos, each part says its
 * own count. Null when nothing was confirmed or corrected yet (the line is hidden).
 */
export function accuracyText(
  t: TFunction<'demos'>,
  accuracy: DemoAccuracy,
  { percent, decimal }: AccuracyFormat,
): string | null {
  const { tempo, key } = accuracy;
  if (tempo.n === 0 && key.n === 0) return null;
  const mixed = tempo.n > 0 && key.n > 0 && tempo.n !== key.n;
  const parts: string[] = [];
  if (tempo.n > 0 && tempo.acc1 !== null && tempo.acc2 !== null) {
    const values = { acc1: percent(tempo.acc1), acc2: percent(tempo.acc2), count: tempo.n };
    parts.push(mixed ? t('accuracy.tempoOf', values) : t('accuracy.tempo', values));
  }
  if (key.n > 0 && key.mirex !== null && key.exact !== null) {
    const values = { mirex: decimal(key.mirex, 2), exact: percent(key.exact), count: key.n };
    parts.push(mixed ? t('accuracy.keyOf', values) : t('accuracy.key', values));
  }
  if (parts.length === 0) return null;
  const lead = mixed ? t('accuracy.leadMixed') : t('accuracy.lead', { count: Math.max(tempo.n, key.n) });
  return t('accuracy.line', { lead, parts: parts.join(', ') });
}
