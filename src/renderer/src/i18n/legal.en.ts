import type { LegalMessages } from './legal.fr';

/** The Contracts screens, English (namespace `legal`; same shape as legal.fr.ts). */
export const legalEn: LegalMessages = {
  title: 'Contracts',
};
