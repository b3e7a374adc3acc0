import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NegotiationBrief, Offer } from '../../../../shared/offers';
import { api } from '../../api';
import { DetailItem } from '../../components/Detail';
import { Icon } from '../../components/icons';
import { LineChart, type ChartMarker } from '../../components/LineChart';
import { formatAmount, formatPercent } from '../../lib/money';
import { toastError, toastSuccess } from '../../store/toasts';

// The negotiation brief of an offer: the chance that the other side accepts the amount on the table,
// the agreement zone and anchors, the frictions, what to say and what to concede, and message drafts
// to copy into one's own mail client. Everything comes computed (and worded) from 'offers.brief'.

type BriefLanguage = NegotiationBrief['language'];
type Draft = NegotiationBrief['drafts'][number];
type Severity = NegotiationBrief['frictions'][number]['severity'];

const LANGUAGES: readonly BriefLanguage[] = ['fr', 'en'];

const SEVERITY_ICON = { info: 'info', warning: 'alert', blocking: 'close' } as const satisfies Record<
  Severity,
  string
>;

interface Loaded {
  key: string;
  brief: NegotiationBrief | null;
}

/** The brief of an offer in one language, reloaded whenever `version` changes; null skips the call. */
function useBrief(offerId: string, language: BriefLanguage | null, version: string) {
  const key = `${offerId}|${language ?? ''}|${version}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (language === null) return;
    let live = true;
    api.invoke('offers.brief', { offerId, language }).then(
      (brief) => {
        if (live) setLoaded({ key, brief });
      },
      (error: unknown) => {
        if (!live) return;
        setLoaded({ key, brief: null });
        toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [key, offerId, language, attempt]);
  const current = loaded?.key === key ? loaded : null;
  return {
    brief: current?.brief ?? null,
    loading: language !== null && current === null,
    failed: current !== null && current.brief === null,
    /** The last brief received, even for an older version: kept on screen while the next one loads. */
    stale: loaded?.brief ?? null,
    retry: () => setAttempt((n) => n + 1),
  };
}

/** P(accept) at `amount`, read off the curve by linear interpolation; null outside it. */
export function probabilityAt(curve: NegotiationBrief['curve'], amount: number): number | null {
  const first = curve[0];
  const last = curve[curve.length - 1];
  if (!first || !last || amount < first.amount || amount > last.amount) return null;
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!;
    const b = curve[i]!;
    if (amount <= b.amount) {
      const span = b.amount - a.amount;
      return span === 0
        ? b.probability
        : a.probability + ((amount - a.amount) / span) * (b.probability - a.probability);
    }
  }
  return last.probability;
}

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // No clipboard API (insecure context, permission refused): fall back to a selected textarea.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy');
}

const uiLanguage = (language: string | undefined): BriefLanguage =>
  language?.startsWith('en') ? 'en' : 'fr';

export function NegotiationBriefCard({ offer }: { offer: Offer }) {
  const { t, i18n } = useTranslation();
  const ui = uiLanguage(i18n.resolvedLanguage ?? i18n.language);
  const version = `${offer.updatedAt}|${offer.rounds.length}`;
  const [draftLanguage, setDraftLanguage] = useState<BriefLanguage>(ui);
  const main = useBrief(offer.id, ui, version);
  const other = useBrief(offer.id, draftLanguage === ui ? null : draftLanguage, version);
  const drafts = draftLanguage === ui ? main : other;
  const brief = main.brief ?? main.stale;

  return (
    <section className="card brief-card" aria-labelledby="brief-title" aria-busy={main.loading}>
      <h2 id="brief-title">{t('brief.title')}</h2>
      {brief ? (
        <BriefBody brief={brief} offer={offer} />
      ) : main.failed ? (
        <div className="brief-failed">
          <p className="muted">{t('brief.loadFailed')}</p>
          <button type="button" className="button button-small" onClick={main.retry}>
            {t('brief.retry')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('app.loading')}</p>
      )}

      <div className="brief-drafts-head">
        <h3 className="subheading">{t('brief.drafts')}</h3>
        <div className="brief-language" role="group" aria-label={t('brief.draftLanguage')}>
          {LANGUAGES.map((language) => (
            <button
              key={language}
              type="button"
              className="brief-language-button"
              aria-pressed={draftLanguage === language}
              onClick={() => setDraftLanguage(language)}
            >
              {language.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      {drafts.brief ? (
        <Drafts key={`${draftLanguage}|${version}`} drafts={drafts.brief.drafts} language={draftLanguage} />
      ) : drafts.failed ? (
        <p className="muted">{t('brief.loadFailed')}</p>
      ) : (
        <p className="muted">{t('app.loading')}</p>
      )}
      <p className="brief-note">
        <Icon name="info" size={14} />
        {t('brief.nothingSent')}
      </p>
    </section>
  );
}

function BriefBody({ brief, offer }: { brief: NegotiationBrief; offer: Offer }) {
  const { t } = useTranslation();
  const money = (value: number) => formatAmount(value, brief.currency);
  const percent = (p: number) => formatPercent(Math.round(p * 100), 0);
  const { acceptance, anchors } = brief;
  const prior = acceptance.observations === 0;

  return (
    <>
      <div className="brief-acceptance">
        <div className="brief-probability">
          <p className="brief-probability-value" data-testid="brief-probability">
            {percent(acceptance.probability)}
          </p>
          <p className="brief-probability-label">{t('brief.chance')}</p>
          <p className="brief-interval" data-testid="brief-interval">
            {t('brief.interval', { low: percent(acceptance.low), high: percent(acceptance.high) })}
          </p>
        </div>
        <div className="brief-evidence">
          <p>
            <span className={prior ? 'brief-badge brief-badge-prior' : 'brief-badge brief-badge-data'}>
              {prior ? t('brief.prior') : t('brief.observations', { count: acceptance.observations })}
            </span>
          </p>
          <p className="brief-explanation">{acceptance.explanation}</p>
          <p className="brief-amount muted">
            {t('brief.amountOnTable', { amount: money(brief.amount), basis: brief.amountBasis })}
            {brief.reference.amount !== null
              ? ` · ${t('brief.reference', { amount: money(brief.reference.amount), basis: brief.reference.basis })}`
              : ''}
          </p>
        </div>
      </div>

      {brief.curve.length > 1 ? <AcceptanceChart brief={brief} offer={offer} /> : null}

      <h3 className="subheading">{t('brief.anchors')}</h3>
      <dl className="detail-grid brief-anchors">
        <DetailItem label={t('brief.opening')}>
          {anchors.opening === null ? '' : money(anchors.opening)}
        </DetailItem>
        <DetailItem label={t('brief.target')}>
          {anchors.target === null ? '' : money(anchors.target)}
        </DetailItem>
        <DetailItem label={t('brief.walkAway')}>
          {anchors.walkAway === null ? '' : money(anchors.walkAway)}
        </DetailItem>
      </dl>
      {brief.zone.explanation ? <p className="brief-zone muted">{brief.zone.explanation}</p> : null}

      <h3 className="subheading">{t('brief.frictions')}</h3>
      {brief.frictions.length === 0 ? (
        <p className="muted">{t('brief.noFriction')}</p>
      ) : (
        <ul className="brief-frictions">
          {brief.frictions.map((friction) => (
            <li key={friction.key} className={`brief-friction brief-friction-${friction.severity}`}>
              <Icon name={SEVERITY_ICON[friction.severity]} size={16} />
              <span className="visually-hidden">{t(`brief.severity.${friction.severity}`)} : </span>
              <span>{friction.message}</span>
            </li>
          ))}
        </ul>
      )}

      <div className="brief-columns">
        <div>
          <h3 className="subheading">{t('brief.talkingPoints')}</h3>
          {brief.talkingPoints.length === 0 ? (
            <p className="muted">{t('brief.none')}</p>
          ) : (
            <ul className="brief-points">
              {brief.talkingPoints.map((point) => (
                <li key={point}>{point}</li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="subheading">{t('brief.concessions')}</h3>
          {brief.concessions.length === 0 ? (
            <p className="muted">{t('brief.none')}</p>
          ) : (
            <ul className="brief-concessions">
              {brief.concessions.map((concession) => (
                <li key={concession.key}>
                  <span>{concession.label}</span>
                  <span className={concession.estimatedCost === null ? 'muted' : 'brief-cost'}>
                    {concession.estimatedCost === null
                      ? t('brief.costUnknown')
                      : t('brief.cost', { amount: money(concession.estimatedCost) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </>
  );
}

const COLORS = {
  curve: '#4f46e5',
  band: '#a5b4fc',
  current: '#4f46e5',
  target: '#16a34a',
  walkAway: '#dc2626',
};

function AcceptanceChart({ brief, offer }: { brief: NegotiationBrief; offer: Offer }) {
  const { t } = useTranslation();
  const money = (value: number) => formatAmount(Math.round(value), brief.currency);
  const percent = (p: number) => formatPercent(Math.round(p * 100), 0);
  // The amount on the table may lie outside the sampled curve: its own estimate extends the curve.
  const curve = [...brief.curve];
  if (curve.length > 0 && probabilityAt(curve, brief.amount) === null) {
    const { probability, low, high } = brief.acceptance;
    curve.push({ amount: brief.amount, probability, low, high });
    curve.sort((a, b) => a.amount - b.amount);
  }
  const xs = curve.map((point) => point.amount);
  const points: { key: keyof typeof COLORS; label: string; amount: number | null }[] = [
    { key: 'current', label: t('brief.markerCurrent'), amount: brief.amount },
    { key: 'target', label: t('brief.target'), amount: brief.anchors.target ?? offer.target },
    { key: 'walkAway', label: t('brief.walkAway'), amount: brief.anchors.walkAway ?? offer.walkAway },
  ];
  const markers: ChartMarker[] = [];
  for (const point of points) {
    if (point.amount === null) continue;
    const y = probabilityAt(curve, point.amount);
    if (y === null) continue;
    markers.push({
      x: point.amount,
      y,
      color: COLORS[point.key],
      label: `${point.label} : ${money(point.amount)} → ${percent(y)}`,
    });
  }
  const legendId = useId();
  return (
    <div className="brief-chart">
      <LineChart
        title={t('brief.chartTitle')}
        description={t('brief.chartDescription', {
          amount: money(brief.amount),
          percent: percent(brief.acceptance.probability),
        })}
        xs={xs}
        series={[
          {
            id: 'p',
            label: t('brief.seriesProbability'),
            color: COLORS.curve,
            values: curve.map((point) => point.probability),
            emphasis: true,
          },
          {
            id: 'high',
            label: t('brief.seriesHigh'),
            color: COLORS.band,
            values: curve.map((point) => point.high),
            dashed: true,
          },
          {
            id: 'low',
            label: t('brief.seriesLow'),
            color: COLORS.band,
            values: curve.map((point) => point.low),
            dashed: true,
          },
        ]}
        formatX={money}
        formatY={percent}
        xLabel={t('brief.axisAmount')}
        yLabel={t('brief.axisProbability')}
        markers={markers}
        height={220}
        legend={false}
      />
      <ul className="chart-legend brief-legend" id={legendId}>
        <li>
          <span className="brief-legend-line" style={{ background: COLORS.curve }} />
          {t('brief.seriesProbability')}
        </li>
        <li>
          <span className="brief-legend-line brief-legend-dashed" style={{ borderColor: COLORS.band }} />
          {t('brief.seriesBand')}
        </li>
        {points.map((point) =>
          point.amount === null ? null : (
            <li key={point.key}>
              <span className="brief-legend-dot" style={{ borderColor: COLORS[point.key] }} />
              {markers.some((m) => m.color === COLORS[point.key] && m.x === point.amount)
                ? point.label
                : t('brief.offChart', { label: point.label, amount: money(point.amount) })}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

function Drafts({ drafts, language }: { drafts: readonly Draft[]; language: BriefLanguage }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Draft['kind'] | null>(drafts[0]?.kind ?? null);
  const [edits, setEdits] = useState<Partial<Record<Draft['kind'], { subject: string; body: string }>>>({});
  const subjectId = useId();
  const bodyId = useId();
  const selected = drafts.find((draft) => draft.kind === kind) ?? drafts[0];
  if (!selected) return <p className="muted">{t('brief.noDraft')}</p>;
  const current = edits[selected.kind] ?? { subject: selected.subject, body: selected.body };
  const edit = (change: Partial<{ subject: string; body: string }>) =>
    setEdits((all) => ({ ...all, [selected.kind]: { ...current, ...change } }));

  const copy = async (text: string, done: string) => {
    try {
      await copyText(text);
      toastSuccess(done);
    } catch {
      toastError(new Error(t('brief.copyFailed')));
    }
  };

  return (
    <div className="brief-drafts" lang={language}>
      {drafts.length > 1 ? (
        <div className="brief-draft-kinds" role="group" aria-label={t('brief.draftKind')}>
          {drafts.map((draft) => (
            <button
              key={draft.kind}
              type="button"
              className="brief-kind-button"
              aria-pressed={draft.kind === selected.kind}
              onClick={() => setKind(draft.kind)}
            >
              {t(`brief.kinds.${draft.kind}`)}
            </button>
          ))}
        </div>
      ) : null}
      <div className="field">
        <div className="field-label">
          <label htmlFor={subjectId}>{t('brief.subject')}</label>
        </div>
        <div className="brief-subject-row">
          <input
            id={subjectId}
            value={current.subject}
            onChange={(event) => edit({ subject: event.target.value })}
          />
          <button
            type="button"
            className="button button-small"
            onClick={() => void copy(current.subject, t('brief.subjectCopied'))}
          >
            {t('brief.copySubject')}
          </button>
        </div>
      </div>
      <div className="field">
        <div className="field-label">
          <label htmlFor={bodyId}>{t('brief.body')}</label>
        </div>
        <textarea
          id={bodyId}
          className="brief-body"
          rows={Math.min(16, Math.max(6, current.body.split('\n').length + 1))}
          value={current.body}
          onChange={(event) => edit({ body: event.target.value })}
        />
      </div>
      <div className="brief-draft-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void copy(current.body, t('brief.copied'))}
        >
          <Icon name="check" size={16} />
          {t('brief.copy')}
        </button>
        {edits[selected.kind] ? (
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              setEdits((all) => {
                const next = { ...all };
                delete next[selected.kind];
                return next;
              })
            }
          >
            {t('brief.resetDraft')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
