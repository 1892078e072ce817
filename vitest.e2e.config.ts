import { defineConfig } from 'vitest/config';

/** `npm run test:e2e`: packed-tarball tests in scratch repositories (slow; .ci/run runs them after `npm test`). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/support/e2e-scratch-root.ts'],
  },
});
