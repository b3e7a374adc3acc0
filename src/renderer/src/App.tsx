import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EntitySection } from './components/EntitySection';
import { Icon } from './components/icons';
import { Toasts } from './components/Toasts';
import { artistsKind } from './sections/artists';
import { DemosSection } from './sections/demos/DemosSection';
import { OffersSection } from './sections/offers/OffersSection';
import { ContractsSection } from './sections/contracts/ContractsSection';
import { ForecastSection } from './sections/forecast/ForecastSection';
import { MatchSection } from './sections/match/MatchSection';
import { SettingsSection } from './sections/Settings';
import { venuesKind } from './sections/venues';
import { SECTIONS, useNav, type Section } from './store/nav';

function SectionView({ section }: { section: Section }) {
  switch (section) {
    case 'demos':
      return <DemosSection />;
    case 'artists':
      return <EntitySection config={artistsKind} />;
    case 'venues':
      return <EntitySection config={venuesKind} />;
    case 'match':
      return <MatchSection />;
    case 'offers':
      return <OffersSection />;
    case 'forecast':
      return <ForecastSection />;
    case 'contracts':
      return <ContractsSection />;
    case 'settings':
      return <SettingsSection />;
  }
}

/** The sidebar: one button per section; Tab reaches each, arrows / Home / End move between them. */
function Nav() {
  const { t } = useTranslation();
  const section = useNav((state) => state.section);
  const go = useNav((state) => state.go);
  const listRef = useRef<HTMLUListElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const index = buttons.findIndex((button) => button === document.activeElement);
    if (index < 0) return;
    const last = buttons.length - 1;
    const target =
      event.key === 'ArrowDown'
        ? (index + 1) % buttons.length
        : event.key === 'ArrowUp'
          ? (index - 1 + buttons.length) % buttons.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    buttons[target]?.focus();
  };

  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul ref={listRef} onKeyDown={onKeyDown}>
        {SECTIONS.map((id) => (
          <li key={id}>
            <button
              type="button"
              className="nav-item"
              aria-current={id === section ? 'page' : undefined}
              onClick={() => go(id)}
            >
              <Icon name={id} />
              <span>{t(`nav.${id}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function App() {
  const { t } = useTranslation();
  const section = useNav((state) => state.section);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    document.title = `${t(`nav.${section}`)} — ${t('app.name')}`;
  }, [section, t]);

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            <svg viewBox="0 0 32 32" width="28" height="28">
              <rect width="32" height="32" rx="8" fill="currentColor" />
              <path
                d="M8 21c3-8 5-8 8 0s5 8 8 0"
                stroke="#0f172a"
                strokeWidth="2.5"
                fill="none"
                strokeLinecap="round"
              />
            </svg>
          </span>
          <span className="brand-text">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </span>
        </div>
        <Nav />
      </aside>
      <main id="main" className="content" ref={mainRef}>
        <SectionView key={section} section={section} />
      </main>
      <Toasts />
    </div>
  );
}
