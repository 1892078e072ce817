/** The test-file order of a run without vitest's timings (test/support/sequencer.ts). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestSpecification, Vitest } from 'vitest/node';
import SlowestFirstSequencer, { SLOWEST_TEST_FILES } from './support/sequencer.js';
import { repoRoot } from './support/shared.js';

const spec = (file: string, project = 'shared') =>
  ({ moduleId: path.join(repoRoot, file), project: { name: project, config: { sequence: { groupOrder: 0 }, isolate: project === 'isolated' } } }) as unknown as TestSpecification;

function sequencer(timed: Record<string, number>): SlowestFirstSequencer {
  const cache = {
    getFileTestResults: (key: string) => (key in timed ? { duration: timed[key], failed: false } : undefined),
    // Sizes as vitest would see them: the small slow file is the smallest.
    getFileStats: (key: string) => ({ size: key.endsWith('bundle.test.ts') ? 1 : key.length }),
  };
  return new SlowestFirstSequencer({ config: { root: repoRoot }, cache } as unknown as Vitest);
}

const files = ['test/a-small.test.ts', 'test/cli/bundle.test.ts', 'test/some/much-larger-file.test.ts', 'test/serialize/property.test.ts'];

describe('SlowestFirstSequencer', () => {
  it('without timings (a fresh clone): the listed slowest files first, in list order, then vitest\'s order (largest first)', async () => {
    const order = (await sequencer({}).sort(files.map((f) => spec(f)))).map((s) => path.relative(repoRoot, s.moduleId));
    expect(order).toEqual(['test/serialize/property.test.ts', 'test/cli/bundle.test.ts', 'test/some/much-larger-file.test.ts', 'test/a-small.test.ts']);
  });

  it('keeps projects apart: the isolated project still runs first', async () => {
    const order = (await sequencer({}).sort([spec('test/cli/bundle.test.ts'), spec('test/preview/units-grafana.test.ts', 'isolated')])).map((s) => s.project.name);
    expect(order).toEqual(['isolated', 'shared']);
  });

  it('with timings: vitest\'s own order, longest last time first', async () => {
    const timed = Object.fromEntries(files.map((f, i) => [`shared:${f}`, i === 0 ? 100 : i]));
    const order = (await sequencer(timed).sort(files.map((f) => spec(f)))).map((s) => path.relative(repoRoot, s.moduleId));
    expect(order[0]).toBe('test/a-small.test.ts');
  });

  it('lists only files that exist (a renamed file would silently lose its place)', () => {
    expect(SLOWEST_TEST_FILES.filter((f) => !existsSync(path.join(repoRoot, f)))).toEqual([]);
  });
});
