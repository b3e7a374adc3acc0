import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deal } from '../../../../shared/deals';
import { LineChart, type ChartMarker, type ChartSeries } from '../../components/LineChart';
import { formatAmount, formatCents } from '../../lib/money';
import { ErrorNote } from './ErrorNote';
import { useInvoke } from './requests';

const COLOURS = { revenue: '#2563eb', profit: '#16a34a', artist: '#d97706' };

interface PriceCurveProps {
  artistId: string;
  venueId: string;
  date: string;
  deal?: Deal | null;
}

/** Expected revenue (and, under a deal, the organiser's profit and the artist's total) against the ticket price. */
export function PriceCurveCard({ artistId, venueId, date, deal }: PriceCurveProps) {
  const { t } = useTranslation('forecast');
  const titleId = useId();
  const ready = artistId !== '' && venueId !== '' && /^\d{4}-\d{2}-\d{2}$/.test(date);
  const request = useInvoke(
    'forecast.priceCurve',
    ready ? { artistId, venueId, date, ...(deal ? { deal } : {}) } : null,
  );
  const curve = request.data;

  const chart = useMemo(() => {
    if (!curve) return null;
    const xs = curve.points.map((p) => p.price);
    const series: ChartSeries[] = [
      {
        id: 'revenue',
        label: t('price.revenue'),
        color: COLOURS.revenue,
        values: curve.points.map((p) => p.expectedRevenue),
        emphasis: !curve.bestForProfit,
      },
    ];
    if (curve.bestForProfit) {
      series.push(
        {
          id: 'profit',
          label: t('price.profit'),
          color: COLOURS.profit,
          values: curve.points.map((p) => p.expectedProfit),
          emphasis: true,
        },
        {
          id: 'artist',
          label: t('price.artist'),
          color: COLOURS.artist,
          values: curve.points.map((p) => p.expectedArtistTotal),
          dashed: true,
        },
      );
    }
    const markers: ChartMarker[] = [
      {
        x: curve.bestForRevenue.price,
        y: curve.bestForRevenue.expectedRevenue,
        color: COLOURS.revenue,
        label: t('price.bestRevenueMarker', {
          price: formatAmount(curve.bestForRevenue.price, curve.currency),
          amount: formatCents(curve.bestForRevenue.expectedRevenue, curve.currency, { whole: true }),
        }),
      },
    ];
    if (curve.bestForProfit) {
      markers.push({
        x: curve.bestForProfit.price,
        y: curve.bestForProfit.expectedProfit,
        color: COLOURS.profit,
        label: t('price.bestProfitMarker', {
          price: formatAmount(curve.bestForProfit.price, curve.currency),
          amount: formatCents(curve.bestForProfit.expectedProfit, curve.currency, { whole: true }),
        }),
      });
    }
    return { xs, series, markers };
  }, [curve, t]);

  return (
    <section
      className="card fc-price"
      aria-labelledby={titleId}
      aria-busy={request.loading}
      data-testid="price-curve"
    >
      <div className="fc-card-head">
        <h2 id={titleId} className="fc-card-title">
          {t('price.title')}
        </h2>
      </div>
      {!ready ? (
        <p className="muted">{t('panel.pick')}</p>
      ) : request.error ? (
        <ErrorNote error={request.error} onRetry={request.reload} />
      ) : !curve || !chart ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <div className={request.stale ? 'fc-stale' : undefined}>
          <dl className="fc-best">
            <div>
              <dt>{t('price.bestRevenue')}</dt>
              <dd data-testid="best-price-revenue">
                <strong>{formatAmount(curve.bestForRevenue.price, curve.currency)}</strong>{' '}
                <span className="muted">
                  {t('price.expected', {
                    amount: formatCents(curve.bestForRevenue.expectedRevenue, curve.currency, {
                      whole: true,
                    }),
                  })}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t('price.bestProfit')}</dt>
              <dd data-testid="best-price-profit">
                {curve.bestForProfit ? (
                  <>
                    <strong>{formatAmount(curve.bestForProfit.price, curve.currency)}</strong>{' '}
                    <span className={curve.bestForProfit.expectedProfit < 0 ? 'negative' : 'muted'}>
                      {t('price.expected', {
                        amount: formatCents(curve.bestForProfit.expectedProfit, curve.currency, {
                          whole: true,
                        }),
                      })}
                    </span>
                  </>
                ) : (
                  <span className="muted">{t('price.needsDeal')}</span>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('price.reference')}</dt>
              <dd>{formatAmount(curve.referencePrice, curve.currency)}</dd>
            </div>
          </dl>
          <LineChart
            title={t('price.chartTitle')}
            description={chart.markers.map((m) => m.label).join(' ; ')}
            xs={chart.xs}
            series={chart.series}
            markers={chart.markers}
            formatX={(price) => formatAmount(Math.round(price * 100) / 100, curve.currency)}
            formatY={(cents) => formatCents(cents, curve.currency, { whole: true })}
            xLabel={t('price.xLabel', { currency: curve.currency })}
            yLabel={t('price.yLabel', { currency: curve.currency })}
            cursor={{
              x: curve.referencePrice,
              label: t('price.cursor', { price: formatAmount(curve.referencePrice, curve.currency) }),
            }}
            height={260}
          />
          <p className="muted fc-note">{t('price.note')}</p>
        </div>
      )}
    </section>
  );
}
