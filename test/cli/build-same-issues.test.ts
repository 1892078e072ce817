/**
 * The CLI and the library report the same issues for the same spec (issue
 * #16): `dashcode build` lints each dashboard, and `buildDashboard` with
 * `lint: lintDashboard` (from dashcode/lint) returns what the build prints,
 * the `panel-unit` warning included.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDashboard, formatIssues } from '../../src/index.js';
import { lintDashboard } from '../../src/entries/lint.js';
import { run } from '../../src/cli/run.js';
import { loadProject } from '../../src/project/load.js';
import { captureIo, DATASOURCES, tempProject } from '../support/temp-project.js';

const DASHBOARD = `
import { dashboard, sql, sqlQuery, timeseriesPanel } from DASHCODE;
import { db } from '../datasources/index.ts';
export default dashboard({ uid: 'lat', title: 'Latency', panels: [timeseriesPanel({ title: 'Latency', queries: [sqlQuery({ datasource: db, sql: sql\`SELECT created_at AS time, latency_ms FROM runs WHERE $__timeFilter(created_at)\` })] })] });
`;

describe('dashcode build and buildDashboard', () => {
  it('report the same issues for one dashboard, the panel-unit warning included', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/lat.ts': DASHBOARD });
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache'], io)).toBe(0);
    expect(io.err).toContain('[panel-unit]');

    const project = await loadProject(dir);
    const d = project.dashboards.find((x) => x.file === path.join('dashboards', 'lat.ts') || x.file === 'dashboards/lat.ts')!;
    const library = buildDashboard(d.spec!, { datasources: project.datasources, file: d.file, lint: lintDashboard });
    expect(library.issues.map((i) => i.code)).toContain('panel-unit');
    expect(`${formatIssues(library.issues)}\n`).toBe(io.err);

    const withoutLint = buildDashboard(d.spec!, { datasources: project.datasources, file: d.file });
    expect(withoutLint.issues.map((i) => i.code)).not.toContain('panel-unit');
  });
});
