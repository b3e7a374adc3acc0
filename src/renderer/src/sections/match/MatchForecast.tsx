import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ForecastPanel } from '../forecast/ForecastPanel';
import { openForecast, useForecastSelection } from '../forecast/store';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The forecast panel under a venue's explanation in the match view: how many tickets this artist would
 * sell in this room on a date the booker picks (shared with the Prévisions section, so both agree), and
 * a way to open the full forecast (price curve, best dates).
 */
export function MatchForecast({ artistId, venueId }: { artistId: string; venueId: string }) {
  const { t } = useTranslation('venueFit');
  const date = useForecastSelection((s) => s.date);
  const setSelection = useForecastSelection((s) => s.set);
  const inputId = useId();
  return (
    <section className="fit-forecast" aria-labelledby={`${inputId}-title`}>
      <div className="fit-forecast-head">
        <h4 className="fit-h4" id={`${inputId}-title`}>
          {t('forecast.title')}
        </h4>
        <label htmlFor={inputId}>{t('forecast.date')}</label>
        <input
          id={inputId}
          type="date"
          className="input"
          value={date}
          onChange={(event) => {
            if (ISO_DATE.test(event.target.value)) setSelection({ date: event.target.value });
          }}
        />
        <button
          type="button"
          className="button button-small"
          onClick={() => openForecast({ artistId, venueId, date })}
        >
          {t('forecast.open')}
        </button>
      </div>
      <ForecastPanel artistId={artistId} venueId={venueId} date={date} headingLevel={3} />
    </section>
  );
}
