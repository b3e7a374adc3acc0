import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataSource } from '../../../../shared/venue-import';
import { parseVenueQuery } from '../../../../shared/venue-query';
import { api } from '../../api';
import { Icon } from '../../components/icons';
import { toastError } from '../../store/toasts';
import { useCatalogue } from '../offers/catalogue';
import { ArtistRanking } from './ArtistRanking';
import { Compare } from './Compare';
import { fitLanguage } from './parts';
import { SearchBar } from './SearchBar';
import { MATCH_TABS, useMatch, type MatchTab } from './store';
import { SourceCredit, VenueImport } from './VenueImport';
import { VenueRanking } from './VenueRanking';
import { Weights } from './Weights';
import './match.css';
import { tabForKey } from '../../lib/tabs';

/**
 * « Adéquation » (issue #4): a natural-language search with its chips, the venues ranked for an
 * artist (each explained), the artists ranked for a venue, two venues compared, the weights, and the
 * venue import (CSV, French festivals) with the open-data credit.
 */
export function MatchSection() {
  const { t, i18n } = useTranslation('venueFit');
  const language = fitLanguage(i18n.language);
  const catalogue = useCatalogue();
  const { tab, query, catalogueVersion, set, catalogueChanged } = useMatch();
  const [importing, setImporting] = useState(false);
  const [sources, setSources] = useState<DataSource[]>([]);
  const tabsRef = useRef<HTMLDivElement>(null);
  const reloadCatalogue = catalogue.reload;

  // Venues imported elsewhere in this section: the pickers and the parser's known cities follow.
  useEffect(() => {
    if (catalogueVersion > 0) reloadCatalogue();
  }, [catalogueVersion, reloadCatalogue]);

  useEffect(() => {
    let live = true;
    api.invoke('venues.sources', {}).then(
      (answer) => live && setSources(answer.sources.filter((s) => s.venueCount > 0)),
      (error: unknown) => live && toastError(error),
    );
    return () => {
      live = false;
    };
  }, [catalogueVersion]);

  // Cities of the user's catalogue that the gazetteer may not know ("Plouha"), so the chips find them.
  const knownCities = useMemo(() => {
    const seen = new Map<string, { name: string; region?: string; country: string }>();
    for (const v of catalogue.venues)
      if (v.city && !seen.has(v.city.toLowerCase()))
        seen.set(
          v.city.toLowerCase(),
          v.region
            ? { name: v.city, region: v.region, country: v.country }
            : { name: v.city, country: v.country },
        );
    return [...seen.values()];
  }, [catalogue.venues]);
  const parsed = useMemo(
    () => parseVenueQuery(query, { language, knownCities }),
    [query, language, knownCities],
  );

  const selectTab = (next: MatchTab, focus = false) => {
    set({ tab: next });
    if (focus)
      requestAnimationFrame(() => tabsRef.current?.querySelector<HTMLElement>(`#fit-tab-${next}`)?.focus());
  };
  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = tabForKey(event.key, MATCH_TABS, tab);
    if (!target) return;
    event.preventDefault();
    selectTab(target, true);
  };

  return (
    <section className="section fit-section" aria-labelledby="match-heading">
      <header className="section-header">
        <div className="section-heading">
          <h1 id="match-heading" tabIndex={-1}>
            {t('title')}
          </h1>
        </div>
        <button type="button" className="button" onClick={() => setImporting(true)}>
          <Icon name="upload" size={16} />
          {t('importButton')}
        </button>
      </header>

      <SearchBar query={query} parsed={parsed} onChange={(next) => set({ query: next })} />

      <div
        className="tabs fit-tabs"
        role="tablist"
        aria-label={t('tabs.label')}
        ref={tabsRef}
        onKeyDown={onTabKeyDown}
      >
        {MATCH_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`fit-tab-${name}`}
            className="tab"
            aria-selected={tab === name}
            aria-controls="fit-tabpanel"
            tabIndex={tab === name ? 0 : -1}
            onClick={() => selectTab(name)}
          >
            {t(`tabs.${name}`)}
          </button>
        ))}
      </div>

      <div className="fit-layout">
        <div id="fit-tabpanel" role="tabpanel" aria-labelledby={`fit-tab-${tab}`} className="fit-main">
          {tab === 'artist' ? (
            <ArtistRanking artists={catalogue.artists} parsed={parsed} />
          ) : tab === 'venue' ? (
            <VenueRanking />
          ) : (
            <Compare />
          )}
        </div>
        <aside className="fit-aside">
          <Weights />
          {sources.length ? (
            <section className="card fit-sources" aria-label={t('sources.credit')}>
              <h2 className="fit-h3">{t('sources.credit')}</h2>
              {sources.map((source) => (
                <SourceCredit key={source.id} source={source} compact />
              ))}
            </section>
          ) : null}
        </aside>
      </div>

      {importing ? <VenueImport onClose={() => setImporting(false)} onImported={catalogueChanged} /> : null}
    </section>
  );
}
