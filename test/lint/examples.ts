/**
 * One failing and one passing example per registered rule. rules.test.ts
 * checks that the failing one reports the rule, that the passing one reports
 * nothing at all, and that no registered rule is missing here.
 */
import { checkLintConfig, lintDashboard, lintProvisioning, lintRepo, type RuleCode } from '../../src/lint/index.js';
import type { Issue } from '../../src/model/issue.js';
import { DATASOURCES, PROM, dashboard, lint, promPanel, sqlPanel, variable, type Json } from './support.js';

export interface RuleExample {
  bad(): Issue[];
  good(): Issue[];
}

const ok = (): Json => promPanel('Requests', 'sum(rate(http_requests_total[$__rate_interval]))', { fieldConfig: { defaults: { unit: 'reqps' } } });
const datasourceDoc = (datasources: Json[], extra: Json = {}): Json => ({ apiVersion: 1, datasources, ...extra });
const providerDoc = (path: string): Json => ({ apiVersion: 1, providers: [{ name: 'dashcode', type: 'file', options: { path } }] });
const MOUNT = { containerPath: '/etc/grafana/dashboards', localDir: 'generated' };

const alertRuleDoc = (rule: Json, data?: Json[]): Json => ({
  apiVersion: 1,
  groups: [{ orgId: 1, name: 'g', folder: 'f', interval: '1m', rules: [{ uid: 'r', title: 'Latency', condition: 'B', for: '5m', noDataState: 'NoData', execErrState: 'Error', annotations: { summary: 'p95 latency is high', runbook_url: 'https://runbooks.example/latency' }, data: data ?? [
    { refId: 'A', datasourceUid: 'prom', relativeTimeRange: { from: 600, to: 0 }, model: { refId: 'A', expr: 'sum(rate(http_requests_total[5m]))' } },
    { refId: 'B', datasourceUid: '__expr__', model: { refId: 'B', type: 'threshold', expression: 'A', conditions: [{ evaluator: { type: 'gt', params: [5] } }] } },
  ], ...rule }] }],
});
const alertLint = (doc: Json, dashboardPanels?: Map<string, Set<number>>) => lintProvisioning(doc, 'alerting', { file: 'alerting.yaml', ...(dashboardPanels ? { dashboardPanels } : {}) });
const sqlAlert = (rawSql: string): Json[] => [
  { refId: 'A', datasourceUid: 'db', relativeTimeRange: { from: 600, to: 0 }, model: { refId: 'A', rawSql, format: 'table' } },
  { refId: 'B', datasourceUid: '__expr__', model: { refId: 'B', type: 'threshold', expression: 'A', conditions: [{ evaluator: { type: 'gt', params: [5] } }] } },
];

export const EXAMPLES: Record<RuleCode, RuleExample> = {
  'alert-for-missing': {
    bad: () => alertLint(alertRuleDoc({ for: '0s' })),
    good: () => alertLint(alertRuleDoc({ for: '5m' })),
  },
  'alert-annotation-missing': {
    bad: () => alertLint(alertRuleDoc({ annotations: { summary: 'p95 latency is high' } })),
    good: () => alertLint(alertRuleDoc({})),
  },
  'alert-counter-threshold': {
    bad: () => alertLint(alertRuleDoc({}, [
      { refId: 'A', datasourceUid: 'prom', model: { refId: 'A', expr: 'http_requests_total{job="api"}' } },
      { refId: 'C', datasourceUid: '__expr__', model: { refId: 'C', type: 'reduce', expression: 'A', reducer: 'last' } },
      { refId: 'B', datasourceUid: '__expr__', model: { refId: 'B', type: 'threshold', expression: 'C', conditions: [{ evaluator: { type: 'gt', params: [5] } }] } },
    ])),
    good: () => alertLint(alertRuleDoc({})),
  },
  'alert-raw-dollar': {
    bad: () => alertLint(alertRuleDoc({ annotations: { summary: '{{ $$labels.model }} is slow', runbook_url: 'https://x' } }, sqlAlert('SELECT model, avg(seconds) FROM runs WHERE $$__timeFilter(created_at) GROUP BY model'))),
    good: () => alertLint(alertRuleDoc({ title: 'Costs $$5' }, sqlAlert("SELECT model, avg(seconds) FROM runs WHERE $__timeFilter(created_at) AND note <> $$it's$$ GROUP BY model"))),
  },
  'alert-panel-unknown': {
    bad: () => alertLint(alertRuleDoc({ dashboardUid: 'bench', panelId: 9 }), new Map([['bench', new Set([1, 2])]])),
    good: () => alertLint(alertRuleDoc({ dashboardUid: 'bench', panelId: 2 }), new Map([['bench', new Set([1, 2])]])),
  },
  'alert-time-filter': {
    bad: () => alertLint(alertRuleDoc({}, sqlAlert('SELECT model, avg(seconds) FROM runs GROUP BY model'))),
    good: () => alertLint(alertRuleDoc({}, sqlAlert('SELECT model, avg(seconds) FROM runs WHERE $__timeFilter(created_at) GROUP BY model'))),
  },
  'datasource-unknown': {
    bad: () => lint(dashboard([promPanel('Up', 'up', { datasource: { type: 'prometheus', uid: 'PBFA97CFB590B2093' }, targets: [{ refId: 'A', expr: 'up' }] })])),
    good: () => lint(dashboard([promPanel('Up', 'up')])),
  },
  'datasource-type-mismatch': {
    bad: () => lint(dashboard([promPanel('Up', 'up', { datasource: { type: 'loki', uid: 'prom' }, targets: [{ refId: 'A', expr: 'up' }] })])),
    // The provisioned type is `postgres`, Grafana's alias of the dashboard's grafana-postgresql-datasource.
    good: () => lint(dashboard([sqlPanel('Runs', 'SELECT branch FROM benchmarks')])),
  },
  'datasource-missing-uid': {
    bad: () => lint(dashboard([sqlPanel('Runs', 'SELECT branch FROM benchmarks', { datasource: { default: true, type: 'grafana-postgresql-datasource' } })])),
    good: () => lint(dashboard([sqlPanel('Runs', 'SELECT branch FROM benchmarks')])),
  },
  'datasource-panel-mismatch': {
    bad: () => lint(dashboard([promPanel('Up', 'up', { targets: [{ refId: 'A', datasource: { type: 'prometheus', uid: 'prom-lt' }, expr: 'up' }] })])),
    good: () =>
      lint(
        dashboard([
          promPanel('Up', 'up', {
            datasource: { type: 'datasource', uid: '-- Mixed --' },
            targets: [
              { refId: 'A', datasource: PROM, expr: 'up' },
              { refId: 'B', datasource: { type: 'prometheus', uid: 'prom-lt' }, expr: 'up' },
            ],
          }),
        ]),
      ),
  },
  'variable-undefined': {
    bad: () => lint(dashboard([promPanel('Up', 'up{job="$job"}')])),
    good: () => lint(dashboard([promPanel('Up', 'up{job="$job"}')], { templating: { list: [variable('job', { allowCustomValue: false })] } })),
  },
  'variable-unused': {
    bad: () => lint(dashboard([promPanel('Up', 'up')], { templating: { list: [variable('job')] } })),
    good: () => lint(dashboard([promPanel('Up', 'up', { repeat: 'job' })], { templating: { list: [variable('job', { multi: true })] } })),
  },
  'dashboard-uid': {
    bad: () => lint(dashboard([ok()], { uid: 'transformers/benchmarks' })),
    good: () => lint(dashboard([ok()], { uid: 'transformers-benchmarks_2' })),
  },
  'dashboard-uid-duplicate': {
    bad: () => lintRepo({ dashboards: [{ file: 'a.json', json: dashboard([ok()], { uid: 'same' }) }, { file: 'b.json', json: dashboard([ok()], { uid: 'same' }) }], provisioning: [] }),
    good: () => lintRepo({ dashboards: [{ file: 'a.json', json: dashboard([ok()], { uid: 'one' }) }, { file: 'b.json', json: dashboard([ok()], { uid: 'two' }) }], provisioning: [] }),
  },
  'panel-id-duplicate': {
    bad: () => lint(dashboard([ok(), { ...promPanel('Errors', 'sum(rate(http_errors_total[$__rate_interval]))'), id: 1 }])),
    good: () => lint(dashboard([ok(), promPanel('Errors', 'sum(rate(http_errors_total[$__rate_interval]))')])),
  },
  'query-refid-duplicate': {
    bad: () => lint(dashboard([promPanel('Up', ['up', 'up{job="a"}'], { targets: [{ refId: 'A', datasource: PROM, expr: 'up' }, { refId: 'A', datasource: PROM, expr: 'up{job="a"}' }] })])),
    good: () => lint(dashboard([promPanel('Up', ['up', 'up{job="a"}'])])),
  },
  'layout-overlap': {
    bad: () => lint(dashboard([{ ...ok(), gridPos: { x: 0, y: 0, w: 12, h: 8 } }, { ...promPanel('Up', 'up'), gridPos: { x: 6, y: 4, w: 12, h: 8 } }])),
    good: () => lint(dashboard([{ ...ok(), gridPos: { x: 0, y: 0, w: 12, h: 8 } }, { ...promPanel('Up', 'up'), gridPos: { x: 12, y: 0, w: 12, h: 8 } }])),
  },
  'layout-overflow': {
    bad: () => lint(dashboard([{ ...ok(), gridPos: { x: 18, y: 0, w: 12, h: 8 } }])),
    good: () => lint(dashboard([{ ...ok(), gridPos: { x: 12, y: 0, w: 12, h: 8 } }])),
  },
  'layout-zero-size': {
    bad: () => lint(dashboard([{ ...ok(), gridPos: { x: 0, y: 0, w: 0, h: 8 } }])),
    good: () => lint(dashboard([{ ...ok(), gridPos: { x: 0, y: 0, w: 1, h: 1 } }])),
  },
  'layout-nested-row': {
    bad: () =>
      lint(
        dashboard([
          { type: 'row', title: 'Outer', collapsed: true, gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: [{ id: 3, type: 'row', title: 'Inner', gridPos: { x: 0, y: 1, w: 24, h: 1 }, panels: [] }] },
        ]),
      ),
    good: () =>
      lint(
        dashboard([
          { type: 'row', title: 'Outer', collapsed: true, gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: [{ ...ok(), id: 3, gridPos: { x: 0, y: 1, w: 24, h: 8 } }] },
          { type: 'row', title: 'Second', collapsed: false, gridPos: { x: 0, y: 1, w: 24, h: 1 }, panels: [] },
        ]),
      ),
  },
  'panel-title': {
    bad: () => lint(dashboard([{ ...ok(), title: '' }])),
    good: () => lint(dashboard([ok()])),
  },
  'panel-unit': {
    bad: () => lint(dashboard([promPanel('Memory', 'process_resident_memory_bytes', { fieldConfig: { defaults: {} } })])),
    good: () => lint(dashboard([promPanel('Memory', 'process_resident_memory_bytes', { fieldConfig: { defaults: { unit: 'bytes' } } })])),
  },
  'panel-no-queries': {
    bad: () => lint(dashboard([ok(), { type: 'stat', title: 'Nothing', datasource: PROM, targets: [] }])),
    good: () => lint(dashboard([ok(), { type: 'text', title: 'About', options: { mode: 'markdown', content: 'Read me' } }])),
  },
  'panel-duplicate-query': {
    bad: () => lint(dashboard([ok(), { ...ok(), title: 'Requests again' }])),
    // The same query as a current value and as history is deliberate.
    good: () => lint(dashboard([ok(), { ...ok(), type: 'stat', title: 'Requests now' }])),
  },
  'sql-unsafe-interpolation': {
    bad: () => lint(dashboard([sqlPanel('Runs', 'SELECT commit_id FROM benchmarks WHERE branch = ${branch}')], { templating: { list: [variable('branch')] } })),
    good: () => lint(dashboard([sqlPanel('Runs', 'SELECT commit_id FROM benchmarks WHERE branch = ${branch:sqlstring}')], { templating: { list: [variable('branch')] } })),
  },
  'sql-time-filter': {
    bad: () => lint(dashboard([sqlPanel('CPU', 'SELECT time, cpu_util FROM device_measurements ORDER BY 1', { type: 'timeseries', fieldConfig: { defaults: { unit: 'percent' } } })])),
    good: () =>
      lint(dashboard([sqlPanel('CPU', 'SELECT time, cpu_util FROM device_measurements WHERE $__timeFilter(time) ORDER BY 1', { type: 'timeseries', fieldConfig: { defaults: { unit: 'percent' } } })])),
  },
  'sql-trailing-comment': {
    bad: () => lint(dashboard([sqlPanel('Runs', 'SELECT branch FROM benchmarks; -- TODO')])),
    good: () => lint(dashboard([sqlPanel('Runs', 'SELECT branch FROM benchmarks -- newest first\nORDER BY created_at DESC;\n')])),
  },
  'promql-unsafe-interpolation': {
    bad: () => lint(dashboard([promPanel('Up', 'up{job="$job"}')], { templating: { list: [variable('job', { type: 'textbox', query: '' })] } })),
    good: () => lint(dashboard([promPanel('Up', 'up{job="$job"}')], { templating: { list: [variable('job', { allowCustomValue: false })] } })),
  },
  'promql-rate-counter': {
    bad: () => lint(dashboard([promPanel('Active', 'rate(kv_cache_memory_bytes[$__rate_interval])')])),
    good: () => lint(dashboard([promPanel('Decode', 'rate(decode_tokens_processed_total[$__rate_interval])')])),
  },
  'promql-rate-interval': {
    bad: () => lint(dashboard([promPanel('Decode', 'rate(decode_tokens_processed_total[5m])')])),
    good: () => lint(dashboard([promPanel('Decode', 'rate(decode_tokens_processed_total[$__rate_interval])')])),
  },
  'promql-histogram-bucket': {
    bad: () => lint(dashboard([promPanel('TTFT', 'histogram_quantile(0.95, sum by (le) (rate(ttft_milliseconds_sum[$__rate_interval])))', { fieldConfig: { defaults: { unit: 'ms' } } })])),
    good: () => lint(dashboard([promPanel('TTFT', 'histogram_quantile(0.95, sum by (le) (rate(ttft_milliseconds_bucket[$__rate_interval])))', { fieldConfig: { defaults: { unit: 'ms' } } })])),
  },
  'promql-histogram-le': {
    bad: () => lint(dashboard([promPanel('TTFT', 'histogram_quantile(0.95, sum by (job) (rate(ttft_milliseconds_bucket[$__rate_interval])))', { fieldConfig: { defaults: { unit: 'ms' } } })])),
    good: () => lint(dashboard([promPanel('TTFT', 'histogram_quantile(0.95, sum by (job, le) (rate(ttft_milliseconds_bucket[$__rate_interval])))', { fieldConfig: { defaults: { unit: 'ms' } } })])),
  },
  'provisioning-secret': {
    bad: () => lintProvisioning(datasourceDoc([{ name: 'DB', type: 'postgres', uid: 'db', secureJsonData: { password: 'hunter2' } }]), 'datasources', { file: 'ds.yaml' }),
    good: () => lintProvisioning(datasourceDoc([{ name: 'DB', type: 'postgres', uid: 'db', secureJsonData: { password: '$GRAFANA_POSTGRES_DATASOURCE_PWD' } }]), 'datasources', { file: 'ds.yaml' }),
  },
  'provisioning-unescaped-variable': {
    bad: () =>
      lintProvisioning(
        datasourceDoc([{ name: 'Tempo', type: 'tempo', uid: 'tempo', jsonData: { tracesToMetrics: { queries: [{ name: 'p95', query: 'histogram_quantile(0.95, sum by (le) (rate(x_bucket[$__rate_interval])))' }] } } }]),
        'datasources',
        { file: 'ds.yaml' },
      ),
    good: () =>
      lintProvisioning(
        datasourceDoc([{ name: 'Tempo', type: 'tempo', uid: 'tempo', url: '$__env{TEMPO_URL}', jsonData: { tracesToMetrics: { queries: [{ name: 'p95', query: 'histogram_quantile(0.95, sum by (le) (rate(x_bucket[$$__rate_interval])))' }] } } }]),
        'datasources',
        { file: 'ds.yaml' },
      ),
  },
  'provisioning-api-version': {
    bad: () => lintProvisioning({ datasources: [{ name: 'DB', type: 'postgres', uid: 'db' }] }, 'datasources', { file: 'ds.yaml' }),
    good: () => lintProvisioning(datasourceDoc([{ name: 'DB', type: 'postgres', uid: 'db' }]), 'datasources', { file: 'ds.yaml' }),
  },
  'provisioning-provider-path': {
    bad: () => lintProvisioning(providerDoc('/var/lib/grafana/dashboards'), 'dashboards', { file: 'generated/provisioning/dashboards/p.yaml', generatedFiles: ['generated/a.json'], mounts: [MOUNT] }),
    good: () => lintProvisioning(providerDoc('/etc/grafana/dashboards'), 'dashboards', { file: 'generated/provisioning/dashboards/p.yaml', generatedFiles: ['generated/a.json'], mounts: [MOUNT] }),
  },
  'provisioning-default-datasource': {
    bad: () =>
      lintRepo({
        dashboards: [],
        provisioning: [
          { file: 'a.yaml', kind: 'datasources', doc: datasourceDoc([{ name: 'Prometheus', type: 'prometheus', uid: 'prom', isDefault: true }]) },
          { file: 'b.yaml', kind: 'datasources', doc: datasourceDoc([{ name: 'DB', type: 'postgres', uid: 'db', isDefault: true }]) },
        ],
      }),
    good: () =>
      lintRepo({
        dashboards: [],
        provisioning: [
          { file: 'a.yaml', kind: 'datasources', doc: datasourceDoc([{ name: 'Prometheus', type: 'prometheus', uid: 'prom', isDefault: true }]) },
          { file: 'b.yaml', kind: 'datasources', doc: datasourceDoc([{ name: 'DB', type: 'postgres', uid: 'db', isDefault: true, orgId: 2 }]) },
        ],
      }),
  },
  'provisioning-datasource-uid': {
    bad: () => lintProvisioning(datasourceDoc([{ name: 'Prometheus', type: 'prometheus', url: 'http://prometheus:9090' }]), 'datasources', { file: 'ds.yaml' }),
    good: () => lintProvisioning(datasourceDoc([{ name: 'Prometheus', type: 'prometheus', uid: 'prometheus', url: 'http://prometheus:9090' }]), 'datasources', { file: 'ds.yaml' }),
  },
  'lint-config': {
    bad: () => checkLintConfig({ exclude: { 'panel-unit': [{ dashboard: 'transformers-benchmarks' }] } }).issues,
    good: () => checkLintConfig({ exclude: { 'panel-unit': [{ dashboard: 'transformers-benchmarks', reason: 'counts of tokens, no unit applies' }] } }).issues,
  },
  'lint-parse': {
    bad: () => lintDashboard(['not', 'a', 'dashboard'], { datasources: DATASOURCES }),
    good: () => lintDashboard(dashboard([ok()]), { datasources: DATASOURCES }),
  },
};

