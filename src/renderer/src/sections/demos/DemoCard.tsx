import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MOOD_LABELS,
  keyName,
  outOfTen,
  summarizeAnalysis,
  type AnalysisFlag,
  type AudioAnalysis,
} from '../../../../shared/audio';
import type { DemoSummary } from '../../../../shared/demos';
import { Icon } from '../../components/icons';
import { formatBytes, formatDateTime } from '../../lib/format';
import { toastError } from '../../store/toasts';
import { MoodQuadrant } from './charts/MoodQuadrant';
import { RadarChart, type RadarAxis } from './charts/RadarChart';
import { Waveform } from './charts/Waveform';
import { chipOf, isPending, type Row, type RowActions } from './DemoList';
import { duration, errorText, lang, num, percent, type DemosT } from './format';
import { relationOf, sameBpm } from './heard';
import { KeyControls, KeyReading, TempoControls, TempoReading } from './HeardControls';
import { useDemos } from './store';
import { DemoBestVenues } from '../match/DemoBestVenues';

/** Brightness shown on the 0–1 scales the way the descriptors weigh it (800 Hz dull … 3.5 kHz bright). */
const brightnessScale = (hz: number) => Math.max(0, Math.min(1, (hz - 800) / (3500 - 800)));

function confidenceLevel(value: number): 'high' | 'medium' | 'low' {
  return value >= 0.6 ? 'high' : value >= 0.3 ? 'medium' : 'low';
}

function Confidence({ t, value }: { t: DemosT; value: number }) {
  const level = confidenceLevel(value);
  return (
    <p className={`demo-confidence demo-confidence-${level}`}>
      <span className="demo-confidence-track" aria-hidden="true">
        <span className="demo-confidence-fill" style={{ width: `${Math.round(value * 100)}%` }} />
      </span>
      {t('card.confidence', { value: percent(value) })} · {t(`card.confidenceLevel.${level}`)}
    </p>
  );
}

function Tile({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={wide ? 'demo-tile demo-tile-wide' : 'demo-tile'}>
      <h3 className="demo-h3">{title}</h3>
      {children}
    </section>
  );
}

/** One descriptor: name, a 0–1 bar, its value, and a one-line legend of what it is. */
function Descriptor({
  name,
  hint,
  value,
  scaled,
  notMeasured,
}: {
  name: string;
  hint: string;
  value: string | null;
  scaled: number | null;
  notMeasured: string;
}) {
  return (
    <div className="demo-descriptor" title={hint}>
      <dt className="demo-descriptor-name">{name}</dt>
      <dd className="demo-descriptor-number">{value ?? notMeasured}</dd>
      <dd className="demo-descriptor-track" aria-hidden="true">
        {scaled !== null ? (
          <span className="demo-descriptor-fill" style={{ width: `${Math.round(scaled * 100)}%` }} />
        ) : null}
      </dd>
      <dd className="demo-legend">{hint}</dd>
    </div>
  );
}

function Legend({ children }: { children: ReactNode }) {
  return <p className="demo-legend">{children}</p>;
}

/** What a demo's file is: "FLAC · 0:12 · 44,1 kHz · stéréo · 1,2 Mo". */
function fileLine(t: DemosT, demo: DemoSummary, result: AudioAnalysis | null): string {
  const parts: string[] = [];
  if (demo.format) parts.push(demo.format.toUpperCase());
  const seconds = result?.durationSec ?? demo.durationSec;
  if (seconds !== null) parts.push(duration(seconds));
  if (result) {
    parts.push(t('card.sampleRate', { value: num(result.sampleRate / 1000, 1) }));
    parts.push(result.channels === 2 ? t('card.stereo') : t('card.channels', { count: result.channels }));
  }
  parts.push(formatBytes(demo.sizeBytes));
  return parts.join(' · ');
}

function CardHeader({
  title,
  chip,
  subtitle,
  children,
}: {
  title: string;
  chip?: { text: string; tone: string };
  subtitle?: string;
  children?: ReactNode;
}) {
  return (
    <header className="demo-card-header">
      <div className="demo-card-heading">
        <h2 id="demo-card-title" className="panel-title demo-card-title" tabIndex={-1}>
          {title}
        </h2>
        {subtitle ? <p className="demo-card-subtitle">{subtitle}</p> : null}
      </div>
      <div className="demo-card-side">
        {chip ? <span className={`demo-chip demo-chip-${chip.tone}`}>{chip.text}</span> : null}
        <div className="panel-actions">{children}</div>
      </div>
    </header>
  );
}

function ErrorBlock({ t, row }: { t: DemosT; row: Row }) {
  const error = row.error;
  if (!error) return null;
  // A cancellation is the booker's own doing: said plainly, not as an error.
  const cancelled = error.code === 'CANCELLED';
  return (
    <div className={cancelled ? 'demo-error demo-error-cancelled' : 'demo-error'} role="status">
      <Icon name={cancelled ? 'info' : 'alert'} size={18} />
      <div>
        <p className="demo-error-text">{isPending(row) ? errorText(t, error) : errorText(t, error, row)}</p>
        {error.message && !cancelled ? (
          <p className="demo-error-detail">{t('errors.detail', { message: error.message })}</p>
        ) : null}
      </div>
    </div>
  );
}

/** The full card of an analysed demo (`demos.get`). */
function AnalysisCard({
  demo,
  result,
  actions,
}: {
  demo: DemoSummary;
  result: AudioAnalysis;
  actions: RowActions;
}) {
  const { t } = useTranslation('demos');
  const language = lang();
  const notMeasured = t('card.notMeasured');
  const r = result;

  const unit = (value: number | null) =>
    value === null ? null : t('card.outOf10', { value: outOfTen(value) });
  const radar: RadarAxis[] = [
    { label: t('radar.energy'), value: r.energy },
    { label: t('radar.danceability'), value: r.danceability },
    { label: t('radar.acousticness'), value: r.acousticness },
    { label: t('radar.brightness'), value: r.brightnessHz === null ? null : brightnessScale(r.brightnessHz) },
    { label: t('radar.valence'), value: r.valence },
    { label: t('radar.arousal'), value: r.arousal },
    { label: t('radar.percussive'), value: r.percussiveRatio },
  ];
  const radarText = radar
    .map(
      (axis) =>
        `${axis.label} ${axis.value === null ? notMeasured : t('card.outOf10', { value: outOfTen(axis.value) })}`,
    )
    .join(', ');
  const wave = r.waveform;
  const seconds = r.durationSec;

  return (
    <article className="panel demo-card" aria-labelledby="demo-card-title" data-testid="demo-card">
      <CardHeader title={demo.fileName} subtitle={fileLine(t, demo, r)}>
        <button type="button" className="button" onClick={() => actions.retry(demo)}>
          <Icon name="retry" size={16} />
          {t('actions.reanalyse')}
        </button>
        <button type="button" className="button button-danger-ghost" onClick={() => actions.askDelete(demo)}>
          <Icon name="trash" size={16} />
          {t('actions.delete')}
        </button>
      </CardHeader>

      <p className="demo-summary" data-testid="demo-summary">
        {summarizeAnalysis(r, language, demo.heard)}
      </p>

      {r.flags.length > 0 ? (
        <section className="demo-flags" aria-label={t('card.flags')}>
          <ul>
            {r.flags.map((flag: AnalysisFlag) => (
              <li key={flag} className={`demo-flag demo-flag-${flag}`}>
                <Icon name="alert" size={16} />
                <span>{t(`flag.${flag}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="demo-block">
        <h3 className="demo-h3">{t('card.waveform')}</h3>
        <div className="demo-waveform-box">
          <Waveform waveform={wave} label={t('card.waveformLabel', { duration: duration(seconds) })} />
          <div className="demo-waveform-ticks" aria-hidden="true">
            {[0, 0.25, 0.5, 0.75, 1].map((at) => (
              <span key={at}>{duration(seconds * at)}</span>
            ))}
          </div>
        </div>
      </section>

      <div className="demo-tiles">
        <Tile title={t('card.tempo')}>
          <TempoReading demo={demo} result={r} />
          {r.bpm !== null ? (
            <>
              {/* The other reading, unless the booker already chose it (it is then the figure above). */}
              {r.bpmAlternative !== null &&
              !(demo.heard?.bpm != null && sameBpm(demo.heard.bpm, r.bpmAlternative)) ? (
                <p className="demo-figure-sub">
                  {t('card.alternative', {
                    value: num(r.bpmAlternative, 1),
                    relation: t(`card.relation.${relationOf(r.bpm, r.bpmAlternative)}`),
                  })}
                </p>
              ) : null}
              {r.bpmConfidence !== null ? <Confidence t={t} value={r.bpmConfidence} /> : null}
            </>
          ) : null}
          <TempoControls demo={demo} result={r} />
          <Legend>{t('descriptor.bpm')}</Legend>
        </Tile>

        <Tile title={t('card.key')}>
          <KeyReading demo={demo} result={r} />
          {r.key !== null && r.mode !== null ? (
            <>
              {r.keyRunnerUp ? (
                <p className="demo-figure-sub">
                  {t('card.runnerUp', { key: keyName(r.keyRunnerUp.key, r.keyRunnerUp.mode, language) })}
                </p>
              ) : null}
              {r.keyConfidence !== null ? <Confidence t={t} value={r.keyConfidence} /> : null}
            </>
          ) : null}
          <KeyControls demo={demo} result={r} />
          <Legend>{t('descriptor.key')}</Legend>
        </Tile>

        <Tile title={t('card.loudness')} wide>
          <dl className="demo-loudness">
            <div title={t('descriptor.integrated')}>
              <dt>{t('card.integrated')}</dt>
              <dd className="demo-figure-inline" data-testid="demo-lufs">
                {r.loudnessLufs === null ? notMeasured : t('card.lufs', { value: num(r.loudnessLufs) })}
              </dd>
              <dd className="demo-legend">{t('descriptor.integrated')}</dd>
            </div>
            <div title={t('descriptor.range')}>
              <dt>{t('card.range')}</dt>
              <dd className="demo-figure-inline">
                {r.loudnessRange === null ? notMeasured : t('card.lu', { value: num(r.loudnessRange) })}
              </dd>
              <dd className="demo-legend">{t('descriptor.range')}</dd>
            </div>
            <div title={t('descriptor.truePeak')}>
              <dt>{t('card.truePeak')}</dt>
              <dd
                className={
                  r.truePeakDbtp !== null && r.truePeakDbtp > -1
                    ? 'demo-figure-inline demo-figure-warn'
                    : 'demo-figure-inline'
                }
              >
                {r.truePeakDbtp === null ? notMeasured : t('card.dbtp', { value: num(r.truePeakDbtp) })}
              </dd>
              <dd className="demo-legend">{t('descriptor.truePeak')}</dd>
            </div>
          </dl>
        </Tile>
      </div>

      <section className="demo-block">
        <h3 className="demo-h3">{t('card.profile')}</h3>
        <dl className="demo-descriptors">
          <Descriptor
            name={t('descriptor.energy')}
            hint={t('descriptor.energyHint')}
            value={unit(r.energy)}
            scaled={r.energy}
            notMeasured={notMeasured}
          />
          <Descriptor
            name={t('descriptor.danceability')}
            hint={t('descriptor.danceabilityHint')}
            value={unit(r.danceability)}
            scaled={r.danceability}
            notMeasured={notMeasured}
          />
          <Descriptor
            name={t('descriptor.acousticness')}
            hint={t('descriptor.acousticnessHint')}
            value={unit(r.acousticness)}
            scaled={r.acousticness}
            notMeasured={notMeasured}
          />
          <Descriptor
            name={t('descriptor.brightness')}
            hint={t('descriptor.brightnessHint')}
            value={r.brightnessHz === null ? null : t('card.hz', { value: num(r.brightnessHz, 0) })}
            scaled={r.brightnessHz === null ? null : brightnessScale(r.brightnessHz)}
            notMeasured={notMeasured}
          />
          <Descriptor
            name={t('descriptor.valence')}
            hint={t('descriptor.valenceHint')}
            value={unit(r.valence)}
            scaled={r.valence}
            notMeasured={notMeasured}
          />
          <Descriptor
            name={t('descriptor.arousal')}
            hint={t('descriptor.arousalHint')}
            value={unit(r.arousal)}
            scaled={r.arousal}
            notMeasured={notMeasured}
          />
          <Descriptor
            name={t('descriptor.percussive')}
            hint={t('descriptor.percussiveHint')}
            value={r.percussiveRatio === null ? null : percent(r.percussiveRatio)}
            scaled={r.percussiveRatio}
            notMeasured={notMeasured}
          />
          <Descriptor
            name={t('descriptor.dynamic')}
            hint={t('descriptor.dynamicHint')}
            value={r.dynamicComplexity === null ? null : t('card.lu', { value: num(r.dynamicComplexity) })}
            scaled={r.dynamicComplexity === null ? null : Math.min(1, r.dynamicComplexity / 8)}
            notMeasured={notMeasured}
          />
        </dl>
      </section>

      <section className="demo-block">
        <h3 className="demo-h3">{t('card.charts')}</h3>
        <div className="demo-charts">
          <figure className="demo-chart">
            <RadarChart axes={radar} label={t('card.radarLabel', { values: radarText })} />
            <figcaption className="demo-legend">{t('card.radarCaption')}</figcaption>
          </figure>
          <figure className="demo-chart">
            {r.valence !== null && r.arousal !== null ? (
              <MoodQuadrant
                valence={r.valence}
                arousal={r.arousal}
                labels={{
                  tense: t('card.quadrant.tense'),
                  joyful: t('card.quadrant.joyful'),
                  sad: t('card.quadrant.sad'),
                  calm: t('card.quadrant.calm'),
                }}
                axisX={t('card.axisValence')}
                axisY={t('card.axisArousal')}
                pointLabel={r.mood ? t('card.moodPoint', { mood: MOOD_LABELS[language][r.mood] }) : ''}
                label={t('card.moodLabel', {
                  valence: num(r.valence, 2),
                  arousal: num(r.arousal, 2),
                  mood: r.mood ? MOOD_LABELS[language][r.mood] : notMeasured,
                })}
              />
            ) : (
              <p className="muted">{notMeasured}</p>
            )}
            <figcaption className="demo-legend">{t('card.moodCaption')}</figcaption>
          </figure>
        </div>
      </section>

      <DemoBestVenues demoId={demo.id} />

      <footer className="demo-card-footer">
        <p className="demo-path" title={demo.filePath}>
          <span className="muted">{t('card.path')} </span>
          <span className="path">{demo.filePath}</span>
        </p>
        <p className="muted">{t('card.addedAt', { date: formatDateTime(demo.createdAt) })}</p>
      </footer>
    </article>
  );
}

/** Loads the full result (`demos.get`, cached in the store) and shows the card. */
function DoneCard({ demo, actions }: { demo: DemoSummary; actions: RowActions }) {
  const { t } = useTranslation('demos');
  const view = useDemos((state) => state.views[demo.id]);
  const load = useDemos((state) => state.view);

  useEffect(() => {
    if (!view) load(demo.id).catch(toastError);
  }, [demo.id, view, load]);

  if (!view?.result) {
    return (
      <div className="panel demo-card" aria-busy="true">
        <CardHeader title={demo.fileName} subtitle={fileLine(t, demo, null)} />
        <p className="muted demo-loading">{t('card.loading')}</p>
      </div>
    );
  }
  return <AnalysisCard demo={demo} result={view.result} actions={actions} />;
}

/** A demo that is not analysed (yet): where it is in the queue, or why it failed, and what to do. */
function StatusCard({ row, actions }: { row: Row; actions: RowActions }) {
  const { t } = useTranslation('demos');
  const chip = chipOf(t, row);
  const pending = isPending(row);
  const running = pending
    ? row.phase === 'uploading' || row.phase === 'adding'
      ? row.fraction
      : null
    : row.status === 'analysing'
      ? row.fraction
      : null;
  const hint = (() => {
    if (pending) return row.phase === 'failed' ? null : t('card.uploadHint');
    switch (row.status) {
      case 'queued':
        return t('card.queuedHint');
      case 'analysing':
        return t('card.analysingHint', { stage: t(`stage.${row.stage}`) });
      default:
        return null;
    }
  })();
  const canRetry = pending ? row.phase === 'failed' : row.status === 'failed' || row.status === 'cancelled';
  const canCancel = !pending && (row.status === 'queued' || row.status === 'analysing');

  return (
    <article className="panel demo-card" aria-labelledby="demo-card-title" data-testid="demo-card">
      <CardHeader
        title={row.fileName}
        chip={chip}
        subtitle={pending ? formatBytes(row.sizeBytes) : fileLine(t, row, null)}
      >
        {canCancel ? (
          <button type="button" className="button" onClick={() => actions.cancel(row)}>
            <Icon name="stop" size={16} />
            {t('actions.cancel')}
          </button>
        ) : null}
        {canRetry ? (
          <button type="button" className="button" onClick={() => actions.retry(row)}>
            <Icon name="retry" size={16} />
            {t('actions.retry')}
          </button>
        ) : null}
        {!pending || row.phase === 'failed' ? (
          <button type="button" className="button button-danger-ghost" onClick={() => actions.askDelete(row)}>
            <Icon name={pending ? 'close' : 'trash'} size={16} />
            {pending ? t('actions.dismiss') : t('actions.delete')}
          </button>
        ) : null}
      </CardHeader>
      {running !== null ? (
        <div className="demo-status-progress">
          <span
            className="demo-progress"
            role="progressbar"
            aria-label={t('progressLabel', { name: row.fileName })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(running * 100)}
          >
            <span className="demo-progress-bar" style={{ width: `${Math.round(running * 100)}%` }} />
          </span>
          <span className="demo-status-percent">{percent(running)}</span>
        </div>
      ) : null}
      {hint ? <p className="demo-status-hint">{hint}</p> : null}
      <ErrorBlock t={t} row={row} />
      {!pending ? (
        <footer className="demo-card-footer">
          <p className="demo-path" title={row.filePath}>
            <span className="muted">{t('card.path')} </span>
            <span className="path">{row.filePath}</span>
          </p>
          <p className="muted">{t('card.addedAt', { date: formatDateTime(row.createdAt) })}</p>
        </footer>
      ) : null}
    </article>
  );
}

export function DemoPanel({ row, actions }: { row: Row; actions: RowActions }) {
  if (!isPending(row) && row.status === 'done') return <DoneCard key={row.id} demo={row} actions={actions} />;
  return <StatusCard row={row} actions={actions} />;
}
