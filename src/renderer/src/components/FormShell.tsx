import type { FormEvent, ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCount, type FormErrors } from '../lib/forms';
import { Icon } from './icons';

interface FormShellProps {
  id: string;
  errors: FormErrors;
  saving: boolean;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
  /** The submit button's words when "Enregistrer" is not the right verb ("Créer l’offre"). */
  submitLabel?: string;
  className?: string;
  ref?: Ref<HTMLFormElement>;
}

/**
 * The frame of every record form: the browser's own validation is off (the shared zod schemas
 * validate), a summary of the errors on top, Save / Cancel at the bottom, Ctrl/Cmd+S saves.
 */
export function FormShell({
  id,
  errors,
  saving,
  onSubmit,
  onCancel,
  children,
  ref,
  submitLabel,
  className,
}: FormShellProps) {
  const { t } = useTranslation();
  const count = errorCount(errors);
  return (
    <form
      ref={ref}
      id={id}
      className={className ? `record-form ${className}` : 'record-form'}
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (!saving) onSubmit();
      }}
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
          event.preventDefault();
          event.currentTarget.requestSubmit();
        }
      }}
    >
      {count > 0 ? (
        <div className="form-summary" role="alert" tabIndex={-1}>
          <Icon name="alert" size={18} />
          <div>
            <p>{t('form.errorSummary', { count })}</p>
            {errors.general.length > 0 ? (
              <ul>
                {errors.general.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      ) : null}
      {children}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={saving}
          aria-keyshortcuts="Control+S Meta+S"
        >
          <Icon name="check" size={16} />
          {saving ? t('common.saving') : (submitLabel ?? t('common.save'))}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
