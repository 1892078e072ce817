import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { parse } from 'yaml';
import { env, postgresDatasource, prometheusDatasource, promql, promQuery, sql, sqlQuery } from '../../src/index.js';
import {
  alertQuery, alertRule, alertingDocument, contactPoint, math, mathExpression, muteTiming, notificationPolicy, notificationTemplate,
  reduceExpression, ruleGroup, thresholdExpression,
} from '../../src/alerting/index.js';
import { toYaml } from '../../src/provisioning/yaml.js';
import { needShared } from '../support/shared.js';
import { validateAlertingWithGrafanaSchema } from '../support/alerting-oracle.js';

const db = postgresDatasource({ name: 'Metrics', uid: 'metrics', url: env('PG_URL'), database: 'metrics', user: env('PG_USER'), password: env('PG_PASSWORD') });
const prom = prometheusDatasource({ name: 'Prometheus', uid: 'prom', url: 'http://prometheus:9090' });

function sample() {
  const q = alertQuery({ query: sqlQuery({ datasource: db, sql: sql`SELECT model, 1.0::float8 AS change FROM benchmarks` }), range: '1d' });
  const last = reduceExpression({ input: q, reducer: 'last', mode: 'dropNN' });
  const pct = mathExpression({ expression: math`${last} * 100` });
  const slow = thresholdExpression({ input: pct, above: 10, recoverWhen: { below: 5 } });
  const webhook = contactPoint({ name: 'bench-team', receivers: [{ uid: 'bench-webhook', type: 'webhook', settings: { url: env('BENCH_WEBHOOK_URL'), httpMethod: 'POST' } }] });
  const p95 = alertQuery({ query: promQuery({ datasource: prom, expr: promql`histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))` }), range: '10m' });
  const p95Last = reduceExpression({ input: p95, reducer: 'last' });
  const rule = alertRule({
    uid: 'bench-regression', title: 'Benchmark regression ($ matters)', nodes: [q, last, pct, slow], condition: slow, for: '0s',
    annotations: { summary: '{{ $labels.model }} is {{ $values.B }}% slower' }, labels: { team: 'perf' },
    panel: { dashboardUid: 'bench', panelTitle: 'Forward pass' }, notify: webhook,
  });
  const latency = alertRule({ uid: 'p95', title: 'p95 latency', nodes: [p95, p95Last, thresholdExpression({ input: p95Last, above: 2 })], condition: undefined as never, for: '10m', keepFiringFor: '5m' });
  return { rule, latency, webhook };
}

describe('alerting provisioning document', () => {
  it('writes Grafana file provisioning: refIds in order, expressions on __expr__, $ doubled only where Grafana expands it, secrets as $NAME', () => {
    const { rule, webhook } = sample();
    const nights = muteTiming({ name: 'nights', intervals: [{ times: [{ start: '22:00', end: '24:00' }], weekdays: ['monday:friday'] }] });
    const { document, issues } = alertingDocument(
      {
        groups: [ruleGroup({ name: 'benchmarks', folder: 'Transformers', interval: '1m', rules: [rule] })],
        contactPoints: [webhook],
        policies: [notificationPolicy({ receiver: webhook, groupBy: ['alertname'], routes: [{ matchers: [['team', '=', 'perf']], receiver: webhook, muteTimings: [nights] }] })],
        muteTimings: [nights],
        templates: [notificationTemplate({ name: 'bench', template: '{{ define "bench" }}{{ $labels.model }}{{ end }}' })],
      },
      new Map([['bench', new Map([['Forward pass', 7]])]]),
    );
    expect(issues).toEqual([]);
    const g = (document.groups as any[])[0];
    const r = g.rules[0];
    expect(r.data.map((d: any) => [d.refId, d.datasourceUid, d.model.type ?? 'query'])).toEqual([
      ['A', 'metrics', 'query'], ['B', '__expr__', 'reduce'], ['C', '__expr__', 'math'], ['D', '__expr__', 'threshold'],
    ]);
    expect(r.condition).toBe('D');
    expect(r.data[0].relativeTimeRange).toEqual({ from: 86400, to: 0 });
    // Models and annotations are read raw by Grafana (rules_types.go: Model.Raw, Annotations.Raw); the title is expanded.
    expect(r.data[2].model.expression).toBe('$B * 100');
    expect(r.data[3].model.conditions).toEqual([{ evaluator: { params: [10], type: 'gt' }, unloadEvaluator: { params: [5], type: 'lt' } }]);
    expect(r.title).toBe('Benchmark regression ($$ matters)');
    expect(r.annotations.summary).toBe('{{ $labels.model }} is {{ $values.B }}% slower');
    expect((document.templates as any[])[0].template).toBe('{{ define "bench" }}{{ $labels.model }}{{ end }}');
    expect([r.dashboardUid, r.panelId]).toEqual(['bench', 7]);
    expect((document.contactPoints as any[])[0].receivers[0].settings.url).toBe('$BENCH_WEBHOOK_URL');
    // Round trip through YAML keeps the document.
    expect(parse(toYaml(document, 'x'))).toEqual(document);
  });

  it.runIf(needShared)("validates against Grafana's published alerting model", () => {
    const { rule, latency, webhook } = sample();
    const fixedLatency = alertRule({ ...latency, nodes: latency.nodes, condition: latency.nodes[2]!, title: latency.title, uid: latency.uid, for: '10m', keepFiringFor: '5m' });
    const { document, issues } = alertingDocument({
      groups: [ruleGroup({ name: 'benchmarks', folder: 'Transformers', interval: '1m', rules: [rule, fixedLatency] })],
      contactPoints: [webhook],
      policies: [notificationPolicy({ receiver: webhook })],
      muteTimings: [muteTiming({ name: 'weekends', intervals: [{ weekdays: ['saturday:sunday'] }] })],
      templates: [notificationTemplate({ name: 't', template: '{{ define "t" }}x{{ end }}' })],
    });
    expect(issues).toEqual([]);
    expect(validateAlertingWithGrafanaSchema(document)).toEqual([]);
  });

  it('a literal secret in a contact point is an error naming the field', () => {
    const cp = contactPoint({ name: 'x', receivers: [{ uid: 'x', type: 'slack', settings: { url: 'https://hooks.slack.com/services/T000/B000/XXXX', token: env('SLACK_TOKEN') } }] });
    expect(cp.issues.map((i) => [i.code, renderPath(i.path)])).toEqual([['alert-contact-point-secret', 'receivers[0].settings.url']]);
    expect(cp.issues[0]!.message).not.toContain('hooks.slack.com');
  });

  it('reports a missing condition, unknown panels, duplicate uids and refIds, and nodes outside the rule', () => {
    const { rule, latency, webhook } = sample();
    expect(latency.issues.map((i) => i.code)).toContain('alert-rule-condition');
    const outsider = alertQuery({ query: sqlQuery({ datasource: db, sql: sql`SELECT 1` }), range: '5m' });
    const stray = reduceExpression({ input: outsider, reducer: 'last' });
    const bad = alertRule({ uid: 'bench-regression', title: 'dup', nodes: [stray], condition: stray });
    const { issues } = alertingDocument({ groups: [ruleGroup({ name: 'g', folder: 'f', interval: '1m', rules: [rule, bad] })], contactPoints: [webhook] }, new Map());
    expect(issues.map((i) => i.code)).toEqual(expect.arrayContaining(['alert-rule-uid-duplicate', 'alert-panel-unknown', 'alert-expression-reference']));
  });

  it('checks durations, group intervals and threshold shapes', () => {
    expect(ruleGroup({ name: 'g', folder: 'f', interval: '15s', rules: [] }).issues.map((i) => i.code)).toEqual(['alert-group-interval']);
    const q = alertQuery({ query: sqlQuery({ datasource: db, sql: sql`SELECT 1` }), range: '5m' });
    expect(thresholdExpression({ input: q, within: [5, 1] } as never).issues[0]!.message).toMatch(/reversed/);
    expect(thresholdExpression({ input: q } as never).issues[0]!.code).toBe('alert-expression-threshold');
    expect(alertRule({ uid: 'u', title: 't', nodes: [q], condition: q, for: '10 minutes' }).issues.map((i) => renderPath(i.path))).toEqual(['for']);
  });
});
