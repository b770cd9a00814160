import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      // Pure client helpers: no database.
      { test: { name: 'client', include: ['client/src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'server',
          include: ['tests/**/*.test.ts'],
          environment: 'node',
          // One PostgreSQL for the run; each file clones the migrated template into its own database,
          // so files run in parallel safely.
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/per-file-database.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
