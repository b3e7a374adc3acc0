import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEAL_TYPES, type BreakEven, type Deal, type DealType } from '../../../../shared/deals';
import type { DealEvaluation } from '../../../../shared/offers';
import { api } from '../../api';
import { ChartLegend, LineChart, type ChartMarker, type ChartSeries } from '../../components/LineChart';
import { useDebounced } from '../../lib/hooks';
import { formatCents, formatCount, formatPercent } from '../../lib/money';
import { toastError } from '../../store/toasts';
import { BreakdownTable } from './Breakdown';

/** One colour per deal type, the same on every chart and legend. */
export const DEAL_COLOURS: Record<DealType, string> = {
  flat: '#2563eb',
  doorSplit: '#d97706',
  versus: '#7c3aed',
  guaranteePlus: '#0d9488',
};

const EVALUATE_DEBOUNCE_MS = 180;
/** Where the slider starts: a room 70 % full. */
const DEFAULT_FILL = 0.7;

interface DealPnlProps {
  /** The terms to evaluate; null while the form does not hold a valid deal. */
  deal: Deal | null;
  /** Why `deal` is null (the form's first message). */
  invalidReason?: string | undefined;
  /** The ticket count the slider starts at (default: 70 % of the capacity). */
  initialTickets?: number;
  /** Reports each evaluation (the zone of agreement reads the artist's total from it). */
  onEvaluated?(evaluation: DealEvaluation, ticketsSold: number): void;
}

/**
 * The live P&L of a deal: a "tickets sold" slider, the settlement at that count, both parties'
 * break-even, and the four deal types compared on two charts (artist's total, organiser's result).
 */
export function DealPnl({ deal, invalidReason, initialTickets, onEvaluated }: DealPnlProps) {
  const { t } = useTranslation();
  const sliderId = useId();
  const capacity = deal?.capacity ?? 0;
  const [chosen, setChosen] = useState<number | null>(initialTickets ?? null);
  const [evaluation, setEvaluation] = useState<{ key: string; value: DealEvaluation } | null>(null);

  const tickets = Math.min(chosen ?? Math.round(capacity * DEFAULT_FILL), capacity);
  const requestKey = deal ? JSON.stringify({ deal, ticketsSold: tickets }) : null;
  const debouncedKey = useDebounced(requestKey, EVALUATE_DEBOUNCE_MS);

  useEffect(() => {
    if (!debouncedKey) return;
    let live = true;
    const input = JSON.parse(debouncedKey) as { deal: Deal; ticketsSold: number };
    api.invoke('deals.evaluate', input).then(
      (value) => {
        if (!live) return;
        setEvaluation({ key: debouncedKey, value });
        onEvaluated?.(value, input.ticketsSold);
      },
      (error: unknown) => {
        if (live) toastError(error);
      },
    );
    return () => {
      live = false;
    };
    // onEvaluated is a callback of the parent; a new one must not re-run the request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedKey]);

  const result = evaluation?.value ?? null;
  const stale = !deal || evaluation?.key !== requestKey;
  const settlement = result?.settlement ?? null;
  const currency = settlement?.currency ?? deal?.currency ?? 'EUR';
  const money = (cents: number) => formatCents(cents, currency);

  const breakEvenText = (value: number | null, party: 'organiser' | 'artist') => {
    if (value === null) return t('pnl.breakEvenNever');
    if (value === 0) return t(`pnl.breakEvenZero.${party}`);
    const share = capacity > 0 ? formatPercent((value / capacity) * 100, 0) : '';
    return t('pnl.breakEvenTickets', { count: value, tickets: formatCount(value), share });
  };

  return (
    <section className="pnl" aria-labelledby={`${sliderId}-title`} aria-busy={stale && !!deal}>
      <h3 className="pnl-title" id={`${sliderId}-title`}>
        {t('pnl.title')}
      </h3>
      {!deal ? (
        <p className="pnl-invalid" role="status">
          {t('pnl.invalid')}
          {invalidReason ? <span className="pnl-invalid-reason"> {invalidReason}</span> : null}
        </p>
      ) : null}

      <div className="pnl-slider">
        <label htmlFor={sliderId}>{t('pnl.ticketsSold')}</label>
        <div className="pnl-slider-row">
          <input
            id={sliderId}
            type="range"
            min={0}
            max={Math.max(capacity, 0)}
            step={1}
            value={tickets}
            disabled={!deal || capacity === 0}
            aria-valuetext={t('pnl.ticketsOf', {
              tickets: formatCount(tickets),
              capacity: formatCount(capacity),
            })}
            onChange={(event) => setChosen(Number(event.target.value))}
          />
          <output htmlFor={sliderId} className="pnl-slider-value" data-testid="pnl-tickets">
            {t('pnl.ticketsOf', { tickets: formatCount(tickets), capacity: formatCount(capacity) })}
          </output>
        </div>
      </div>

      <div className={stale ? 'pnl-body pnl-stale' : 'pnl-body'}>
        {settlement && result ? (
          <>
            <dl className="pnl-figures">
              <Figure label={t('pnl.gross')} value={money(settlement.receipts.gross)} testId="pnl-gross" />
              <Figure
                label={t('pnl.artistTotal')}
                value={money(settlement.artistTotal)}
                testId="pnl-artist-total"
              />
              <Figure
                label={t('pnl.artistResult')}
                value={money(settlement.artistResult)}
                negative={settlement.artistResult < 0}
                testId="pnl-artist-result"
              />
              <Figure
                label={t('pnl.organiserResult')}
                value={money(settlement.organiserResult)}
                negative={settlement.organiserResult < 0}
                testId="pnl-organiser-result"
              />
            </dl>
            <dl className="pnl-break-even">
              <div>
                <dt>{t('pnl.breakEvenOrganiser')}</dt>
                <dd data-testid="break-even-organiser">
                  {breakEvenText(result.breakEven.organiser, 'organiser')}
                </dd>
              </div>
              <div>
                <dt>{t('pnl.breakEvenArtist')}</dt>
                <dd data-testid="break-even-artist">{breakEvenText(result.breakEven.artist, 'artist')}</dd>
              </div>
            </dl>
            <ComparisonCharts evaluation={result} current={settlement.type} tickets={tickets} />
            <details className="pnl-details" open>
              <summary>
                {t('pnl.breakdown', { tickets: formatCount(settlement.receipts.ticketsSold) })}
              </summary>
              <BreakdownTable settlement={settlement} caption={t('pnl.breakdownCaption')} />
            </details>
          </>
        ) : deal ? (
          <p className="muted pnl-loading">{t('pnl.loading')}</p>
        ) : null}
      </div>
    </section>
  );
}

function Figure({
  label,
  value,
  negative,
  testId,
}: {
  label: string;
  value: string;
  negative?: boolean;
  testId: string;
}) {
  return (
    <div className="pnl-figure">
      <dt>{label}</dt>
      <dd className={negative ? 'negative' : undefined} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function ComparisonCharts({
  evaluation,
  current,
  tickets,
}: {
  evaluation: DealEvaluation;
  current: DealType;
  tickets: number;
}) {
  const { t } = useTranslation();
  const { comparison } = evaluation;
  const currency = comparison.currency;
  const xs = comparison.ticketsSold;

  const { artist, organiser, artistMarkers, organiserMarkers } = useMemo(() => {
    const at = (values: readonly number[], x: number | null) => {
      if (x === null) return null;
      const index = xs.indexOf(x);
      return index >= 0 ? (values[index] ?? null) : null;
    };
    const order = [...DEAL_TYPES];
    const byType = new Map(comparison.series.map((s) => [s.type, s]));
    const series = (pick: 'artistTotal' | 'organiserResult'): ChartSeries[] =>
      order.flatMap((type) => {
        const s = byType.get(type);
        if (!s) return [];
        return [
          {
            id: type,
            label: t(`deals.typesShort.${type}`),
            color: DEAL_COLOURS[type],
            values: s[pick],
            emphasis: type === current,
          },
        ];
      });
    const markers = (party: keyof BreakEven, pick: 'artistTotal' | 'organiserResult'): ChartMarker[] =>
      order.flatMap((type) => {
        const s = byType.get(type);
        const x = s?.breakEven[party] ?? null;
        if (!s || x === null || (party === 'artist' && x === 0)) return [];
        const y = at(s[pick], x);
        if (y === null) return [];
        return [
          {
            x,
            y,
            color: DEAL_COLOURS[type],
            label: t('pnl.chart.breakEvenMarker', {
              type: t(`deals.typesShort.${type}`),
              tickets: formatCount(x),
            }),
          },
        ];
      });
    return {
      artist: series('artistTotal'),
      organiser: series('organiserResult'),
      artistMarkers: markers('artist', 'artistTotal'),
      organiserMarkers: markers('organiser', 'organiserResult'),
    };
  }, [comparison, xs, current, t]);

  const formatY = (cents: number) => formatCents(cents, currency, { whole: true });
  const formatX = (value: number) => formatCount(value);
  const cursor = { x: tickets, label: t('pnl.chart.cursor', { tickets: formatCount(tickets) }) };
  // The two charts share their y-axis width so that their ticket axes line up.
  const extremes = [...artist, ...organiser].flatMap((s) => s.values.filter((v): v is number => v !== null));
  const alignLabels = extremes.length ? [formatY(Math.min(...extremes)), formatY(Math.max(...extremes))] : [];
  const describe = (markers: ChartMarker[]) =>
    markers.length ? markers.map((m) => m.label).join(' ; ') : t('pnl.chart.noBreakEven');

  return (
    <div className="pnl-charts">
      <div className="pnl-legend">
        <ChartLegend
          items={DEAL_TYPES.map((type) => ({
            id: type,
            label: t(`deals.typesShort.${type}`),
            color: DEAL_COLOURS[type],
            emphasis: type === current,
          }))}
        />
        <p className="muted pnl-legend-note">
          {t('pnl.chart.note', { type: t(`deals.typesShort.${current}`) })}
        </p>
      </div>
      <LineChart
        title={t('pnl.chart.artistTitle')}
        description={describe(artistMarkers)}
        xs={xs}
        series={artist}
        formatX={formatX}
        formatY={formatY}
        xLabel={t('pnl.chart.xLabel')}
        yLabel={t('pnl.chart.artistY', { currency })}
        cursor={cursor}
        markers={artistMarkers}
        height={220}
        legend={false}
        alignLabels={alignLabels}
      />
      <LineChart
        title={t('pnl.chart.organiserTitle')}
        description={describe(organiserMarkers)}
        xs={xs}
        series={organiser}
        formatX={formatX}
        formatY={formatY}
        xLabel={t('pnl.chart.xLabel')}
        yLabel={t('pnl.chart.organiserY', { currency })}
        cursor={cursor}
        markers={organiserMarkers}
        height={220}
        legend={false}
        alignLabels={alignLabels}
      />
    </div>
  );
}
