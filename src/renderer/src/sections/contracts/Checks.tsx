import { useTranslation } from 'react-i18next';
import type { ChecklistItem, LegalRule, MoneyLine, RuleStatus } from '../../../../shared/legal';
import { Icon } from '../../components/icons';
import { currentLanguage } from '../../i18n';
import { formatCents, formatPercent } from '../../lib/money';
import { isWebSource, orderMoneyLines, ppmToPercent, rulesFor, sortChecklist } from './model';

/** "non vérifié" / "source secondaire" next to anything resting on a rule not confirmed at an official source. */
export function RuleStatusBadge({ status }: { status: RuleStatus }) {
  const { t } = useTranslation('legal');
  if (status === 'verified') return null;
  return (
    <span className={`contract-status-badge rule-${status}`} title={t(`rules.statusHint.${status}`)}>
      {t(`rules.status.${status}`)}
    </span>
  );
}

export function SourceLink({ source }: { source: string }) {
  const { t } = useTranslation('legal');
  if (!source) return null;
  if (!isWebSource(source))
    return <span className="contract-source">{t('checks.sourceDoc', { path: source })}</span>;
  let host = source;
  try {
    host = new URL(source).hostname.replace(/^www\./, '');
  } catch {
    // Shown as given.
  }
  return (
    <a className="contract-source" href={source} target="_blank" rel="noopener noreferrer" title={source}>
      {t('checks.source', { host })}
    </a>
  );
}

interface ChecklistProps {
  items: readonly ChecklistItem[] | null;
  /** A draft the schema refuses has no checklist yet; this says why. */
  invalidReason: string | null;
  pending: boolean;
  onFix(path: string): void;
}

/** The compliance checklist: blocking items first, each with its rule, its source and a way to the field. */
export function Checklist({ items, invalidReason, pending, onFix }: ChecklistProps) {
  const { t } = useTranslation('legal');
  const language = currentLanguage();
  const counts = { blocking: 0, warning: 0, info: 0 };
  for (const item of items ?? []) counts[item.level] += 1;
  return (
    <section
      className="card contract-checklist"
      aria-labelledby="contract-checklist-title"
      aria-busy={pending}
    >
      <div className="contract-card-head">
        <h2 id="contract-checklist-title">{t('checks.title')}</h2>
        {items ? (
          <p className="contract-counts" data-testid="checklist-counts">
            <span className={counts.blocking ? 'count-blocking' : 'count-ok'}>
              {t('checks.blockingCount', { count: counts.blocking })}
            </span>
            <span>{t('checks.warningCount', { count: counts.warning })}</span>
          </p>
        ) : null}
      </div>
      {invalidReason ? (
        <p className="contract-invalid" role="status">
          <Icon name="alert" size={16} />
          {invalidReason}
        </p>
      ) : null}
      {items && items.length === 0 ? <p className="muted">{t('checks.allClear')}</p> : null}
      {items ? (
        <ul className="contract-items" aria-label={t('checks.title')}>
          {sortChecklist(items).map((item) => (
            <li key={item.key} className={`contract-item level-${item.level}`} data-key={item.key}>
              <Icon name={item.level === 'info' ? 'info' : 'alert'} size={16} />
              <div className="contract-item-body">
                <p>
                  <span className="visually-hidden">
                    {t('checks.levelPrefix', { level: t(`checks.levels.${item.level}`) })}
                  </span>
                  {item.message[language]}
                </p>
                <p className="contract-item-rule">
                  {item.rule[language] ? <span>{item.rule[language]}</span> : null}
                  <SourceLink source={item.source} />
                  <RuleStatusBadge status={item.status} />
                </p>
              </div>
              {item.path ? (
                <button
                  type="button"
                  className="button button-small contract-fix"
                  onClick={() => onFix(item.path)}
                  aria-label={t('checks.fixLabel', { message: item.message[language] })}
                >
                  {t('checks.fix')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The money lines of the contract with their rule, who pays, and whether the rule is verified. */
export function MoneyTable({
  lines,
  rules,
  compact,
}: {
  lines: readonly MoneyLine[] | null;
  rules: readonly LegalRule[];
  compact?: boolean;
}) {
  const { t } = useTranslation('legal');
  const language = currentLanguage();
  if (!lines) return <p className="muted">{t('money.linesPending')}</p>;
  return (
    <table className={compact ? 'table contract-money contract-money-compact' : 'table contract-money'}>
      <caption className="visually-hidden">{t('money.linesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('money.line')}</th>
          <th scope="col" className="numeric">
            {t('money.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {orderMoneyLines(lines).map((line) => {
          const used = rulesFor(line.ruleKeys, rules);
          const amount =
            line.range !== null
              ? t('money.range', {
                  low: formatCents(line.range.low, line.currency),
                  high: formatCents(line.range.high, line.currency),
                })
              : line.amount === null
                ? t('money.noAmount')
                : formatCents(line.amount, line.currency);
          return (
            <tr
              key={line.key}
              data-key={line.key}
              className={line.key === 'total' ? 'contract-money-total' : undefined}
            >
              <th scope="row">
                <span className="contract-money-label">
                  {line.label[language]}
                  {line.estimate ? <span className="contract-estimate">{t('money.estimate')}</span> : null}
                  <RuleStatusBadge status={line.status} />
                </span>
                <span className="contract-money-meta">
                  {line.payer ? (
                    <span>{t('money.paidBy', { payer: t(`money.payers.${line.payer}`) })}</span>
                  ) : null}
                  {line.ratePpm !== null && line.base !== null ? (
                    <span>
                      {t('money.rateOf', {
                        rate: formatPercent(ppmToPercent(line.ratePpm), 3),
                        base: formatCents(line.base, line.currency),
                      })}
                    </span>
                  ) : null}
                  {used.map((rule) => (
                    <span key={rule.id} className="contract-money-rule">
                      {/* The rule's own name only when it says more than the line's. */}
                      {rule.label[language] !== line.label[language] ? rule.label[language] : null}
                      {rule.sources[0] ? <SourceLink source={rule.sources[0]} /> : null}
                    </span>
                  ))}
                </span>
                {line.note[language] ? (
                  <span className="contract-money-note">{line.note[language]}</span>
                ) : null}
              </th>
              <td className="numeric nowrap">{amount}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
