// Venue catalogue import/export (issue #4): CSV with preview and line-by-line errors, the French
// festivals open data. Its contract methods (spread into contract.ts).

export const venueImportMethods = {} as const;
