import type { Waveform as WaveformData } from '../../../../../shared/audio';

interface WaveformProps {
  waveform: WaveformData;
  /** Accessible description; the picture itself says nothing a screen reader could use. */
  label: string;
  height?: number;
  className?: string;
}

/**
 * The peaks of the mono mix as one filled shape: the upper edge through each bucket's highest
 * sample, back along the lower edge through the lowest ones. Plain SVG, stretched to its box.
 */
export function Waveform({ waveform, label, height = 96, className }: WaveformProps) {
  const count = Math.min(waveform.min.length, waveform.max.length);
  if (count === 0) return null;
  const mid = 50;
  const y = (value: number) => (mid - Math.max(-1, Math.min(1, value)) * mid).toFixed(2);
  const top: string[] = [];
  const bottom: string[] = [];
  for (let i = 0; i < count; i++) {
    // A bucket spans [i, i + 1]; at least a hairline so silence still draws the axis.
    const hi = Math.max(waveform.max[i]!, waveform.min[i]! + 0.01);
    top.push(`${i},${y(hi)} ${i + 1},${y(hi)}`);
    bottom.push(`${i + 1},${y(waveform.min[i]!)} ${i},${y(waveform.min[i]!)}`);
  }
  const path = `M${top.join(' L')} L${bottom.reverse().join(' L')} Z`;
  return (
    <svg
      className={className ?? 'demo-waveform'}
      viewBox={`0 0 ${count} 100`}
      preserveAspectRatio="none"
      height={height}
      role="img"
      aria-label={label}
    >
      <line
        x1="0"
        x2={count}
        y1={mid}
        y2={mid}
        className="demo-waveform-axis"
        vectorEffect="non-scaling-stroke"
      />
      <path d={path} className="demo-waveform-shape" />
    </svg>
  );
}
