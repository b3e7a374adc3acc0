import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalCountry, LegalRule } from '../../../../shared/legal';
import { api } from '../../api';
import { SelectField } from '../../components/fields';
import { currentLanguage } from '../../i18n';
import { formatCents, formatDay, formatPercent } from '../../lib/money';
import { toastError } from '../../store/toasts';
import { RuleStatusBadge, SourceLink } from './Checks';
import { ppmToPercent } from './model';

/** The rules table as the back end holds it: rates, conditions, validity, status and sources. */
export function RulesTable() {
  const { t } = useTranslation('legal');
  const language = currentLanguage();
  const [country, setCountry] = useState<LegalCountry | ''>('');
  const [rules, setRules] = useState<LegalRule[] | null>(null);

  useEffect(() => {
    let live = true;
    api.invoke('contracts.rules', country ? { country } : {}).then(
      (value) => {
        if (live) setRules(value.rules);
      },
      (error: unknown) => {
        if (!live) return;
        setRules([]);
        toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [country]);

  const value = (rule: LegalRule) => {
    const parts: string[] = [];
    if (rule.ratePpm !== null) parts.push(formatPercent(ppmToPercent(rule.ratePpm), 3));
    if (rule.amountCents !== null) parts.push(formatCents(rule.amountCents, rule.currency ?? 'EUR'));
    return parts.join(' · ') || '—';
  };
  const validity = (rule: LegalRule) =>
    rule.validFrom && rule.validTo
      ? t('rules.between', { from: formatDay(rule.validFrom), to: formatDay(rule.validTo) })
      : rule.validFrom
        ? t('rules.since', { from: formatDay(rule.validFrom) })
        : rule.validTo
          ? t('rules.until', { to: formatDay(rule.validTo) })
          : t('rules.always');

  return (
    <section className="card contract-rules" aria-labelledby="contract-rules-title">
      <div className="contract-card-head">
        <h2 id="contract-rules-title">{t('rules.title')}</h2>
        <SelectField<LegalCountry | ''>
          id="contract-rules-country"
          label={t('rules.country')}
          value={country}
          onChange={setCountry}
          options={[
            { value: '', label: t('rules.allCountries') },
            ...(['FR', 'BE', 'CH'] as const).map((c) => ({ value: c, label: t(`countries.${c}`) })),
          ]}
          className="contract-rules-filter"
        />
      </div>
      <p className="form-note muted">{t('rules.note')}</p>
      {rules === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <table className="table contract-rules-table" data-testid="rules-table">
          <thead>
            <tr>
              <th scope="col">{t('rules.rule')}</th>
              <th scope="col" className="numeric">
                {t('rules.value')}
              </th>
              <th scope="col">{t('rules.conditions')}</th>
              <th scope="col">{t('rules.validity')}</th>
              <th scope="col">{t('rules.sources')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.id}>
                <th scope="row">
                  <span className="contract-rule-label">
                    {rule.label[language]} <RuleStatusBadge status={rule.status} />
                  </span>
                  <code className="contract-rule-key">
                    {rule.key} · v{rule.version}
                  </code>
                </th>
                <td className="numeric nowrap">{value(rule)}</td>
                <td>
                  {rule.conditionsText[language]}
                  {rule.note[language] ? (
                    <span className="contract-money-note">{rule.note[language]}</span>
                  ) : null}
                </td>
                <td>{validity(rule)}</td>
                <td>
                  <ul className="contract-sources">
                    {rule.sources.map((source) => (
                      <li key={source}>
                        <SourceLink source={source} />
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
