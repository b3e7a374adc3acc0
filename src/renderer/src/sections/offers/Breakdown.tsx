import { useTranslation } from 'react-i18next';
import type { BreakdownLine, Settlement } from '../../../../shared/deals';
import { formatCents } from '../../lib/money';
import { breakdownLabel } from './text';

const PARTIES: readonly BreakdownLine['party'][] = ['receipts', 'artist', 'organiser'];

/** The settlement sheet: receipts, then the artist's column, then the organiser's; subtotals in bold. */
export function BreakdownTable({ settlement, caption }: { settlement: Settlement; caption?: string }) {
  const { t } = useTranslation();
  return (
    <table className="table breakdown" data-testid="breakdown">
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead className="visually-hidden">
        <tr>
          <th scope="col">{t('breakdown.line')}</th>
          <th scope="col">{t('breakdown.amount')}</th>
        </tr>
      </thead>
      {PARTIES.map((party) => {
        const lines = settlement.breakdown.filter((line) => line.party === party);
        if (lines.length === 0) return null;
        return (
          <tbody key={party}>
            <tr className="breakdown-group">
              <th scope="colgroup" colSpan={2}>
                {t(`breakdown.parties.${party}`)}
              </th>
            </tr>
            {lines.map((line, index) => (
              <tr
                key={`${line.key}-${index}`}
                className={line.subtotal ? 'breakdown-subtotal' : undefined}
                data-key={line.key}
              >
                <th scope="row">{breakdownLabel(line, settlement)}</th>
                <td className={line.amount < 0 ? 'amount negative' : 'amount'}>
                  {formatCents(line.amount, settlement.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        );
      })}
    </table>
  );
}
