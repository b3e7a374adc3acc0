import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
