/**
 * What the builders do not model goes to the node's own `raw` (queries,
 * variables, rows, panels, the dashboard) and unknown panel types to
 * `pluginPanel`; the `withFields` helper is left only for what `raw` cannot
 * say. Every escape hatch `dashcode build` lists is in `unmodelled` too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDashboard } from '../../src/compile/compile.js';
import type { DashboardSpec } from '../../src/dashboards/dashboard.js';
import { diffDashboards } from '../../src/diff/diff.js';
import { describeChange } from '../../src/diff/format.js';
import { importDashboard } from '../../src/import/import.js';
import { KNOWN } from './support/arbitraries.js';
import { Scratch, typeErrors } from './support/generated.js';
import { importTypeScript } from '../support/ts-module.js';

const PG = { type: 'grafana-postgresql-datasource', uid: 'pg-main' };

const NOT_MODELLED = {
  uid: 'hatches',
  title: 'Escape hatches',
  schemaVersion: 39,
  preload: true,
  customTop: { a: 1 },
  timepicker: { refresh_intervals: ['5s'], foo: 'bar' },
  templating: {
    list: [{ name: 'c', type: 'custom', query: 'a,b', current: { text: 'a', value: 'a' }, weird: { x: 1 } }],
  },
  panels: [
    { type: 'row', title: 'R', collapsed: false, gridPos: { x: 0, y: 0, w: 24, h: 1 }, id: 1, panels: [], rowThing: 1 },
    {
      type: 'state-timeline',
      title: 'S',
      gridPos: { x: 0, y: 1, w: 12, h: 8 },
      id: 2,
      options: { rowHeight: 0.9 },
      fieldConfig: { defaults: { custom: { lineWidth: 0 } }, overrides: [] },
      targets: [{ refId: 'A', datasource: PG, rawSql: 'select 1', format: 'table', extra: [1] }],
    },
    { type: 'timeseries', title: 'TS', gridPos: { x: 12, y: 1, w: 12, h: 8 }, id: 3, options: { legend: { foo: 1 } } },
  ],
};

/** Only these need the helper: links have no `raw`, and `raw` cannot remove a field the builder writes. */
const BEYOND_RAW = {
  uid: 'helper',
  title: 'Beyond raw',
  schemaVersion: 39,
  links: [{ title: 'L', type: 'link', url: 'http://x', weird: 1 }],
  templating: { list: [{ name: 'c', type: 'custom', query: 'a,b' }] },
  panels: [],
};

describe('escape hatches in imported code', () => {
  const scratch = new Scratch();
  beforeAll(() => {
    scratch.write(`import { postgresDatasource, env } from '${scratch.library}';
export const metricsDb = postgresDatasource({ name: 'Metrics DB', uid: 'pg-main', url: env('PG_URL'), user: env('PG_USER'), password: env('PG_PASSWORD'), database: 'metrics' });
`, 'datasources.ts');
  });
  afterAll(() => scratch.remove());
  const options = { datasources: KNOWN, library: scratch.library, datasourcesModule: './datasources.js' };

  it("fields the builders lack go to each node's raw; an unknown panel type to pluginPanel", async () => {
    const result = await importDashboard(NOT_MODELLED, options);
    // customTop is outside Grafana's dashboard schema: Grafana neither reads nor saves it, so it is dropped, said and listed.
    expect(result.roundTrip.map(describeChange)).toEqual(['dashboard: customTop removed (was {"a":1})']);
    expect(result.unmodelled).toContain("dashboard: customTop (dropped: not in Grafana's dashboard schema)");
    const { code } = result;
    expect(code).not.toContain('withFields(');
    expect(code).not.toContain('tablePanel');
    expect(code).toMatch(/pluginPanel\(\{\s*type: 'state-timeline',/);
    expect(code).toContain('options: { rowHeight: 0.9 }');
    expect(code).toContain("sql: sql`select 1`, raw: { extra: [1] } })");
    expect(code).toContain("customVariable({ name: 'c', values: ['a', 'b'], raw: { weird: { x: 1 } } })");
    expect(code).toContain('raw: { rowThing: 1 }');
    expect(code).toMatch(/raw: \{ preload: true, timepicker: \{ foo: 'bar' \} \},\s*\}\);\s*$/);

    // Rebuilt as `dashcode build` loads it: same dashboard, and every escape hatch build lists is in unmodelled.
    const file = scratch.write(code);
    const mod = (await importTypeScript(file)) as { default: DashboardSpec };
    const compiled = compileDashboard(mod.default);
    expect(diffDashboards(NOT_MODELLED, compiled.json).map(describeChange)).toEqual(['dashboard: customTop removed (was {"a":1})']);
    expect(compiled.escapeHatches.length).toBeGreaterThanOrEqual(6);
    for (const hatch of compiled.escapeHatches) expect(listed(result.unmodelled, hatch), hatch).toBe(true);
    expect(await typeErrors([file])).toEqual([]);
  }, 240_000);

  it('withFields is left for dashboard links and for removing a field the builder writes', async () => {
    const result = await importDashboard(BEYOND_RAW, options);
    expect(result.roundTrip).toEqual([]);
    expect(result.code).toContain("withFields(urlLink({ title: 'L', url: 'http://x' }), { weird: 1 })");
    expect(result.code).toMatch(/withFields\(customVariable\(\{ name: 'c', values: \['a', 'b'\] \}\), \{\s*current: undefined,?\s*\}\)/);
    expect(result.unmodelled).toContain('variable "c": current (withFields: the builder writes it, and raw cannot remove a field)');
    expect(await typeErrors([scratch.write(result.code)])).toEqual([]);
  }, 240_000);
});

/** `panel "TS": options` is covered by `panel "TS": options.legend (raw: ...)`. */
function listed(unmodelled: readonly string[], hatch: string): boolean {
  const cut = hatch.lastIndexOf(': ');
  const where = hatch.slice(0, cut);
  const key = hatch.slice(cut + 2);
  return unmodelled.some((u) => {
    if (!u.startsWith(`${where}: `)) return false;
    const fields = u.slice(where.length + 2).replace(/ \(.*$/, '').split(', ');
    return fields.some((f) => f === key || f.startsWith(`${key}.`));
  });
}
