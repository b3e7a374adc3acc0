import { i18next, localeOf } from '../../i18n';
import { formatPercent } from '../../lib/money';

// The model metrics' names and formats (kept apart from the component so they can be tested).

/** Who a card metric is about, from its key: the model's own (mae…) or a baseline's ("baselineArtistLastMae"). */
export const CARD_ROWS = ['model', 'VenueMedianFill', 'ArtistLast', 'baseRate'] as const;
export type CardRow = (typeof CARD_ROWS)[number];

export function splitMetricKey(key: string): { row: CardRow; metric: MetricKey } | null {
  if (isMetricKey(key)) return { row: 'model', metric: key };
  const baseline = /^baseline(VenueMedianFill|ArtistLast)(Mae|Pinball|Brier|Coverage80)$/.exec(key);
  if (baseline) {
    const metric = baseline[2]!.charAt(0).toLowerCase() + baseline[2]!.slice(1);
    return isMetricKey(metric) ? { row: baseline[1] as CardRow, metric } : null;
  }
  return key === 'baseRateBrier' ? { row: 'baseRate', metric: 'brier' } : null;
}

export const METRIC_KEYS = ['mae', 'pinball', 'brier', 'coverage80'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];
export const isMetricKey = (name: string): name is MetricKey =>
  (METRIC_KEYS as readonly string[]).includes(name);

export function formatMetric(name: string, value: number): string {
  if (name === 'coverage80') return formatPercent(value * 100, 0);
  const locale = localeOf(i18next.language);
  if (name === 'brier') {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(
      value,
    );
  }
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}
