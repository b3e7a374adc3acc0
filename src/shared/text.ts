/** Lower-case, accents removed ("Théâtre" → "theatre"): how names are compared and searched. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
