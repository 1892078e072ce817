/**
 * The TypeScript hooks (src/files/ts-hooks.js) give each load of a project a
 * fresh module graph (`?dashcode-load=N`), so a rebuild sees edited helpers.
 * dashcode's own sources are the library, not the project: a project that
 * imports them (by path, as test projects and this checkout's dashboards do)
 * gets them once per process, as it would get an installed package. Loading
 * the library again for every build was most of the test suite's module loading.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir } from '../../src/cli/cache-dir.js';
import { importInGeneration, moduleGraph, newGeneration, registerTypeScript } from '../../src/files/ts-loader.js';
import { repoRoot } from '../support/shared.js';
import { tempProject } from '../support/temp-project.js';

const SRC = path.join(repoRoot, 'src') + path.sep;

describe('project loads through the TypeScript hooks', () => {
  it('share one copy of the library and get fresh project modules each generation', async () => {
    registerTypeScript(cacheDir(repoRoot));
    const dir = tempProject({
      'helper.ts': 'export const made = Symbol("helper");\n',
      'dashboards/a.ts': "import { dashboard } from DASHCODE;\nimport { made } from '../helper.ts';\nexport { dashboard, made };\n",
    });
    const file = path.join(dir, 'dashboards/a.ts');
    const [first, second] = [newGeneration(), newGeneration()];
    const one = (await importInGeneration(file, first)) as { dashboard: unknown; made: symbol };
    writeFileSync(path.join(dir, 'helper.ts'), 'export const made = Symbol("edited");\n');
    const two = (await importInGeneration(file, second)) as { dashboard: unknown; made: symbol };
    expect(two.dashboard).toBe(one.dashboard);
    expect(one.made.description).toBe('helper');
    expect(two.made.description).toBe('edited');
    // The graph the per-dashboard cache keys by is the project's: the library is salted in by its source key instead.
    const graph = await moduleGraph(second);
    expect([...graph.keys()].filter((f) => f.startsWith(SRC))).toEqual([]);
    expect([...graph.keys()].map((f) => path.relative(dir, f)).sort()).toEqual(['dashboards/a.ts', 'helper.ts']);
  });
});
