import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/domain';
import { formatDateTime } from '../lib/format';

/** One labelled value of a record's detail; an empty value reads "Non renseigné". */
export function DetailItem({
  label,
  children,
  wide,
}: {
  label: string;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <div className={wide ? 'detail-item detail-wide' : 'detail-item'}>
      <dt>{label}</dt>
      <dd className={empty ? 'muted' : undefined}>{empty ? t('common.notSpecified') : children}</dd>
    </div>
  );
}

export function DetailGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="detail-group">
      <h3>{title}</h3>
      <dl className="detail-grid">{children}</dl>
    </section>
  );
}

export function Chips({ values }: { values: readonly string[] }) {
  if (values.length === 0) return null;
  return (
    <ul className="chips">
      {values.map((value) => (
        <li key={value} className="chip">
          {value}
        </li>
      ))}
    </ul>
  );
}

export function ContactsTable({ contacts }: { contacts: readonly Contact[] }) {
  const { t } = useTranslation();
  if (contacts.length === 0) return <p className="muted">{t('contacts.empty')}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('contacts.name')}</th>
          <th scope="col">{t('contacts.role')}</th>
          <th scope="col">{t('contacts.email')}</th>
          <th scope="col">{t('contacts.phone')}</th>
        </tr>
      </thead>
      <tbody>
        {contacts.map((contact, index) => (
          <tr key={`${index}-${contact.name}`}>
            <td>{contact.name}</td>
            <td>{contact.role}</td>
            <td className="selectable">{contact.email}</td>
            <td className="selectable">{contact.phone}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Timestamps({ createdAt, updatedAt }: { createdAt: string; updatedAt: string }) {
  const { t } = useTranslation();
  return (
    <p className="timestamps muted">
      {t('common.createdAt')} {formatDateTime(createdAt)} · {t('common.updatedAt')}{' '}
      {formatDateTime(updatedAt)}
    </p>
  );
}
