import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../../components/icons';
import { addDays, daysBetween } from '../../lib/money';
import { useCatalogue } from '../offers/catalogue';
import { DateHeatmap } from './DateHeatmap';
import { DealTerms, useTermsDraft } from './DealTerms';
import { EventHistory } from './EventHistory';
import { FeeAdvice } from './FeeAdvice';
import { ForecastPanel } from './ForecastPanel';
import { ModelReport } from './ModelReport';
import { PriceCurveCard } from './PriceCurveCard';
import { FORECAST_TABS, useForecastSelection, type ForecastTab } from './store';
import './forecast.css';
import { tabForKey } from '../../lib/tabs';

const TAB_ICONS: Record<ForecastTab, IconName> = {
  forecast: 'forecast',
  dates: 'calendar',
  history: 'list',
  model: 'settings',
};

const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);
/** bestDates answers at most 366 days; the pickers keep the window inside that. */
const MAX_WINDOW_DAYS = 365;

/**
 * « Prévisions »: pick an artist × venue pair and a date (or a window), then the forecast with its
 * price curve and fee advice, the best dates over the window, the event history the forecasts learn
 * from, and the model with its evaluation and retraining.
 */
export function ForecastSection() {
  const { t } = useTranslation('forecast');
  const catalogue = useCatalogue();
  const selection = useForecastSelection();
  const { artistId, venueId, date, from, to, tab, set } = selection;
  const venue = catalogue.venueById.get(venueId);
  const terms = useTermsDraft(venue);
  const [historyVersion, setHistoryVersion] = useState(0);
  const tabsRef = useRef<HTMLDivElement>(null);

  const selectTab = (next: ForecastTab, focus = false) => {
    set({ tab: next });
    if (focus)
      requestAnimationFrame(() => tabsRef.current?.querySelector<HTMLElement>(`#fc-tab-${next}`)?.focus());
  };
  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = tabForKey(event.key, FORECAST_TABS, tab);
    if (!target) return;
    event.preventDefault();
    selectTab(target, true);
  };

  const windowError =
    isDay(from) && isDay(to)
      ? from > to
        ? t('pickers.windowOrder')
        : daysBetween(from, to) > MAX_WINDOW_DAYS
          ? t('pickers.windowTooLong', { days: MAX_WINDOW_DAYS + 1 })
          : null
      : t('pickers.windowInvalid');
  const pairPicked = artistId !== '' && venueId !== '';
  const currency = venue?.currency ?? 'EUR';

  return (
    <section className="section fc-section" aria-labelledby="forecast-heading">
      <header className="section-header">
        <div className="section-heading">
          <h1 id="forecast-heading" tabIndex={-1}>
            {t('title')}
          </h1>
        </div>
      </header>

      <div className="fc-pickers" role="group" aria-label={t('pickers.label')}>
        <div className="fc-picker">
          <label htmlFor="fc-artist">{t('pickers.artist')}</label>
          <select id="fc-artist" value={artistId} onChange={(event) => set({ artistId: event.target.value })}>
            <option value="">{t('pickArtist')}</option>
            {catalogue.artists.map((artist) => (
              <option key={artist.id} value={artist.id}>
                {artist.name}
              </option>
            ))}
          </select>
        </div>
        <div className="fc-picker">
          <label htmlFor="fc-venue">{t('pickers.venue')}</label>
          <select id="fc-venue" value={venueId} onChange={(event) => set({ venueId: event.target.value })}>
            <option value="">{t('pickVenue')}</option>
            {catalogue.venues.map((v) => (
              <option key={v.id} value={v.id}>
                {v.city ? `${v.name} (${v.city})` : v.name}
              </option>
            ))}
          </select>
        </div>
        {tab === 'dates' ? (
          <>
            <div className="fc-picker">
              <label htmlFor="fc-from">{t('pickers.from')}</label>
              <input
                id="fc-from"
                type="date"
                value={from}
                onChange={(event) => {
                  const value = event.target.value;
                  // Moving the start past the end takes the end along, so the window stays valid.
                  set(
                    isDay(value) && value > to
                      ? { from: value, to: addDays(value, daysBetween(from, to)) }
                      : { from: value },
                  );
                }}
                aria-invalid={windowError ? true : undefined}
                aria-describedby={windowError ? 'fc-window-error' : undefined}
              />
            </div>
            <div className="fc-picker">
              <label htmlFor="fc-to">{t('pickers.to')}</label>
              <input
                id="fc-to"
                type="date"
                value={to}
                min={from}
                onChange={(event) => set({ to: event.target.value })}
                aria-invalid={windowError ? true : undefined}
                aria-describedby={windowError ? 'fc-window-error' : undefined}
              />
            </div>
          </>
        ) : (
          <div className="fc-picker">
            <label htmlFor="fc-date">{t('pickers.date')}</label>
            <input
              id="fc-date"
              type="date"
              value={date}
              onChange={(event) => set({ date: event.target.value })}
            />
          </div>
        )}
      </div>
      {tab === 'dates' && windowError ? (
        <p className="field-error fc-window-error" id="fc-window-error" role="alert">
          {windowError}
        </p>
      ) : null}

      <div
        className="tabs"
        role="tablist"
        aria-label={t('tabs.label')}
        ref={tabsRef}
        onKeyDown={onTabKeyDown}
      >
        {FORECAST_TABS.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            id={`fc-tab-${x}`}
            aria-selected={tab === x}
            aria-controls={tab === x ? 'fc-panel' : undefined}
            tabIndex={tab === x ? 0 : -1}
            className="tab"
            onClick={() => selectTab(x)}
          >
            <Icon name={TAB_ICONS[x]} size={16} />
            <span className="tab-text">{t(`tabs.${x}`)}</span>
          </button>
        ))}
      </div>

      <div role="tabpanel" id="fc-panel" aria-labelledby={`fc-tab-${tab}`} className="tab-panel fc-tab-panel">
        {tab === 'forecast' ? (
          !pairPicked ? (
            <p className="panel-hint muted">{t('panel.pick')}</p>
          ) : (
            <div className="fc-forecast-layout">
              <div className="fc-main">
                <ForecastPanel artistId={artistId} venueId={venueId} date={date} deal={terms.deal} />
                <PriceCurveCard artistId={artistId} venueId={venueId} date={date} deal={terms.deal} />
              </div>
              <aside className="fc-aside" aria-label={t('terms.aside')}>
                <section className="card fc-terms-card" aria-labelledby="fc-terms-title">
                  <h2 id="fc-terms-title" className="fc-card-title">
                    {t('terms.title')}
                  </h2>
                  <p className="muted fc-note">{t('terms.lead')}</p>
                  <DealTerms
                    draft={terms.draft}
                    onChange={terms.setDraft}
                    errors={terms.errors}
                    currency={currency}
                  />
                </section>
                <FeeAdvice artistId={artistId} venueId={venueId} date={date} deal={terms.deal} />
              </aside>
            </div>
          )
        ) : null}
        {tab === 'dates' ? (
          !pairPicked ? (
            <p className="panel-hint muted">{t('dates.pick')}</p>
          ) : (
            <DateHeatmap
              artistId={artistId}
              venueId={venueId}
              from={windowError ? '' : from}
              to={windowError ? '' : to}
              onForecastDay={(day) => set({ date: day, tab: 'forecast' })}
            />
          )
        ) : null}
        {tab === 'history' ? (
          <EventHistory
            catalogue={catalogue}
            artistId={artistId}
            venueId={venueId}
            date={date}
            onChanged={() => setHistoryVersion((n) => n + 1)}
          />
        ) : null}
        {tab === 'model' ? <ModelReport version={historyVersion} /> : null}
      </div>
    </section>
  );
}
