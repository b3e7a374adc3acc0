import { useTranslation } from 'react-i18next';

export function ForecastSection() {
  const { t } = useTranslation('forecast');
  return (
    <section className="section" aria-labelledby="forecast-heading">
      <header className="section-header">
        <div className="section-heading">
          <h1 id="forecast-heading" tabIndex={-1}>
            {t('title')}
          </h1>
        </div>
      </header>
    </section>
  );
}
