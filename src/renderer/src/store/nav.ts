import { create } from 'zustand';

export const SECTIONS = [
  'demos',
  'artists',
  'venues',
  'match',
  'offers',
  'forecast',
  'contracts',
  'settings',
] as const;
export type Section = (typeof SECTIONS)[number];

/** Given the navigation to perform, runs it now or after asking (a form with unsaved changes). */
export type Blocker = (proceed: () => void) => void;

interface NavState {
  section: Section;
  blocker: Blocker | null;
  go(section: Section): void;
  setBlocker(blocker: Blocker | null): void;
}

/** State-based routing: the one place that knows which section is shown. */
export const useNav = create<NavState>((set, get) => ({
  section: 'artists',
  blocker: null,
  go: (section) => {
    if (section === get().section) return;
    const proceed = () => set({ section, blocker: null });
    const blocker = get().blocker;
    if (blocker) blocker(proceed);
    else proceed();
  },
  setBlocker: (blocker) => set({ blocker }),
}));
