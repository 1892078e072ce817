/**
 * What `dashcode build` would refuse in a generated module: its dashboard
 * built against the datasources module written beside it (`datasourcesN.ts`
 * for `dashboardN.ts`, see Scratch.importTo), then linted, as planBuild does.
 */
import path from 'node:path';
import { buildDashboard } from '../../../src/build.js';
import { isDatasource, type DatasourceSpec } from '../../../src/datasources/datasource.js';
import type { DashboardSpec } from '../../../src/dashboards/dashboard.js';
import { lintDashboard } from '../../../src/lint/dashboard/lint.js';
import { importTypeScript } from '../../support/ts-module.js';

export async function buildErrors(file: string): Promise<string[]> {
  // dashcode's own loader, as `dashcode build` loads a project: tsx's tsImport registered a second hooks chain in
  // the worker, through which every later import of the worker's other test files then went (issue 15).
  const load = async (f: string) => (await importTypeScript(f)) as Record<string, unknown>;
  const n = path.basename(file).match(/^dashboard(\d+)\.ts$/)?.[1];
  const datasources = n === undefined ? [] : Object.values(await load(path.join(path.dirname(file), `datasources${n}.ts`))).filter((v): v is DatasourceSpec => isDatasource(v));
  const spec = (await load(file)).default as DashboardSpec;
  const result = buildDashboard(spec, { datasources });
  const issues = [...result.issues, ...(result.text !== undefined ? lintDashboard(result.json, { datasources }) : [])];
  return issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.path}: ${i.message}`);
}
