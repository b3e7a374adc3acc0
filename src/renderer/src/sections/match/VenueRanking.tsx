import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/contract';
import type { ArtistMatch } from '../../../../shared/venue-fit';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { toastError } from '../../store/toasts';
import { PAGE } from './ArtistRanking';
import {
  AcousticsLine,
  ComponentBars,
  ComponentTable,
  Recommendations,
  ScoreBadge,
  fitLanguage,
  placeLine,
} from './parts';
import { useMatch } from './store';
import { EntityPicker } from './Picker';

type ForVenue = MethodOutput<'fit.forVenue'>;

function ArtistRow({ match }: { match: ArtistMatch }) {
  const { t } = useTranslation('venueFit');
  const set = useMatch((s) => s.set);
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <li className={open ? 'fit-row fit-row-open' : 'fit-row'} data-testid="fit-artist-row">
      <div className="fit-row-main">
        <ScoreBadge score={match.score} />
        <div className="fit-row-title">
          <span className="fit-row-name">{match.name}</span>
          <span className="fit-row-meta">{placeLine(match.city, match.country) || '—'}</span>
        </div>
        <ComponentBars components={match.components} />
        <div className="fit-row-actions">
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => set({ tab: 'artist', artistId: match.artistId })}
          >
            {t('results.openArtist')}
          </button>
          <button
            type="button"
            className="button button-small"
            aria-expanded={open}
            aria-controls={`${id}-explain`}
            aria-label={open ? undefined : t('results.detailsFor', { name: match.name })}
            onClick={() => setOpen(!open)}
          >
            {open ? t('results.hideDetails') : t('results.details')}
          </button>
        </div>
      </div>
      {open ? (
        <div className="fit-explain" id={`${id}-explain`} data-testid="fit-explanation">
          <ComponentTable components={match.components} />
          <h4 className="fit-h4">{t('explain.recommendations')}</h4>
          <Recommendations items={match.recommendations} />
        </div>
      ) : null}
    </li>
  );
}

/** Venue → ranked artists: the programmer's view of the same scores. */
export function VenueRanking() {
  const { t, i18n } = useTranslation('venueFit');
  const language = fitLanguage(i18n.language);
  const { venueId, weightsVersion, catalogueVersion, set } = useMatch();
  const [result, setResult] = useState<{ key: string; data: ForVenue } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const key = JSON.stringify([venueId, language, weightsVersion, catalogueVersion]);

  useEffect(() => {
    if (!venueId) return;
    let live = true;
    api.invoke('fit.forVenue', { venueId, limit: PAGE, offset: 0, language }).then(
      (data) => live && setResult({ key, data }),
      (error: unknown) => live && toastError(error),
    );
    return () => {
      live = false;
    };
  }, [venueId, language, key]);

  const loadMore = async (data: ForVenue) => {
    setLoadingMore(true);
    try {
      const next = await api.invoke('fit.forVenue', {
        venueId,
        limit: PAGE,
        offset: data.items.length,
        language,
      });
      setResult((current) =>
        current?.key === key
          ? { key, data: { ...next, items: [...current.data.items, ...next.items] } }
          : current,
      );
    } catch (error) {
      toastError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const data = venueId ? (result?.data ?? null) : null;
  const stale = result !== null && result.key !== key;

  return (
    <div className="fit-panel">
      <div className="fit-toolbar">
        <EntityPicker
          id="fit-venue"
          kind="venue"
          label={t('pickers.venue')}
          value={venueId}
          onChange={(id) => set({ venueId: id })}
        />
        {data ? (
          <div className="fit-toolbar-note">
            <AcousticsLine acoustics={data.acoustics} />
          </div>
        ) : null}
      </div>
      {!venueId ? (
        <p className="panel-hint muted">{t('results.pickVenue')}</p>
      ) : data === null ? (
        <p className="muted fit-loading">{t('results.loading')}</p>
      ) : data.items.length === 0 ? (
        <EmptyState icon="artists" title={t('results.noArtist')}>
          <p className="muted">{t('results.noArtistHint')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="fit-count" aria-live="polite">
            {t('results.artists', { count: data.total })}
            {data.items.length < data.total
              ? ` · ${t('results.shown', { shown: data.items.length, total: data.total })}`
              : ''}
          </p>
          <ol
            className={stale ? 'fit-list fit-stale' : 'fit-list'}
            aria-busy={stale}
            data-testid="fit-venue-ranking"
          >
            {data.items.map((match) => (
              <ArtistRow key={match.artistId} match={match} />
            ))}
          </ol>
          {data.items.length < data.total ? (
            <button
              type="button"
              className="button fit-more"
              disabled={loadingMore}
              onClick={() => void loadMore(data)}
            >
              {t('results.more')}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
