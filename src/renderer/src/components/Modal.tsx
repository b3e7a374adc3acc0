import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

interface ModalProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Blocks Escape and the close button while something runs. */
  busy?: boolean;
  wide?: boolean;
}

/**
 * A modal on the native <dialog>: focus is trapped by the browser and moves to the first field (or
 * the close button), Escape closes, and focus returns where it was.
 */
export function Modal({ title, onClose, children, busy, wide }: ModalProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // The first field, never an action button: Enter must not confirm or release by accident.
    const first = dialog.querySelector<HTMLElement>(
      '.modal-body input, .modal-body select, .modal-body textarea',
    );
    (first ?? dialog.querySelector<HTMLElement>('.modal-close'))?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog modal modal-wide' : 'dialog modal'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <header className="modal-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button
          type="button"
          className="icon-button modal-close"
          aria-label={t('common.close')}
          disabled={busy}
          onClick={onClose}
        >
          <Icon name="close" size={18} />
        </button>
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
