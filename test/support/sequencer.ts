/**
 * vitest's order of test files, with one addition for a run that has no
 * timings yet (a fresh clone, CI). vitest runs the files that took longest
 * last time first, which keeps every worker busy to the end; without its
 * cache (node_modules/.vite/vitest) it runs the largest files first, and a
 * small file that waits on child processes for 15 s (test/cli/bundle.test.ts)
 * then started last and ran alone at the end. Such a run takes the files
 * below first, longest first. A stale entry changes the order, never a
 * result.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The longest test files by wall time, longest first (fresh clone, 2 cores, `CI=true`, 2026-12-06). */
export const SLOWEST_TEST_FILES: readonly string[] = [
  'test/serialize/property.test.ts',
  'test/db/pglite-snapshot.test.ts',
  'test/security/read-only-db.test.ts',
  'test/cli/bundle.test.ts',
  'test/import/round-trip.property.test.ts',
  'test/import/fuzz.test.ts',
  'test/provisioning/generated.test.ts',
  'test/db/pglite-data-dir.test.ts',
  'test/import/reference.test.ts',
  'test/cli/startup.test.ts',
  'test/security/db-cli.test.ts',
  'test/db/metrics.test.ts',
  'test/security/pglite-lock.test.ts',
  'test/check/check.test.ts',
  'test/security/module-loading.test.ts',
];

export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const relative = (f: TestSpecification) => path.relative(root, f.moduleId).split(path.sep).join('/');
    const timed = sorted.some((f) => this.ctx.cache.getFileTestResults(`${f.project.name}:${path.relative(root, f.moduleId)}`) !== undefined);
    if (timed) return sorted;
    const rank = (f: TestSpecification) => {
      const i = SLOWEST_TEST_FILES.indexOf(relative(f));
      return i === -1 ? SLOWEST_TEST_FILES.length : i;
    };
    // Stable, and within each project: vitest runs projects one after another.
    const projects = [...new Set(sorted.map((f) => f.project.name))];
    return projects.flatMap((p) => sorted.filter((f) => f.project.name === p).sort((a, b) => rank(a) - rank(b)));
  }
}
