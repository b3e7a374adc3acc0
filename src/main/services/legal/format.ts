import type { ContractLanguage } from '../../../shared/legal';

// Numbers, dates and French typography for the contract text. French typography (Imprimerie
// nationale rules): a no-break space before « : », a narrow no-break space (U+202F) before « ; ! ? »
// and inside « » quotes, the typographic apostrophe ’, the ellipsis …, and amounts written
// "5 000,00 €" with narrow no-break spaces between thousands and before the currency.

export const NNBSP = '\u202f';
export const NBSP = '\u00a0';

/** Integer cents → "5 000,00 €" (fr) / "€5,000.00" (en); CHF: "12 000,00 CHF" / "CHF 12,000.00". */
export function formatCents(cents: number, currency: 'EUR' | 'CHF', language: ContractLanguage): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100));
  const fraction = String(abs % 100).padStart(2, '0');
  const sign = negative ? '−' : '';
  if (language === 'fr') {
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
    return `${sign}${grouped},${fraction}${NNBSP}${currency === 'EUR' ? '€' : 'CHF'}`;
  }
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return currency === 'EUR' ? `${sign}€${grouped}.${fraction}` : `${sign}CHF${NBSP}${grouped}.${fraction}`;
}

/** 55,000 ppm → "5,5 %" / "5.5%"-style "5.5 %". */
export function formatPpm(ppm: number, language: ContractLanguage): string {
  const value = Number((ppm / 10_000).toFixed(4));
  const text = String(value);
  return language === 'fr' ? `${text.replace('.', ',')}${NNBSP}%` : `${text}${NBSP}%`;
}

export function formatPercent(percent: number, language: ContractLanguage): string {
  return formatPpm(Math.round(percent * 10_000), language);
}

// Building an Intl.DateTimeFormat costs far more than using one (it showed in the render profile).
const longDates = {
  fr: new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
};

/** "samedi 14 novembre 2026" / "Saturday 14 November 2026". */
export function formatLongDate(isoDate: string, language: ContractLanguage): string {
  return longDates[language].format(new Date(`${isoDate}T12:00:00Z`));
}

/** "20:30" → "20 h 30" (fr) / "20:30" (en). */
export function formatTime(time: string, language: ContractLanguage): string {
  if (!time) return '';
  return language === 'fr' ? time.replace(':', `${NBSP}h${NBSP}`).replace(/h\u00a000$/, 'h') : time;
}

/**
 * French typography on free text (clauses, riders): what a booker types with a plain keyboard becomes
 * what a typesetter would print. Leaves URLs and times (20:30) alone: a colon gets its space only when
 * the text already had one before it.
 */
export function frenchTypography(text: string): string {
  return (
    text
      // apostrophes: a straight quote between letters
      .replace(/(\p{L})'(?=\p{L})/gu, '$1’')
      // "quoted" → « quoted »
      .replace(/"([^"\n]{1,2000})"/g, (_m, inner: string) => `«${NNBSP}${inner.trim()}${NNBSP}»`)
      // spaces around existing guillemets
      .replace(/«[ \u00a0\u202f]*/g, `«${NNBSP}`)
      .replace(/[ \u00a0\u202f]*»/g, `${NNBSP}»`)
      .replace(/\.\.\./g, '…')
      // a space typed before ; ! ? becomes a narrow no-break space; none typed: one is added
      .replace(/[ \u00a0]+([;!?])/g, `${NNBSP}$1`)
      .replace(/([\p{L}\p{N})»])([;!?])(?=\s|$)/gu, `$1${NNBSP}$2`)
      // a space typed before a colon becomes a no-break space
      .replace(/[ \u202f]+:/g, `${NBSP}:`)
      // percent and degree signs hold to their number
      .replace(/(\d)[ ]?%/g, `$1${NNBSP}%`)
  );
}

/** English keeps its own rules; only the apostrophe is made typographic. */
export function englishTypography(text: string): string {
  return text.replace(/(\p{L})'(?=\p{L})/gu, '$1’');
}

export const typography = (text: string, language: ContractLanguage) =>
  language === 'fr' ? frenchTypography(text) : englishTypography(text);
