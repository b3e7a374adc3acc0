import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VenueKind } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import {
  MAX_VENUE_CSV_TEXT,
  type DataSource,
  type DuplicatePolicy,
  type FestivalImportResult,
  type VenueCsvImportReport,
} from '../../../../shared/venue-import';
import { api } from '../../api';
import { RadioGroup } from '../../components/fields';
import { Icon } from '../../components/icons';
import { Modal } from '../../components/Modal';
import { downloadText } from '../../lib/download';
import { toastError, toastInfo, toastSuccess } from '../../store/toasts';
import { hasLocalPaths, localPath, uploadFile } from '../demos/ingest';
import { fitLanguage, formatDate, formatInteger, formatPercent } from './parts';

interface VenueImportProps {
  onClose(): void;
  /** Venues were written (CSV or festivals): pickers and rankings reload. */
  onImported(): void;
}

/** The CSV to read: a file on this machine (picked; uploaded first in a browser) or pasted text. */
type CsvSource = { kind: 'file'; name: string; path: string } | { kind: 'text'; text: string };

/**
 * Venue catalogue import and export: a CSV checked first (counts, first rows, every error with its
 * line) then written all or nothing; the catalogue exported as CSV; the French festivals (open data)
 * imported as a cancellable job, with the source's credit as its publisher asks.
 */
export function VenueImport({ onClose, onImported }: VenueImportProps) {
  const { t } = useTranslation('venueFit');
  const [busy, setBusy] = useState(false);
  return (
    <Modal title={t('import.title')} onClose={onClose} busy={busy} wide>
      <div className="fit-import" data-testid="venue-import">
        <CsvImport onImported={onImported} onBusy={setBusy} />
        <div className="fit-import-side">
          <Festivals onImported={onImported} onBusy={setBusy} />
          <CsvExport />
        </div>
      </div>
    </Modal>
  );
}

function CsvImport({ onImported, onBusy }: { onImported(): void; onBusy(busy: boolean): void }) {
  const { t, i18n } = useTranslation('venueFit');
  const id = useId();
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ name: string; path: string } | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [onDuplicate, setOnDuplicate] = useState<DuplicatePolicy>('skip');
  const [check, setCheck] = useState<{ key: string; report: VenueCsvImportReport } | null>(null);
  const [busy, setBusyState] = useState(false);
  const source: CsvSource | null = file
    ? { kind: 'file', ...file }
    : text.trim()
      ? { kind: 'text', text }
      : null;
  const key = JSON.stringify({ source, onDuplicate });
  const report = check?.key === key ? check.report : null;

  const setBusy = (value: boolean) => {
    setBusyState(value);
    onBusy(value);
  };

  const run = async (dryRun: boolean) => {
    if (!source) return;
    setBusy(true);
    try {
      const answer = await api.invoke('venues.importCsv', {
        ...(source.kind === 'file' ? { path: source.path } : { text: source.text }),
        dryRun,
        onDuplicate,
        language: fitLanguage(i18n.language),
        previewRows: 20,
      });
      setCheck({ key, report: answer });
      if (answer.written) {
        const count = answer.counts.new + answer.counts.updated;
        toastSuccess(t('import.done', { count }));
        onImported();
      }
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  };

  const pick = async (picked: File | undefined) => {
    if (!picked) return;
    setCheck(null);
    if (hasLocalPaths()) {
      const local = localPath(picked);
      if (local.ok) setFile({ name: picked.name, path: local.path });
      else toastError(new AppError(local.error.code, local.error.message));
      return;
    }
    // In a browser the host cannot see the file: upload it, then import it by the path it returns.
    setUploading(0);
    setBusy(true);
    const uploaded = await uploadFile(picked, (fraction) => setUploading(fraction));
    setUploading(null);
    setBusy(false);
    if (uploaded.ok) setFile({ name: picked.name, path: uploaded.path });
    else toastError(new AppError(uploaded.error.code, uploaded.error.message));
  };

  const importable = report ? report.counts.new + report.counts.updated : 0;
  const canImport = report !== null && !report.written && report.counts.invalid === 0 && importable > 0;

  return (
    <section className="fit-import-csv" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="fit-h3">
        {t('import.csvTitle')}
      </h3>
      <p className="muted fit-import-lead">{t('import.csvLead')}</p>
      <div className="fit-import-source">
        <label className="button button-small" htmlFor={`${id}-file`}>
          <Icon name="upload" size={16} />
          {t('import.chooseFile')}
        </label>
        <input
          id={`${id}-file`}
          className="visually-hidden"
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          data-testid="venue-csv-input"
          onChange={(event) => {
            void pick(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        <span className="muted" data-testid="venue-csv-file">
          {uploading !== null
            ? `${t('import.uploading')} ${formatPercent(uploading, i18n.language)}`
            : (file?.name ?? t('import.orPaste'))}
        </span>
        {file ? (
          <button
            type="button"
            className="icon-button"
            aria-label={t('search.clear')}
            onClick={() => setFile(null)}
          >
            <Icon name="close" size={14} />
          </button>
        ) : null}
      </div>
      {file ? null : (
        <div className="field">
          <div className="field-label">
            <label htmlFor={`${id}-text`}>{t('import.text')}</label>
          </div>
          <textarea
            id={`${id}-text`}
            className="fit-import-text"
            rows={6}
            spellCheck={false}
            maxLength={MAX_VENUE_CSV_TEXT}
            value={text}
            placeholder={
              'name;city;country;kind;capacity_standing;genres\nLe Périscope;Lyon;FR;club;150;jazz|musiques improvisées'
            }
            onChange={(event) => setText(event.target.value)}
          />
        </div>
      )}
      <RadioGroup<DuplicatePolicy>
        id={`${id}-dup`}
        legend={t('import.duplicates')}
        value={onDuplicate}
        onChange={setOnDuplicate}
        options={[
          { value: 'skip', label: t('import.skip'), hint: t('import.skipHint') },
          { value: 'update', label: t('import.update'), hint: t('import.updateHint') },
        ]}
      />
      <div className="button-row">
        <button type="button" className="button" disabled={busy || !source} onClick={() => void run(true)}>
          {t('import.check')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !canImport}
          onClick={() => void run(false)}
        >
          {canImport ? t('import.confirm', { count: importable }) : t('import.confirmDisabled')}
        </button>
      </div>
      {report ? <CsvReport report={report} /> : null}
    </section>
  );
}

function CsvReport({ report }: { report: VenueCsvImportReport }) {
  const { t, i18n } = useTranslation('venueFit');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const counts: Array<[string, number, string]> = [
    [t('import.counts.rows'), report.rows, 'rows'],
    [t('import.counts.new'), report.counts.new, 'new'],
    [t('import.counts.updated'), report.counts.updated, 'updated'],
    [t('import.counts.duplicate'), report.counts.duplicate, 'duplicate'],
    [t('import.counts.invalid'), report.counts.invalid, 'invalid'],
  ];
  const delimiter = report.delimiter === '\t' ? t('import.tab') : report.delimiter;
  return (
    <div className="fit-import-report" data-testid="venue-import-report">
      <dl className="fit-counts">
        {counts.map(([label, value, name]) => (
          <div
            key={name}
            className={`fit-count-${name}${name === 'invalid' && value > 0 ? ' fit-count-bad' : ''}`}
          >
            <dt>{label}</dt>
            <dd data-testid={`venue-import-${name}`}>{formatInteger(value, lang)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted fit-import-format">
        {t('import.format', { delimiter, encoding: report.encoding.toUpperCase() })}
        {report.columns.length ? ` · ${t('import.columns', { columns: report.columns.join(', ') })}` : ''}
      </p>
      {report.ignoredColumns.length ? (
        <p className="muted">{t('import.ignored', { columns: report.ignoredColumns.join(', ') })}</p>
      ) : null}
      {report.errorCount > 0 ? (
        <div className="fit-import-errors" role="alert" data-testid="venue-import-errors">
          <p className="fit-import-errors-title">{t('import.errorsTitle', { count: report.errorCount })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {t('import.line')}
                </th>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.value')}</th>
                <th scope="col">{t('import.message')}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((error, i) => (
                <tr key={`${error.line}-${error.column}-${i}`}>
                  <td className="numeric">{error.line}</td>
                  <td>{error.column ? <code>{error.column}</code> : '—'}</td>
                  <td>{error.value ? <code>{error.value}</code> : ''}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.errorCount > report.errors.length ? (
            <p className="muted">
              {t('import.moreErrors', { count: report.errorCount - report.errors.length })}
            </p>
          ) : null}
        </div>
      ) : report.written ? null : report.counts.new + report.counts.updated === 0 ? (
        <p className="muted" role="status">
          {t('import.nothingToImport')}
        </p>
      ) : (
        <p className="fit-import-ok" role="status">
          {t('import.valid')}
        </p>
      )}
      {report.preview.length ? (
        <>
          <h4 className="fit-h4">
            {t('import.preview', { count: report.preview.length, rows: report.rows })}
          </h4>
          <div className="fit-table-scroll">
            <table className="table fit-import-preview">
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    {t('import.line')}
                  </th>
                  <th scope="col">{t('import.action')}</th>
                  <th scope="col">{t('import.name')}</th>
                  <th scope="col">{t('import.city')}</th>
                  <th scope="col">{t('import.country')}</th>
                  <th scope="col">{t('import.kind')}</th>
                  <th scope="col" className="numeric">
                    {t('import.capacity')}
                  </th>
                  <th scope="col">{t('import.genres')}</th>
                </tr>
              </thead>
              <tbody>
                {report.preview.map((row) => {
                  const v = row.venue;
                  const capacity = v ? (v.capacityStanding ?? v.capacitySeated) : null;
                  return (
                    <tr key={row.line} className={`fit-action-${row.action}`}>
                      <td className="numeric">{row.line}</td>
                      <td>
                        <span className={`fit-tag fit-tag-${row.action}`}>
                          {t(`import.actions.${row.action}`)}
                        </span>
                        {row.duplicateOfLine !== null ? (
                          <span className="muted">
                            {' '}
                            {t('import.duplicateOf', { line: row.duplicateOfLine })}
                          </span>
                        ) : null}
                      </td>
                      <td>{v?.name ?? '—'}</td>
                      <td>{v?.city ?? ''}</td>
                      <td>{v?.country ?? ''}</td>
                      <td>{v ? tc(`venues.kinds.${v.kind as VenueKind}`) : ''}</td>
                      <td className="numeric">{capacity !== null ? formatInteger(capacity, lang) : ''}</td>
                      <td>{v?.genres.join(', ') ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}

function CsvExport() {
  const { t, i18n } = useTranslation('venueFit');
  const id = useId();
  const [headers, setHeaders] = useState<'fr' | 'en'>(fitLanguage(i18n.language));
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { csv, rows, fileName } = await api.invoke('venues.exportCsv', { delimiter: ';', headers });
      // A byte-order mark so Excel reads the accents as UTF-8.
      downloadText(fileName, `\ufeff${csv}`, 'text/csv;charset=utf-8');
      toastSuccess(t('import.exported', { count: rows }));
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="fit-import-box" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="fit-h3">
        {t('import.exportTitle')}
      </h3>
      <p className="muted">{t('import.exportLead')}</p>
      <RadioGroup<'fr' | 'en'>
        id={`${id}-headers`}
        legend={t('import.exportHeaders')}
        value={headers}
        onChange={setHeaders}
        options={[
          { value: 'fr', label: t('import.headersFr') },
          { value: 'en', label: t('import.headersEn') },
        ]}
      />
      <button type="button" className="button button-small" disabled={busy} onClick={() => void run()}>
        <Icon name="download" size={16} />
        {t('import.export')}
      </button>
    </section>
  );
}

/** The credit of an open-data source, as its publisher asks for it: shown wherever its data is offered. */
export function SourceCredit({ source, compact }: { source: DataSource; compact?: boolean }) {
  const { t, i18n } = useTranslation('venueFit');
  if (compact)
    return (
      <p className="fit-credit" data-testid="fit-credit">
        {source.attribution}
      </p>
    );
  return (
    <div className="fit-credit-box" data-testid="fit-credit">
      <p className="fit-credit">{source.attribution}</p>
      <dl className="fit-credit-facts">
        <dt>{t('import.publisher')}</dt>
        <dd>{source.publisher}</dd>
        <dt>{t('import.licence')}</dt>
        <dd>{source.licence}</dd>
      </dl>
      <p className="muted">
        {t('import.copiedOn', { date: formatDate(source.copiedOn, i18n.language) })} ·{' '}
        {t('import.sourcePage')} : <span className="fit-credit-url selectable">{source.url}</span>
      </p>
    </div>
  );
}

function Festivals({ onImported, onBusy }: { onImported(): void; onBusy(busy: boolean): void }) {
  const { t, i18n } = useTranslation('venueFit');
  const id = useId();
  const [sources, setSources] = useState<DataSource[] | null>(null);
  const [job, setJob] = useState<{ id: string; stage: string; fraction: number } | null>(null);
  const [result, setResult] = useState<FestivalImportResult | null>(null);
  const [version, setVersion] = useState(0);
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    api.invoke('venues.sources', {}).then(
      (answer) => live && setSources(answer.sources),
      (error: unknown) => live && toastError(error),
    );
    return () => {
      live = false;
    };
  }, [version]);

  useEffect(
    () =>
      api.on('job.progress', (progress) => {
        if (progress.jobId === jobRef.current)
          setJob({ id: progress.jobId, stage: progress.stage, fraction: progress.fraction });
      }),
    [],
  );

  const festivals = sources?.find((s) => s.id === 'festivals-fr') ?? null;

  const start = async () => {
    const jobId = crypto.randomUUID();
    jobRef.current = jobId;
    setJob({ id: jobId, stage: 'starting', fraction: 0 });
    setResult(null);
    onBusy(true);
    try {
      const answer = await api.invoke('venues.importFestivals', { jobId });
      setResult(answer);
      toastSuccess(
        t('import.festivalsDone', {
          created: formatInteger(answer.created, i18n.language),
          updated: formatInteger(answer.updated, i18n.language),
          unchanged: formatInteger(answer.unchanged, i18n.language),
          music: formatInteger(answer.music, i18n.language),
          rows: formatInteger(answer.rows, i18n.language),
        }),
      );
      onImported();
    } catch (error) {
      if (error instanceof AppError && error.code === 'CANCELLED') toastInfo(t('import.cancelled'));
      else toastError(error);
    } finally {
      jobRef.current = null;
      setJob(null);
      onBusy(false);
      setVersion((n) => n + 1);
    }
  };

  const cancel = () => {
    if (job) api.invoke('jobs.cancel', { jobId: job.id }).catch(toastError);
  };

  const stageLabel = (stage: string) =>
    ['starting', 'reading', 'mapping', 'writing', 'done'].includes(stage)
      ? t(`import.stages.${stage as 'starting'}`)
      : stage;

  return (
    <section className="fit-import-box" aria-labelledby={`${id}-title`} data-testid="festivals-import">
      <h3 id={`${id}-title`} className="fit-h3">
        {t('import.festivalsTitle')}
      </h3>
      <p className="muted">{t('import.festivalsLead')}</p>
      {festivals ? (
        <>
          <p className="fit-festival-count" data-testid="festivals-count">
            {festivals.venueCount > 0
              ? t('import.festivalsInCatalogue', {
                  count: festivals.venueCount,
                  formatted: formatInteger(festivals.venueCount, i18n.language),
                })
              : t('import.festivalsNone')}
            {festivals.fileCount !== null
              ? ` ${t('import.festivalsInFile', {
                  count: festivals.fileCount,
                  formatted: formatInteger(festivals.fileCount, i18n.language),
                })}`
              : null}
          </p>
          <SourceCredit source={festivals} />
        </>
      ) : null}
      {job ? (
        <div className="fit-job" role="status" aria-live="polite">
          <p>
            {t('import.progress', {
              stage: stageLabel(job.stage),
              percent: formatPercent(job.fraction, i18n.language),
            })}
          </p>
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(job.fraction * 100)}
            aria-labelledby={`${id}-title`}
          >
            <div className="progress-bar" style={{ width: `${Math.round(job.fraction * 100)}%` }} />
          </div>
          <button type="button" className="button button-small button-danger-ghost" onClick={cancel}>
            <Icon name="stop" size={14} />
            {t('import.cancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button-small button-primary"
          disabled={!festivals}
          onClick={() => void start()}
        >
          <Icon name="download" size={16} />
          {festivals && festivals.venueCount > 0
            ? t('import.festivalsRefresh')
            : festivals && festivals.fileCount !== null
              ? t('import.festivalsImportCount', {
                  count: festivals.fileCount,
                  formatted: formatInteger(festivals.fileCount, i18n.language),
                })
              : t('import.festivalsImport')}
        </button>
      )}
      {result && result.keptDeleted > 0 ? (
        <p className="muted">{t('import.keptDeleted', { count: result.keptDeleted })}</p>
      ) : null}
    </section>
  );
}
