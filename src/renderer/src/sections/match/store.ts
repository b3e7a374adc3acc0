import { create } from 'zustand';

export const MATCH_TABS = ['artist', 'venue', 'compare'] as const;
export type MatchTab = (typeof MATCH_TABS)[number];

interface MatchState {
  tab: MatchTab;
  /** The search bar's text; its parsed filters narrow the artist → venues ranking. */
  query: string;
  artistId: string;
  venueId: string;
  /** The two venues of the comparison ('' = not chosen). */
  compare: [string, string];
  /** Bumped when the weights are saved, so every ranking on screen asks again. */
  weightsVersion: number;
  /** Bumped when venues were imported, so pickers and rankings reload. */
  catalogueVersion: number;
  set(patch: Partial<Pick<MatchState, 'tab' | 'query' | 'artistId' | 'venueId' | 'compare'>>): void;
  /** Ticks or unticks a venue for the comparison; a third tick replaces the older of the two. */
  toggleCompare(venueId: string): void;
  weightsSaved(): void;
  catalogueChanged(): void;
}

/**
 * What the « Adéquation » section shows, kept across visits of the section (and settable from
 * elsewhere, e.g. a demo card's "open in Adéquation", without touching the navigation store).
 */
export const useMatch = create<MatchState>((set) => ({
  tab: 'artist',
  query: '',
  artistId: '',
  venueId: '',
  compare: ['', ''],
  weightsVersion: 0,
  catalogueVersion: 0,
  set: (patch) => set(patch),
  toggleCompare: (venueId) =>
    set(({ compare: [a, b] }) => {
      if (a === venueId) return { compare: [b, ''] };
      if (b === venueId) return { compare: [a, ''] };
      if (a === '') return { compare: [venueId, b] };
      if (b === '') return { compare: [a, venueId] };
      return { compare: [b, venueId] };
    }),
  weightsSaved: () => set((s) => ({ weightsVersion: s.weightsVersion + 1 })),
  catalogueChanged: () => set((s) => ({ catalogueVersion: s.catalogueVersion + 1 })),
}));
