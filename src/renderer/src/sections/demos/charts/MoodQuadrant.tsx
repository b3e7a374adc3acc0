interface MoodQuadrantProps {
  /** 0–1, left (dark) to right (positive). */
  valence: number;
  /** 0–1, bottom (calm) to top (restless). */
  arousal: number;
  labels: { tense: string; joyful: string; sad: string; calm: string };
  axisX: string;
  axisY: string;
  pointLabel: string;
  label: string;
}

/** Valence × arousal on four labelled quadrants, with the demo as a point. Plain SVG. */
export function MoodQuadrant({
  valence,
  arousal,
  labels,
  axisX,
  axisY,
  pointLabel,
  label,
}: MoodQuadrantProps) {
  const size = 240;
  const left = 22;
  const top = 6;
  const plot = size - left - 6;
  const x = left + Math.max(0, Math.min(1, valence)) * plot;
  const y = top + (1 - Math.max(0, Math.min(1, arousal))) * plot;
  const half = plot / 2;
  const quadrants = [
    { key: 'tense', x: left, y: top, text: labels.tense, anchor: 'start' as const },
    { key: 'joyful', x: left + half, y: top, text: labels.joyful, anchor: 'end' as const },
    { key: 'sad', x: left, y: top + half, text: labels.sad, anchor: 'start' as const },
    { key: 'calm', x: left + half, y: top + half, text: labels.calm, anchor: 'end' as const },
  ];
  // The point's label goes to the side with room, above or below the point.
  const labelRight = x < left + plot * 0.6;
  const labelBelow = y < top + 30;

  return (
    <svg
      className="demo-mood"
      viewBox={`0 0 ${size} ${size + 16}`}
      width="100%"
      role="img"
      aria-label={label}
    >
      {quadrants.map((q) => (
        <g key={q.key}>
          <rect className={`demo-mood-q demo-mood-${q.key}`} x={q.x} y={q.y} width={half} height={half} />
          <text
            className="demo-mood-qlabel"
            x={q.anchor === 'start' ? q.x + 8 : q.x + half - 8}
            y={q.key === 'tense' || q.key === 'joyful' ? q.y + 17 : q.y + half - 9}
            textAnchor={q.anchor}
          >
            {q.text}
          </text>
        </g>
      ))}
      <line className="demo-mood-axis" x1={left} x2={left + plot} y1={top + half} y2={top + half} />
      <line className="demo-mood-axis" x1={left + half} x2={left + half} y1={top} y2={top + plot} />
      <rect className="demo-mood-frame" x={left} y={top} width={plot} height={plot} />
      <text className="demo-mood-axislabel" x={left + plot} y={top + plot + 14} textAnchor="end">
        {axisX}
      </text>
      <text
        className="demo-mood-axislabel"
        x={12}
        y={top + plot}
        textAnchor="start"
        transform={`rotate(-90 12 ${top + plot})`}
      >
        {axisY}
      </text>
      <circle className="demo-mood-halo" cx={x} cy={y} r={11} />
      <circle className="demo-mood-point" cx={x} cy={y} r={5.5} />
      <text
        className="demo-mood-pointlabel"
        x={labelRight ? x + 10 : x - 10}
        y={labelBelow ? y + 20 : y - 12}
        textAnchor={labelRight ? 'start' : 'end'}
      >
        {pointLabel}
      </text>
    </svg>
  );
}
