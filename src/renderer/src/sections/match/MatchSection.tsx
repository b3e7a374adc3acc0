import { useTranslation } from 'react-i18next';

export function MatchSection() {
  const { t } = useTranslation('venueFit');
  return (
    <section className="section" aria-labelledby="match-heading">
      <header className="section-header">
        <div className="section-heading">
          <h1 id="match-heading" tabIndex={-1}>
            {t('title')}
          </h1>
        </div>
      </header>
    </section>
  );
}
