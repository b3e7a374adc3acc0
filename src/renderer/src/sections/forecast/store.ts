import { create } from 'zustand';
import { addDays, addMonths, today } from '../../lib/money';
import { useNav } from '../../store/nav';

export const FORECAST_TABS = ['forecast', 'dates', 'history', 'model'] as const;
export type ForecastTab = (typeof FORECAST_TABS)[number];

/**
 * What the Prévisions section looks at: an artist × venue pair, a show date and a window of dates for
 * the heat map. Kept outside the section so another screen (the match view, an offer) can open the
 * forecast of a pair with `openForecast` without going through the section's props.
 */
interface ForecastSelection {
  artistId: string;
  venueId: string;
  date: string;
  from: string;
  to: string;
  tab: ForecastTab;
  set(patch: Partial<Omit<ForecastSelection, 'set'>>): void;
}

/** A first date a booker would look at: about three months ahead, when a show is usually booked. */
function defaultDate(): string {
  return addMonths(today(), 3);
}

export const useForecastSelection = create<ForecastSelection>((set) => {
  const date = defaultDate();
  return {
    artistId: '',
    venueId: '',
    date,
    from: addDays(date, -14),
    to: addDays(date, 45),
    tab: 'forecast',
    set: (patch) => set(patch),
  };
});

/** Shows the forecast of this pair on this date in the Prévisions section. */
export function openForecast(pair: { artistId: string; venueId: string; date?: string }): void {
  const { set } = useForecastSelection.getState();
  set({
    artistId: pair.artistId,
    venueId: pair.venueId,
    tab: 'forecast',
    ...(pair.date ? { date: pair.date } : {}),
  });
  useNav.getState().go('forecast');
}
