import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deal } from '../../../../shared/deals';
import type { DateFlags, Forecast, ForecastBasis, ForecastFactor } from '../../../../shared/forecast';
import { formatCents, formatCount, formatDayLong, formatPercent } from '../../lib/money';
import { ErrorNote } from './ErrorNote';
import { RangeBar } from './RangeBar';
import { inLanguage, useInvoke } from './requests';

export interface ForecastPanelProps {
  artistId: string;
  venueId: string;
  /** The show date, YYYY-MM-DD. */
  date: string;
  /** The terms under discussion: adds the break-even chances and the expected results. */
  deal?: Deal | null | undefined;
  /** Overrides of the deal's (or venue's) price and capacity. */
  ticketPrice?: number | undefined;
  capacity?: number | undefined;
  /** The heading level of the panel's title (2 in the section, 3 when embedded under another heading). */
  headingLevel?: 2 | 3;
}

/**
 * The forecast of one show: tickets as a range against the room, fill rate, sold-out and break-even
 * chances, what the forecast rests on (and a « données synthétiques » badge for the prior), and the
 * factors that moved it most. Self-contained (it calls `forecast.predict`), so other screens embed it.
 */
export function ForecastPanel({
  artistId,
  venueId,
  date,
  deal,
  ticketPrice,
  capacity,
  headingLevel = 2,
}: ForecastPanelProps) {
  const { t } = useTranslation('forecast');
  const titleId = useId();
  const ready = artistId !== '' && venueId !== '' && /^\d{4}-\d{2}-\d{2}$/.test(date);
  const request = useInvoke(
    'forecast.predict',
    ready
      ? {
          artistId,
          venueId,
          date,
          ...(deal ? { deal } : {}),
          ...(ticketPrice !== undefined ? { ticketPrice } : {}),
          ...(capacity !== undefined ? { capacity } : {}),
        }
      : null,
  );
  const forecast = request.data;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  return (
    <section
      className="card fc-panel"
      aria-labelledby={titleId}
      aria-busy={request.loading}
      data-testid="forecast-panel"
    >
      <div className="fc-card-head">
        <Heading id={titleId} className="fc-card-title">
          {t('panel.title')}
          {ready ? <span className="fc-card-sub"> — {formatDayLong(date)}</span> : null}
        </Heading>
        {forecast ? <BasisBadge basis={forecast.basis} /> : null}
      </div>
      {!ready ? (
        <p className="muted">{t('panel.pick')}</p>
      ) : request.error ? (
        <ErrorNote error={request.error} onRetry={request.reload} />
      ) : !forecast ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <div className={request.stale ? 'fc-stale' : undefined}>
          <ForecastBody forecast={forecast} />
        </div>
      )}
    </section>
  );
}

function ForecastBody({ forecast }: { forecast: Forecast }) {
  const { t } = useTranslation('forecast');
  const { tickets, fill, capacity, breakEven, currency } = forecast;
  const percent = (fraction: number) => formatPercent(fraction * 100, 0);
  const chance = (p: number) => formatPercent(p * 100, 0);

  return (
    <>
      <RangeBar tickets={tickets} capacity={capacity} breakEven={breakEven?.organiserTickets ?? null} />
      <dl className="fc-figures">
        <Figure
          label={t('panel.expected')}
          value={t('panel.ticketsValue', { tickets: formatCount(Math.round(tickets.p50)) })}
          detail={t('panel.rangeDetail', {
            p10: formatCount(Math.round(tickets.p10)),
            p90: formatCount(Math.round(tickets.p90)),
          })}
          testId="forecast-p50"
        />
        <Figure
          label={t('panel.fill')}
          value={percent(fill.p50)}
          detail={t('panel.fillDetail', { p10: percent(fill.p10), p90: percent(fill.p90) })}
          testId="forecast-fill"
        />
        <Figure
          label={t('panel.soldOut')}
          value={chance(forecast.soldOutProbability)}
          detail={t('panel.soldOutDetail', { capacity: formatCount(capacity) })}
          testId="forecast-sold-out"
        />
        {breakEven ? (
          <>
            <Figure
              label={t('panel.organiserBreakEven')}
              value={chance(breakEven.organiserProbability)}
              detail={
                breakEven.organiserTickets === null
                  ? t('panel.breakEvenNever')
                  : t('panel.breakEvenAt', { tickets: formatCount(breakEven.organiserTickets) })
              }
              testId="forecast-break-even"
            />
            <Figure
              label={t('panel.expectedResult')}
              value={formatCents(breakEven.expectedOrganiserResult, currency, { whole: true })}
              negative={breakEven.expectedOrganiserResult < 0}
              detail={t('panel.expectedArtist', {
                amount: formatCents(breakEven.expectedArtistTotal, currency, { whole: true }),
              })}
              testId="forecast-expected-result"
            />
          </>
        ) : (
          <Figure
            label={t('panel.organiserBreakEven')}
            value="—"
            detail={t('panel.noDeal')}
            testId="forecast-break-even"
          />
        )}
      </dl>
      <p className="fc-price-note muted">
        {t('panel.assumptions', {
          price: formatCents(Math.round(forecast.ticketPrice * 100), currency),
          capacity: formatCount(capacity),
        })}
      </p>
      <Basis basis={forecast.basis} />
      <Flags flags={forecast.flags} />
      {forecast.warnings.length ? (
        <ul className="fc-warnings" aria-label={t('panel.warnings')}>
          {forecast.warnings.map((warning) => (
            <li key={warning.en}>{inLanguage(warning)}</li>
          ))}
        </ul>
      ) : null}
      <Factors factors={forecast.factors} />
    </>
  );
}

function Figure({
  label,
  value,
  detail,
  negative,
  testId,
}: {
  label: string;
  value: string;
  detail: string;
  negative?: boolean;
  testId: string;
}) {
  return (
    <div className="fc-figure">
      <dt>{label}</dt>
      <dd className={negative ? 'fc-figure-value negative' : 'fc-figure-value'} data-testid={testId}>
        {value}
      </dd>
      <dd className="fc-figure-detail">{detail}</dd>
    </div>
  );
}

/** « Données synthétiques » for the prior (never to be read as the booker's own evidence), else « Vos données ». */
export function BasisBadge({ basis }: { basis: ForecastBasis }) {
  const { t } = useTranslation('forecast');
  return basis.modelKind === 'prior' ? (
    <span className="fc-badge fc-badge-prior" title={t('basis.priorHint')} data-testid="prior-badge">
      {t('basis.priorBadge')}
    </span>
  ) : (
    <span className="fc-badge fc-badge-user" data-testid="user-badge">
      {t('basis.userBadge')}
    </span>
  );
}

function Basis({ basis }: { basis: ForecastBasis }) {
  const { t } = useTranslation('forecast');
  return (
    <div className="fc-basis" data-testid="forecast-basis">
      <p className="fc-basis-summary">{inLanguage(basis.summary)}</p>
      <p className="muted fc-basis-detail">
        {basis.modelKind === 'prior'
          ? t('basis.priorDetail', { rows: formatCount(basis.trainingRows) })
          : t('basis.userDetail', {
              own: formatCount(basis.trainingRows - basis.syntheticRows),
              version: basis.modelVersion,
            })}
      </p>
    </div>
  );
}

function Flags({ flags }: { flags: DateFlags }) {
  const { t } = useTranslation('forecast');
  const chips: { key: string; text: string; kind: string }[] = [];
  if (flags.publicHoliday) chips.push({ key: 'holiday', text: flags.publicHoliday, kind: 'holiday' });
  if (flags.schoolHoliday) {
    chips.push({
      key: 'school',
      text: flags.schoolHolidayName ?? t('flags.schoolHoliday'),
      kind: 'school',
    });
  }
  if (flags.competingEvents > 0) {
    chips.push({
      key: 'competing',
      text: t('flags.competing', { count: flags.competingEvents }),
      kind: 'competing',
    });
  }
  if (!chips.length) return null;
  return (
    <ul className="fc-flags" aria-label={t('flags.label')}>
      {chips.map((chip) => (
        <li key={chip.key} className={`fc-flag fc-flag-${chip.kind}`}>
          {chip.text}
        </li>
      ))}
    </ul>
  );
}

/** What moved P50 most, as bars from a centre line (right: more tickets, left: fewer). */
function Factors({ factors }: { factors: ForecastFactor[] }) {
  const { t } = useTranslation('forecast');
  const headingId = useId();
  if (!factors.length) return null;
  const largest = Math.max(1, ...factors.map((f) => Math.abs(f.effect)));
  const signed = (n: number) => {
    const rounded = Math.round(n);
    return rounded > 0 ? `+${formatCount(rounded)}` : rounded < 0 ? `−${formatCount(-rounded)}` : '0';
  };
  return (
    <div className="fc-factors">
      <h3 className="subheading" id={headingId}>
        {t('factors.title')}
      </h3>
      <ul aria-labelledby={headingId} className="fc-factor-list" data-testid="forecast-factors">
        {factors.map((factor) => {
          const share = (Math.abs(factor.effect) / largest) * 50;
          const positive = factor.effect >= 0;
          return (
            <li key={factor.feature} className="fc-factor">
              <span className="fc-factor-label">{inLanguage(factor.label)}</span>
              <span className="fc-factor-track" aria-hidden="true">
                <span
                  className={positive ? 'fc-factor-bar fc-factor-up' : 'fc-factor-bar fc-factor-down'}
                  style={
                    positive ? { left: '50%', width: `${share}%` } : { right: '50%', width: `${share}%` }
                  }
                />
              </span>
              <span className={positive ? 'fc-factor-value' : 'fc-factor-value negative'}>
                {t('factors.tickets', { value: signed(factor.effect) })}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="muted fc-note">{t('factors.note')}</p>
    </div>
  );
}
