import { useTranslation } from 'react-i18next';
import type {
  ContractDocument,
  ContractPreview,
  ContractStatus,
  ContractVersionInfo,
  LegalRule,
} from '../../../../shared/legal';
import { Icon } from '../../components/icons';
import { formatBytes, formatDateTime } from '../../lib/format';
import { downloadBase64 } from '../../lib/download';
import { toastInfo } from '../../store/toasts';
import { MoneyTable } from './Checks';
import { shortHash } from './model';

export function ContractStatusChip({ status }: { status: ContractStatus }) {
  const { t } = useTranslation('legal');
  return <span className={`status-chip contract-chip-${status}`}>{t(`status.${status}`)}</span>;
}

export function base64ToBlob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** A document on screen with the blob: URL of its PDF (made once, revoked when replaced). */
export interface ShownDocument {
  document: ContractDocument;
  url: string;
}

export function downloadDocument(document: ContractDocument, message: string): void {
  downloadBase64(document.filename, document.base64, 'application/pdf');
  toastInfo(message);
}

/** A PDF on screen: the blob: URL of its bytes (made once, revoked when replaced). */
export interface ShownPreview {
  preview: ContractPreview;
  url: string;
}

/**
 * The viewer opens on the page at the frame's width, without its thumbnails pane: a booker reads the
 * text at a normal size straight away (Chromium's viewer honours these open parameters; others
 * ignore them).
 */
export const pdfFrameSrc = (url: string) => `${url}#view=FitH&navpanes=0`;

function PdfFrame({ url, filename }: { url: string; filename: string }) {
  const { t } = useTranslation('legal');
  const viewer = typeof navigator === 'undefined' || navigator.pdfViewerEnabled !== false;
  return (
    <>
      {!viewer ? <p className="field-hint">{t('preview.noViewer')}</p> : null}
      <iframe
        className="contract-frame"
        src={pdfFrameSrc(url)}
        title={t('preview.frameTitle', { filename })}
      />
    </>
  );
}

/**
 * The PDF in an <iframe> (the browser's own viewer) with the money lines beside it: either the live
 * preview of the draft being edited (rendered by the back end, not stored) or a stored version. Where
 * the browser has no PDF viewer the frame would stay blank: say so and offer the download.
 */
export function PreviewPanel({
  mode,
  live,
  liveUpdating,
  liveInvalid,
  shown,
  storedLoading,
  hasVersions,
  rules,
  onRefresh,
  onShowLive,
  onShowLatest,
}: {
  mode: 'live' | 'stored';
  live: ShownPreview | null;
  liveUpdating: boolean;
  liveInvalid: boolean;
  shown: ShownDocument | null;
  storedLoading: boolean;
  hasVersions: boolean;
  rules: readonly LegalRule[];
  onRefresh(): void;
  onShowLive(): void;
  onShowLatest(): void;
}) {
  const { t } = useTranslation('legal');
  const document = shown?.document ?? null;
  const money = mode === 'live' ? (live?.preview.money ?? null) : (document?.money ?? null);
  return (
    <div className="contract-preview">
      <section
        className="card contract-preview-doc"
        aria-labelledby="contract-preview-title"
        aria-busy={mode === 'live' ? liveUpdating : storedLoading}
      >
        <div className="contract-card-head">
          <h2 id="contract-preview-title">
            {mode === 'live'
              ? t('preview.titleLive')
              : document
                ? t('preview.titleVersion', { version: document.version })
                : t('preview.title')}
          </h2>
          <div className="button-row">
            {mode === 'live' ? (
              <>
                <button
                  type="button"
                  className="button button-small"
                  onClick={onRefresh}
                  disabled={liveInvalid || liveUpdating}
                >
                  <Icon name="retry" size={14} />
                  {t('preview.refresh')}
                </button>
                {hasVersions ? (
                  <button type="button" className="button button-small" onClick={onShowLatest}>
                    {t('preview.showLatest')}
                  </button>
                ) : null}
                {live ? (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => {
                      downloadBase64(live.preview.filename, live.preview.base64, 'application/pdf');
                      toastInfo(t('preview.downloaded', { filename: live.preview.filename }));
                    }}
                  >
                    <Icon name="download" size={14} />
                    {t('preview.downloadPreview')}
                  </button>
                ) : null}
              </>
            ) : (
              <>
                <button type="button" className="button button-small" onClick={onShowLive}>
                  <Icon name="file" size={14} />
                  {t('preview.showLive')}
                </button>
                {document ? (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() =>
                      downloadDocument(document, t('preview.downloaded', { filename: document.filename }))
                    }
                  >
                    <Icon name="download" size={14} />
                    {t('preview.download')}
                  </button>
                ) : null}
              </>
            )}
          </div>
        </div>
        {mode === 'live' ? (
          <>
            <p className="contract-doc-meta" role="status">
              {liveInvalid ? (
                <span className="contract-reason">{t('preview.invalid')}</span>
              ) : liveUpdating ? (
                <span>{t('preview.updating')}</span>
              ) : (
                <span>{t('preview.liveNote')}</span>
              )}
              {live && !liveInvalid ? <span>{formatBytes(live.preview.bytes)}</span> : null}
            </p>
            {live ? (
              <PdfFrame url={live.url} filename={live.preview.filename} />
            ) : (
              <p className="muted contract-frame-empty">
                {liveInvalid ? t('preview.invalid') : t('preview.updating')}
              </p>
            )}
          </>
        ) : (
          <>
            {document ? (
              <p className="contract-doc-meta">
                <span>{document.filename}</span>
                <span>{formatBytes(document.bytes)}</span>
                <span>
                  SHA-256{' '}
                  <code className="contract-hash" title={document.sha256}>
                    {shortHash(document.sha256)}
                  </code>
                </span>
              </p>
            ) : null}
            {storedLoading ? (
              <p className="muted contract-frame-empty">{t('preview.loading')}</p>
            ) : shown ? (
              <PdfFrame url={shown.url} filename={shown.document.filename} />
            ) : (
              <p className="muted contract-frame-empty">{t('preview.empty')}</p>
            )}
          </>
        )}
      </section>
      <section className="card contract-preview-money" aria-labelledby="contract-preview-money-title">
        <h2 id="contract-preview-money-title">{t('money.linesTitle')}</h2>
        <MoneyTable lines={money} rules={rules} compact />
      </section>
    </div>
  );
}

/** Every stored version: open any in the preview, download it, see which are signed. */
export function VersionsPanel({
  versions,
  shownVersion,
  onOpen,
  onDownload,
}: {
  versions: readonly ContractVersionInfo[];
  shownVersion: number | null;
  onOpen(version: number): void;
  onDownload(version: number): void;
}) {
  const { t } = useTranslation('legal');
  return (
    <section className="card" aria-labelledby="contract-versions-title">
      <h2 id="contract-versions-title">{t('versions.title')}</h2>
      {versions.length === 0 ? (
        <p className="muted">{t('versions.empty')}</p>
      ) : (
        <table className="table contract-versions" data-testid="contract-versions">
          <thead>
            <tr>
              <th scope="col">{t('versions.version')}</th>
              <th scope="col">{t('versions.date')}</th>
              <th scope="col">{t('versions.status')}</th>
              <th scope="col">{t('versions.signatures')}</th>
              <th scope="col">{t('versions.sha256')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('versions.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr key={v.version} aria-current={v.version === shownVersion ? 'true' : undefined}>
                <td className="numeric">v{v.version}</td>
                <td className="nowrap">{formatDateTime(v.createdAt)}</td>
                <td>
                  <ContractStatusChip status={v.status} />
                  {v.blocking > 0 ? (
                    <span className="contract-versions-blocking">
                      {t('versions.blocking', { count: v.blocking })}
                    </span>
                  ) : null}
                </td>
                <td>
                  {v.drawnSignatures.length === 0 && !v.digitallySigned ? (
                    <span className="muted">{t('versions.unsigned')}</span>
                  ) : (
                    <ul className="contract-signature-list">
                      {v.drawnSignatures.map((party) => (
                        <li key={party}>{t('versions.drawnBy', { party: t(`parties.${party}`) })}</li>
                      ))}
                      {v.digitallySigned ? (
                        <li className="contract-digital">
                          <Icon name="check" size={14} />
                          {t('versions.digital')}
                        </li>
                      ) : null}
                    </ul>
                  )}
                </td>
                <td>
                  <code className="contract-hash" title={v.sha256}>
                    {shortHash(v.sha256)}
                  </code>
                </td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onOpen(v.version)}
                    aria-label={t('versions.openLabel', { version: v.version })}
                  >
                    {t('versions.open')}
                  </button>{' '}
                  <button
                    type="button"
                    className="icon-button"
                    onClick={() => onDownload(v.version)}
                    aria-label={t('versions.downloadLabel', { version: v.version })}
                    title={t('versions.downloadLabel', { version: v.version })}
                  >
                    <Icon name="download" size={16} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
