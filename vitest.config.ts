import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Packed-tarball tests in scratch repositories: `npm run test:e2e` (vitest.e2e.config.ts).
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Prints each reason tests are skipped on this machine once, not once per file.
    globalSetup: ['test/support/announce-skips.ts'],
    // buildDashboard validates the whole document in tests (`--validate full`), not only unchecked parts.
    setupFiles: ['test/support/validate-full.ts'],
  },
});
