import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Artist, Venue } from '../../../../shared/domain';
import { api } from '../../api';
import { toastError } from '../../store/toasts';

export interface Catalogue {
  artists: Artist[];
  venues: Venue[];
  artistById: ReadonlyMap<string, Artist>;
  venueById: ReadonlyMap<string, Venue>;
  loaded: boolean;
  reload(): void;
}

/** The artists and venues the pickers offer, loaded once per visit of the section (500 of each at most). */
export function useCatalogue(): Catalogue {
  const [state, setState] = useState<{ artists: Artist[]; venues: Venue[]; loaded: boolean }>({
    artists: [],
    venues: [],
    loaded: false,
  });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([
      api.invoke('artists.list', { query: '', limit: 500, offset: 0 }),
      api.invoke('venues.list', { query: '', limit: 500, offset: 0 }),
    ]).then(
      ([artists, venues]) => {
        if (live) setState({ artists: artists.items, venues: venues.items, loaded: true });
      },
      (error: unknown) => {
        if (!live) return;
        setState((current) => ({ ...current, loaded: true }));
        toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [version]);

  const artistById = useMemo(() => new Map(state.artists.map((a) => [a.id, a])), [state.artists]);
  const venueById = useMemo(() => new Map(state.venues.map((v) => [v.id, v])), [state.venues]);
  const reload = useCallback(() => setVersion((n) => n + 1), []);
  return { ...state, artistById, venueById, reload };
}
