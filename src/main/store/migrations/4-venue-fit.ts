import type { Migration } from '../migrations';

export const venueFitMigration: Migration = {
  version: 4,
  name: 'venue profiles and venue fit',
  sql: `
`,
};
