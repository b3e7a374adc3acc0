import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketRange } from '../../../../shared/forecast';
import { formatCount } from '../../lib/money';

interface RangeBarProps {
  tickets: TicketRange;
  capacity: number;
  /** Tickets at which the organiser breaks even under the deal (a tick on the scale). */
  breakEven?: number | null;
}

const WIDTH = 640;
const HEIGHT = 74;
const PAD = { left: 8, right: 8 };
const BAR_Y = 26;
const BAR_H = 18;

/**
 * The tickets forecast against the room: the likely range P10–P90 as a band, P50 as a mark, the
 * capacity as the end of the scale, and the organiser's break-even as a tick when a deal is given.
 */
export function RangeBar({ tickets, capacity, breakEven }: RangeBarProps) {
  const { t } = useTranslation('forecast');
  const titleId = useId();
  const inner = WIDTH - PAD.left - PAD.right;
  const x = (n: number) => PAD.left + (Math.min(Math.max(n, 0), capacity) / Math.max(capacity, 1)) * inner;
  const p10 = Math.round(tickets.p10);
  const p50 = Math.round(tickets.p50);
  const p90 = Math.round(tickets.p90);
  const description = t('panel.rangeDescription', {
    p10: formatCount(p10),
    p50: formatCount(p50),
    p90: formatCount(p90),
    capacity: formatCount(capacity),
  });
  // The P50 label sits above the mark, kept inside the drawing near either end.
  const labelX = Math.min(Math.max(x(p50), PAD.left + 40), WIDTH - PAD.right - 40);
  const showBreakEven =
    breakEven !== null && breakEven !== undefined && breakEven > 0 && breakEven <= capacity;

  return (
    <figure className="fc-range">
      <svg
        role="img"
        aria-labelledby={titleId}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="fc-range-svg"
        data-testid="forecast-range"
      >
        <title id={titleId}>{description}</title>
        <rect className="fc-range-track" x={PAD.left} y={BAR_Y} width={inner} height={BAR_H} rx={4} />
        <rect
          className="fc-range-band"
          x={x(p10)}
          y={BAR_Y}
          width={Math.max(2, x(p90) - x(p10))}
          height={BAR_H}
          rx={4}
        />
        {showBreakEven ? (
          <line
            className="fc-range-breakeven"
            x1={x(breakEven)}
            x2={x(breakEven)}
            y1={BAR_Y - 6}
            y2={BAR_Y + BAR_H + 6}
          />
        ) : null}
        <line className="fc-range-p50" x1={x(p50)} x2={x(p50)} y1={BAR_Y - 4} y2={BAR_Y + BAR_H + 4} />
      </svg>
      {/* Text outside the SVG: it keeps its size whatever the width (the drawing stretches). */}
      <div className="fc-range-labels" aria-hidden="true">
        <span className="fc-range-p50-label" style={{ left: `${(labelX / WIDTH) * 100}%` }}>
          {t('panel.p50Label', { tickets: formatCount(p50) })}
        </span>
      </div>
      <div className="fc-range-scale" aria-hidden="true">
        <span>0</span>
        <span>
          {t('panel.p10p90', { p10: formatCount(p10), p90: formatCount(p90) })}
          {showBreakEven ? (
            <>
              {' · '}
              <span className="fc-range-breakeven-key" />
              {t('panel.breakEvenTick', { tickets: formatCount(breakEven) })}
            </>
          ) : null}
        </span>
        <span>{t('panel.capacityLabel', { capacity: formatCount(capacity) })}</span>
      </div>
    </figure>
  );
}
