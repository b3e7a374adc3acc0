import { describe, expect, it } from 'vitest';
import { keyName } from '../src/shared/audio';
import type { DemoAccuracy, DemoHeard } from '../src/shared/demos';
import { i18next } from '../src/renderer/src/i18n';
import {
  ALL_KEYS,
  accuracyText,
  keyState,
  keyValue,
  parseBpm,
  parseKeyValue,
  relativeKey,
  tempoChoices,
  tempoState,
  type AccuracyFormat,
} from '../src/renderer/src/sections/demos/heard';

// The demo card's "what the booker heard" controls, their pure part: the one-click tempi, the typed
// tempo, the relative key, the badge state and the accuracy line above the list. The line's numbers
// are formatted here as the screen does (format.ts: Intl in the UI language, typographic minus).

const heard = (fields: Partial<DemoHeard>): DemoHeard => ({
  bpm: null,
  key: null,
  at: '2026-03-01T10:00:00.000Z',
  ...fields,
});

const accuracy = (tempo: DemoAccuracy['tempo'], key: DemoAccuracy['key']): DemoAccuracy => ({
  analysisVersion: 2,
  tempo,
  key,
});

describe('tempo choices', () => {
  it('doubles and halves the measured tempo, rounded to 0.1 BPM', () => {
    expect(tempoChoices(127.96, 64)).toEqual({ confirm: 128, double: 255.9, half: 64, alternative: null });
  });

  it('offers the alternative only when it is not already the half or the double', () => {
    expect(tempoChoices(120, 60).alternative).toBeNull();
    expect(tempoChoices(120, 240).alternative).toBeNull();
    expect(tempoChoices(120, 80).alternative).toBe(80); // 2/3
    expect(tempoChoices(92, 138.04).alternative).toBe(138); // 3/2
  });

  it('drops a choice that falls outside 30–300 BPM', () => {
    expect(tempoChoices(200, 100)).toMatchObject({ double: null, half: 100 });
    expect(tempoChoices(50, 25)).toMatchObject({ double: 100, half: null, alternative: null });
    expect(tempoChoices(40, 26.7).alternative).toBeNull();
  });
});

describe('a typed tempo', () => {
  it('reads French and English decimals, with or without BPM', () => {
    expect(parseBpm('92')).toBe(92);
    expect(parseBpm(' 92,5 ')).toBe(92.5);
    expect(parseBpm('92.54')).toBe(92.5);
    expect(parseBpm('128 BPM')).toBe(128);
    expect(parseBpm('30')).toBe(30);
    expect(parseBpm('300')).toBe(300);
  });

  it('refuses what is not a tempo a booker can enter', () => {
    for (const text of ['', 'abc', '29,9', '300,1', '500', '-90', '1e2', '90 bpmx', '9 2', '0x5A']) {
      expect(parseBpm(text), text).toBeNull();
    }
  });
});

describe('keys', () => {
  it('takes the relative: major tonic + 9 → minor, minor tonic + 3 → major', () => {
    expect(relativeKey({ key: 'C', mode: 'major' })).toEqual({ key: 'A', mode: 'minor' });
    expect(relativeKey({ key: 'A', mode: 'minor' })).toEqual({ key: 'C', mode: 'major' });
    expect(relativeKey({ key: 'Eb', mode: 'major' })).toEqual({ key: 'C', mode: 'minor' });
    expect(relativeKey({ key: 'B', mode: 'minor' })).toEqual({ key: 'D', mode: 'major' });
    expect(relativeKey({ key: 'F#', mode: 'minor' })).toEqual({ key: 'A', mode: 'major' });
    for (const key of ALL_KEYS) expect(relativeKey(relativeKey(key))).toEqual(key);
  });

  it('lists the 24 keys once each, with French names, and reads a select value back', () => {
    expect(ALL_KEYS).toHaveLength(24);
    expect(new Set(ALL_KEYS.map(keyValue)).size).toBe(24);
    expect(new Set(ALL_KEYS.map((key) => keyName(key.key, key.mode, 'fr'))).size).toBe(24);
    for (const key of ALL_KEYS) expect(parseKeyValue(keyValue(key))).toEqual(key);
    expect(parseKeyValue('')).toBeNull();
    expect(parseKeyValue('H:major')).toBeNull();
  });
});

describe('badge state', () => {
  it('says confirmed within 0.5 BPM of the measurement, corrected otherwise, nothing when unset', () => {
    expect(tempoState(null, 128)).toBeNull();
    expect(tempoState(heard({ key: { key: 'C', mode: 'major' } }), 128)).toBeNull();
    expect(tempoState(heard({ bpm: 128.3 }), 127.96)).toBe('confirmed');
    expect(tempoState(heard({ bpm: 64 }), 128)).toBe('corrected');
    expect(tempoState(heard({ bpm: 90 }), null)).toBe('corrected');
  });

  it('says confirmed for the same key only', () => {
    const measured = { key: 'A', mode: 'minor' } as const;
    expect(keyState(heard({ bpm: 90 }), measured)).toBeNull();
    expect(keyState(heard({ key: { key: 'A', mode: 'minor' } }), measured)).toBe('confirmed');
    expect(keyState(heard({ key: { key: 'C', mode: 'major' } }), measured)).toBe('corrected');
    expect(keyState(heard({ key: { key: 'A', mode: 'major' } }), null)).toBe('corrected');
  });
});

describe('the accuracy line', () => {
  const t = (language: 'fr' | 'en') => i18next.getFixedT(language, 'demos');
  const locale = { fr: 'fr-FR', en: 'en-GB' } as const;
  const format = (language: 'fr' | 'en'): AccuracyFormat => ({
    percent: (share) =>
      new Intl.NumberFormat(locale[language], { style: 'percent', maximumFractionDigits: 0 }).format(share),
    decimal: (value, digits) =>
      new Intl.NumberFormat(locale[language], { maximumFractionDigits: digits }).format(value),
  });

  it('is hidden until a demo is confirmed or corrected', () => {
    const none = accuracy({ n: 0, acc1: null, acc2: null }, { n: 0, mirex: null, exact: null });
    expect(accuracyText(t('fr'), none, format('fr'))).toBeNull();
  });

  it('reads as the booker would say it, in French', () => {
    const twelve = accuracy({ n: 12, acc1: 10 / 12, acc2: 1 }, { n: 12, mirex: 0.7833, exact: 8 / 12 });
    expect(accuracyText(t('fr'), twelve, format('fr'))).toBe(
      'Sur vos 12 démos vérifiées : tempo juste 83\u00a0% (à l’octave près 100\u00a0%), tonalité 0,78 (exacte 67\u00a0%)',
    );
    const one = accuracy({ n: 1, acc1: 1, acc2: 1 }, { n: 1, mirex: 1, exact: 1 });
    expect(accuracyText(t('fr'), one, format('fr'))).toBe(
      'Sur 1 démo vérifiée : tempo juste 100\u00a0% (à l’octave près 100\u00a0%), tonalité 1 (exacte 100\u00a0%)',
    );
  });

  it('gives each part its own count when the tempo and the key were checked on different demos', () => {
    const mixed = accuracy({ n: 3, acc1: 2 / 3, acc2: 1 }, { n: 2, mirex: 0.5, exact: 0.5 });
    expect(accuracyText(t('fr'), mixed, format('fr'))).toBe(
      'Sur vos démos vérifiées : tempo juste 67\u00a0% sur 3 (à l’octave près 100\u00a0%), tonalité 0,5 sur 2 (exacte 50\u00a0%)',
    );
    const tempoOnly = accuracy({ n: 2, acc1: 0.5, acc2: 1 }, { n: 0, mirex: null, exact: null });
    expect(accuracyText(t('fr'), tempoOnly, format('fr'))).toBe(
      'Sur vos 2 démos vérifiées : tempo juste 50\u00a0% (à l’octave près 100\u00a0%)',
    );
  });

  it('has an English wording', () => {
    const two = accuracy({ n: 2, acc1: 0.5, acc2: 1 }, { n: 2, mirex: 0.65, exact: 0.5 });
    expect(accuracyText(t('en'), two, format('en'))).toBe(
      'On your 2 checked demos: tempo right 50% (within an octave 100%), key 0.65 (exact 50%)',
    );
  });
});
