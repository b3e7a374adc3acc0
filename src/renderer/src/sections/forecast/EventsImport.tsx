import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/errors';
import { EVENT_CSV_COLUMNS, type EventsImportResult } from '../../../../shared/forecast';
import { CheckboxField } from '../../components/fields';
import { Icon } from '../../components/icons';
import { Modal } from '../../components/Modal';
import { api } from '../../api';
import { formatAmount, formatCount, formatPercent } from '../../lib/money';
import { toastError, toastInfo, toastSuccess } from '../../store/toasts';
import { inLanguage } from './requests';

interface EventsImportProps {
  onClose(): void;
  onImported(): void;
}

/**
 * CSV import in two steps: check (a dry run: preview of the rows, every bad line with its column and
 * message), then import — offered only when the whole file is valid, since the service writes all or nothing.
 */
export function EventsImport({ onClose, onImported }: EventsImportProps) {
  const { t } = useTranslation('forecast');
  const id = useId();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [createMissing, setCreateMissing] = useState(false);
  const [keepDuplicates, setKeepDuplicates] = useState(false);
  const [check, setCheck] = useState<{ key: string; result: EventsImportResult } | null>(null);
  const [busy, setBusy] = useState(false);
  // The running check or import: a job, so a big file shows progress and can be cancelled.
  const [job, setJob] = useState<{ id: string; stage: string; fraction: number; cancelling: boolean } | null>(
    null,
  );
  const jobRef = useRef<string | null>(null);
  useEffect(
    () =>
      api.on('job.progress', (progress) => {
        if (progress.jobId !== jobRef.current) return;
        setJob((current) =>
          current && current.id === progress.jobId
            ? { ...current, stage: progress.stage, fraction: progress.fraction }
            : current,
        );
      }),
    [],
  );
  const key = JSON.stringify({ text, createMissing, keepDuplicates });
  const result = check?.key === key ? check.result : null;

  const run = async (dryRun: boolean) => {
    setBusy(true);
    const jobId = crypto.randomUUID();
    jobRef.current = jobId;
    setJob({ id: jobId, stage: 'parse', fraction: 0, cancelling: false });
    try {
      const answer = await api.invoke('events.importCsv', {
        text,
        dryRun,
        createMissing,
        keepDuplicates,
        jobId,
      });
      if (dryRun || answer.errorCount > 0) {
        setCheck({ key, result: answer });
      } else {
        toastSuccess(
          answer.skippedDuplicates > 0
            ? t('import.doneSkipped', { count: answer.imported, skipped: answer.skippedDuplicates })
            : t('import.done', { count: answer.imported }),
        );
        onImported();
      }
    } catch (error) {
      if (error instanceof AppError && error.code === 'CANCELLED') toastInfo(t('import.cancelled'));
      else toastError(error);
    } finally {
      jobRef.current = null;
      setJob(null);
      setBusy(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    setJob({ ...job, cancelling: true });
    try {
      await api.invoke('jobs.cancel', { jobId: job.id });
    } catch (error) {
      toastError(error);
    }
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      setText(await file.text());
      setFileName(file.name);
    } catch (error) {
      toastError(error);
    }
  };

  return (
    <Modal title={t('import.title')} onClose={onClose} busy={busy} wide>
      <p className="muted fc-import-lead">{t('import.lead', { columns: EVENT_CSV_COLUMNS.join(', ') })}</p>
      <div className="fc-import-source">
        <label className="button button-small" htmlFor={`${id}-file`}>
          <Icon name="upload" size={16} />
          {t('import.chooseFile')}
        </label>
        <input
          id={`${id}-file`}
          className="visually-hidden"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(event) => void readFile(event.target.files?.[0])}
        />
        <span className="muted">{fileName ?? t('import.orPaste')}</span>
      </div>
      <div className="field">
        <div className="field-label">
          <label htmlFor={`${id}-text`}>{t('import.text')}</label>
        </div>
        <textarea
          id={`${id}-text`}
          className="fc-import-text"
          rows={7}
          spellCheck={false}
          value={text}
          placeholder={
            'date;artist;venue;capacity;tickets_sold;ticket_price\n2025-03-14;Nadia Kessler Trio;Le Périscope;600;420;20'
          }
          onChange={(event) => {
            setText(event.target.value);
            setFileName(null);
          }}
        />
      </div>
      <CheckboxField
        id={`${id}-create`}
        label={t('import.createMissing')}
        hint={t('import.createMissingHint')}
        checked={createMissing}
        onChange={setCreateMissing}
      />
      <CheckboxField
        id={`${id}-duplicates`}
        label={t('import.keepDuplicates')}
        hint={t('import.keepDuplicatesHint')}
        checked={keepDuplicates}
        onChange={setKeepDuplicates}
      />
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={busy || text.trim() === ''}
          onClick={() => void run(true)}
        >
          {t('import.check')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !result || result.errorCount > 0 || importableRows(result) === 0}
          onClick={() => void run(false)}
        >
          {result && result.errorCount === 0 && importableRows(result) > 0
            ? t('import.confirm', { count: importableRows(result) })
            : t('import.confirmDisabled')}
        </button>
      </div>
      {job ? (
        <div className="fc-progress-row" data-testid="import-progress">
          <button
            type="button"
            className="button button-small button-danger-ghost"
            onClick={() => void cancel()}
            disabled={job.cancelling}
          >
            <Icon name="stop" size={16} />
            {t('import.cancel')}
          </button>
          <div
            className="fc-progress"
            role="progressbar"
            aria-label={t('import.progressLabel')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(job.fraction * 100)}
          >
            <span className="fc-progress-bar" style={{ width: `${Math.round(job.fraction * 100)}%` }} />
          </div>
          <span className="fc-progress-text" aria-live="polite">
            {job.cancelling
              ? t('import.cancelling')
              : `${t(`import.stages.${job.stage === 'check' || job.stage === 'write' ? job.stage : 'parse'}`)} — ${formatPercent(Math.round(job.fraction * 100), 0)}`}
          </span>
        </div>
      ) : null}
      {result ? <ImportReport result={result} /> : null}
    </Modal>
  );
}

/** Rows the import would write: every valid row, less the duplicates it skips. */
function importableRows(result: EventsImportResult): number {
  return result.rows - result.skippedDuplicates;
}

function ImportReport({ result }: { result: EventsImportResult }) {
  const { t } = useTranslation('forecast');
  const creates = result.preview.filter((row) => row.createsArtist || row.createsVenue).length;
  return (
    <div className="fc-import-report" data-testid="import-report">
      {result.errorCount > 0 ? (
        <div className="fc-error" role="alert" data-testid="import-errors">
          <p className="fc-error-title">
            {t('import.errorsTitle', { count: result.errorCount, rows: result.rows })}
          </p>
          <table className="table fc-import-errors">
            <thead>
              <tr>
                <th scope="col">{t('import.line')}</th>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.value')}</th>
                <th scope="col">{t('import.message')}</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((error, i) => (
                <tr key={`${error.line}-${error.column ?? ''}-${i}`}>
                  <td className="numeric">{error.line}</td>
                  <td>
                    <code>{error.column ?? '—'}</code>
                  </td>
                  <td>
                    <code>{error.value ?? ''}</code>
                  </td>
                  <td>{inLanguage(error.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.errorCount > result.errors.length ? (
            <p className="muted">
              {t('import.moreErrors', { count: result.errorCount - result.errors.length })}
            </p>
          ) : null}
        </div>
      ) : (
        <p className={importableRows(result) > 0 ? 'fc-import-ok' : 'fc-import-nothing'} role="status">
          {importableRows(result) > 0
            ? t('import.valid', { count: importableRows(result) })
            : t('import.nothingNew')}
          {creates ? ` ${t('import.creates', { count: creates })}` : ''}
        </p>
      )}
      {result.duplicateCount > 0 ? <DuplicatesReport result={result} /> : null}
      {result.preview.length ? (
        <>
          <h3 className="subheading">
            {t('import.preview', { count: result.preview.length, rows: result.rows })}
          </h3>
          <div className="fc-table-scroll">
            <table className="table fc-import-preview">
              <thead>
                <tr>
                  <th scope="col">{t('import.line')}</th>
                  <th scope="col">{t('history.date')}</th>
                  <th scope="col">{t('history.artist')}</th>
                  <th scope="col">{t('history.venue')}</th>
                  <th scope="col">{t('history.status')}</th>
                  <th scope="col" className="numeric">
                    {t('history.sold')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('history.price')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.preview.map((row) => (
                  <tr key={row.line}>
                    <td className="numeric">{row.line}</td>
                    <td>{row.date}</td>
                    <td>
                      {row.artistName}
                      {row.createsArtist ? <span className="fc-new-tag">{t('import.new')}</span> : null}
                    </td>
                    <td>
                      {row.venueName}
                      {row.createsVenue ? <span className="fc-new-tag">{t('import.new')}</span> : null}
                    </td>
                    <td>{t(`statuses.${row.status}`)}</td>
                    <td className="numeric">
                      {row.ticketsSold === null ? '—' : formatCount(row.ticketsSold)}
                      {row.capacity === null ? '' : ` / ${formatCount(row.capacity)}`}
                    </td>
                    <td className="numeric">
                      {row.ticketPrice === null ? '—' : formatAmount(row.ticketPrice, row.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}

function DuplicatesReport({ result }: { result: EventsImportResult }) {
  const { t } = useTranslation('forecast');
  const skipped = result.skippedDuplicates > 0;
  return (
    <details
      className="fc-import-duplicates"
      data-testid="import-duplicates"
      open={result.duplicates.length <= 10}
    >
      <summary>
        {t('import.duplicatesTitle', { count: result.duplicateCount })} —{' '}
        {skipped ? t('import.duplicatesSkipped') : t('import.duplicatesKept')}
      </summary>
      <div className="fc-table-scroll">
        <table className="table fc-import-preview">
          <thead>
            <tr>
              <th scope="col">{t('import.line')}</th>
              <th scope="col">{t('history.date')}</th>
              <th scope="col">{t('history.artist')}</th>
              <th scope="col">{t('history.venue')}</th>
              <th scope="col">{t('import.duplicateWhy')}</th>
            </tr>
          </thead>
          <tbody>
            {result.duplicates.map((row) => (
              <tr key={row.line}>
                <td className="numeric">{row.line}</td>
                <td>{row.date}</td>
                <td>{row.artistName}</td>
                <td>{row.venueName}</td>
                <td>
                  {row.against === 'store'
                    ? t('import.duplicateStore')
                    : t('import.duplicateFile', { line: row.firstLine ?? '?' })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.duplicateCount > result.duplicates.length ? (
        <p className="muted">
          {t('import.moreDuplicates', { count: result.duplicateCount - result.duplicates.length })}
        </p>
      ) : null}
    </details>
  );
}
