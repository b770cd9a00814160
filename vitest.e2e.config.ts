import { defineConfig } from 'vitest/config';

// End-to-end specs: a real Chromium (playwright-core) against the built product,
// started as its own process on an embedded PostgreSQL in a temp dir.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
