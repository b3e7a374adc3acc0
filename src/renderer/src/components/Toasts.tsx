import { useTranslation } from 'react-i18next';
import { useToasts, type Toast } from '../store/toasts';
import { Icon } from './icons';

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useToasts((state) => state.dismiss);
  const icon = toast.kind === 'error' ? 'alert' : toast.kind === 'success' ? 'check' : 'info';
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
    >
      <span className="toast-icon">
        <Icon name={icon} />
      </span>
      <div className="toast-text">
        <p className="toast-title">{toast.title}</p>
        {toast.message ? <p className="toast-message">{toast.message}</p> : null}
      </div>
      <button
        type="button"
        className="icon-button toast-close"
        aria-label={t('common.dismiss')}
        onClick={() => dismiss(toast.id)}
      >
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}

/** Errors stay until dismissed; successes and infos fade out on their own (see TOAST_MS). */
export function Toasts() {
  const toasts = useToasts((state) => state.toasts);
  return (
    <div className="toasts">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
