import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationReport } from '../../../../shared/forecast';
import { formatCount, formatPercent } from '../../lib/money';

const SIZE = 280;
const M = { left: 62, right: 14, top: 12, bottom: 40 };

/**
 * Reliability of the sold-out chance: each bin's mean predicted chance (x) against the share of those
 * shows that did sell out (y). A calibrated model sits on the diagonal; the dot's size is the bin's count.
 */
export function CalibrationChart({ bins }: { bins: EvaluationReport['calibration'] }) {
  const { t } = useTranslation('forecast');
  const titleId = useId();
  const descId = useId();
  const inner = SIZE - M.left - M.right;
  const innerH = SIZE - M.top - M.bottom;
  const sx = (v: number) => M.left + v * inner;
  const sy = (v: number) => M.top + (1 - v) * innerH;
  const largest = Math.max(1, ...bins.map((b) => b.count));
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const pct = (v: number) => formatPercent(v * 100, 0);
  const description = bins.length
    ? bins
        .map((b) =>
          t('model.calibrationBin', {
            predicted: pct(b.predicted),
            observed: pct(b.observed),
            count: b.count,
          }),
        )
        .join(' ; ')
    : t('model.calibrationEmpty');
  const line = bins
    .slice()
    .sort((a, b) => a.predicted - b.predicted)
    .map((b, i) => `${i ? 'L' : 'M'}${sx(b.predicted).toFixed(1)},${sy(b.observed).toFixed(1)}`)
    .join('');

  return (
    <figure className="fc-calibration" data-testid="calibration-chart">
      <p className="line-chart-title" id={titleId}>
        {t('model.calibrationTitle')}
      </p>
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        width={SIZE}
        height={SIZE}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
      >
        <desc id={descId}>{description}</desc>
        <g className="chart-grid" aria-hidden="true">
          {ticks.map((v) => (
            <g key={v}>
              <line x1={M.left} x2={M.left + inner} y1={sy(v)} y2={sy(v)} />
              <text x={M.left - 6} y={sy(v)} dy="0.32em" textAnchor="end" className="chart-tick">
                {pct(v)}
              </text>
              <text x={sx(v)} y={M.top + innerH + 16} textAnchor="middle" className="chart-tick">
                {pct(v)}
              </text>
            </g>
          ))}
          <text className="chart-axis-label" x={M.left + inner / 2} y={SIZE - 4} textAnchor="middle">
            {t('model.calibrationX')}
          </text>
          <text
            className="chart-axis-label"
            transform={`translate(11 ${M.top + innerH / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {t('model.calibrationY')}
          </text>
        </g>
        <line className="fc-diagonal" x1={sx(0)} y1={sy(0)} x2={sx(1)} y2={sy(1)} aria-hidden="true" />
        {line ? <path d={line} className="fc-calibration-line" aria-hidden="true" /> : null}
        {bins.map((b) => (
          <circle
            key={`${b.predicted}-${b.observed}`}
            cx={sx(b.predicted)}
            cy={sy(b.observed)}
            r={3 + 6 * Math.sqrt(b.count / largest)}
            className="fc-calibration-dot"
          >
            <title>
              {t('model.calibrationBin', {
                predicted: pct(b.predicted),
                observed: pct(b.observed),
                count: b.count,
              })}
            </title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted fc-note">
        {t('model.calibrationCaption', { count: formatCount(bins.reduce((s, b) => s + b.count, 0)) })}
      </figcaption>
    </figure>
  );
}
