import { i18next, localeOf } from '../i18n';

function locale(): string {
  return localeOf(i18next.language);
}

export function formatNumber(value: number, maxFractionDigits = 2): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: maxFractionDigits }).format(value);
}

export function formatMoney(value: number, currency: string): string {
  const whole = Number.isInteger(value);
  return new Intl.NumberFormat(locale(), {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** "800 € – 1 500 €", "à partir de 800 €", "jusqu’à 1 500 €" or null when both ends are unknown. */
export function formatMoneyRange(
  range: { min: number | null; max: number | null },
  currency: string,
): string | null {
  const t = i18next.t;
  const min = range.min === null ? null : formatMoney(range.min, currency);
  const max = range.max === null ? null : formatMoney(range.max, currency);
  if (min !== null && max !== null) return min === max ? min : t('common.range', { min, max });
  if (min !== null) return t('common.rangeFrom', { min });
  if (max !== null) return t('common.rangeUpTo', { max });
  return null;
}

/** "12 × 8 × 4,5 m" with "?" for a missing side; null when nothing is known. */
export function formatDimensions(d: {
  lengthM: number | null;
  widthM: number | null;
  heightM: number | null;
}): string | null {
  const sides = [d.lengthM, d.widthM, d.heightM];
  if (sides.every((side) => side === null)) return null;
  const text = sides.map((side) => (side === null ? '?' : formatNumber(side))).join(' × ');
  return i18next.t('common.metres', { value: text });
}

/** The country's name in the UI language ("France"), or the code itself when unknown. */
export function countryName(code: string): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([locale()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function formatPlace(city: string, country: string): string {
  return [city, countryName(country)].filter(Boolean).join(', ');
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

export function formatBytes(bytes: number): string {
  const t = i18next.t;
  if (bytes < 1024) return t('units.bytes', { value: formatNumber(bytes, 0) });
  if (bytes < 1024 ** 2) return t('units.kilobytes', { value: formatNumber(bytes / 1024, 1) });
  if (bytes < 1024 ** 3) return t('units.megabytes', { value: formatNumber(bytes / 1024 ** 2, 1) });
  return t('units.gigabytes', { value: formatNumber(bytes / 1024 ** 3, 2) });
}

/** A number as the user would type it in the current language ("12,5" in French). */
export function numberToInput(value: number | null): string {
  if (value === null) return '';
  const text = String(value);
  return i18next.language === 'en' ? text : text.replace('.', ',');
}

/** "Ctrl+N" or "⌘N" depending on the platform. */
export function shortcutLabel(key: string): string {
  const mac = /Mac|iPhone|iPad/.test(navigator.userAgent);
  return mac ? `⌘${key}` : `Ctrl+${key}`;
}
