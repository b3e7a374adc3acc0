// The heat map's colour scale (kept apart from the component so it can be tested).

/** Light to dark blue over [0, 1]; dark cells take white text (see .fc-heat-dark). */
export const RAMP = [
  '#eff6ff',
  '#dbeafe',
  '#bfdbfe',
  '#93c5fd',
  '#60a5fa',
  '#3b82f6',
  '#2563eb',
  '#1d4ed8',
  '#1e3a8a',
];
export function rampColour(value: number): string {
  const i = Math.min(RAMP.length - 1, Math.max(0, Math.round(value * (RAMP.length - 1))));
  return RAMP[i]!;
}
export const isDark = (value: number) => Math.round(value * (RAMP.length - 1)) >= 5;
