import { useId, useLayoutEffect, useRef, useState, type PointerEvent } from 'react';

// A small line chart in plain SVG: shared x values, several series, a marker layer, an optional
// vertical cursor, and a hover read-out. It measures its container so text keeps its size.

export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  /** One value per x; null leaves a gap. */
  values: readonly (number | null)[];
  /** Drawn thicker: the series the user is looking at. */
  emphasis?: boolean;
  dashed?: boolean;
}

export interface ChartMarker {
  x: number;
  y: number;
  color: string;
  /** Read by screen readers and shown on hover. */
  label: string;
}

export interface LineChartProps {
  title: string;
  /** A sentence summing the chart up for screen readers. */
  description?: string;
  xs: readonly number[];
  series: readonly ChartSeries[];
  formatX(value: number): string;
  formatY(value: number): string;
  xLabel: string;
  yLabel: string;
  /** A vertical line (the slider's position). */
  cursor?: { x: number; label: string } | null;
  markers?: readonly ChartMarker[];
  height?: number;
  legend?: boolean;
  className?: string;
  /** Labels another chart shows, so that stacked charts give their y axis the same width and line up. */
  alignLabels?: readonly string[];
}

const MARGIN = { top: 14, right: 16, bottom: 40 };
/** Rough width of a tick label's character at 11px, to size the left margin to the longest label. */
const TICK_CHAR_PX = 6.4;

/** About `count` round tick values covering [min, max] (steps of 1, 2, 2.5 or 5 × 10ⁿ). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (min === max) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return ticks;
}

function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth || fallback);
    const observer = new ResizeObserver((entries) => {
      const next = Math.round(entries[0]?.contentRect.width ?? fallback);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [fallback]);
  return { ref, width };
}

export function LineChart({
  title,
  description,
  xs,
  series,
  formatX,
  formatY,
  xLabel,
  yLabel,
  cursor,
  markers = [],
  height = 240,
  legend = true,
  className,
  alignLabels = [],
}: LineChartProps) {
  const { ref, width } = useWidth<HTMLDivElement>(480);
  const titleId = useId();
  const descId = useId();
  const [hover, setHover] = useState<number | null>(null);

  const innerH = Math.max(40, height - MARGIN.top - MARGIN.bottom);

  const xMin = xs[0] ?? 0;
  const xMax = xs[xs.length - 1] ?? 1;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  values.push(...markers.map((m) => m.y));
  let yMin = Math.min(0, ...values);
  let yMax = Math.max(0, ...values);
  if (yMin === yMax) yMax = yMin + 1;
  const yTicks = niceTicks(yMin, yMax, Math.max(3, Math.round(innerH / 36)));
  yMin = Math.min(yMin, yTicks[0] ?? yMin);
  yMax = Math.max(yMax, yTicks[yTicks.length - 1] ?? yMax);
  const yLabels = yTicks.map((v) => formatY(v));
  // Room for the rotated axis title (22 px) and the longest tick label.
  const left = Math.round(
    Math.max(56, 30 + TICK_CHAR_PX * Math.max(0, ...[...yLabels, ...alignLabels].map((l) => l.length))),
  );
  const innerW = Math.max(40, width - left - MARGIN.right);
  const xTicks = niceTicks(xMin, xMax, Math.max(2, Math.round(innerW / 90))).filter(
    (v) => v >= xMin && v <= xMax,
  );

  const sx = (x: number) => left + (xMax === xMin ? 0 : ((x - xMin) / (xMax - xMin)) * innerW);
  const sy = (y: number) => MARGIN.top + innerH - ((y - yMin) / (yMax - yMin)) * innerH;

  const path = (valuesOf: readonly (number | null)[]) => {
    let d = '';
    let pen = false;
    valuesOf.forEach((v, i) => {
      const x = xs[i];
      if (v === null || x === undefined) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * width;
    if (px < left - 8 || px > left + innerW + 8 || xs.length === 0) {
      setHover(null);
      return;
    }
    const x = xMin + ((px - left) / innerW) * (xMax - xMin);
    let best = 0;
    xs.forEach((value, i) => {
      if (Math.abs(value - x) < Math.abs((xs[best] ?? 0) - x)) best = i;
    });
    setHover(best);
  };

  const hoverX = hover === null ? undefined : xs[hover];
  const zeroInside = yMin < 0 && yMax > 0;

  return (
    <figure className={['line-chart', className ?? ''].filter(Boolean).join(' ')}>
      <p className="line-chart-title" id={titleId}>
        {title}
      </p>
      <div className="line-chart-plot" ref={ref}>
        <svg
          role="img"
          aria-labelledby={titleId}
          aria-describedby={description ? descId : undefined}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
        >
          {description ? <desc id={descId}>{description}</desc> : null}

          <g className="chart-grid" aria-hidden="true">
            {yTicks.map((v, i) => (
              <g key={`y${v}`}>
                <line x1={left} x2={left + innerW} y1={sy(v)} y2={sy(v)} />
                <text x={left - 8} y={sy(v)} dy="0.32em" textAnchor="end" className="chart-tick">
                  {yLabels[i]}
                </text>
              </g>
            ))}
            {xTicks.map((v) => (
              <text
                key={`x${v}`}
                x={sx(v)}
                y={MARGIN.top + innerH + 16}
                textAnchor="middle"
                className="chart-tick"
              >
                {formatX(v)}
              </text>
            ))}
            {zeroInside ? (
              <line className="chart-zero" x1={left} x2={left + innerW} y1={sy(0)} y2={sy(0)} />
            ) : null}
            <line
              className="chart-axis"
              x1={left}
              x2={left + innerW}
              y1={MARGIN.top + innerH}
              y2={MARGIN.top + innerH}
            />
            <text className="chart-axis-label" x={left + innerW / 2} y={height - 4} textAnchor="middle">
              {xLabel}
            </text>
            <text
              className="chart-axis-label"
              transform={`translate(12 ${MARGIN.top + innerH / 2}) rotate(-90)`}
              textAnchor="middle"
            >
              {yLabel}
            </text>
          </g>

          <g aria-hidden="true">
            {series.map((s) => (
              <path
                key={s.id}
                d={path(s.values)}
                fill="none"
                stroke={s.color}
                strokeWidth={s.emphasis ? 3 : 1.75}
                strokeDasharray={s.dashed ? '6 4' : undefined}
                strokeLinejoin="round"
                strokeLinecap="round"
                opacity={s.emphasis || !series.some((other) => other.emphasis) ? 1 : 0.75}
              />
            ))}
          </g>

          {cursor && cursor.x >= xMin && cursor.x <= xMax ? (
            <g className="chart-cursor" aria-hidden="true">
              <line x1={sx(cursor.x)} x2={sx(cursor.x)} y1={MARGIN.top} y2={MARGIN.top + innerH} />
              <text
                x={sx(cursor.x)}
                y={MARGIN.top + 2}
                dy="0.8em"
                dx={sx(cursor.x) > left + innerW - 90 ? -6 : 6}
                textAnchor={sx(cursor.x) > left + innerW - 90 ? 'end' : 'start'}
              >
                {cursor.label}
              </text>
            </g>
          ) : null}

          <g>
            {markers.map((m) => (
              <g key={`${m.label}-${m.x}-${m.y}`} className="chart-marker">
                <circle cx={sx(m.x)} cy={sy(m.y)} r={5} fill="#fff" stroke={m.color} strokeWidth={2.5}>
                  <title>{m.label}</title>
                </circle>
              </g>
            ))}
          </g>

          {hoverX !== undefined ? (
            <line
              className="chart-hover"
              aria-hidden="true"
              x1={sx(hoverX)}
              x2={sx(hoverX)}
              y1={MARGIN.top}
              y2={MARGIN.top + innerH}
            />
          ) : null}
        </svg>
        {hover !== null && hoverX !== undefined ? (
          <div
            className="chart-tooltip"
            aria-hidden="true"
            style={
              sx(hoverX) > width / 2
                ? { right: width - sx(hoverX) + 10, top: MARGIN.top }
                : { left: sx(hoverX) + 10, top: MARGIN.top }
            }
          >
            <p className="chart-tooltip-title">{formatX(hoverX)}</p>
            {series.map((s) => {
              const v = s.values[hover];
              return v === null || v === undefined ? null : (
                <p key={s.id}>
                  <span className="swatch" style={{ background: s.color }} />
                  <span className="chart-tooltip-label">{s.label}</span>
                  <strong>{formatY(v)}</strong>
                </p>
              );
            })}
          </div>
        ) : null}
      </div>
      {legend ? (
        <figcaption>
          <ChartLegend items={series} />
        </figcaption>
      ) : null}
    </figure>
  );
}

export function ChartLegend({
  items,
}: {
  items: readonly { id: string; label: string; color: string; emphasis?: boolean; dashed?: boolean }[];
}) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.id} className={item.emphasis ? 'legend-current' : undefined}>
          <svg width="22" height="10" aria-hidden="true">
            <line
              x1="1"
              x2="21"
              y1="5"
              y2="5"
              stroke={item.color}
              strokeWidth={item.emphasis ? 3 : 2}
              strokeDasharray={item.dashed ? '5 3' : undefined}
            />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
