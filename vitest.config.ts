import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { ISOLATED_TEST_FILES } from './test/support/isolated-files.js';
import { EMBEDDED_WASM_FLAGS } from './src/cli/wasm-flags.js';
import SlowestFirstSequencer from './test/support/sequencer.js';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

// The repository's dashboards import `dashcode` by name; here, as in tsconfig.json "paths", it means src/.
const resolve = {
  alias: [
    { find: /^dashcode$/, replacement: src('index.ts') },
    { find: /^dashcode\/(config|provisioning|check|lint|diff|import|preview|alerting)$/, replacement: src('entries/$1.ts') },
  ],
};

// What both projects share. Not through `extends: true`: that would give each project the root's
// globalSetup too, and vitest runs the root's and every project's, so it would run three times.
const common = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: 'forks',
  // The workers open PGlite in-process dozens of times (a fresh database per suite) and V8's optimizing tier
  // compiled its WebAssembly in the background each time, for queries that last milliseconds: the trade the
  // CLI makes for the embedded database (EMBEDDED_WASM_FLAGS, src/cli/wasm-flags.js). Measured on 2 cores, same
  // spell: the whole suite 255 → 217 s CPU, 142 → 123 s wall. Same results: only how the WebAssembly is compiled changes.
  execArgv: [...EMBEDDED_WASM_FLAGS],
  // buildDashboard validates the whole document in tests (`--validate full`), not only unchecked parts.
  setupFiles: ['test/support/validate-full.ts'],
} as const;

export default defineConfig({
  resolve,
  test: {
    // vitest's default is one worker per core minus one: a single worker on a 2-core machine. Many
    // tests wait on child processes, PGlite's worker, a real server or a timeout, so one worker more than
    // cores keeps the cores busy. Measured on 2 cores (same spell, wall): 2 workers 101–106 s, 3 workers
    // 97 s, 4 workers 103 s (each extra worker imports the shared module graph again).
    maxWorkers: availableParallelism() + 1,
    // Longest files first on a run without vitest's timings (a fresh clone), as vitest does with them.
    sequence: { sequencer: SlowestFirstSequencer },
    // Run once, by the root project. Prints each reason tests are skipped on this machine once, not once per file.
    // scratch-root.ts: one TMPDIR per run with a dashcode cache folder (the PGlite snapshot, transpiled modules).
    globalSetup: ['test/support/announce-skips.ts', 'test/support/scratch-root.ts'],
    projects: [
      {
        resolve,
        test: {
          ...common,
          name: 'shared',
          include: ['test/**/*.test.ts'],
          // Packed-tarball tests in scratch repositories: `npm run test:e2e` (vitest.e2e.config.ts).
          exclude: [...configDefaults.exclude, 'test/e2e/**', ...ISOLATED_TEST_FILES],
          // One module graph per worker (see test/support/isolated-files.ts).
          isolate: false,
        },
      },
      { resolve, test: { ...common, name: 'isolated', include: [...ISOLATED_TEST_FILES], isolate: true } },
    ],
  },
});
