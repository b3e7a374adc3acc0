import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/contract';
import type { Artist, VenueKind } from '../../../../shared/domain';
import type { VenueMatch } from '../../../../shared/venue-fit';
import type { ParsedVenueQuery } from '../../../../shared/venue-query';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { useDebounced } from '../../lib/hooks';
import { toastError } from '../../store/toasts';
import {
  ComponentBars,
  ScoreBadge,
  VenueExplanation,
  fitLanguage,
  formatInteger,
  formatPercent,
  placeLine,
} from './parts';
import { useMatch } from './store';
import { MatchForecast } from './MatchForecast';
import { EntityPicker } from './Picker';

/** Venues per page of the ranking ("Afficher plus" asks for the next page). */
export const PAGE = 20;
/** Below this share of the weights judged, the score is flagged as built on little data. */
const LOW_COVERAGE = 0.5;

type ForArtist = MethodOutput<'fit.forArtist'>;
type Search = MethodOutput<'fit.search'>;

function useVenueKindLabel() {
  const { t } = useTranslation();
  return (kind: string) => (kind ? t(`venues.kinds.${kind as VenueKind}`, { defaultValue: kind }) : '');
}

/** "Lyon · FR · Club · 120 places" */
function useVenueMeta() {
  const { t, i18n } = useTranslation('venueFit');
  const kindLabel = useVenueKindLabel();
  return (v: { city: string; country: string; kind?: string; capacity: number | null }) =>
    [
      placeLine(v.city, v.country),
      v.kind && v.kind !== 'other' ? kindLabel(v.kind) : '',
      v.capacity !== null
        ? t('results.capacity', { value: formatInteger(v.capacity, i18n.language) })
        : t('results.capacityUnknown'),
    ]
      .filter(Boolean)
      .join(' · ');
}

function VenueRow({ match, artistId }: { match: VenueMatch; artistId: string }) {
  const { t, i18n } = useTranslation('venueFit');
  const meta = useVenueMeta();
  const [open, setOpen] = useState(false);
  const compare = useMatch((s) => s.compare);
  const toggleCompare = useMatch((s) => s.toggleCompare);
  const id = useId();
  const ticked = compare.includes(match.venueId);
  return (
    <li className={open ? 'fit-row fit-row-open' : 'fit-row'} data-testid="fit-venue-row">
      <div className="fit-row-main">
        <ScoreBadge score={match.score} />
        <div className="fit-row-title">
          <span className="fit-row-name">{match.name}</span>
          <span className="fit-row-meta">{meta(match)}</span>
          {match.coverage < LOW_COVERAGE ? (
            <span
              className="fit-row-coverage"
              title={t('score.coverage', { value: formatPercent(match.coverage, i18n.language) })}
            >
              {t('score.lowCoverage')}
            </span>
          ) : null}
        </div>
        <ComponentBars components={match.components} />
        <div className="fit-row-actions">
          <label className="fit-compare-check">
            <input type="checkbox" checked={ticked} onChange={() => toggleCompare(match.venueId)} />
            {t('results.compare')}
            <span className="visually-hidden"> {match.name}</span>
          </label>
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
      {open ? <VenueExplanation match={match} id={`${id}-explain`} /> : null}
      {open && artistId ? <MatchForecast artistId={artistId} venueId={match.venueId} /> : null}
    </li>
  );
}

/**
 * Artist → ranked venues. With an artist: `fit.forArtist` narrowed by the search bar's filters, best
 * first, each row expandable to its explanation. Without: `fit.search`, the venues that match the
 * query best (no fit score without an artist).
 */
export function ArtistRanking({ artists, parsed }: { artists: readonly Artist[]; parsed: ParsedVenueQuery }) {
  const { t, i18n } = useTranslation('venueFit');
  const language = fitLanguage(i18n.language);
  const { artistId, query, compare, weightsVersion, catalogueVersion, set } = useMatch();
  const filtersKey = useDebounced(JSON.stringify(parsed.filters), 250);
  const debouncedQuery = useDebounced(query, 250);
  const [ranking, setRanking] = useState<{ key: string; data: ForArtist } | null>(null);
  const [search, setSearch] = useState<{ key: string; data: Search } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const rankingKey = JSON.stringify([artistId, filtersKey, language, weightsVersion, catalogueVersion]);
  const searchKey = JSON.stringify([debouncedQuery, language, catalogueVersion]);

  useEffect(() => {
    if (!artistId) return;
    let live = true;
    api
      .invoke('fit.forArtist', {
        artistId,
        filters: JSON.parse(filtersKey) as ParsedVenueQuery['filters'],
        limit: PAGE,
        offset: 0,
        language,
      })
      .then(
        (data) => live && setRanking({ key: rankingKey, data }),
        (error: unknown) => live && toastError(error),
      );
    return () => {
      live = false;
    };
  }, [artistId, filtersKey, language, rankingKey]);

  useEffect(() => {
    if (artistId) return;
    let live = true;
    api.invoke('fit.search', { query: debouncedQuery, language, limit: 50 }).then(
      (data) => live && setSearch({ key: searchKey, data }),
      (error: unknown) => live && toastError(error),
    );
    return () => {
      live = false;
    };
  }, [artistId, debouncedQuery, language, searchKey]);

  const loadMore = async (data: ForArtist) => {
    setLoadingMore(true);
    try {
      const next = await api.invoke('fit.forArtist', {
        artistId,
        filters: JSON.parse(filtersKey) as ParsedVenueQuery['filters'],
        limit: PAGE,
        offset: data.items.length,
        language,
      });
      setRanking((current) =>
        current?.key === rankingKey
          ? { key: rankingKey, data: { ...next, items: [...current.data.items, ...next.items] } }
          : current,
      );
    } catch (error) {
      toastError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const picker = (
    <EntityPicker
      id="fit-artist"
      kind="artist"
      label={t('pickers.artist')}
      value={artistId}
      onChange={(id) => set({ artistId: id })}
    />
  );

  const bothTicked = compare[0] !== '' && compare[1] !== '';
  const data = ranking?.data ?? null;
  const stale = ranking !== null && ranking.key !== rankingKey;

  if (!artistId) {
    const result = search?.data ?? null;
    return (
      <div className="fit-panel">
        <div className="fit-toolbar">
          {picker}
          <p className="muted fit-toolbar-note">{t('results.pickArtistHint')}</p>
        </div>
        {artists.length === 0 ? (
          <EmptyState icon="artists" title={t('results.noArtist')}>
            <p className="muted">{t('results.noArtistHint')}</p>
          </EmptyState>
        ) : null}
        {result === null ? (
          <p className="muted fit-loading">{t('results.loading')}</p>
        ) : result.venues.length === 0 ? (
          <EmptyState icon="venues" title={t('results.noVenue')}>
            <p className="muted">{t('results.noVenueHint')}</p>
          </EmptyState>
        ) : (
          <>
            <p className="fit-count">
              {t('results.venues', { count: result.total })}
              {result.venues.length < result.total
                ? ` · ${t('results.shown', { shown: result.venues.length, total: result.total })}`
                : ''}
            </p>
            <ol className="fit-list" aria-label={t('results.queryMatch')}>
              {result.venues.map((venue) => (
                <li key={venue.id} className="fit-row" data-testid="fit-search-row">
                  <div className="fit-row-main fit-row-simple">
                    <ScoreBadge score={venue.score} />
                    <div className="fit-row-title">
                      <span className="fit-row-name">{venue.name}</span>
                      <span className="fit-row-meta">
                        {[
                          placeLine(venue.city, venue.country),
                          venue.capacity !== null
                            ? t('results.capacity', { value: formatInteger(venue.capacity, i18n.language) })
                            : t('results.capacityUnknown'),
                        ].join(' · ')}
                      </span>
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    );
  }

  return (
    <div className="fit-panel">
      <div className="fit-toolbar">
        {picker}
        {data ? (
          <p className="muted fit-toolbar-note" data-testid="fit-sound">
            {data.sound.demoName ? t('results.sound', { name: data.sound.demoName }) : t('results.noSound')}
          </p>
        ) : null}
        {bothTicked ? (
          <button
            type="button"
            className="button button-primary button-small"
            onClick={() => set({ tab: 'compare' })}
          >
            {t('results.compareSelected')}
          </button>
        ) : (
          <span className="muted fit-toolbar-note">{t('results.compareHint')}</span>
        )}
      </div>
      {data === null ? (
        <p className="muted fit-loading" aria-busy="true">
          {t('results.loading')}
        </p>
      ) : data.items.length === 0 ? (
        <EmptyState icon="venues" title={t('results.noVenue')}>
          <p className="muted">{t('results.noVenueHint')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="fit-count" aria-live="polite">
            {t('results.venues', { count: data.total })}
            {data.items.length < data.total
              ? ` · ${t('results.shown', { shown: data.items.length, total: data.total })}`
              : ''}
          </p>
          <ol
            className={stale ? 'fit-list fit-stale' : 'fit-list'}
            aria-busy={stale}
            data-testid="fit-artist-ranking"
          >
            {data.items.map((match) => (
              <VenueRow key={match.venueId} match={match} artistId={artistId} />
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
