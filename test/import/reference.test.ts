/**
 * The reference dashboards (transformers' benchmark and metrics-monitoring
 * examples): each imports to TypeScript that type-checks under the strict
 * options and rebuilds to a semantically equal dashboard.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDashboards, semanticEqual } from '../../src/diff/diff.js';
import { importDashboard, type ImportResult } from '../../src/import/import.js';
import { isDatasource } from '../../src/datasources/datasource.js';
import { needShared, repoRoot, sharedPath } from '../support/shared.js';
import { rebuild, Scratch, typeErrors } from './support/generated.js';
import { importTypeScript } from '../support/ts-module.js';
import { REFERENCE_DASHBOARDS } from './support/reference.js';

function readReference(name: string): unknown {
  return JSON.parse(readFileSync(sharedPath(name), 'utf8'));
}

describe.runIf(needShared)('importing the reference dashboards', () => {
  const scratch = new Scratch();
  const files: string[] = [];
  afterAll(() => scratch.remove());

  for (const name of REFERENCE_DASHBOARDS) {
    describe(name, () => {
      // Read in beforeAll, not here: vitest runs describe bodies even for suites it skips, and a clone has no ../shared.
      let original: unknown;
      beforeAll(() => {
        original = readReference(name);
      });
      let result: ImportResult;

      let file: string;
      it('imports without errors, with nothing left unreproduced', async () => {
        ({ result, file } = await scratch.importTo(original, { file: name }));
        expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(result.roundTrip).toEqual([]);
        expect(result.code).toMatch(/^export default dashboard\(\{$/m);
      });

      it('rebuilds, through the dashcode module loader and compileDashboard, to a semantically equal dashboard', async () => {
        files.push(file);
        const rebuilt = await rebuild(file);
        expect(diffDashboards(original, rebuilt)).toEqual([]);
        expect(semanticEqual(original, rebuilt)).toBe(true);
      });
    });
  }

  it('the generated modules type-check under tsc --strict', async () => {
    expect(files).toHaveLength(REFERENCE_DASHBOARDS.length);
    expect(await typeErrors(files)).toEqual([]);
  }, 240_000);
});

describe.runIf(needShared)('what the benchmark import says', () => {
  let original: unknown;
  beforeAll(() => {
    original = readReference(REFERENCE_DASHBOARDS[0]!);
  });

  it('uses the builders, interpolates nothing unsafe, and keeps ${branch} verbatim with a warning', async () => {
    const { code, issues } = await importDashboard(original, { library: 'dashcode' });
    expect(code).toContain("import {");
    expect(code).toContain('const branch = queryVariable({');
    expect(code).toContain('sqlQuery({');
    expect(code).toContain('WHERE branch = \\${branch}');
    expect(issues.filter((i) => i.code === 'import-variable-reference').length).toBeGreaterThan(0);
    expect(issues.find((i) => i.code === 'import-variable-reference')?.message).toMatch(/does not quote a single value/);
  });

  it('references a known datasource by its export and adds an unknown one as external', async () => {
    const known = [{ exportName: 'metricsDb', uid: 'bdz2yss7sxo1sc', type: 'grafana-postgresql-datasource' }];
    const withKnown = await importDashboard(original, { datasources: known, datasourcesModule: '../datasources/index.js' });
    expect(withKnown.code).toContain("import { metricsDb } from '../datasources/index.js';");
    expect(withKnown.newDatasources).toEqual([]);
    const withoutKnown = await importDashboard(original, {});
    expect(withoutKnown.newDatasources.map((s: { uid: string }) => s.uid)).toEqual(['bdz2yss7sxo1sc']);
    expect(withoutKnown.newDatasources[0]!.code).toBe("externalDatasource({ type: 'grafana-postgresql-datasource', uid: 'bdz2yss7sxo1sc' })");
    expect(withoutKnown.code).not.toContain('Datasource(');
  });

  it('lists the table footer (not in the table options type) as kept through raw', async () => {
    const { unmodelled, code } = await importDashboard(original, {});
    expect(unmodelled.some((u) => u.includes('options.footer') && u.includes('raw'))).toBe(true);
    expect(code).toContain('raw: { options: { footer:');
  });

  it('omits w/h/x where the automatic layout reproduces gridPos', async () => {
    const { code } = await importDashboard(original, {});
    // Two 12-wide barcharts side by side under a row need only their height.
    expect(code).toMatch(/title: 'Second eager forward pass',\n\s+h: 12,\n/);
    expect(code).not.toMatch(/\by: \d+/);
  });
});

describe("the repository's own example, generated/panel-gallery.json", () => {
  const scratch = new Scratch();
  afterAll(() => scratch.remove());

  it('imports with the project datasources by export and rebuilds to the same dashboard', async () => {
    const datasourcesFile = path.join(repoRoot, 'datasources/index.ts');
    const mod = (await importTypeScript(datasourcesFile)) as Record<string, unknown>;
    const known = Object.entries(mod).flatMap(([exportName, v]) => (isDatasource(v) ? [{ exportName, uid: v.uid, type: v.type, name: v.name, spec: v }] : []));
    const original = JSON.parse(readFileSync(path.join(repoRoot, 'generated/panel-gallery.json'), 'utf8')) as unknown;
    const datasourcesModule = path.relative(scratch.dir, datasourcesFile).split(path.sep).join('/').replace(/\.ts$/, '.js');
    const result = await importDashboard(original, { library: scratch.library, datasources: known, datasourcesModule });
    expect(result.newDatasources).toEqual([]);
    expect(result.unmodelled).toEqual([]);
    expect(result.code).toMatch(/import \{ metricsDb, prometheus, tempo \} from '[^']*datasources\/index\.js';/);
    const rebuilt = await rebuild(scratch.write(result.code));
    expect(diffDashboards(original, rebuilt)).toEqual([]);
  });
});
