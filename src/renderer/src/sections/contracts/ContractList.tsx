import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractSummary } from '../../../../shared/legal';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/icons';
import { formatDateTime } from '../../lib/format';
import { formatDay } from '../../lib/money';
import { toastError } from '../../store/toasts';
import { ContractStatusChip } from './Documents';

/** The stored contracts, most recently changed first. */
export function ContractList({
  version,
  onOpen,
  onNew,
}: {
  /** Bumped after a generation or a signature, to reload. */
  version: number;
  onOpen(id: string): void;
  onNew(): void;
}) {
  const { t } = useTranslation('legal');
  const [items, setItems] = useState<ContractSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    api.invoke('contracts.list', {}).then(
      (value) => {
        if (live) setItems(value.items);
      },
      (error: unknown) => {
        if (!live) return;
        setItems([]);
        toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [version]);

  if (items === null) return <p className="muted panel-hint">{t('common.loading')}</p>;
  if (items.length === 0) {
    return (
      <EmptyState icon="contracts" title={t('list.empty')}>
        <p className="muted">{t('list.emptyHint')}</p>
        <button type="button" className="button button-primary" onClick={onNew}>
          <Icon name="plus" size={16} />
          {t('list.new')}
        </button>
      </EmptyState>
    );
  }
  return (
    <div className="card table-card">
      <table className="table contract-list" data-testid="contract-list">
        <thead>
          <tr>
            <th scope="col">{t('list.contract')}</th>
            <th scope="col">{t('list.date')}</th>
            <th scope="col">{t('list.country')}</th>
            <th scope="col">{t('list.status')}</th>
            <th scope="col" className="numeric">
              {t('list.version')}
            </th>
            <th scope="col">{t('list.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>
                <button type="button" className="link-button" onClick={() => onOpen(item.id)}>
                  {item.title}
                </button>
              </td>
              <td className="nowrap">{formatDay(item.date)}</td>
              <td>{t(`countries.${item.country}`)}</td>
              <td>
                <ContractStatusChip status={item.status} />
              </td>
              <td className="numeric">v{item.latestVersion}</td>
              <td className="nowrap muted">{formatDateTime(item.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
