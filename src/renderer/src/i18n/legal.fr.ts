/**
 * The Contracts screens, French (the reference): i18next namespace `legal`.
 * legal.en.ts must have the same shape (type `LegalMessages`).
 */
export const legalFr = {
  title: 'Contrats',
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type LegalMessages = Widen<typeof legalFr>;
