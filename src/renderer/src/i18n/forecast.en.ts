import type { ForecastMessages } from './forecast.fr';

/** The Forecasts screens, English (namespace `forecast`; same shape as forecast.fr.ts). */
export const forecastEn: ForecastMessages = {
  title: 'Forecasts',
};
