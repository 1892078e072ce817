/**
 * `preview` marks, on the panel a rule links to, where the backtested rule
 * would have fired: this repository's benchmark-regression rule on the seeded
 * database (whose newest main commit is the deliberate regression), the p95
 * latency rule on the Prometheus fixture's incident (worker-1, 23:30–23:50),
 * and a rule with a hostile title that must stay text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionedRules, type ProvisionedRule } from '../../src/alerting/read.js';
import { migrate, seed, type SqlEngine } from '../../src/db/index.js';
import { SEED_BASE_TIME, SEED_REGRESSION_COMMIT } from '../../src/db/seed.js';
import { previewPage } from '../../src/preview/index.js';
import { run } from '../../src/cli/run.js';
import { INCIDENT } from '../fixtures/prometheus/fixture.js';
import { openTestPglite } from '../support/pglite.js';
import { PROMETHEUS_HOW, service } from '../support/services.js';

type Obj = Record<string, unknown>;
interface Region { from: number; to: number; color: string }
interface Spec { id: string; kind: string; labels?: string[]; alerts?: Region[] }

const json = (file: string) => JSON.parse(readFileSync(new URL(`../../generated/${file}`, import.meta.url), 'utf8')) as Obj;
const rules: ProvisionedRule[] = provisionedRules(parse(readFileSync(new URL('../../generated/provisioning/alerting/dashcode.yaml', import.meta.url), 'utf8')));

const charts = (html: string) => JSON.parse(/<script type="application\/json" id="preview-charts">(.*?)<\/script>/s.exec(html)![1]!) as Spec[];
const section = (html: string, title: string) => new RegExp(`<section[^>]*data-title="${title}"[^]*?</section>`).exec(html)![0];
const chartOf = (html: string, title: string) => charts(html).find((c) => section(html, title).includes(`id="${c.id}"`))!;

describe('reading rules back from the generated provisioning', () => {
  it('reads every rule of this repository with its panel link', () => {
    expect(rules.map((r) => [r.uid, r.unsupported ?? 'ok', r.dashboardUid ?? '-', r.panelId ?? '-'])).toEqual([
      ['benchmark-regression', 'ok', 'transformers-benchmarks', 4],
      ['serving-p95-latency', 'ok', 'transformers-continuous-batching', 10],
      ['serving-kv-cache-usage', 'ok', 'transformers-kv-cache', 1],
      ['serving-scrape-silent', 'ok', '-', '-'],
    ]);
  });

  it('reads `$$` as `$` where Grafana expands it (title), models raw, math references by refId, API-style link annotations, and says what it cannot evaluate', () => {
    const doc = {
      apiVersion: 1,
      groups: [{ name: 'g', interval: '1m', rules: [
        { uid: 'm', title: 'cost $$5', condition: 'C', annotations: { __dashboardUid__: 'd', __panelId__: '7' }, data: [
          { refId: 'A', datasourceUid: 'db', relativeTimeRange: { from: 600, to: 0 }, model: { rawSql: 'SELECT 1 WHERE $__timeFilter(t)' } },
          { refId: 'B', datasourceUid: 'db', relativeTimeRange: { from: 600, to: 0 }, model: { rawSql: 'SELECT 2' } },
          { refId: 'C', datasourceUid: '__expr__', model: { type: 'math', expression: '$A / ${B} - 1 > 0' } },
        ] },
        { uid: 'c', title: 'classic', condition: 'B', data: [
          { refId: 'A', datasourceUid: 'db', model: { rawSql: 'SELECT 1' } },
          { refId: 'B', datasourceUid: '__expr__', model: { type: 'classic_conditions' } },
        ] },
        { uid: 'l', title: 'loki', condition: 'A', data: [{ refId: 'A', datasourceUid: 'logs', model: { expr: undefined, query: '{job="x"}' } }] },
      ] }],
    };
    const [m, c, l] = provisionedRules(doc);
    expect(m!.title).toBe('cost $5');
    expect([m!.dashboardUid, m!.panelId]).toEqual(['d', 7]);
    const a = m!.spec!.nodes[0]!;
    expect(a.kind === 'alert-query' && a.query.text.text).toBe('SELECT 1 WHERE $__timeFilter(t)');
    const math = m!.spec!.nodes[2]!;
    expect(math.kind === 'expression' && math.type === 'math' && math.expression.strings).toEqual(['', ' / ', ' - 1 > 0']);
    expect(math.kind === 'expression' && math.type === 'math' && math.expression.refs).toEqual([m!.spec!.nodes[0], m!.spec!.nodes[1]]);
    expect(c!.unsupported).toMatch(/classic_conditions expressions are not evaluated/);
    expect(l!.unsupported).toMatch(/neither SQL nor PromQL/);
  });
});

describe('the benchmark-regression rule on the seeded database', () => {
  let engine: SqlEngine;
  let html: string;
  beforeAll(async () => {
    engine = await openTestPglite();
    await migrate(engine);
    await seed(engine, { baseTime: SEED_BASE_TIME });
    ({ html } = await previewPage(json('grafana_dashboard.json'), { sql: engine, now: new Date(SEED_BASE_TIME), alertRules: rules }));
  }, 240_000);
  afterAll(() => engine?.close());

  it('marks the bar of the regression commit on the linked panel, and nothing else', () => {
    const spec = chartOf(html, 'First eager forward pass');
    const marked = (spec.alerts ?? []).map((r) => spec.labels![r.from + 0.5]);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toContain(SEED_REGRESSION_COMMIT.slice(0, 7));
    expect(spec.labels!.filter((l) => l.includes(SEED_REGRESSION_COMMIT.slice(0, 7)))).toHaveLength(1);
    // No other chart of the page carries a mark.
    expect(charts(html).filter((c) => c.id !== spec.id && c.alerts)).toEqual([]);
  });

  it('names the rule under the panel, with the instances in the tooltip', () => {
    const s = section(html, 'First eager forward pass');
    expect(s).toMatch(/class="alert-mark alert-mark-fired" data-alert-rule="benchmark-regression"/);
    expect(s).toContain('<span class="alert-mark-title">Benchmark regression</span>');
    expect(s).toContain(`commit=&quot;${SEED_REGRESSION_COMMIT.slice(0, 12)}&quot;`);
    expect(html.match(/class="alert-marks"/g)).toHaveLength(1);
  });
});

describe('a hostile rule title stays text', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestPglite();
  });
  afterAll(() => engine?.close());

  it('escapes the title and labels in the legend and tooltip; the chart data carries only numbers and fixed colours', async () => {
    const hostile = `</div><script>alert(1)</script><style>body{display:none}</style>" onmouseover="alert(2)`;
    const dashboard = {
      uid: 'hostile', title: 'h', time: { from: '2026-11-01T00:00:00Z', to: '2026-11-01T01:00:00Z' },
      panels: [{ id: 1, type: 'timeseries', title: 'p', gridPos: { x: 0, y: 0, w: 12, h: 8 }, datasource: { type: 'grafana-postgresql-datasource', uid: 'db' },
        targets: [{ refId: 'A', format: 'time_series', rawSql: "SELECT t AS time, 1.0 AS v FROM generate_series('2026-11-01T00:00:00Z'::timestamptz, '2026-11-01T01:00:00Z', '10 minutes') t", datasource: { type: 'grafana-postgresql-datasource', uid: 'db' } }] }],
    };
    const doc = { apiVersion: 1, groups: [{ name: 'g', interval: '10m', rules: [{
      uid: 'x"><img src=x>', title: hostile.replaceAll('$', '$$'), condition: 'B', dashboardUid: 'hostile', panelId: 1, for: '0s', noDataState: 'OK',
      data: [
        { refId: 'A', datasourceUid: 'db', relativeTimeRange: { from: 600, to: 0 }, model: { rawSql: `SELECT '</script><b>' AS "<i>", 1.0 AS v` } },
        { refId: 'B', datasourceUid: '__expr__', model: { type: 'threshold', expression: 'A', conditions: [{ evaluator: { type: 'gt', params: [0] } }] } },
      ] }] }] };
    const { html } = await previewPage(dashboard, { sql: engine, alertRules: provisionedRules(doc) });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<style>body{display:none}');
    expect(html).not.toContain('<img src=x>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;i&gt;=&quot;&lt;/script&gt;&lt;b&gt;&quot;');
    const [spec] = charts(html);
    expect(spec!.alerts!.length).toBeGreaterThan(0);
    for (const r of spec!.alerts!) expect(Object.keys(r).sort()).toEqual(['color', 'from', 'to']);
    // The page's scripts are the page's own: the data block cannot be closed by a title.
    expect(html.match(/<script>/g)).toHaveLength(2);
  });
});

const url = service('PROMETHEUS_URL', PROMETHEUS_HOW);

describe.runIf(url)('the p95 latency rule on the Prometheus fixture', () => {
  it('shades 23:30–23:50 on "Request latency percentiles" (pending, then firing) and nothing else', async () => {
    const { html } = await previewPage(json('continuous-batching-dashboard.json'), {
      prometheus: { url: url!, scrapeInterval: '15s' },
      from: '2026-10-31T22:00:00Z',
      to: '2026-11-01T00:00:00Z',
      alertRules: rules,
    });
    const spec = chartOf(html, 'Request latency percentiles');
    const regions = spec.alerts!;
    expect(regions.map((r) => r.color)).toEqual(['rgba(255,152,48,0.14)', 'rgba(242,73,92,0.22)']);
    const [pending, firing] = regions as [Region, Region];
    expect(pending.from).toBeGreaterThanOrEqual(INCIDENT.start);
    expect(pending.from).toBeLessThanOrEqual(INCIDENT.start + 5 * 60);
    expect(firing.from - pending.from).toBe(10 * 60);
    expect(firing.to).toBeGreaterThanOrEqual(INCIDENT.end);
    expect(firing.to).toBeLessThanOrEqual(INCIDENT.end + 10 * 60);
    expect(charts(html).filter((c) => c.id !== spec.id && c.alerts)).toEqual([]);
    expect(section(html, 'Request latency percentiles')).toContain('worker-1:8000');
  }, 120_000);
});

describe('dashcode preview --alerts', () => {
  it('a path that does not exist is a usage error, before any query runs', async () => {
    let err = '';
    const io = { stdout: () => {}, stderr: (t: string) => void (err += t), cwd: fileURLToPath(new URL('../..', import.meta.url)), env: {} };
    expect(await run(['preview', 'generated/grafana_dashboard.json', '--alerts', 'no/such/alerting.yaml'], io)).toBe(2);
    expect(err).toContain('--alerts: no/such/alerting.yaml does not exist');
  });
});
