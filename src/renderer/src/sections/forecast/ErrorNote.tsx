import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/errors';
import { translateMessage } from '../../lib/forms';

/** A request's failure where its answer would be, with its code's title and a retry. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { t: tf } = useTranslation('forecast');
  const title = error instanceof AppError ? t(`errors.${error.code}`) : t('errors.unexpected');
  const message =
    error instanceof AppError
      ? translateMessage(error.message)
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <div className="fc-error" role="alert">
      <p className="fc-error-title">{title}</p>
      <p className="fc-error-message">{message}</p>
      {onRetry ? (
        <button type="button" className="button button-small" onClick={onRetry}>
          {tf('retry')}
        </button>
      ) : null}
    </div>
  );
}
