/**
 * Test files that change process-wide state (the time zone, a global, the
 * clock, the working directory) run in a fresh module graph of their own.
 * Every other file shares its worker's module graph with the files before it
 * (vitest `isolate: false`): loading src/, zod and ajv once per worker instead
 * of once per file halves the suite's CPU time (issue 15).
 *
 * test/test-isolation.test.ts fails when a file outside this list mutates
 * such state, so a leak cannot reach the shared graph unnoticed.
 */
export const ISOLATED_TEST_FILES: readonly string[] = ['test/preview/units-grafana.test.ts'];

/** Files that change process-wide state and put it back themselves (in a `finally` or an `afterAll`), so they may share a graph. */
export const RESTORING_TEST_FILES: Readonly<Record<string, string>> = {
  'test/db/engine-layer.test.ts': 'sets the PG* variables for one test and restores them in `finally`',
};
