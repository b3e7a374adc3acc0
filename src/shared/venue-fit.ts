// Venue fit (issue #4): venue profiles, acoustic fit, match scores, similar artists, search.
// Domain types and this feature's contract methods (spread into contract.ts).

export const venueFitMethods = {} as const;
