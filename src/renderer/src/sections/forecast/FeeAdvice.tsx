import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deal } from '../../../../shared/deals';
import type { FeeRecommendation } from '../../../../shared/forecast';
import { formatAmount, formatCents, formatPercent } from '../../lib/money';
import { ErrorNote } from './ErrorNote';
import { inLanguage, useInvoke } from './requests';

interface FeeAdviceProps {
  artistId: string;
  venueId: string;
  date: string;
  deal: Deal | null;
}

const LEVELS = ['safe', 'target', 'stretch', 'current'] as const;

/** The guarantee (or door-split percentage) to ask for: safe, fair and stretch levels against the current one. */
export function FeeAdvice({ artistId, venueId, date, deal }: FeeAdviceProps) {
  const { t } = useTranslation('forecast');
  const titleId = useId();
  const ready = artistId !== '' && venueId !== '' && deal !== null;
  const request = useInvoke('forecast.feeRecommendation', ready ? { artistId, venueId, date, deal } : null);
  const advice = request.data;

  return (
    <section
      className="card fc-fee"
      aria-labelledby={titleId}
      aria-busy={request.loading}
      data-testid="fee-advice"
    >
      <div className="fc-card-head">
        <h2 id={titleId} className="fc-card-title">
          {t('fee.title')}
        </h2>
      </div>
      {!ready ? (
        <p className="muted">{t('fee.needsDeal')}</p>
      ) : request.error ? (
        <ErrorNote error={request.error} onRetry={request.reload} />
      ) : !advice ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <div className={request.stale ? 'fc-stale' : undefined}>
          <FeeTable advice={advice} />
        </div>
      )}
    </section>
  );
}

function FeeTable({ advice }: { advice: FeeRecommendation }) {
  const { t } = useTranslation('forecast');
  const value = (v: number) =>
    advice.adjusts === 'guarantee' ? formatAmount(v, advice.currency) : formatPercent(v, 1);
  const usual = advice.artistUsualFee;
  return (
    <>
      <ul className="fc-fee-levels" aria-label={t('fee.caption')}>
        {LEVELS.map((level) => {
          const row = advice[level];
          return (
            <li
              key={level}
              className={level === 'current' ? 'fc-fee-row fc-fee-current' : 'fc-fee-row'}
              data-testid={`fee-${level}`}
            >
              <span className="fc-fee-level">{t(`fee.levels.${level}`)}</span>
              <strong className="fc-fee-value">
                <span className="visually-hidden">
                  {advice.adjusts === 'guarantee' ? t('fee.guarantee') : t('fee.percentage')} :{' '}
                </span>
                {value(row.value)}
              </strong>
              <span className="fc-fee-hint muted">{t(`fee.hints.${level}`)}</span>
              <span className="fc-fee-figures">
                {t('fee.figures', {
                  chance: formatPercent(row.organiserBreakEvenProbability * 100, 0),
                  artist: formatCents(row.expectedArtistTotal, advice.currency, { whole: true }),
                })}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="fc-fee-explanation">{inLanguage(advice.explanation)}</p>
      <p className="muted fc-note">
        {usual.min === null && usual.max === null
          ? t('fee.usualUnknown')
          : t('fee.usual', {
              min: usual.min === null ? '?' : formatAmount(usual.min, advice.currency),
              max: usual.max === null ? '?' : formatAmount(usual.max, advice.currency),
            })}
      </p>
    </>
  );
}
