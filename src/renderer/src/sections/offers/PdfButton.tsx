import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Icon } from '../../components/icons';
import { currentLanguage } from '../../i18n';
import { downloadBase64 } from '../../lib/download';
import { toastError, toastInfo } from '../../store/toasts';

/** Asks the host for the offer's deal memo or settlement sheet as a PDF, and offers it as a download. */
export function PdfButton({
  offerId,
  kind,
  label,
}: {
  offerId: string;
  kind: 'dealMemo' | 'settlement';
  label: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const pdf = await api.invoke('offers.pdf', { offerId, kind, language: currentLanguage() });
      downloadBase64(pdf.filename, pdf.base64, 'application/pdf');
      toastInfo(t('offers.pdfReady', { filename: pdf.filename }));
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button" disabled={busy} aria-busy={busy} onClick={() => void download()}>
      <Icon name="download" size={16} />
      {label}
    </button>
  );
}
