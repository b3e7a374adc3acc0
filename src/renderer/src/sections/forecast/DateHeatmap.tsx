import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BestDates, DateCell } from '../../../../shared/forecast';
import {
  addDays,
  addMonths,
  formatCount,
  formatDayLong,
  formatMonth,
  formatPercent,
  parseDay,
  weekdayNames,
} from '../../lib/money';
import { ErrorNote } from './ErrorNote';
import { isDark, RAMP, rampColour } from './heat';
import { BasisBadge } from './ForecastPanel';
import { inLanguage, useInvoke } from './requests';

export type HeatMetric = 'p50' | 'soldOut';

interface DateHeatmapProps {
  artistId: string;
  venueId: string;
  from: string;
  to: string;
  /** Opens the full forecast of a day. */
  onForecastDay(date: string): void;
}

/** Monday = 0 … Sunday = 6. */
const weekday = (iso: string) => (parseDay(iso).getUTCDay() + 6) % 7;
const firstOfMonth = (iso: string) => `${iso.slice(0, 7)}-01`;

/**
 * The window's days as month calendars coloured by the forecast (P50 fill or sold-out chance), with
 * holidays, conflicts and the top dates marked. A grid in the WAI-ARIA sense: one cell in the tab
 * order, arrows move by day and week, Enter or Space selects a day.
 */
export function DateHeatmap({ artistId, venueId, from, to, onForecastDay }: DateHeatmapProps) {
  const { t } = useTranslation('forecast');
  const ready = artistId !== '' && venueId !== '' && from !== '' && to !== '' && from <= to;
  const request = useInvoke('forecast.bestDates', ready ? { artistId, venueId, from, to, top: 5 } : null);
  const data = request.data;

  return (
    <section
      className="card fc-dates"
      aria-labelledby="fc-dates-title"
      aria-busy={request.loading}
      data-testid="date-heatmap"
    >
      <div className="fc-card-head">
        <h2 id="fc-dates-title" className="fc-card-title">
          {t('dates.title')}
        </h2>
        {data ? <BasisBadge basis={data.basis} /> : null}
      </div>
      {!ready ? (
        <p className="muted">{t('dates.pick')}</p>
      ) : request.error ? (
        <ErrorNote error={request.error} onRetry={request.reload} />
      ) : !data ? (
        <p className="muted">{t('dates.loading')}</p>
      ) : (
        <div className={request.stale ? 'fc-stale' : undefined}>
          <HeatmapBody
            data={data}
            onForecastDay={onForecastDay}
            key={`${data.days[0]?.date}-${data.days.length}`}
          />
        </div>
      )}
    </section>
  );
}

function HeatmapBody({ data, onForecastDay }: { data: BestDates; onForecastDay(date: string): void }) {
  const { t } = useTranslation('forecast');
  const [metric, setMetric] = useState<HeatMetric>('p50');
  const first = data.days[0]?.date ?? '';
  const last = data.days[data.days.length - 1]?.date ?? '';
  const byDate = useMemo(() => new Map(data.days.map((d) => [d.date, d])), [data.days]);
  const rank = useMemo(() => new Map(data.top.map((d, i) => [d, i + 1])), [data.top]);
  const [selected, setSelected] = useState<string>(data.top[0] ?? first);
  const [focused, setFocused] = useState<string>(data.top[0] ?? first);
  const gridRef = useRef<HTMLDivElement>(null);
  const moveFocus = useRef(false);

  useLayoutEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    gridRef.current?.querySelector<HTMLElement>(`[data-date="${focused}"]`)?.focus();
  }, [focused]);

  const valueOf = (cell: DateCell) => (metric === 'p50' ? cell.fill50 : cell.soldOutProbability);
  const months = useMemo(() => {
    const list: string[] = [];
    for (let m = firstOfMonth(first); m <= last;) {
      list.push(m);
      const d = parseDay(m);
      m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    }
    return list;
  }, [first, last]);

  const go = (date: string) => {
    const clamped = date < first ? first : date > last ? last : date;
    moveFocus.current = true;
    setFocused(clamped);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    const step = moves[event.key];
    if (step !== undefined) {
      event.preventDefault();
      go(addDays(focused, step));
    } else if (event.key === 'PageUp' || event.key === 'PageDown') {
      event.preventDefault();
      go(addMonths(focused, event.key === 'PageUp' ? -1 : 1));
    } else if (event.key === 'Home') {
      event.preventDefault();
      go(addDays(focused, -weekday(focused)));
    } else if (event.key === 'End') {
      event.preventDefault();
      go(addDays(focused, 6 - weekday(focused)));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setSelected(focused);
    }
  };

  const labelOf = (cell: DateCell) => {
    const parts = [
      formatDayLong(cell.date),
      t('dates.cellTickets', { tickets: formatCount(Math.round(cell.tickets.p50)) }),
      t('dates.cellSoldOut', { chance: formatPercent(cell.soldOutProbability * 100, 0) }),
    ];
    const r = rank.get(cell.date);
    if (r) parts.push(t('dates.topRank', { rank: r }));
    if (cell.flags.publicHoliday) parts.push(cell.flags.publicHoliday);
    if (cell.flags.schoolHoliday) parts.push(cell.flags.schoolHolidayName ?? t('flags.schoolHoliday'));
    if (cell.flags.competingEvents) parts.push(t('flags.competing', { count: cell.flags.competingEvents }));
    if (cell.conflicts.length) parts.push(cell.conflicts.map((c) => inLanguage(c.description)).join(' ; '));
    if (!cell.available) parts.push(t('dates.unavailable'));
    return parts.join(', ');
  };

  const names = weekdayNames('short');
  const longNames = weekdayNames('long');
  const selectedCell = byDate.get(selected);

  return (
    <>
      <div className="fc-heat-toolbar">
        <div className="fc-segmented" role="radiogroup" aria-label={t('dates.metric')}>
          {(['p50', 'soldOut'] as const).map((m) => (
            <label key={m} className={metric === m ? 'fc-segment fc-segment-on' : 'fc-segment'}>
              <input
                type="radio"
                name="fc-heat-metric"
                value={m}
                checked={metric === m}
                onChange={() => setMetric(m)}
              />
              {t(`dates.metrics.${m}`)}
            </label>
          ))}
        </div>
        <HeatLegend metric={metric} />
      </div>
      <p id="fc-heat-help" className="visually-hidden">
        {t('dates.gridHelp')}
      </p>
      <div className="fc-heat-layout">
        <div
          className="fc-heat-months"
          role="grid"
          aria-label={t('dates.gridLabel')}
          aria-describedby="fc-heat-help"
          ref={gridRef}
          onKeyDown={onKeyDown}
          data-testid="heat-grid"
        >
          {months.map((month) => {
            const start = addDays(month, -weekday(month));
            const weeks: string[][] = [];
            for (let day = start; day.slice(0, 7) <= month.slice(0, 7); day = addDays(day, 7)) {
              weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
            }
            return (
              <div role="rowgroup" className="fc-heat-month" key={month}>
                <div role="row" className="fc-heat-month-title">
                  <span role="columnheader" aria-colspan={7}>
                    {formatMonth(month)}
                  </span>
                </div>
                <div role="row" className="fc-heat-row fc-heat-head">
                  {names.map((name, i) => (
                    <span role="columnheader" key={name} aria-label={longNames[i]}>
                      {name}
                    </span>
                  ))}
                </div>
                {weeks.map((week) => (
                  <div role="row" className="fc-heat-row" key={week[0]}>
                    {week.map((day) => {
                      const cell = day.slice(0, 7) === month.slice(0, 7) ? byDate.get(day) : undefined;
                      if (!cell) {
                        return (
                          <span
                            role="gridcell"
                            key={day}
                            className="fc-heat-cell fc-heat-empty"
                            aria-hidden="true"
                          />
                        );
                      }
                      const value = valueOf(cell);
                      const r = rank.get(day);
                      const blocking = cell.conflicts.some((c) => c.severity === 'error');
                      const classes = [
                        'fc-heat-cell',
                        isDark(value) ? 'fc-heat-dark' : '',
                        day === selected ? 'fc-heat-selected' : '',
                        cell.conflicts.length ? (blocking ? 'fc-heat-blocked' : 'fc-heat-warning') : '',
                        cell.flags.schoolHoliday ? 'fc-heat-school' : '',
                      ];
                      return (
                        <span
                          role="gridcell"
                          key={day}
                          data-date={day}
                          tabIndex={day === focused ? 0 : -1}
                          aria-selected={day === selected}
                          aria-label={labelOf(cell)}
                          className={classes.filter(Boolean).join(' ')}
                          style={{ background: rampColour(value) }}
                          onClick={() => {
                            setFocused(day);
                            setSelected(day);
                          }}
                        >
                          <span className="fc-heat-day" aria-hidden="true">
                            {Number(day.slice(8))}
                          </span>
                          {r ? (
                            <span className="fc-heat-rank" aria-hidden="true">
                              {r}
                            </span>
                          ) : null}
                          {cell.flags.publicHoliday ? (
                            <span
                              className="fc-heat-holiday"
                              aria-hidden="true"
                              title={cell.flags.publicHoliday}
                            />
                          ) : null}
                        </span>
                      );
                    })}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        <div className="fc-heat-side">
          <h3 className="subheading">{t('dates.top')}</h3>
          {data.top.length ? (
            <ol className="fc-top-list" data-testid="top-dates">
              {data.top.map((date, i) => {
                const cell = byDate.get(date);
                return (
                  <li key={date}>
                    <button
                      type="button"
                      className={date === selected ? 'fc-top fc-top-on' : 'fc-top'}
                      aria-pressed={date === selected}
                      onClick={() => {
                        setSelected(date);
                        setFocused(date);
                      }}
                    >
                      <span className="fc-top-rank">{i + 1}</span>
                      <span className="fc-top-date">{formatDayLong(date)}</span>
                      {cell ? (
                        <span className="fc-top-figures">
                          {t('dates.topFigures', {
                            tickets: formatCount(Math.round(cell.tickets.p50)),
                            chance: formatPercent(cell.soldOutProbability * 100, 0),
                          })}
                        </span>
                      ) : null}
                    </button>
                  </li>
                );
              })}
            </ol>
          ) : (
            <p className="muted">{t('dates.noTop')}</p>
          )}
          {selectedCell ? (
            <DayDetail cell={selectedCell} capacity={data.capacity} onForecastDay={onForecastDay} />
          ) : null}
          <ul className="fc-heat-keys" aria-label={t('dates.keysLabel')}>
            <li>
              <span className="fc-key fc-key-rank">1</span>
              {t('dates.keys.top')}
            </li>
            <li>
              <span className="fc-key fc-key-holiday" />
              {t('dates.keys.holiday')}
            </li>
            <li>
              <span className="fc-key fc-key-school" />
              {t('dates.keys.school')}
            </li>
            <li>
              <span className="fc-key fc-key-warning" />
              {t('dates.keys.hold')}
            </li>
            <li>
              <span className="fc-key fc-key-blocked" />
              {t('dates.keys.blocked')}
            </li>
          </ul>
        </div>
      </div>
    </>
  );
}

function HeatLegend({ metric }: { metric: HeatMetric }) {
  const { t } = useTranslation('forecast');
  return (
    <div className="fc-heat-legend" aria-hidden="true">
      <span>{metric === 'p50' ? t('dates.legendLowFill') : t('dates.legendLowChance')}</span>
      <span className="fc-heat-ramp">
        {RAMP.map((colour) => (
          <span key={colour} style={{ background: colour }} />
        ))}
      </span>
      <span>{metric === 'p50' ? t('dates.legendHighFill') : t('dates.legendHighChance')}</span>
    </div>
  );
}

function DayDetail({
  cell,
  capacity,
  onForecastDay,
}: {
  cell: DateCell;
  capacity: number;
  onForecastDay(date: string): void;
}) {
  const { t } = useTranslation('forecast');
  return (
    <div className="fc-day" aria-live="polite" data-testid="day-detail">
      <p className="fc-day-title">{formatDayLong(cell.date)}</p>
      <p>
        {t('dates.dayTickets', {
          p50: formatCount(Math.round(cell.tickets.p50)),
          p10: formatCount(Math.round(cell.tickets.p10)),
          p90: formatCount(Math.round(cell.tickets.p90)),
          capacity: formatCount(capacity),
        })}
      </p>
      <p>{t('dates.daySoldOut', { chance: formatPercent(cell.soldOutProbability * 100, 0) })}</p>
      {cell.flags.publicHoliday ? <p className="fc-day-flag">{cell.flags.publicHoliday}</p> : null}
      {cell.flags.schoolHoliday ? (
        <p className="fc-day-flag">{cell.flags.schoolHolidayName ?? t('flags.schoolHoliday')}</p>
      ) : null}
      {cell.flags.competingEvents ? (
        <p className="fc-day-flag">{t('flags.competing', { count: cell.flags.competingEvents })}</p>
      ) : null}
      {cell.conflicts.map((conflict) => (
        <p
          key={conflict.kind + conflict.description.en}
          className={conflict.severity === 'error' ? 'fc-day-conflict fc-day-blocking' : 'fc-day-conflict'}
        >
          {t(`dates.conflicts.${conflict.kind}`)} — {inLanguage(conflict.description)}
        </p>
      ))}
      <button
        type="button"
        className="button button-small button-primary"
        onClick={() => onForecastDay(cell.date)}
      >
        {t('dates.open')}
      </button>
    </div>
  );
}
