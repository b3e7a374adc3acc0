import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
// The two locales only (same functions as z.locales.fr / z.locales.en), so the other ~50 stay out of the bundle.
import { en as zodEn, fr as zodFr } from 'zod/locales';
import type { Language } from '../../../shared/domain';
import { demosEn } from './demos.en';
import { demosFr, type DemosMessages } from './demos.fr';
import { en } from './en';
import { forecastEn } from './forecast.en';
import { forecastFr, type ForecastMessages } from './forecast.fr';
import { legalEn } from './legal.en';
import { legalFr, type LegalMessages } from './legal.fr';
import { venueFitEn } from './venueFit.en';
import { venueFitFr, type VenueFitMessages } from './venueFit.fr';
import { fr, type Messages } from './fr';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: Messages;
      demos: DemosMessages;
      venueFit: VenueFitMessages;
      legal: LegalMessages;
      forecast: ForecastMessages;
    };
  }
}

export const DEFAULT_LANGUAGE: Language = 'fr';

/** BCP 47 tag used for number, currency and date formatting. */
export function localeOf(language: string): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

void i18next.use(initReactI18next).init({
  resources: {
    fr: { translation: fr, demos: demosFr, venueFit: venueFitFr, legal: legalFr, forecast: forecastFr },
    en: { translation: en, demos: demosEn, venueFit: venueFitEn, legal: legalEn, forecast: forecastEn },
  },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: ['fr', 'en'],
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});
z.config(zodFr());

/** Switches the UI, the validation messages of the shared schemas and the document language. */
export async function applyLanguage(language: Language): Promise<void> {
  z.config(language === 'en' ? zodEn() : zodFr());
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'fr';
}

export { i18next };
