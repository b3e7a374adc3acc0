/**
 * Settlement breakdown lines come from the arithmetic with English labels (the CLI and logs read them
 * as they are). The PDF and the screens show them in the booker's language through this one table:
 * each rule matches a label shape the arithmetic produces (src/main/services/deals/arithmetic.ts).
 */
const FRENCH: [RegExp, string][] = [
  [/^Gross receipts \((\d+) tickets\)$/, 'Recette brute ($1 billets)'],
  [/^Ticket VAT \((.+)\)$/, 'TVA sur la billetterie ($1)'],
  [/^Ticketing fees$/, 'Frais de billetterie'],
  [/^Net receipts$/, 'Recette nette'],
  [/^Flat fee$/, 'Cachet fixe'],
  [/^Guarantee \((.+) would be less\)$/, 'Minimum garanti ($1 serait inférieur)'],
  [/^Guarantee$/, 'Minimum garanti'],
  [/^Paid to the artist$/, "Versé à l'artiste"],
  [/^Artist's result$/, "Résultat de l'artiste"],
  [/^Organiser's result$/, "Résultat de l'organisateur"],
  [/^Bonus from (\d+) tickets$/, 'Prime à partir de $1 billets'],
  [/ \(above the guarantee\)/, ' (supérieur au minimum garanti)'],
  [/ above the split point/, ' au-delà du point de partage'],
  [/ of gross receipts/g, ' de la recette brute'],
  [/ of net receipts/g, ' de la recette nette'],
  [/ of the artist's fee/g, ' du cachet'],
  [/ \(recouped\)$/, ' (déduit de la recette)'],
];

export function localizeBreakdownLabel(label: string, language: 'fr' | 'en'): string {
  if (language === 'en') return label;
  return FRENCH.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), label);
}
