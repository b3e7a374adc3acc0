import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/errors';
import type {
  EvaluationReport,
  Metrics,
  ModelCard,
  ModelStatus,
  RetrainResult,
} from '../../../../shared/forecast';
import { api } from '../../api';
import { Icon } from '../../components/icons';
import { formatDateTime } from '../../lib/format';
import { formatCount, formatPercent } from '../../lib/money';
import { toastError, toastInfo } from '../../store/toasts';
import { CalibrationChart } from './CalibrationChart';
import { CARD_ROWS, formatMetric, METRIC_KEYS, splitMetricKey } from './metrics';
import { BasisBadge } from './ForecastPanel';
import { ErrorNote } from './ErrorNote';
import { inLanguage, useInvoke } from './requests';

interface Running {
  jobId: string;
  stage: string;
  fraction: number;
  cancelling: boolean;
}

/** The model card, « Réentraîner sur mon historique » (progress + cancel), and the last evaluation report. */
export function ModelReport({ version }: { version: number }) {
  const { t } = useTranslation('forecast');
  const [reloads, setReloads] = useState(0);
  const request = useInvoke('forecast.model', {}, version + reloads);
  const [running, setRunning] = useState<Running | null>(null);
  const [outcome, setOutcome] = useState<RetrainResult | null>(null);
  const jobRef = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('job.progress', (progress) => {
        if (progress.jobId !== jobRef.current) return;
        setRunning((current) =>
          current && current.jobId === progress.jobId
            ? { ...current, stage: progress.stage, fraction: progress.fraction }
            : current,
        );
      }),
    [],
  );

  const retrain = async () => {
    const jobId = crypto.randomUUID();
    jobRef.current = jobId;
    setOutcome(null);
    setRunning({ jobId, stage: 'gather', fraction: 0, cancelling: false });
    try {
      const result = await api.invoke('forecast.retrain', { jobId });
      setOutcome(result);
    } catch (error) {
      if (error instanceof AppError && error.code === 'CANCELLED') toastInfo(t('model.cancelled'));
      else toastError(error);
    } finally {
      jobRef.current = null;
      setRunning(null);
      setReloads((n) => n + 1);
    }
  };

  const cancel = async () => {
    if (!running) return;
    setRunning({ ...running, cancelling: true });
    try {
      await api.invoke('jobs.cancel', { jobId: running.jobId });
    } catch (error) {
      toastError(error);
    }
  };

  const status = request.data;
  return (
    <div className="fc-model" data-testid="model-report">
      {request.error ? (
        <ErrorNote error={request.error} onRetry={request.reload} />
      ) : !status ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <>
          <ModelCardView status={status} />
          <RetrainCard
            status={status}
            running={running}
            outcome={outcome}
            onRetrain={retrain}
            onCancel={cancel}
          />
          {status.lastReport ? <ReportView report={status.lastReport} status={status} /> : null}
        </>
      )}
    </div>
  );
}

function ModelCardView({ status }: { status: ModelStatus }) {
  const { t } = useTranslation('forecast');
  const card: ModelCard = status.card;
  const metrics = Object.entries(card.metrics);
  const synthetic = card.kind === 'prior';
  return (
    <section className="card" aria-labelledby="fc-card-title" data-testid="model-card">
      <div className="fc-card-head">
        <h2 id="fc-card-title" className="fc-card-title">
          {t('model.cardTitle')}
        </h2>
        <BasisBadge
          basis={{
            modelKind: card.kind,
            modelVersion: card.version,
            trainingRows: card.trainingRows,
            syntheticRows: card.syntheticRows,
            venueEvents: 0,
            artistEvents: 0,
            typicalError: card.typicalError,
            summary: { fr: '', en: '' },
          }}
        />
      </div>
      <p className="fc-card-lead">{synthetic ? t('model.priorLead') : t('model.userLead')}</p>
      <dl className="detail-grid fc-model-grid">
        <div className="detail-item">
          <dt>{t('model.kind')}</dt>
          <dd>{t(`model.kinds.${card.kind}`)}</dd>
        </div>
        <div className="detail-item">
          <dt>{t('model.version')}</dt>
          <dd>
            <code>{card.version}</code>
          </dd>
        </div>
        <div className="detail-item">
          <dt>{t('model.trainedAt')}</dt>
          <dd>{formatDateTime(card.trainedAt)}</dd>
        </div>
        <div className="detail-item">
          <dt>{t('model.data')}</dt>
          <dd>
            {t('model.rows', {
              rows: formatCount(card.trainingRows),
              synthetic: formatCount(card.syntheticRows),
              own: formatCount(card.trainingRows - card.syntheticRows),
            })}
          </dd>
        </div>
        <div className="detail-item">
          <dt>{t('model.typicalError')}</dt>
          <dd>
            {card.typicalError === null
              ? t('model.typicalErrorNone')
              : t(synthetic ? 'model.typicalErrorSynthetic' : 'model.typicalErrorValue', {
                  tickets: formatCount(Math.round(card.typicalError)),
                })}
          </dd>
        </div>
        <div className="detail-item">
          <dt>{t('model.history')}</dt>
          <dd>
            {t('model.usable', {
              count: status.history.usableEvents,
              minimum: status.history.minimumForRetrain,
            })}
          </dd>
        </div>
      </dl>
      <h3 className="subheading">{t('model.metrics')}</h3>
      {metrics.length ? (
        <>
          <CardMetrics metrics={card.metrics} />
          <p className={synthetic ? 'fc-measured fc-measured-synthetic' : 'fc-measured'}>
            {t('model.measuredOn', { what: inLanguage(card.metricsMeasuredOn).replace(/\.+$/, '') })}
          </p>
        </>
      ) : (
        <p className="muted">
          {t('model.noMetrics', { what: inLanguage(card.metricsMeasuredOn).replace(/\.+$/, '') })}
        </p>
      )}
      <details className="fc-features">
        <summary>{t('model.features', { count: card.features.length })}</summary>
        <ul className="fc-feature-list">
          {card.features.map((feature) => (
            <li key={feature}>
              <code>{feature}</code>
            </li>
          ))}
        </ul>
      </details>
      {card.notes.length ? (
        <ul className="fc-notes">
          {card.notes.map((note) => (
            <li key={note.en}>{inLanguage(note)}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The card's metrics as a small table (model and baselines × MAE, pinball, Brier, coverage); unknown keys listed after. */
function CardMetrics({ metrics }: { metrics: Record<string, number> }) {
  const { t } = useTranslation('forecast');
  const cells = new Map<string, number>();
  const others: [string, number][] = [];
  for (const [key, value] of Object.entries(metrics)) {
    const split = splitMetricKey(key);
    if (split) cells.set(`${split.row}.${split.metric}`, value);
    else others.push([key, value]);
  }
  const rows = CARD_ROWS.filter((row) => METRIC_KEYS.some((m) => cells.has(`${row}.${m}`)));
  const columns = METRIC_KEYS.filter((m) => rows.some((row) => cells.has(`${row}.${m}`)));
  return (
    <>
      {rows.length ? (
        <table className="table fc-card-metrics">
          <caption className="visually-hidden">{t('model.metrics')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('model.report.model')}</th>
              {columns.map((m) => (
                <th key={m} scope="col" className="numeric">
                  <abbr title={t(`model.metricHints.${m}`)}>{t(`model.metricNames.${m}`)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row}>
                <th scope="row">{t(`model.cardRows.${row}`)}</th>
                {columns.map((m) => {
                  const value = cells.get(`${row}.${m}`);
                  return (
                    <td key={m} className="numeric">
                      {value === undefined ? '—' : formatMetric(m, value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {others.length ? (
        <ul className="fc-metric-list">
          {others.map(([name, value]) => (
            <li key={name}>
              <code>{name}</code> <strong>{formatMetric(name, value)}</strong>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function RetrainCard({
  status,
  running,
  outcome,
  onRetrain,
  onCancel,
}: {
  status: ModelStatus;
  running: Running | null;
  outcome: RetrainResult | null;
  onRetrain(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('forecast');
  const { usableEvents, minimumForRetrain, canRetrain } = status.history;
  const percent = running ? Math.round(running.fraction * 100) : 0;
  const stageKey = running?.stage ?? '';
  const knownStages = ['gather', 'evaluate', 'train', 'save', 'done'] as const;
  const stageLabel = (knownStages as readonly string[]).includes(stageKey)
    ? t(`model.stages.${stageKey as (typeof knownStages)[number]}`)
    : stageKey;
  return (
    <section className="card" aria-labelledby="fc-retrain-title" data-testid="retrain">
      <div className="fc-card-head">
        <h2 id="fc-retrain-title" className="fc-card-title">
          {t('model.retrainTitle')}
        </h2>
      </div>
      <p className="fc-card-lead" id="fc-retrain-help">
        {canRetrain
          ? t('model.retrainReady', { count: usableEvents })
          : t('model.retrainNotEnough', { count: usableEvents, minimum: minimumForRetrain })}
      </p>
      {running ? (
        <div className="fc-progress-row">
          {/* Cancel first, on the left where the retrain button was: the toasts stack bottom-right and must
              never cover it during a long training. */}
          <button
            type="button"
            className="button button-small button-danger-ghost"
            onClick={onCancel}
            disabled={running.cancelling}
          >
            <Icon name="stop" size={16} />
            {t('model.cancel')}
          </button>
          <div
            className="fc-progress"
            role="progressbar"
            aria-label={t('model.progressLabel')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${stageLabel} — ${percent} %`}
          >
            <span className="fc-progress-bar" style={{ width: `${percent}%` }} />
          </div>
          <span className="fc-progress-text" aria-live="polite">
            {running.cancelling ? t('model.cancelling') : `${stageLabel} — ${formatPercent(percent, 0)}`}
          </span>
        </div>
      ) : (
        <button
          type="button"
          className="button button-primary"
          onClick={onRetrain}
          aria-describedby="fc-retrain-help"
          data-testid="retrain-button"
        >
          <Icon name="retry" size={16} />
          {t('model.retrain')}
        </button>
      )}
      {outcome ? (
        <div
          className={outcome.replaced ? 'fc-outcome fc-outcome-replaced' : 'fc-outcome'}
          role="status"
          data-testid="retrain-outcome"
        >
          <p className="fc-outcome-title">{outcome.replaced ? t('model.replaced') : t('model.kept')}</p>
          <p>{inLanguage(outcome.reason)}</p>
        </div>
      ) : status.lastRetrain ? (
        <p className="muted fc-note">
          {t('model.lastRetrain', { at: formatDateTime(status.lastRetrain.at) })} —{' '}
          {inLanguage(status.lastRetrain.reason)}
        </p>
      ) : null}
    </section>
  );
}

function ReportView({ report, status }: { report: EvaluationReport; status: ModelStatus }) {
  const { t } = useTranslation('forecast');
  const rows: { key: string; label: string; metrics: Metrics | null; hint: string }[] = [
    {
      key: 'candidate',
      label: t('model.report.candidate'),
      metrics: report.candidate,
      hint: t('model.report.candidateHint'),
    },
    {
      key: 'current',
      label: t('model.report.current'),
      metrics: report.current,
      hint: t('model.report.currentHint'),
    },
    {
      key: 'venueMedianFill',
      label: t('model.report.venueMedianFill'),
      metrics: report.baselines.venueMedianFill,
      hint: t('model.report.venueMedianFillHint'),
    },
    {
      key: 'artistLast',
      label: t('model.report.artistLast'),
      metrics: report.baselines.artistLast,
      hint: t('model.report.artistLastHint'),
    },
  ];
  const best = (pick: (m: Metrics) => number) =>
    Math.min(...rows.flatMap((r) => (r.metrics ? [pick(r.metrics)] : [])));
  const bestMae = best((m) => m.mae);
  const bestPinball = best((m) => m.pinball);
  const bestBrier = best((m) => m.brier);
  const decided = status.lastRetrain;
  return (
    <section className="card" aria-labelledby="fc-report-title" data-testid="evaluation-report">
      <div className="fc-card-head">
        <h2 id="fc-report-title" className="fc-card-title">
          {t('model.report.title')}
        </h2>
        <span className={report.better ? 'fc-badge fc-badge-user' : 'fc-badge fc-badge-kept'}>
          {report.better ? t('model.report.better') : t('model.report.notBetter')}
        </span>
      </div>
      <p className="fc-card-lead">
        {t('model.report.lead', { rows: formatCount(report.rows), folds: report.folds })}
        {decided ? ` ${inLanguage(decided.reason)}` : ''}
      </p>
      <div className="fc-report-layout">
        <div className="fc-table-scroll">
          <table className="table fc-report-table">
            <caption className="visually-hidden">{t('model.report.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('model.report.model')}</th>
                <th scope="col" className="numeric">
                  <abbr title={t('model.metricHints.mae')}>{t('model.metricNames.mae')}</abbr>
                </th>
                <th scope="col" className="numeric">
                  <abbr title={t('model.metricHints.pinball')}>{t('model.metricNames.pinball')}</abbr>
                </th>
                <th scope="col" className="numeric">
                  <abbr title={t('model.metricHints.brier')}>{t('model.metricNames.brier')}</abbr>
                </th>
                <th scope="col" className="numeric">
                  <abbr title={t('model.metricHints.coverage80')}>{t('model.metricNames.coverage80')}</abbr>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} className={row.key === 'candidate' ? 'fc-report-candidate' : undefined}>
                  <th scope="row">
                    <span className="fc-report-model">{row.label}</span>
                    <span className="muted fc-report-hint">{row.hint}</span>
                  </th>
                  {row.metrics ? (
                    <>
                      <MetricCell
                        value={row.metrics.mae}
                        best={row.metrics.mae === bestMae}
                        text={formatMetric('mae', row.metrics.mae)}
                      />
                      <MetricCell
                        value={row.metrics.pinball}
                        best={row.metrics.pinball === bestPinball}
                        text={formatMetric('pinball', row.metrics.pinball)}
                      />
                      <MetricCell
                        value={row.metrics.brier}
                        best={row.metrics.brier === bestBrier}
                        text={formatMetric('brier', row.metrics.brier)}
                      />
                      <td className="numeric">{formatMetric('coverage80', row.metrics.coverage80)}</td>
                    </>
                  ) : (
                    <td colSpan={4} className="muted">
                      {t('model.report.none')}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted fc-note">{t('model.report.legend')}</p>
          {report.notes.length ? (
            <ul className="fc-notes">
              {report.notes.map((note) => (
                <li key={note.en}>{inLanguage(note)}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <CalibrationChart bins={report.calibration} />
      </div>
    </section>
  );
}

function MetricCell({ best, text }: { value: number; best: boolean; text: string }) {
  const { t } = useTranslation('forecast');
  return (
    <td className={best ? 'numeric fc-best-metric' : 'numeric'}>
      {text}
      {best ? <span className="visually-hidden"> ({t('model.report.bestOf')})</span> : null}
    </td>
  );
}
