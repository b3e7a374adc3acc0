export interface RadarAxis {
  label: string;
  /** 0–1; null when not measured (drawn at the centre, its label says so). */
  value: number | null;
}

interface RadarChartProps {
  axes: readonly RadarAxis[];
  label: string;
  size?: number;
}

const RINGS = [0.25, 0.5, 0.75, 1];

/** A profile as a polygon on equal-angle axes (0 at the centre, 1 on the outer ring). Plain SVG. */
export function RadarChart({ axes, label, size = 330 }: RadarChartProps) {
  const n = axes.length;
  if (n < 3) return null;
  const width = size;
  const height = Math.round(size * 0.78);
  const cx = width / 2;
  const cy = height / 2 + 4;
  // Room around the web for the labels, which run sideways from the left and right axes.
  const r = Math.min(width, height) / 2 - 40;
  const angle = (i: number) => -Math.PI / 2 + (i * 2 * Math.PI) / n;
  const point = (i: number, value: number) =>
    [cx + Math.cos(angle(i)) * r * value, cy + Math.sin(angle(i)) * r * value] as const;
  const polygon = (value: (i: number) => number) =>
    axes
      .map((_, i) =>
        point(i, value(i))
          .map((v) => v.toFixed(1))
          .join(','),
      )
      .join(' ');
  const clamp = (v: number | null) => Math.max(0, Math.min(1, v ?? 0));

  return (
    <svg className="demo-radar" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={label}>
      <g className="demo-radar-grid">
        {RINGS.map((ring) => (
          <polygon key={ring} points={polygon(() => ring)} />
        ))}
        {axes.map((axis, i) => {
          const [x, y] = point(i, 1);
          return <line key={axis.label} x1={cx} y1={cy} x2={x} y2={y} />;
        })}
      </g>
      <polygon className="demo-radar-shape" points={polygon((i) => clamp(axes[i]!.value))} />
      {axes.map((axis, i) => {
        const [x, y] = point(i, clamp(axis.value));
        return axis.value === null ? null : (
          <circle key={axis.label} className="demo-radar-dot" cx={x} cy={y} r={3} />
        );
      })}
      {axes.map((axis, i) => {
        const [x, y] = point(i, 1.14);
        const cos = Math.cos(angle(i));
        const anchor = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end';
        const sin = Math.sin(angle(i));
        const dy = sin < -0.5 ? -2 : sin > 0.5 ? 10 : 4;
        return (
          <text
            key={axis.label}
            x={x}
            y={y + dy}
            textAnchor={anchor}
            className={axis.value === null ? 'demo-radar-label demo-radar-missing' : 'demo-radar-label'}
          >
            {axis.label}
          </text>
        );
      })}
    </svg>
  );
}
