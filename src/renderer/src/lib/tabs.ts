/**
 * The tab a key moves to in a WAI-ARIA tab list (arrows wrap, Home and End jump), or undefined for
 * any other key. One rule for every section's tabs.
 */
export function tabForKey<T>(key: string, tabs: readonly T[], current: T): T | undefined {
  const index = tabs.indexOf(current);
  switch (key) {
    case 'ArrowRight':
      return tabs[(index + 1) % tabs.length];
    case 'ArrowLeft':
      return tabs[(index - 1 + tabs.length) % tabs.length];
    case 'Home':
      return tabs[0];
    case 'End':
      return tabs[tabs.length - 1];
    default:
      return undefined;
  }
}
