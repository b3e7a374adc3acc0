import type { Migration } from '../migrations';

export const forecastMigration: Migration = {
  version: 6,
  name: 'event history and forecast models',
  sql: `
`,
};
