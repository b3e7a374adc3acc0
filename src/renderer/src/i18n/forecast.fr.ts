/**
 * The Forecasts screens, French (the reference): i18next namespace `forecast`.
 * forecast.en.ts must have the same shape (type `ForecastMessages`).
 */
export const forecastFr = {
  title: 'Prévisions',
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type ForecastMessages = Widen<typeof forecastFr>;
