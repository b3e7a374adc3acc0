import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface BaseProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  className?: string | undefined;
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldShell({
  id,
  label,
  error,
  hint,
  required,
  className,
  children,
}: BaseProps & { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {required ? (
          <span className="required" title={t('form.requiredHint')} aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {children}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface TextFieldProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  multiline?: boolean;
  rows?: number;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  autoComplete?: string;
  placeholder?: string;
  type?: 'text' | 'email' | 'tel' | 'search' | 'date';
  inputClassName?: string;
}

export function TextField(props: TextFieldProps) {
  const {
    id,
    label,
    value,
    onChange,
    error,
    hint,
    required,
    className,
    multiline,
    rows,
    inputMode,
    autoComplete,
    placeholder,
  } = props;
  const common = {
    id,
    name: id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, error, hint),
    'aria-required': required ? true : undefined,
    placeholder,
    className: props.inputClassName,
  };
  return (
    <FieldShell
      id={id}
      label={label}
      error={error}
      hint={hint}
      required={required ?? false}
      className={className}
    >
      {multiline ? (
        <textarea {...common} rows={rows ?? 4} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          inputMode={inputMode}
          autoComplete={autoComplete ?? 'off'}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldShell>
  );
}

interface SelectFieldProps<V extends string> extends BaseProps {
  value: V;
  onChange(value: V): void;
  options: readonly { value: V; label: string }[];
}

export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const { id, label, value, onChange, options, error, hint, required, className } = props;
  return (
    <FieldShell
      id={id}
      label={label}
      error={error}
      hint={hint}
      required={required ?? false}
      className={className}
    >
      <select
        id={id}
        name={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.target.value as V)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
}

export function CheckboxField({
  id,
  label,
  checked,
  onChange,
  disabled,
  error,
  hint,
  className,
}: CheckboxFieldProps) {
  return (
    <div
      className={['field field-check', error ? 'field-invalid' : '', className ?? '']
        .filter(Boolean)
        .join(' ')}
    >
      <label htmlFor={id} className="check-label">
        <input
          id={id}
          name={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface RadioGroupProps<V extends string> {
  id: string;
  legend: string;
  value: V;
  onChange(value: V): void;
  options: readonly { value: V; label: string; hint?: string }[];
  error?: string | undefined;
  className?: string;
}

/** A fieldset of radio buttons: arrows move between them (native), the legend names the group. */
export function RadioGroup<V extends string>({
  id,
  legend,
  value,
  onChange,
  options,
  error,
  className,
}: RadioGroupProps<V>) {
  return (
    <fieldset
      className={['radio-group', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      <div className="radio-options">
        {options.map((option) => (
          <label
            key={option.value}
            className={option.value === value ? 'radio-option radio-checked' : 'radio-option'}
          >
            <input
              type="radio"
              name={id}
              id={`${id}-${option.value}`}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            <span className="radio-text">
              <span className="radio-label">{option.label}</span>
              {option.hint ? <span className="radio-hint">{option.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
