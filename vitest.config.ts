import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // every answer the suite receives is checked against the route's declared schema (src/http/contract)
    env: { WORKLEDGER_CHECK_RESPONSES: '1' },
  },
});
