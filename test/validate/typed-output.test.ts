/**
 * Issue 15: at run time `buildDashboard` validates only what did not come
 * through a typed builder. These tests are what lets it skip the rest:
 * property tests over the builders' inputs prove their output valid against
 * dashcode's output schema and Grafana's published schemas; and the parts
 * that are not proven (raw, pluginPanel, hand-made or verbatim specs) are
 * still validated, with the same issues as `validate: 'full'`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  barchartPanel,
  bargaugePanel,
  buildDashboard,
  compileDashboard,
  customVariable,
  dashboard,
  gaugePanel,
  histogramPanel,
  metricName,
  overrideByName,
  overrideByType,
  piechartPanel,
  pluginPanel,
  promql,
  promQuery,
  row,
  sql,
  sqlQuery,
  statPanel,
  tablePanel,
  timeseriesPanel,
  type PanelSpec,
  type RowSpec,
} from '../../src/index.js';
import { uncheckedPanelIndices } from '../../src/compile/compile.js';
import { validateDashboardJson } from '../../src/validate/output.js';
import { hasErrors } from '../../src/model/issue.js';
import { validateWithGrafanaSchemas } from '../support/grafana-oracle.js';
import { hasShared } from '../support/shared.js';
import { testDatasources } from '../support/fixtures.js';

const { db, prom } = testDatasources();
const instance = customVariable({ name: 'instance', values: ['a', 'b'], multi: true, includeAll: true, raw: { allowCustomValue: false } });

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,15}$/);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
const link = fc.record({ title: word, url: word.map((w) => `https://example.com/${w}`), targetBlank: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['title', 'url'] });
const thresholds = fc.record({
  mode: fc.option(fc.constantFrom('absolute' as const, 'percentage' as const), { nil: undefined }),
  steps: fc.array(fc.record({ color: fc.constantFrom('green', 'red', '#ff0000'), value: fc.option(finite, { nil: undefined }) }), { minLength: 1, maxLength: 4 }),
});
const fieldProperties = fc.record(
  {
    unit: fc.constantFrom('reqps', 's', 'ms', 'bytes', 'percent', 'short', 'none'),
    decimals: fc.integer({ min: 0, max: 20 }),
    min: finite,
    max: finite,
    displayName: word,
    noValue: word,
    thresholds,
    color: fc.constantFrom('green', 'blue', '#123456'),
  },
  { requiredKeys: [] },
);
const queries = fc.array(
  fc.oneof(
    fc.record({ metric: fc.stringMatching(/^[a-z_][a-z0-9_]{0,15}$/), legend: fc.option(word, { nil: undefined }) }).map(({ metric, legend }) =>
      promQuery({ datasource: prom, expr: promql`sum by (instance) (rate(${metricName(`${metric}_total`)}{instance=~"${instance}"}[$__rate_interval]))`, legendFormat: legend }),
    ),
    fc.integer({ min: 0, max: 1000 }).map((n) => sqlQuery({ datasource: db, sql: sql`SELECT time, value FROM metrics WHERE id = ${n} AND instance IN (${instance}) AND $__timeFilter(time)` })),
  ),
  { minLength: 1, maxLength: 3 },
);
const common = fc.record(
  {
    title: word,
    description: word,
    transparent: fc.boolean(),
    w: fc.integer({ min: 1, max: 24 }),
    h: fc.integer({ min: 1, max: 20 }),
    queries,
    dataLinks: fc.array(link, { maxLength: 2 }),
    links: fc.array(link, { maxLength: 2 }),
    overrides: fc.array(
      fc.oneof(
        fc.tuple(word, fieldProperties).map(([n, p]) => overrideByName(n, p)),
        fieldProperties.map((p) => overrideByType('number', p)),
      ),
      { maxLength: 2 },
    ),
    repeat: fc.record({ variable: fc.constant(instance), direction: fc.constantFrom('h' as const, 'v' as const), maxPerRow: fc.integer({ min: 1, max: 24 }) }, { requiredKeys: ['variable'] }),
    interval: fc.constantFrom('1m', '30s'),
    maxDataPoints: fc.integer({ min: 1, max: 10_000 }),
    timeFrom: fc.constantFrom('1h', '7d'),
    timeShift: fc.constantFrom('1h', '1d'),
    hideTimeOverride: fc.boolean(),
  },
  { requiredKeys: ['title', 'queries'] },
);
const kinds = [timeseriesPanel, tablePanel, barchartPanel, statPanel, gaugePanel, bargaugePanel, piechartPanel, histogramPanel] as const;
const panel = fc.tuple(fc.constantFrom(...kinds), common, fieldProperties).map(([build, c, f]) => (build as (o: object) => PanelSpec)({ ...f, ...c }));
const items = fc.array(
  fc.oneof(
    panel,
    fc.record({ title: word, collapsed: fc.boolean(), panels: fc.array(panel, { maxLength: 3 }) }).map((r): RowSpec => row(r)),
  ),
  { minLength: 1, maxLength: 6 },
);

describe("typed builders' output is schema-valid (so the default build skips ajv for it)", () => {
  it('every dashboard of typed panels, queries and rows that compiles without errors validates against the output schema', () => {
    fc.assert(
      fc.property(items, (panels) => {
        const compiled = compileDashboard(dashboard({ uid: 'typed', title: 'Typed', variables: [instance], panels }));
        fc.pre(!hasErrors(compiled.issues));
        // Everything here came through a typed builder: the default build validates no panel.
        expect(uncheckedPanelIndices(compiled.json)).toEqual([]);
        expect(validateDashboardJson(compiled.json)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it.runIf(hasShared)("…and against Grafana's published dashboard, panel and query schemas", () => {
    fc.assert(
      fc.property(items, (panels) => {
        const compiled = compileDashboard(dashboard({ uid: 'typed', title: 'Typed', variables: [instance], panels }));
        fc.pre(!hasErrors(compiled.issues));
        expect(validateWithGrafanaSchemas(compiled.json)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('what did not come through a typed builder is still validated by default', () => {
  const good = timeseriesPanel({ title: 'Good', queries: [promQuery({ datasource: prom, expr: promql`up` })] });
  const build = (panels: Array<PanelSpec | RowSpec>, validate?: 'full' | 'unchecked') =>
    buildDashboard(dashboard({ uid: 'mixed', title: 'Mixed', panels }), { validate: validate ?? 'unchecked' });
  const schemaIssues = (r: ReturnType<typeof build>) => r.issues.filter((i) => i.code === 'output-schema').map((i) => `${i.path}: ${i.message}`);

  const cases: Array<[string, Array<PanelSpec | RowSpec>]> = [
    ['a raw key on a typed panel', [good, timeseriesPanel({ title: 'Raw', raw: { repeatDirection: 'x' } })]],
    ['a pluginPanel', [good, good, pluginPanel({ type: 'xychart', title: 'Plugin', raw: { maxPerRow: 0 } })]],
    ['a hand-made copy of a panel spec', [good, { ...good, model: { ...good.model, transparent: 'yes' } } as PanelSpec]],
    ['a value mapping passed through loosely', [good, statPanel({ title: 'Mapped', mappings: [{ type: 'nonsense' } as never] })]],
    ['a panel under an expanded row', [row({ title: 'R', panels: [good, timeseriesPanel({ title: 'Raw', raw: { interval: 5 } })] })]],
    ['a panel under a collapsed row', [good, row({ title: 'R', collapsed: true, panels: [good, timeseriesPanel({ title: 'Raw', raw: { interval: 5 } })] })]],
    ['a row with raw', [good, row({ title: 'R', panels: [good], raw: { collapsed: 'no' } })]],
  ];
  for (const [name, panels] of cases) {
    it(`${name}: an output.schema error, the same as with validate: 'full'`, () => {
      const found = schemaIssues(build(panels));
      expect(found.length).toBeGreaterThan(0);
      expect(found).toEqual(schemaIssues(build(panels, 'full')));
    });
  }

  it('dashboard-level raw validates the whole document', () => {
    const spec = dashboard({ uid: 'raw', title: 'Raw', panels: [good], raw: { panels: [{ type: 'timeseries', title: 'x' }] } });
    const compiled = compileDashboard(spec);
    expect(uncheckedPanelIndices(compiled.json)).toBeUndefined();
    expect(buildDashboard(spec, { validate: 'unchecked' }).issues.some((i) => i.code === 'output-schema' && i.path[0] === 'panels' && i.path[1] === 0)).toBe(true);
  });
});
