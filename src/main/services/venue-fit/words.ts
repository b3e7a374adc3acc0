import type { Language } from '../../../shared/domain';

// Small wording helpers shared by the venue-fit explanations (French first, English second).

export type Lang = Language;

export const say = (lang: Lang, fr: string, en: string): string => (lang === 'fr' ? fr : en);

/** 1,1 (fr) / 1.1 (en); thousands grouped. */
export function num(value: number, lang: Lang, digits = 0): string {
  return value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** "94 %" (fr, with a no-break space) / "94%" (en). */
export function pct(value: number, lang: Lang): string {
  return lang === 'fr' ? `${Math.round(value)}\u00a0%` : `${Math.round(value)}%`;
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** A 0–1 quality as a whole 0–100 score. */
export const toScore = (x: number): number => Math.round(clamp01(x) * 100);
