import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain';
import type {
  FitComponent,
  Recommendation,
  RoomAcoustics,
  SimilarAtVenue,
  VenueMatch,
} from '../../../../shared/venue-fit';
import { Icon } from '../../components/icons';
import { localeOf } from '../../i18n';

export type FitT = TFunction<'venueFit'>;

export const fitLanguage = (language: string): Language => (language === 'en' ? 'en' : 'fr');

export function formatPercent(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: 0 }).format(
    value,
  );
}

export function formatInteger(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 0 }).format(value);
}

export function formatDecimal(value: number, language: string, digits = 1): string {
  return new Intl.NumberFormat(localeOf(language), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export function formatDate(iso: string, language: string): string {
  const date = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** Good ≥ 75, fair ≥ 50, poor below, unknown: the colour bands of every score on these screens. */
export function scoreTone(score: number | null): 'good' | 'fair' | 'poor' | 'unknown' {
  if (score === null) return 'unknown';
  return score >= 75 ? 'good' : score >= 50 ? 'fair' : 'poor';
}

export function ScoreBadge({ score, large }: { score: number | null; large?: boolean }) {
  const { t } = useTranslation('venueFit');
  const label = score === null ? t('score.unknown') : t('score.label', { score });
  return (
    <span
      className={`fit-score fit-score-${scoreTone(score)}${large ? ' fit-score-large' : ''}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid="fit-score"
    >
      {score === null ? '?' : score}
    </span>
  );
}

/** "Jauge : 82" or "Jauge : inconnu", for titles and screen readers. */
export function componentText(t: FitT, component: Pick<FitComponent, 'key' | 'score'>): string {
  const name = t(`components.${component.key}`);
  return component.score === null
    ? t('score.componentUnknown', { name })
    : t('score.componentLabel', { name, value: component.score });
}

/** The six components as small labelled bars, for a ranking row (one image for screen readers). */
export function ComponentBars({ components }: { components: readonly FitComponent[] }) {
  const { t } = useTranslation('venueFit');
  const label = components.map((c) => componentText(t, c)).join(', ');
  return (
    <div className="fit-minibars" role="img" aria-label={label}>
      {components.map((c) => (
        <div key={c.key} className="fit-minibar" title={componentText(t, c)} aria-hidden="true">
          <span className="fit-minibar-label">{t(`componentsShort.${c.key}`)}</span>
          <span className={`fit-minibar-track${c.score === null ? ' fit-minibar-unknown' : ''}`}>
            {c.score !== null ? (
              <span
                className={`fit-minibar-fill fit-fill-${scoreTone(c.score)}`}
                style={{ width: `${c.score}%` }}
              />
            ) : null}
          </span>
        </div>
      ))}
    </div>
  );
}

/** Every component with its bar, weight share and the service's sentence. */
export function ComponentTable({ components }: { components: readonly FitComponent[] }) {
  const { t, i18n } = useTranslation('venueFit');
  return (
    <table className="fit-components" data-testid="fit-components">
      <caption className="visually-hidden">{t('explain.components')}</caption>
      <tbody>
        {components.map((c) => (
          <tr key={c.key} data-component={c.key}>
            <th scope="row" className="fit-component-name">
              {t(`components.${c.key}`)}
            </th>
            <td className="fit-component-bar">
              <span className="fit-bar-track" aria-hidden="true">
                {c.score !== null ? (
                  <span
                    className={`fit-bar-fill fit-fill-${scoreTone(c.score)}`}
                    style={{ width: `${c.score}%` }}
                  />
                ) : null}
              </span>
              <span className="fit-component-value">{c.score === null ? '—' : c.score}</span>
            </td>
            <td className="fit-component-share muted">
              {c.score === null
                ? t('score.notCounted')
                : t('score.share', { value: formatPercent(c.share, i18n.language) })}
            </td>
            <td className="fit-component-sentence">{c.sentence}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const SEVERITY_ICON = { info: 'info', advice: 'check', warning: 'alert' } as const;

export function Recommendations({ items }: { items: readonly Recommendation[] }) {
  const { t } = useTranslation('venueFit');
  if (items.length === 0) return <p className="muted">{t('explain.noRecommendation')}</p>;
  return (
    <ul className="fit-recos">
      {items.map((r, i) => (
        <li key={`${r.topic}-${i}`} className={`fit-reco fit-reco-${r.severity}`}>
          <Icon name={SEVERITY_ICON[r.severity]} size={15} />
          <span className="fit-reco-body">
            <span className="fit-reco-topic">
              {t(`explain.topics.${r.topic}`)}
              <span className="visually-hidden"> ({t(`explain.severity.${r.severity}`)})</span>
            </span>
            <span className="fit-reco-text">{r.text}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** « 3 artistes au son proche ont joué ici », each with the outcome of their shows there. */
export function SimilarAtVenueList({ items }: { items: readonly SimilarAtVenue[] }) {
  const { t, i18n } = useTranslation('venueFit');
  const lang = i18n.language;
  if (items.length === 0) return <p className="muted">{t('explain.noSimilar')}</p>;
  return (
    <ul className="fit-similar" data-testid="fit-similar">
      {items.map((artist) => (
        <li key={artist.artistId}>
          <span className="fit-similar-name">{artist.name}</span>{' '}
          <span className="muted">
            {t('explain.similarity', { value: formatPercent(Math.max(0, artist.similarity), lang) })}
          </span>
          <ul className="fit-shows">
            {artist.shows.map((show, i) => (
              <li key={`${show.date}-${i}`}>
                {show.ticketsSold !== null && show.capacity !== null && show.fillRate !== null
                  ? t('explain.show', {
                      date: formatDate(show.date, lang),
                      sold: formatInteger(show.ticketsSold, lang),
                      capacity: formatInteger(show.capacity, lang),
                      fill: formatPercent(show.fillRate, lang),
                    })
                  : show.ticketsSold !== null
                    ? t('explain.showSold', {
                        date: formatDate(show.date, lang),
                        sold: formatInteger(show.ticketsSold, lang),
                      })
                    : t('explain.showNoFigures', { date: formatDate(show.date, lang) })}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

export function AcousticsLine({ acoustics }: { acoustics: RoomAcoustics }) {
  const { t, i18n } = useTranslation('venueFit');
  const lang = i18n.language;
  const parts: string[] = [];
  if (acoustics.rt60MidSec !== null)
    parts.push(t('explain.rt60', { value: formatDecimal(acoustics.rt60MidSec, lang) }));
  parts.push(t(`explain.rt60Source.${acoustics.source}`));
  if (acoustics.volumeM3 !== null)
    parts.push(t('explain.volume', { value: formatInteger(acoustics.volumeM3, lang) }));
  return (
    <div className="fit-acoustics">
      <p>{parts.join(' · ')}</p>
      {acoustics.assumptions.length ? (
        <p className="muted fit-assumptions">
          {t('explain.assumptions')} : {acoustics.assumptions.join(' ; ')}
        </p>
      ) : null}
    </div>
  );
}

/** The expanded part of a venue row: the per-component explanations, the tech advice, similar artists. */
export function VenueExplanation({ match, id }: { match: VenueMatch; id: string }) {
  const { t } = useTranslation('venueFit');
  return (
    <div className="fit-explain" id={id} data-testid="fit-explanation">
      <ComponentTable components={match.components} />
      <div className="fit-explain-columns">
        <section>
          <h4 className="fit-h4">{t('explain.recommendations')}</h4>
          <Recommendations items={match.recommendations} />
          <h4 className="fit-h4">{t('explain.acoustics')}</h4>
          <AcousticsLine acoustics={match.acoustics} />
        </section>
        <section>
          <h4 className="fit-h4">
            {match.similarArtists.length
              ? t('explain.similar', { count: match.similarArtists.length })
              : t('explain.similarTitle')}
          </h4>
          <SimilarAtVenueList items={match.similarArtists} />
        </section>
      </div>
    </div>
  );
}

export function placeLine(city: string, country: string): string {
  return [city, country].filter(Boolean).join(' · ');
}
