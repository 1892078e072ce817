import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  // The repository's dashboards import `dashcode` by name; here, as in tsconfig.json "paths", it means src/.
  resolve: {
    alias: [
      { find: /^dashcode$/, replacement: src('index.ts') },
      { find: /^dashcode\/(config|provisioning|check|lint|diff|import|preview|alerting)$/, replacement: src('entries/$1.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Packed-tarball tests in scratch repositories: `npm run test:e2e` (vitest.e2e.config.ts).
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Prints each reason tests are skipped on this machine once, not once per file.
    // scratch-root.ts: one TMPDIR per run with a dashcode cache folder (the PGlite snapshot, transpiled modules).
    globalSetup: ['test/support/announce-skips.ts', 'test/support/scratch-root.ts'],
    // buildDashboard validates the whole document in tests (`--validate full`), not only unchecked parts.
    setupFiles: ['test/support/validate-full.ts'],
  },
});
