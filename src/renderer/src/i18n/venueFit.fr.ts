/**
 * The Venue fit screens, French (the reference): i18next namespace `venueFit`.
 * venueFit.en.ts must have the same shape (type `VenueFitMessages`).
 */
export const venueFitFr = {
  title: 'Adéquation',
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type VenueFitMessages = Widen<typeof venueFitFr>;
