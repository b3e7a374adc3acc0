import { createContext, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractDraft } from '../../../../shared/legal';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { numberToInput } from '../../lib/format';
import { fieldIdOf, getIn, parseDecimal } from './model';

// Form fields bound to a path of the contract draft: each reads its value and its message from the
// wizard's context and writes back through `update`, so a field is one line in the step components.

export interface DraftBinding {
  draft: ContractDraft;
  update(path: string, value: unknown): void;
  /** Messages from the schema, by draft path. */
  errors: Readonly<Record<string, string>>;
  /** Paths the offer filled in (shown as such under the field). */
  prefilled: ReadonlySet<string>;
  /** Number fields report their own parse errors here, so Generate stays off while one is pending. */
  setLocalError(path: string, message: string | null): void;
}

export const DraftContext = createContext<DraftBinding | null>(null);

export function useDraftBinding(): DraftBinding {
  const binding = useContext(DraftContext);
  if (!binding) throw new Error('Contract fields are used outside the contract wizard');
  return binding;
}

function isPrefilled(prefilled: ReadonlySet<string>, path: string): boolean {
  for (const p of prefilled) if (path === p || path.startsWith(`${p}.`)) return true;
  return false;
}

interface Common {
  path: string;
  label: string;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
}

function useHint(path: string, hint: string | undefined): string | undefined {
  const { t } = useTranslation('legal');
  const { prefilled } = useDraftBinding();
  const from = isPrefilled(prefilled, path) ? t('wizard.prefilledHint') : '';
  return [hint, from].filter(Boolean).join(' ') || undefined;
}

export function DraftText({
  path,
  label,
  hint,
  required,
  className,
  multiline,
  rows,
  placeholder,
  type,
  nullable,
}: Common & {
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  type?: 'text' | 'email' | 'tel' | 'date';
  /** An empty text is stored as null (a birth date). */
  nullable?: boolean;
}) {
  const { draft, update, errors } = useDraftBinding();
  const value = getIn(draft, path);
  return (
    <TextField
      id={fieldIdOf(path)}
      label={label}
      value={typeof value === 'string' ? value : ''}
      onChange={(text) => update(path, nullable && text === '' ? null : text)}
      error={errors[path]}
      hint={useHint(path, hint)}
      required={required ?? false}
      className={className}
      multiline={multiline ?? false}
      rows={rows ?? 4}
      placeholder={placeholder ?? ''}
      type={type ?? 'text'}
    />
  );
}

/**
 * A number typed the booker's way ("1 250,50"): the text is kept as typed and the draft gets the number
 * once it reads as one within bounds; until then the field shows why.
 */
export function DraftNumber({
  path,
  label,
  hint,
  required,
  className,
  integer,
  nullable,
  min = 0,
  max,
  decimals = 2,
}: Common & { integer?: boolean; nullable?: boolean; min?: number; max?: number; decimals?: number }) {
  const { t } = useTranslation('legal');
  const { draft, update, errors, setLocalError } = useDraftBinding();
  const value = getIn(draft, path) as number | null | undefined;
  const [text, setText] = useState(() => numberToInput(value ?? null));
  const [seen, setSeen] = useState(value);
  const [localError, setError] = useState<string | null>(null);
  const resolvedHint = useHint(path, hint);
  // The draft changed from elsewhere (pre-filled from an offer, another version opened): show it.
  if (!Object.is(seen, value)) {
    setSeen(value);
    const typed = parseDecimal(text);
    if (typed !== value && !(typed === null && value === null)) {
      setText(numberToInput(value ?? null));
      setError(null);
    }
  }

  const onChange = (next: string) => {
    setText(next);
    const parsed = parseDecimal(next);
    let message: string | null = null;
    if (parsed === null) {
      if (!nullable) message = t('validation.required');
    } else if (Number.isNaN(parsed)) {
      message = t(integer ? 'validation.integer' : 'validation.number');
    } else if (integer && !Number.isInteger(parsed)) {
      message = t('validation.integer');
    } else if (!integer && Math.abs(parsed * 10 ** decimals - Math.round(parsed * 10 ** decimals)) > 1e-6) {
      message = t('validation.decimals', { count: decimals });
    } else if (parsed < min) {
      message = t('validation.min', { min: numberToInput(min) });
    } else if (max !== undefined && parsed > max) {
      message = t('validation.max', { max: numberToInput(max) });
    }
    setError(message);
    setLocalError(path, message);
    if (message === null) {
      setSeen(parsed);
      update(path, parsed);
    }
  };

  return (
    <TextField
      id={fieldIdOf(path)}
      label={label}
      value={text}
      onChange={onChange}
      error={localError ?? errors[path]}
      hint={resolvedHint}
      required={required ?? false}
      className={className}
      inputMode={integer ? 'numeric' : 'decimal'}
      inputClassName="numeric"
    />
  );
}

export function DraftCheck({ path, label, hint, className }: Common) {
  const { draft, update, errors } = useDraftBinding();
  return (
    <CheckboxField
      id={fieldIdOf(path)}
      label={label}
      checked={getIn(draft, path) === true}
      onChange={(checked) => update(path, checked)}
      error={errors[path]}
      hint={useHint(path, hint)}
      className={className ?? ''}
    />
  );
}

export function DraftSelect<V extends string>({
  path,
  label,
  hint,
  required,
  className,
  options,
}: Common & { options: readonly { value: V; label: string }[] }) {
  const { draft, update, errors } = useDraftBinding();
  return (
    <SelectField<V>
      id={fieldIdOf(path)}
      label={label}
      value={getIn(draft, path) as V}
      onChange={(value) => update(path, value)}
      options={options}
      error={errors[path]}
      hint={useHint(path, hint)}
      required={required ?? false}
      className={className}
    />
  );
}
