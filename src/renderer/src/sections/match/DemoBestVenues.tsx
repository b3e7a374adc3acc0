import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/contract';
import { api } from '../../api';
import { useNav } from '../../store/nav';
import { fitLanguage, formatInteger, placeLine, ScoreBadge } from './parts';
import { useMatch } from './store';
import './match.css';

type ForDemo = MethodOutput<'fit.forDemo'>;

/**
 * « Meilleurs lieux pour cette démo »: the three best venues for a just-analysed demo (`fit.forDemo`,
 * which works with or without an artist linked), with a way into the full ranking. Shown on the demo
 * card; a failure here stays quiet (the card is about the analysis) and just shows nothing.
 */
export function DemoBestVenues({ demoId }: { demoId: string }) {
  const { t, i18n } = useTranslation('venueFit');
  const language = fitLanguage(i18n.language);
  const [result, setResult] = useState<{ demoId: string; data: ForDemo | null } | null>(null);
  const go = useNav((s) => s.go);
  const setMatch = useMatch((s) => s.set);

  useEffect(() => {
    let live = true;
    api.invoke('fit.forDemo', { demoId, limit: 3, language }).then(
      (data) => live && setResult({ demoId, data }),
      () => live && setResult({ demoId, data: null }),
    );
    return () => {
      live = false;
    };
  }, [demoId, language]);

  const data = result?.demoId === demoId ? result.data : undefined;
  if (data === null) return null;

  return (
    <section
      className="demo-block fit-demo-best"
      data-testid="demo-best-venues"
      aria-busy={data === undefined}
    >
      <h3 className="demo-h3">{t('demo.title')}</h3>
      {data === undefined ? (
        <p className="muted">{t('demo.loading')}</p>
      ) : data.items.length === 0 ? (
        <p className="muted">{t('demo.none')}</p>
      ) : (
        <>
          <ol className="fit-demo-list">
            {data.items.map((venue) => (
              <li key={venue.venueId} className="fit-demo-venue">
                <ScoreBadge score={venue.score} />
                <span className="fit-row-title">
                  <span className="fit-row-name">{venue.name}</span>
                  <span className="fit-row-meta">
                    {[
                      placeLine(venue.city, venue.country),
                      venue.capacity !== null
                        ? t('results.capacity', { value: formatInteger(venue.capacity, i18n.language) })
                        : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </span>
              </li>
            ))}
          </ol>
          {data.artistId ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setMatch({ tab: 'artist', artistId: data.artistId ?? '' });
                go('match');
              }}
            >
              {t('demo.open')}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
