import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/contract';
import { FIT_COMPONENT_KEYS, type FitComponentKey, type VenueMatch } from '../../../../shared/venue-fit';
import { api } from '../../api';
import { toastError } from '../../store/toasts';
import {
  AcousticsLine,
  Recommendations,
  ScoreBadge,
  SimilarAtVenueList,
  fitLanguage,
  placeLine,
  type FitT,
} from './parts';
import { useMatch } from './store';
import { EntityPicker } from './Picker';

type CompareResult = MethodOutput<'fit.compare'>;

const scoreOf = (match: VenueMatch, key: FitComponentKey) =>
  match.components.find((c) => c.key === key)?.score ?? null;

/** Each component as two horizontal bars, A above B; an unknown score is drawn as a dashed outline. */
function PairedBars({ t, a, b }: { t: FitT; a: VenueMatch; b: VenueMatch }) {
  const labelWidth = 104;
  const barWidth = 176;
  const valueWidth = 34;
  const rowHeight = 36;
  const barHeight = 12;
  const width = labelWidth + barWidth + valueWidth;
  const height = FIT_COMPONENT_KEYS.length * rowHeight + 6;
  const describe = (m: VenueMatch) =>
    FIT_COMPONENT_KEYS.map((k) => `${t(`components.${k}`)} ${scoreOf(m, k) ?? '?'}`).join(', ');
  return (
    <svg
      className="fit-paired"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby="fit-paired-title fit-paired-desc"
    >
      <title id="fit-paired-title">{t('compare.chart', { a: a.name, b: b.name })}</title>
      <desc id="fit-paired-desc">{`${a.name} : ${describe(a)}. ${b.name} : ${describe(b)}.`}</desc>
      {[0, 50, 100].map((tick) => (
        <line
          key={tick}
          className="fit-paired-grid"
          x1={labelWidth + (barWidth * tick) / 100}
          x2={labelWidth + (barWidth * tick) / 100}
          y1={0}
          y2={height - 4}
        />
      ))}
      {FIT_COMPONENT_KEYS.map((key, i) => {
        const y = i * rowHeight + 4;
        return (
          <g key={key}>
            <text className="fit-paired-label" x={labelWidth - 10} y={y + barHeight + 3} textAnchor="end">
              {t(`components.${key}`)}
            </text>
            {[a, b].map((m, j) => {
              const score = scoreOf(m, key);
              const top = y + j * (barHeight + 3);
              return (
                <g key={m.venueId}>
                  {score === null ? (
                    <rect
                      className="fit-paired-unknown"
                      x={labelWidth}
                      y={top}
                      width={barWidth}
                      height={barHeight}
                      rx={2}
                    />
                  ) : (
                    <rect
                      className={j === 0 ? 'fit-paired-a' : 'fit-paired-b'}
                      x={labelWidth}
                      y={top}
                      width={Math.max(1, (barWidth * score) / 100)}
                      height={barHeight}
                      rx={2}
                    />
                  )}
                  <text className="fit-paired-value" x={labelWidth + barWidth + 6} y={top + barHeight - 1}>
                    {score ?? '?'}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/** Both venues' components on one radar: A solid, B dashed (unknown components at the centre). */
function Radar({ t, a, b }: { t: FitT; a: VenueMatch; b: VenueMatch }) {
  // Room on both sides for the longest short label ("Acoustique", "Historique") at 12 px.
  const width = 310;
  const height = 230;
  const cx = width / 2;
  const cy = height / 2;
  const r = 72;
  const n = FIT_COMPONENT_KEYS.length;
  const angle = (i: number) => -Math.PI / 2 + (i * 2 * Math.PI) / n;
  const point = (i: number, v: number) => [cx + Math.cos(angle(i)) * r * v, cy + Math.sin(angle(i)) * r * v];
  const shape = (m: VenueMatch) =>
    FIT_COMPONENT_KEYS.map((k, i) =>
      point(i, (scoreOf(m, k) ?? 0) / 100)
        .map((v) => v.toFixed(1))
        .join(','),
    ).join(' ');
  return (
    <svg
      className="fit-radar"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={t('compare.radarLabel', { a: a.name, b: b.name })}
    >
      {[0.25, 0.5, 0.75, 1].map((ring) => (
        <polygon
          key={ring}
          className="fit-radar-ring"
          points={FIT_COMPONENT_KEYS.map((_, i) => point(i, ring).join(',')).join(' ')}
        />
      ))}
      {FIT_COMPONENT_KEYS.map((key, i) => {
        const [x, y] = point(i, 1) as [number, number];
        const [lx, ly] = point(i, 1.2) as [number, number];
        const cos = Math.cos(angle(i));
        return (
          <g key={key}>
            <line className="fit-radar-axis" x1={cx} y1={cy} x2={x} y2={y} />
            <text
              className="fit-radar-label"
              x={lx}
              y={ly + 4}
              textAnchor={Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end'}
            >
              {t(`componentsShort.${key}`)}
            </text>
          </g>
        );
      })}
      <polygon className="fit-radar-a" points={shape(a)} />
      <polygon className="fit-radar-b" points={shape(b)} />
    </svg>
  );
}

function VenueColumn({ match, side }: { match: VenueMatch; side: 'a' | 'b' }) {
  const { t } = useTranslation('venueFit');
  return (
    <section className={`fit-compare-col fit-compare-${side}`} data-testid={`fit-compare-${side}`}>
      <header className="fit-compare-head">
        <ScoreBadge score={match.score} large />
        <div>
          <h3 className="fit-compare-name">
            <span className={`fit-swatch fit-swatch-${side}`} aria-hidden="true" />
            {match.name}
          </h3>
          <p className="muted">{placeLine(match.city, match.country)}</p>
        </div>
      </header>
      <h4 className="fit-h4">{t('explain.recommendations')}</h4>
      <Recommendations items={match.recommendations} />
      <h4 className="fit-h4">{t('explain.acoustics')}</h4>
      <AcousticsLine acoustics={match.acoustics} />
      <h4 className="fit-h4">
        {match.similarArtists.length
          ? t('explain.similar', { count: match.similarArtists.length })
          : t('explain.similarTitle')}
      </h4>
      <SimilarAtVenueList items={match.similarArtists} />
    </section>
  );
}

/** Two venues side by side for one artist: paired bars, a radar, the sentences per component. */
export function Compare() {
  const { t, i18n } = useTranslation('venueFit');
  const language = fitLanguage(i18n.language);
  const { artistId, compare, weightsVersion, set } = useMatch();
  const [venueA, venueB] = compare;
  const [result, setResult] = useState<{ key: string; data: CompareResult } | null>(null);
  const ready = artistId !== '' && venueA !== '' && venueB !== '' && venueA !== venueB;
  const key = JSON.stringify([artistId, venueA, venueB, language, weightsVersion]);

  useEffect(() => {
    if (!ready) return;
    let live = true;
    api.invoke('fit.compare', { artistId, venueIds: [venueA, venueB], language }).then(
      (data) => live && setResult({ key, data }),
      (error: unknown) => live && toastError(error),
    );
    return () => {
      live = false;
    };
  }, [ready, artistId, venueA, venueB, language, key]);

  const data = ready && result ? result.data : null;
  const venueSelect = (id: string, label: string, value: string, onChange: (v: string) => void) => (
    <EntityPicker id={id} kind="venue" label={label} value={value} onChange={onChange} />
  );

  let verdict: string | null = null;
  if (data) {
    const [a, b] = data.venues;
    if (a.score !== null && b.score !== null)
      verdict =
        a.score === b.score
          ? t('compare.tie', { score: a.score })
          : t('compare.better', {
              name: a.score > b.score ? a.name : b.name,
              points: Math.abs(a.score - b.score),
            });
  }

  return (
    <div className="fit-panel">
      <div className="fit-toolbar">
        <EntityPicker
          id="fit-compare-artist"
          kind="artist"
          label={t('pickers.artist')}
          value={artistId}
          onChange={(id) => set({ artistId: id })}
        />
        {venueSelect('fit-compare-a', t('pickers.venueA'), venueA, (v) => set({ compare: [v, venueB] }))}
        {venueSelect('fit-compare-b', t('pickers.venueB'), venueB, (v) => set({ compare: [venueA, v] }))}
      </div>
      {!ready ? (
        <div className="panel-hint">
          <p>{venueA !== '' && venueA === venueB ? t('compare.sameVenue') : t('compare.pickTwo')}</p>
          <p className="muted">{t('compare.pickTwoHint')}</p>
        </div>
      ) : data === null ? (
        <p className="muted fit-loading">{t('results.loading')}</p>
      ) : (
        <div
          className={result?.key === key ? 'fit-compare' : 'fit-compare fit-stale'}
          data-testid="fit-compare"
        >
          <h2 className="fit-h2">{t('compare.title', { artist: data.artistName })}</h2>
          {verdict ? (
            <p className="fit-verdict" data-testid="fit-verdict">
              {verdict}
            </p>
          ) : null}
          <div className="fit-compare-charts">
            <PairedBars t={t} a={data.venues[0]} b={data.venues[1]} />
            <figure className="fit-radar-figure">
              <Radar t={t} a={data.venues[0]} b={data.venues[1]} />
              <figcaption className="fit-legend">
                <span>
                  <span className="fit-swatch fit-swatch-a" aria-hidden="true" /> {data.venues[0].name}
                </span>
                <span>
                  <span className="fit-swatch fit-swatch-b" aria-hidden="true" /> {data.venues[1].name}
                </span>
              </figcaption>
            </figure>
          </div>
          <table className="table fit-compare-table">
            <thead>
              <tr>
                <th scope="col">{t('compare.criterion')}</th>
                <th scope="col">{data.venues[0].name}</th>
                <th scope="col">{data.venues[1].name}</th>
              </tr>
            </thead>
            <tbody>
              {FIT_COMPONENT_KEYS.map((k) => (
                <tr key={k}>
                  <th scope="row">{t(`components.${k}`)}</th>
                  {data.venues.map((m) => {
                    const c = m.components.find((x) => x.key === k);
                    return (
                      <td key={m.venueId}>
                        <strong className="fit-compare-score">{c?.score ?? '—'}</strong> {c?.sentence ?? ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="fit-compare-cols">
            <VenueColumn match={data.venues[0]} side="a" />
            <VenueColumn match={data.venues[1]} side="b" />
          </div>
        </div>
      )}
    </div>
  );
}
