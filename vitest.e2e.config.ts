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
    // A page under a loaded CI machine can take seconds to answer; vitest's 1 s default for
    // expect.poll made specs fail on timing alone. A spec that needs longer still says so.
    expect: { poll: { timeout: 10_000 } },
  },
});
