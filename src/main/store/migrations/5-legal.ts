import type { Migration } from '../migrations';

export const legalMigration: Migration = {
  version: 5,
  name: 'contracts, rules table and signatures',
  sql: `
`,
};
