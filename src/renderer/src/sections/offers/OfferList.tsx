import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OfferStatus, type OfferSummary } from '../../../../shared/offers';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/icons';
import { foldForSearch as foldText } from '../../../../shared/text';
import { formatDay } from '../../lib/money';
import { useNav } from '../../store/nav';
import { toastError } from '../../store/toasts';
import type { Catalogue } from './catalogue';
import { StatusChip } from './OfferDetail';
import { dealTerms } from './text';

export interface OfferFilters {
  status: OfferStatus | '';
  artistId: string;
  venueId: string;
  query: string;
}

export const NO_FILTERS: OfferFilters = { status: '', artistId: '', venueId: '', query: '' };

interface OfferListProps {
  catalogue: Catalogue;
  filters: OfferFilters;
  onFiltersChange(filters: OfferFilters): void;
  onOpen(offer: OfferSummary): void;
  onNew(): void;
  /** Bumped after a change, to reload. */
  version: number;
}

export function OfferList({ catalogue, filters, onFiltersChange, onOpen, onNew, version }: OfferListProps) {
  const { t } = useTranslation();
  const go = useNav((state) => state.go);
  const [result, setResult] = useState<{ key: string; items: OfferSummary[] } | null>(null);
  const { status, artistId, venueId, query } = filters;
  const key = JSON.stringify({ status, artistId, venueId, version });

  useEffect(() => {
    let live = true;
    api
      .invoke('offers.list', {
        ...(status ? { status } : {}),
        ...(artistId ? { artistId } : {}),
        ...(venueId ? { venueId } : {}),
      })
      .then(
        (value) => {
          if (live) setResult({ key, items: value.items });
        },
        (error: unknown) => {
          if (!live) return;
          setResult({ key, items: [] });
          toastError(error);
        },
      );
    return () => {
      live = false;
    };
  }, [status, artistId, venueId, key]);

  const items = useMemo(() => {
    const all = result?.items ?? [];
    const needle = foldText(query.trim());
    const matching = needle
      ? all.filter((o) => foldText(`${o.artistName} ${o.venueName} ${o.note}`).includes(needle))
      : all;
    return [...matching].sort(
      (a, b) => a.date.localeCompare(b.date) || a.artistName.localeCompare(b.artistName),
    );
  }, [result, query]);

  const set = (patch: Partial<OfferFilters>) => onFiltersChange({ ...filters, ...patch });
  const filtered = status !== '' || artistId !== '' || venueId !== '' || query.trim() !== '';
  const loading = result?.key !== key;
  const noCatalogue = catalogue.loaded && (catalogue.artists.length === 0 || catalogue.venues.length === 0);

  if (!loading && !filtered && items.length === 0) {
    if (!catalogue.loaded) return <p className="muted list-status">{t('common.listLoading')}</p>;
    return noCatalogue ? (
      <EmptyState icon="offers" title={t('offers.emptyTitle')}>
        <p>{t('offers.needCatalogue')}</p>
        <div className="button-row">
          {catalogue.artists.length === 0 ? (
            <button type="button" className="button button-primary" onClick={() => go('artists')}>
              <Icon name="artists" size={16} />
              {t('offers.goArtists')}
            </button>
          ) : null}
          {catalogue.venues.length === 0 ? (
            <button type="button" className="button button-primary" onClick={() => go('venues')}>
              <Icon name="venues" size={16} />
              {t('offers.goVenues')}
            </button>
          ) : null}
        </div>
      </EmptyState>
    ) : (
      <EmptyState icon="offers" title={t('offers.emptyTitle')}>
        <p>{t('offers.empty')}</p>
        <button type="button" className="button button-primary" onClick={onNew}>
          <Icon name="plus" size={16} />
          {t('offers.new')}
        </button>
      </EmptyState>
    );
  }

  return (
    <div className="offer-list">
      <div className="filters" role="search" aria-label={t('offers.filters.label')}>
        <div className="search-box">
          <label htmlFor="offers-search" className="visually-hidden">
            {t('offers.filters.search')}
          </label>
          <Icon name="search" size={16} />
          <input
            id="offers-search"
            type="search"
            value={query}
            placeholder={t('offers.filters.searchPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => set({ query: event.target.value })}
          />
        </div>
        <FilterSelect
          id="offers-status"
          label={t('offers.filters.status')}
          value={status}
          onChange={(value) => set({ status: value as OfferStatus | '' })}
          options={[
            { value: '', label: t('offers.filters.allStatuses') },
            ...OfferStatus.options.map((value) => ({ value, label: t(`offers.status.${value}`) })),
          ]}
        />
        <FilterSelect
          id="offers-artist"
          label={t('offers.filters.artist')}
          value={artistId}
          onChange={(value) => set({ artistId: value })}
          options={[
            { value: '', label: t('offers.filters.allArtists') },
            ...catalogue.artists.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <FilterSelect
          id="offers-venue"
          label={t('offers.filters.venue')}
          value={venueId}
          onChange={(value) => set({ venueId: value })}
          options={[
            { value: '', label: t('offers.filters.allVenues') },
            ...catalogue.venues.map((v) => ({ value: v.id, label: v.name })),
          ]}
        />
        {filtered ? (
          <button type="button" className="button button-ghost" onClick={() => onFiltersChange(NO_FILTERS)}>
            <Icon name="close" size={16} />
            {t('offers.filters.clear')}
          </button>
        ) : null}
        {items.length > 0 ? (
          <p className="filters-count muted" role="status">
            {t('offers.count', { count: items.length })}
          </p>
        ) : null}
      </div>

      {items.length === 0 ? (
        loading ? (
          <p className="muted list-status">{t('common.listLoading')}</p>
        ) : (
          <EmptyState icon="search" title={t('offers.noResultTitle')}>
            <p>{t('offers.noResult')}</p>
            <button type="button" className="button" onClick={() => onFiltersChange(NO_FILTERS)}>
              {t('offers.filters.clear')}
            </button>
          </EmptyState>
        )
      ) : (
        <div className="table-card" aria-busy={loading}>
          <table className="table offers-table">
            <caption className="visually-hidden">{t('offers.listLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('offers.columns.date')}</th>
                <th scope="col">{t('offers.columns.show')}</th>
                <th scope="col">{t('offers.columns.terms')}</th>
                <th scope="col">{t('offers.columns.status')}</th>
                <th scope="col" className="numeric">
                  {t('offers.columns.rounds')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((offer) => (
                <tr key={offer.id} className="clickable-row" onClick={() => onOpen(offer)}>
                  <td className="nowrap">{formatDay(offer.date)}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={(event) => {
                        event.stopPropagation();
                        onOpen(offer);
                      }}
                    >
                      <span className="record-name">{offer.artistName}</span>
                    </button>
                    <span className="record-meta offer-venue">@ {offer.venueName}</span>
                  </td>
                  <td>
                    <span className="terms-type">{t(`deals.typesShort.${offer.deal.type}`)}</span>{' '}
                    {dealTerms(offer.deal)}
                  </td>
                  <td>
                    <StatusChip status={offer.status} />
                  </td>
                  <td className="numeric">{offer.roundCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
}) {
  return (
    <div className="filter">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-label={label}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
