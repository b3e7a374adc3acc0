import type { VenueFitMessages } from './venueFit.fr';

/** The Venue fit screens, English (namespace `venueFit`; same shape as venueFit.fr.ts). */
export const venueFitEn: VenueFitMessages = {
  title: 'Venue fit',
};
