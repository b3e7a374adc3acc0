import type { BreakdownLine, Deal, Settlement } from '../../../../shared/deals';
import type { CalendarBlock, HoldConflict, HoldView } from '../../../../shared/offers';
import { i18next } from '../../i18n';
import { formatAmount, formatCount, formatDaySpan, formatPercent } from '../../lib/money';

// Words for the shapes the services return in English (breakdown lines, conflicts): rebuilt from
// their keys and numbers in the UI language, the English text kept when a shape is not recognised.

/** "3 000 €", "70 % de la recette nette", "3 000 € ou 85 %", "3 000 € + 85 %". */
export function dealTerms(deal: Deal): string {
  const t = i18next.t;
  const guarantee = formatAmount(deal.guarantee, deal.currency);
  const percent = formatPercent(deal.artistPercentage, 4);
  const base = t(`deals.baseOf.${deal.type === 'guaranteePlus' ? 'netReceipts' : deal.percentageBase}`);
  switch (deal.type) {
    case 'flat':
      return guarantee;
    case 'doorSplit':
      return t('deals.terms.doorSplit', { percent, base });
    case 'versus':
      return t('deals.terms.versus', { guarantee, percent, base });
    case 'guaranteePlus':
      return t('deals.terms.guaranteePlus', { guarantee, percent });
  }
}

/** "1re", "2e" (French) or "1st", "2nd". */
export function holdOrdinal(level: number): string {
  const t = i18next.t;
  if (level === 1) return t('holds.ordinal.one');
  if (level === 2) return t('holds.ordinal.two');
  if (level === 3) return t('holds.ordinal.three');
  return t('holds.ordinal.other', { n: level });
}

/** "1re option", "2e option" (French) or "1st hold", "2nd hold". */
export function holdLevel(level: number): string {
  return i18next.t('holds.levelLabel', { ordinal: holdOrdinal(level) });
}

/** What a hold chip says: "1re option — Artiste @ Lieu" or "Confirmé — …". */
export function holdTitle(hold: HoldView): string {
  const t = i18next.t;
  const what = hold.status === 'confirmed' ? t('holds.status.confirmed') : holdLevel(hold.level);
  return t('holds.chip', { level: what, artist: hold.artistName, venue: hold.venueName });
}

export function conflictMessage(
  conflict: HoldConflict,
  holds: ReadonlyMap<string, HoldView>,
  blocks: ReadonlyMap<string, CalendarBlock> = new Map(),
): string {
  const t = i18next.t;
  const dates = formatDaySpan(conflict.from, conflict.to);
  const [a, b] = conflict.holdIds.map((id) => holds.get(id));
  if (conflict.kind === 'artistBusy') {
    const block = blocks.get(conflict.holdIds[1]);
    if (!a || !block) return conflict.message;
    return t('holds.conflicts.artistBusy', {
      artist: a.artistName,
      dates,
      source: block.source,
      summary: block.summary || t('holds.busyUntitled'),
    });
  }
  if (!a || !b) return conflict.message;
  switch (conflict.kind) {
    case 'artistDoubleBooked':
      return t(
        conflict.severity === 'error' ? 'holds.conflicts.artistConfirmed' : 'holds.conflicts.artistHeld',
        { artist: a.artistName, venueA: a.venueName, venueB: b.venueName, dates },
      );
    case 'venueDoubleConfirmed':
      return t('holds.conflicts.venueConfirmed', {
        venue: a.venueName,
        artistA: a.artistName,
        artistB: b.artistName,
        dates,
      });
    case 'overlappingRange':
      return t('holds.conflicts.overlap', {
        venue: a.venueName,
        artistA: a.artistName,
        artistB: b.artistName,
        dates,
      });
    default:
      return conflict.message;
  }
}

const BASES: Record<string, string> = {
  'gross receipts': 'grossReceipts',
  'net receipts': 'netReceipts',
  "the artist's fee": 'artistFee',
};

/** "85 %" in the English label → "85 %" formatted for the UI language. */
const percentIn = (label: string) => {
  const match = /([\d.]+) %/.exec(label);
  return match ? formatPercent(Number(match[1]), 4) : '';
};

/** A settlement line's label in the UI language, from its key, the deal type and the numbers in it. */
export function breakdownLabel(line: BreakdownLine, settlement: Settlement): string {
  const t = i18next.t;
  const label = line.label;
  const base = t(`deals.baseOf.${/ of gross receipts/.test(label) ? 'grossReceipts' : 'netReceipts'}`);
  const percent = percentIn(label);
  switch (line.key) {
    case 'grossReceipts':
      return t('breakdown.grossReceipts', {
        count: settlement.receipts.ticketsSold,
        tickets: formatCount(settlement.receipts.ticketsSold),
      });
    case 'vat':
      return t('breakdown.vat', { percent });
    case 'ticketingFees':
      return t('breakdown.ticketingFees');
    case 'netReceipts':
      return t('breakdown.netReceipts');
    case 'guarantee':
      if (settlement.type === 'flat') return t('breakdown.flatFee');
      if (settlement.type === 'versus') return t('breakdown.versusGuarantee', { percent, base });
      return t('breakdown.guarantee');
    case 'percentage':
      if (settlement.type === 'versus') return t('breakdown.versusPercentage', { percent, base });
      if (settlement.type === 'guaranteePlus') return t('breakdown.plusPercentage', { percent, base });
      return t('breakdown.percentage', { percent, base });
    case 'bonus': {
      const threshold = /(\d+) tickets/.exec(label)?.[1];
      return threshold ? t('breakdown.bonus', { threshold: formatCount(Number(threshold)) }) : label;
    }
    case 'artistTotal':
      return line.party === 'organiser' ? t('breakdown.paidToArtistCost') : t('breakdown.artistTotal');
    case 'expense': {
      const recouped = / \(recouped\)$/.exec(label);
      return recouped ? t('breakdown.recouped', { label: label.slice(0, recouped.index) }) : label;
    }
    case 'tax': {
      const match = /^(.*) \(([\d.]+) % of (.+)\)$/.exec(label);
      const taxBase = match ? BASES[match[3] ?? ''] : undefined;
      if (!match || !taxBase) return label;
      return t('breakdown.tax', {
        label: match[1],
        percent: formatPercent(Number(match[2]), 4),
        base: t(`breakdown.taxBase.${taxBase as 'grossReceipts' | 'netReceipts' | 'artistFee'}`),
      });
    }
    case 'artistResult':
      return t('breakdown.artistResult');
    case 'organiserResult':
      return t('breakdown.organiserResult');
    default:
      return label;
  }
}
