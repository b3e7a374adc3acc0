import type { z } from 'zod';
import { schemaMessages } from '../../../shared/domain';
import { AppError, type ErrorIssue } from '../../../shared/errors';
import { i18next } from '../i18n';
import { formatCount, formatPercent } from './money';

/** Field path ("fee.max", "contacts.0.email") → message shown under that field. */
export type FieldErrors = Record<string, string>;

export interface FormErrors {
  fields: FieldErrors;
  /** Messages whose path matches no field of the form, shown in the form's summary. */
  general: string[];
}

export const NO_ERRORS: FormErrors = { fields: {}, general: [] };

export function errorCount(errors: FormErrors): number {
  return Object.keys(errors.fields).length + errors.general.length;
}

/**
 * The shared schemas carry a few English messages of their own; a schema's own message wins over
 * zod's locale, so those are translated here by their text.
 */
const KNOWN_MESSAGES: Record<string, () => string> = {
  [schemaMessages.nameRequired]: () => i18next.t('validation.nameRequired'),
  [schemaMessages.minOverMax]: () => i18next.t('validation.minMax'),
  [schemaMessages.twoDecimals]: () => i18next.t('validation.twoDecimals'),
  [schemaMessages.countryCode]: () => i18next.t('validation.country'),
};

/**
 * The deal schema builds its English messages from the field's name ("The guarantee cannot be
 * negative"); under a field the subject is implied, so these translate by their pattern.
 */
const count = (text: string | undefined) => formatCount(Number(text));
const PATTERNS: [RegExp, (match: RegExpExecArray) => string][] = [
  [/ must be a number$/, () => i18next.t('validation.number')],
  [/ cannot be negative$/, () => i18next.t('validation.deal.negative')],
  [/ is over ([\d,]+)$/, (m) => i18next.t('validation.deal.over', { max: count(m[1]?.replace(/,/g, '')) })],
  [/: at most 2 decimals \(cents\)$/, () => i18next.t('validation.twoDecimals')],
  [/: at most [46] decimals$/, () => i18next.t('validation.deal.percentDecimals')],
  [/ cannot exceed 100 %$/, () => i18next.t('validation.deal.percentMax', { max: formatPercent(100) })],
  [
    / cannot exceed [\d.]+ \((\d+) %\)/,
    (m) => i18next.t('validation.deal.percentMax', { max: formatPercent(Number(m[1])) }),
  ],
  [/^A door split or versus deal needs a ticket price/, () => i18next.t('validation.deal.priceNeeded')],
  [/^A guarantee-plus deal needs a ticket price/, () => i18next.t('validation.deal.pricePlus')],
  [/^A door split at 0 % gives the artist nothing$/, () => i18next.t('validation.deal.doorSplitZero')],
  [/^A guarantee-plus deal shares the net receipts/, () => i18next.t('validation.deal.plusNet')],
  [/^The ticketing fees take the whole ticket price/, () => i18next.t('validation.deal.feesTooHigh')],
  [
    /^A bonus at (\d+) tickets can never be reached: the capacity is (\d+)$/,
    (m) => i18next.t('validation.deal.bonusUnreachable', { threshold: count(m[1]), capacity: count(m[2]) }),
  ],
  [
    /^Two bonuses share the threshold of (\d+) tickets$/,
    (m) => i18next.t('validation.deal.bonusTwice', { threshold: count(m[1]) }),
  ],
  [/ is a whole number of tickets$/, () => i18next.t('validation.integer')],
  [/^A bonus threshold is at least 1 ticket$/, () => i18next.t('validation.deal.bonusMin')],
  [/^A label is required$/, () => i18next.t('validation.required')],
  [/^Only the organiser's expenses can be recouped/, () => i18next.t('validation.deal.recoupArtist')],
  [/^A date is written YYYY-MM-DD$/, () => i18next.t('validation.date')],
  [/^This date does not exist$/, () => i18next.t('validation.dateMissing')],
  [/^The last day is before the first day$/, () => i18next.t('validation.dateOrder')],
];

export function translateMessage(message: string): string {
  const known = KNOWN_MESSAGES[message];
  if (known) return known();
  for (const [pattern, translate] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return translate(match);
  }
  return message;
}

/**
 * Per-parse error map: friendlier wording than the locale's for the commonest cases; everything
 * else falls through to the zod locale configured for the UI language.
 */
export const errorMap = (issue: z.core.$ZodRawIssue): string | undefined => {
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) {
    return i18next.t('validation.required');
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int') return i18next.t('validation.integer');
  return undefined;
};

/**
 * Sorts issues into field messages and general ones. A path with no field of its own is shortened
 * until it names one ("genres.3" → "genres"); the first message for a field wins.
 */
export function toFormErrors(
  issues: ErrorIssue[],
  isField: (path: string) => boolean,
  prefix = '',
): FormErrors {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const issue of issues) {
    const message = translateMessage(issue.message);
    let path = prefix && issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path;
    while (path && !isField(path)) path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    if (path) fields[path] ??= message;
    else if (!general.includes(message)) general.push(message);
  }
  return { fields, general };
}

export function issuesOf(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export function mergeErrors(a: FormErrors, b: FormErrors): FormErrors {
  return { fields: { ...b.fields, ...a.fields }, general: [...a.general, ...b.general] };
}

/**
 * Reads a numeric text field: empty means null; spaces and a decimal comma are accepted.
 * Returns undefined (and records a message) when the text is not a number.
 */
export function readNumber(
  text: string,
  path: string,
  errors: FieldErrors,
  options: { integer?: boolean } = {},
): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) {
    errors[path] = i18next.t(options.integer ? 'validation.integer' : 'validation.number');
    return null;
  }
  return Number(cleaned);
}

/** "rock, chanson , jazz" → ["rock", "chanson", "jazz"]. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Moves focus to the first invalid field of the form, after React has rendered the messages. */
export function focusFirstError(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('.form-summary');
    target?.focus();
  });
}

export function fieldId(form: string, path: string): string {
  return `${form}-${path.replace(/\./g, '-')}`;
}

/**
 * The submit step every record form shares: validate the draft with the shared schema (plus the
 * number fields' own errors), show the errors under their fields, otherwise save and show the
 * server's field errors the same way. `serverPrefix` is the path prefix of the fields in the
 * server's issues ("fields." for an update).
 */
export async function validateAndSave<T, R>(options: {
  schema: z.ZodType<T>;
  input: unknown;
  numberErrors: FieldErrors;
  isField: (path: string) => boolean;
  form: HTMLFormElement | null;
  setErrors: (errors: FormErrors) => void;
  setSaving: (saving: boolean) => void;
  save: (value: T) => Promise<R>;
  onSaved: (saved: R) => void;
  onError: (error: unknown) => void;
  serverPrefix: string;
}): Promise<void> {
  const parsed = options.schema.safeParse(options.input, { error: errorMap });
  const found = mergeErrors(
    { fields: options.numberErrors, general: [] },
    parsed.success ? NO_ERRORS : toFormErrors(issuesOf(parsed.error), options.isField),
  );
  if (errorCount(found) > 0 || !parsed.success) {
    options.setErrors(found);
    focusFirstError(options.form);
    return;
  }
  options.setErrors(NO_ERRORS);
  options.setSaving(true);
  try {
    options.onSaved(await options.save(parsed.data));
  } catch (error) {
    if (error instanceof AppError && error.issues?.length) {
      options.setErrors(toFormErrors(error.issues, options.isField, options.serverPrefix));
      focusFirstError(options.form);
    }
    options.onError(error);
  } finally {
    options.setSaving(false);
  }
}
