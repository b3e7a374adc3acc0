import type { Currency } from '../../../shared/domain';
import { i18next, localeOf } from '../i18n';

// Money in cents (what the deal arithmetic returns), percentages and calendar dates, formatted for
// the UI language. Dates here are calendar days ("2026-05-14"): they are read and written in UTC so
// that no time zone can move them by a day.

function locale(): string {
  return localeOf(i18next.language);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, digits: number): Intl.NumberFormat {
  const key = `${locale()}|${currency}|${digits}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(), {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/** Integer cents as "3 000,00 €"; `whole` rounds to the unit ("3 000 €") for axes and summaries. */
export function formatCents(cents: number, currency: Currency | string, options: { whole?: boolean } = {}) {
  const digits = options.whole ? 0 : 2;
  return moneyFormat(currency, digits).format((options.whole ? Math.round(cents / 100) : cents / 100) || 0);
}

/** A decimal amount of the deal (3000, 24.5) as "3 000 €" or "24,50 €". */
export function formatAmount(amount: number, currency: Currency | string): string {
  return moneyFormat(currency, Number.isInteger(amount) ? 0 : 2).format(amount);
}

/** A signed difference, "+500 €" or "−250 €". */
export function formatAmountDelta(delta: number, currency: Currency | string): string {
  const text = formatAmount(Math.abs(delta), currency);
  return delta > 0 ? `+${text}` : delta < 0 ? `−${text}` : text;
}

/** A number of percent, "85 %" or "5,5 %" in French, "85%" in English. */
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale()}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(), options);
    numberFormats.set(key, format);
  }
  return format;
}

export function formatPercent(percent: number, maxDigits = 2): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: maxDigits }).format(percent / 100);
}

export function formatCount(value: number): string {
  return numberFormat({ maximumFractionDigits: 0 }).format(value);
}

// ---- Calendar days -------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

export function parseDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return toDay(new Date(parseDay(iso).getTime() + days * DAY_MS));
}

/** The same day `months` later, clamped to the month's last day (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const date = parseDay(iso);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), last));
  return toDay(target);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);
}

/** Today in the user's time zone, as a calendar day. */
export function today(): string {
  const now = new Date();
  return toDay(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl format costs far more than using one: a calendar formats hundreds of days. */
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale()}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(), { ...options, timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  return format;
}

function dayFormat(options: Intl.DateTimeFormatOptions, iso: string): string {
  const date = parseDay(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(options).format(date);
}

/** "jeudi 14 mai 2026". */
export function formatDayLong(iso: string): string {
  return dayFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, iso);
}

/** "14 mai 2026". */
export function formatDay(iso: string): string {
  return dayFormat({ day: 'numeric', month: 'long', year: 'numeric' }, iso);
}

/** "jeu. 14 mai". */
export function formatDayShort(iso: string): string {
  return dayFormat({ weekday: 'short', day: 'numeric', month: 'short' }, iso);
}

/** "mai 2026". */
export function formatMonth(iso: string): string {
  return dayFormat({ month: 'long', year: 'numeric' }, iso);
}

/** "mai". */
export function formatMonthName(iso: string, style: 'long' | 'short' = 'long'): string {
  return dayFormat({ month: style }, iso);
}

/** "14 mai – 16 mai 2026" or "14 mai 2026" for one day. */
export function formatDaySpan(from: string, to: string): string {
  if (from === to) return formatDay(from);
  const a = parseDay(from);
  const b = parseDay(to);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return `${from} – ${to}`;
  return dateFormat({ day: 'numeric', month: 'long', year: 'numeric' }).formatRange(a, b);
}

/** Monday-first weekday names: ["lun.", "mar.", …]. */
export function weekdayNames(style: 'short' | 'long' = 'short'): string[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => dayFormat({ weekday: style }, addDays('2024-01-01', i)));
}
