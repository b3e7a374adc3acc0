import { useCallback, useEffect, useEffectEvent, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Offer, RoundParty } from '../../../../shared/offers';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/icons';
import { shortcutLabel } from '../../lib/format';
import { useNav } from '../../store/nav';
import { useCatalogue } from './catalogue';
import { HoldsCalendar, type CalendarFilters } from './HoldsCalendar';
import { OfferBuilder, type BuilderMode } from './OfferBuilder';
import { OfferDetail } from './OfferDetail';
import { NO_FILTERS, OfferList, type OfferFilters } from './OfferList';
import { counterpartName } from './Negotiation';
import { tabForKey } from '../../lib/tabs';

type Tab = 'list' | 'calendar' | 'offer';

type OfferView = { kind: 'view'; id: string } | BuilderMode;

const TABS: readonly Tab[] = ['list', 'calendar', 'offer'];

/**
 * The Offres section: the list of offers, the holds calendar, and one offer at a time (its detail,
 * or the builder with its live P&L). Tabs follow the WAI-ARIA pattern: arrows move between them.
 */
export function OffersSection() {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const [tab, setTab] = useState<Tab>('list');
  const [view, setView] = useState<OfferView | null>(null);
  const [loaded, setLoaded] = useState<Offer | null>(null);
  const [listFilters, setListFilters] = useState<OfferFilters>(NO_FILTERS);
  const [calendarFilters, setCalendarFilters] = useState<CalendarFilters>({ artistId: '', venueId: '' });
  const [version, setVersion] = useState(0);
  // The calendar stays mounted once shown: coming back to it is instant, and it reloads only when an
  // offer changed (an offer places, moves or releases a hold).
  const [calendarShown, setCalendarShown] = useState(false);
  const [pendingDiscard, setPendingDiscard] = useState<(() => void) | null>(null);
  const dirty = useRef(false);
  const focusNext = useRef<'title' | 'form' | 'tab' | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const tabsRef = useRef<HTMLDivElement>(null);

  const inBuilder = view !== null && view.kind !== 'view';

  const guard = (action: () => void) => {
    if (inBuilder && dirty.current) setPendingDiscard(() => action);
    else action();
  };
  const leave = () => {
    dirty.current = false;
  };

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'title') panelRef.current?.querySelector<HTMLElement>('.panel-title')?.focus();
    else if (target === 'form')
      panelRef.current?.querySelector<HTMLElement>('form input, form select, form textarea')?.focus();
    else if (target === 'tab') tabsRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  }, [view, tab]);

  const show = (next: OfferView, focus: 'title' | 'form') => {
    focusNext.current = focus;
    setView(next);
    setTab('offer');
  };

  const startCreate = () =>
    guard(() => {
      leave();
      setLoaded(null);
      show({ kind: 'create' }, 'form');
    });

  const openOffer = (id: string) =>
    guard(() => {
      leave();
      if (view?.kind !== 'view' || view.id !== id) setLoaded(null);
      show({ kind: 'view', id }, 'title');
    });

  const onSaved = (offer: Offer) => {
    leave();
    setLoaded(offer);
    setVersion((n) => n + 1);
    show({ kind: 'view', id: offer.id }, 'title');
  };

  const closeBuilder = () => {
    leave();
    if (view && view.kind !== 'view' && view.kind !== 'create') {
      show({ kind: 'view', id: view.offer.id }, 'title');
    } else {
      focusNext.current = 'tab';
      setView(null);
      setTab('list');
    }
  };

  const requestClose = () => guard(closeBuilder);

  const selectTab = (next: Tab) => {
    if (next === tab) return;
    if (next === 'offer' && !view) return;
    // Leaving a changed builder for another tab keeps it as it is: the third tab still holds it.
    if (next === 'calendar') setCalendarShown(true);
    setTab(next);
  };

  // Leaving the section with a changed builder asks first.
  const blockNavigation = useEffectEvent((proceed: () => void) => guard(proceed));
  useEffect(() => {
    if (!inBuilder) return;
    const { setBlocker } = useNav.getState();
    setBlocker((proceed) => blockNavigation(proceed));
    return () => setBlocker(null);
  }, [inBuilder]);

  const onKey = useEffectEvent((event: globalThis.KeyboardEvent) => {
    if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
    const mod = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    if (mod && event.key.toLowerCase() === 'n') {
      event.preventDefault();
      startCreate();
    } else if (event.key === 'Escape' && inBuilder && tab === 'offer') {
      event.preventDefault();
      requestClose();
    }
  });
  useEffect(() => {
    const listener = (event: globalThis.KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const available = TABS.filter((x) => x !== 'offer' || view);
    const target = tabForKey(event.key, available, tab);
    if (!target) return;
    event.preventDefault();
    focusNext.current = 'tab';
    selectTab(target);
  };

  const onLoaded = useCallback((offer: Offer) => setLoaded(offer), []);

  const offerTabLabel = (() => {
    if (!view) return '';
    switch (view.kind) {
      case 'create':
        return t('offers.tabs.new');
      case 'edit':
        return t('offers.tabs.edit');
      case 'round':
        return t('offers.tabs.round');
      default:
        return loaded && loaded.id === view.id
          ? t('offers.pair', { artist: loaded.artistName, venue: loaded.venueName })
          : t('offers.tabs.offer');
    }
  })();

  const builderTitle = (mode: BuilderMode) => {
    switch (mode.kind) {
      case 'create':
        return t('builder.newTitle');
      case 'edit':
        return t('builder.editTitle', { artist: mode.offer.artistName, venue: mode.offer.venueName });
      case 'round':
        return mode.by === 'them'
          ? t('builder.roundThemTitle', { who: counterpartName(mode.offer) })
          : t('builder.roundUsTitle');
    }
  };

  const shortcut = shortcutLabel('N');
  const tabId = (x: Tab) => `offers-tab-${x}`;

  return (
    <section className="section offers-section" aria-labelledby="offers-heading">
      <header className="section-header">
        <div className="section-heading">
          <h1 id="offers-heading" tabIndex={-1}>
            {t('offers.title')}
          </h1>
        </div>
        <div className="toolbar">
          <button
            type="button"
            className="button button-primary"
            onClick={startCreate}
            aria-keyshortcuts="Control+N Meta+N"
          >
            <Icon name="plus" size={16} />
            {t('offers.new')}
            <kbd className="kbd">{shortcut}</kbd>
          </button>
        </div>
      </header>

      <div
        className="tabs"
        role="tablist"
        aria-label={t('offers.tabs.label')}
        ref={tabsRef}
        onKeyDown={onTabKeyDown}
      >
        {TABS.map((x) =>
          x === 'offer' && !view ? null : (
            <button
              key={x}
              type="button"
              role="tab"
              id={tabId(x)}
              aria-selected={tab === x}
              aria-controls={tab === x ? 'offers-panel' : undefined}
              tabIndex={tab === x ? 0 : -1}
              className={x === 'offer' ? 'tab tab-offer' : 'tab'}
              onClick={() => selectTab(x)}
            >
              <Icon name={x === 'list' ? 'list' : x === 'calendar' ? 'calendar' : 'offers'} size={16} />
              <span className="tab-text">
                {x === 'list'
                  ? t('offers.tabs.list')
                  : x === 'calendar'
                    ? t('offers.tabs.calendar')
                    : offerTabLabel}
              </span>
            </button>
          ),
        )}
      </div>

      <div
        role="tabpanel"
        id="offers-panel"
        aria-labelledby={tabId(tab)}
        className="tab-panel"
        ref={panelRef}
      >
        {tab === 'list' ? (
          <OfferList
            catalogue={catalogue}
            filters={listFilters}
            onFiltersChange={setListFilters}
            onOpen={(offer) => openOffer(offer.id)}
            onNew={startCreate}
            version={version}
          />
        ) : null}
        {calendarShown ? (
          <div hidden={tab !== 'calendar'}>
            <HoldsCalendar
              catalogue={catalogue}
              filters={calendarFilters}
              onFiltersChange={setCalendarFilters}
              refreshKey={`${version}|${loaded?.updatedAt ?? ''}`}
            />
          </div>
        ) : null}
        {/* The offer stays mounted while another tab shows, so a builder keeps what was typed. */}
        {view ? (
          <div hidden={tab !== 'offer'}>
            {view.kind === 'view' ? (
              <OfferDetail
                offerId={view.id}
                version={version}
                onLoaded={onLoaded}
                onEdit={(offer) => show({ kind: 'edit', offer }, 'form')}
                onCounter={(offer: Offer, by: RoundParty) => show({ kind: 'round', offer, by }, 'form')}
                onDeleted={() => {
                  setView(null);
                  setLoaded(null);
                  setVersion((n) => n + 1);
                  focusNext.current = 'tab';
                  setTab('list');
                }}
              />
            ) : (
              <div className="builder-panel">
                <div className="builder-heading">
                  <h2 className="panel-title" tabIndex={-1}>
                    {builderTitle(view)}
                  </h2>
                </div>
                <OfferBuilder
                  key={view.kind === 'create' ? 'create' : `${view.kind}-${view.offer.id}`}
                  formId="offer-builder"
                  mode={view}
                  catalogue={catalogue}
                  onSaved={onSaved}
                  onCancel={requestClose}
                  onDirtyChange={(value) => {
                    dirty.current = value;
                  }}
                />
              </div>
            )}
          </div>
        ) : null}
      </div>

      {pendingDiscard ? (
        <ConfirmDialog
          title={t('common.unsavedTitle')}
          body={t('common.unsavedBody')}
          confirmLabel={t('common.discard')}
          cancelLabel={t('common.keepEditing')}
          danger
          onConfirm={() => {
            const action = pendingDiscard;
            setPendingDiscard(null);
            dirty.current = false;
            action();
          }}
          onCancel={() => setPendingDiscard(null)}
        />
      ) : null}
    </section>
  );
}
