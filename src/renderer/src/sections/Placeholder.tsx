import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icons';

type Upcoming = 'contracts';

/** An honest page for a section whose feature is not in this version yet: what it will do, nothing fake. */
export function PlaceholderSection({ section }: { section: Upcoming }) {
  const { t } = useTranslation();
  const headingId = `${section}-heading`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <header className="section-header">
        <div className="section-heading">
          <h1 id={headingId} tabIndex={-1}>
            {t(`placeholder.${section}.title`)}
          </h1>
        </div>
      </header>
      <div className="upcoming">
        <span className="upcoming-icon">
          <Icon name={section} size={40} />
        </span>
        <span className="badge">{t('placeholder.badge')}</span>
        <p className="upcoming-lead">{t(`placeholder.${section}.lead`)}</p>
        <p className="upcoming-detail">{t(`placeholder.${section}.detail`)}</p>
      </div>
    </section>
  );
}
