import { useTranslation } from 'react-i18next';

export function ContractsSection() {
  const { t } = useTranslation('legal');
  return (
    <section className="section" aria-labelledby="contracts-heading">
      <header className="section-header">
        <div className="section-heading">
          <h1 id="contracts-heading" tabIndex={-1}>
            {t('title')}
          </h1>
        </div>
      </header>
    </section>
  );
}
