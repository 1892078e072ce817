/**
 * The alerting provisioning validator dashcode ships (src/alerting/schema.ts,
 * compiled ahead of time to src/validate/generated/alerting.js) and runs on
 * every build: the build output passes it and Grafana's published alerting
 * model (the ../shared oracle), for this repository's alerts and for
 * generated ones; a document Grafana's reader would reject gets issues with
 * paths; and the build writes no file when the check fails.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { parse } from 'yaml';
import { env, postgresDatasource, prometheusDatasource, promql, promQuery, sql, sqlQuery } from '../../src/index.js';
import {
  alertQuery, alertRule, alertingDocument, contactPoint, math, mathExpression, muteTiming, notificationPolicy, notificationTemplate,
  reduceExpression, resampleExpression, ruleGroup, thresholdExpression,
} from '../../src/alerting/index.js';
import { validateAlertingDocument } from '../../src/alerting/validate.js';
import { planAlerting } from '../../src/project/plan-alerting.js';
import { toYaml } from '../../src/provisioning/yaml.js';
import { validateAlertingWithGrafanaSchema } from '../support/alerting-oracle.js';
import { needShared } from '../support/shared.js';

const generated = parse(readFileSync(new URL('../../generated/provisioning/alerting/dashcode.yaml', import.meta.url), 'utf8')) as Record<string, any>;
const db = postgresDatasource({ name: 'Metrics', uid: 'metrics', url: env('PG_URL'), database: 'metrics', user: env('PG_USER'), password: env('PG_PASSWORD') });
const prom = prometheusDatasource({ name: 'Prometheus', uid: 'prom', url: 'http://prometheus:9090' });

describe('the shipped alerting validator', () => {
  it('passes this repository\'s generated alerting provisioning', () => {
    expect(validateAlertingDocument(generated)).toEqual([]);
  });

  it.runIf(needShared)("this repository's generated alerting provisioning also passes Grafana's published model", () => {
    expect(validateAlertingWithGrafanaSchema(generated)).toEqual([]);
  });

  it('reports what Grafana\'s reader would reject, with paths', () => {
    const doc = {
      apiVersion: 1,
      groups: [{ name: 'g', folder: '', interval: '1 minute', rules: [
        { uid: 'r', title: 't', condition: 'A', noDataState: 'Silence', for: '5 min', titel: 'typo', data: [{ refId: 'A', datasourceUid: 'db', model: {} }] },
        { uid: 'empty', title: 'no data', condition: 'A', data: [] },
      ] }],
      contactPoints: [{ name: 'cp', receivers: [{ uid: 'x', type: 'webhook' }] }],
      policies: [{ receiver: 'cp', object_matchers: [['team', '=']] }],
      muteTimes: [{ name: 'nights', time_intervals: [{ times: [{ start_time: '22:00', end_time: '25:00' }] }] }],
      templates: [{ name: 't' }],
      datasources: [],
    };
    const issues = validateAlertingDocument(doc);
    const paths = issues.map((i) => renderPath(i.path));
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['alert-schema']));
    for (const p of [
      'groups[0].folder', 'groups[0].interval', 'groups[0].rules[0].noDataState', 'groups[0].rules[0].for', 'groups[0].rules[0].titel',
      'groups[0].rules[1].data', 'contactPoints[0].receivers[0].settings', 'policies[0].object_matchers[0]',
      'muteTimes[0].time_intervals[0].times[0].end_time', 'templates[0].template', 'datasources',
    ]) expect(paths, p).toContain(p);
    const text = issues.map((i) => `${renderPath(i.path)}: ${i.message}`).join('\n');
    expect(text).toContain('groups[0].rules[0].titel: unknown key "titel" (did you mean "title"?)');
    expect(text).toContain('groups[0].rules[0].for: expected a duration such as 30s, 5m or 1h30m');
    expect(text).toContain('groups[0].rules[0].noDataState: expected one of "", "NoData", "Alerting", "OK", "KeepLast" (or an environment reference), got "Silence"');
  });

  it('a build whose alerting document fails the check writes no alerting file and says where', () => {
    const q = alertQuery({ query: sqlQuery({ datasource: db, sql: sql`SELECT 1.0::float8 AS v` }), range: '5m' });
    const high = thresholdExpression({ input: q, above: 1 });
    const group = ruleGroup({ name: 'g', folder: 'f', interval: '1m', rules: [alertRule({ uid: 'u', title: 't', nodes: [q, high], condition: high, for: '5m' })] });
    // A spec built by hand (a JavaScript caller, or a builder bug) with an interval Grafana cannot parse.
    const project = { alerting: { groups: [{ ...group, interval: 'every minute' }] }, config: { alertsModule: 'alerts/index.ts', outDir: 'generated' } };
    const { file, issues } = planAlerting(project as never, []);
    expect(file).toBeUndefined();
    expect(issues.filter((i) => i.code === 'alert-schema').map((i) => [renderPath(i.path), i.source?.file])).toEqual([['groups[0].interval', 'alerts/index.ts']]);
  });
});

// ---- generated documents: whatever the builders accept, the output passes both validators ----

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/);
const anyText = fc.string({ minLength: 1, maxLength: 24 }).filter((s) => s.trim() !== '');
const durationArb = fc.constantFrom('0s', '30s', '1m', '5m', '10m', '1h', '1h30m', '1d');
const intervalArb = fc.constantFrom('10s', '1m', '5m', '1h');
const thresholdArb = fc.oneof(
  fc.record({ above: fc.integer({ min: -100, max: 100 }) }),
  fc.record({ below: fc.integer({ min: -100, max: 100 }) }),
  fc.tuple(fc.integer({ min: -100, max: 0 }), fc.integer({ min: 1, max: 100 })).map(([a, b]) => ({ within: [a, b] as [number, number] })),
  fc.tuple(fc.integer({ min: -100, max: 0 }), fc.integer({ min: 1, max: 100 })).map(([a, b]) => ({ outside: [a, b] as [number, number] })),
);

const ruleArb = fc.record({
  uid: word,
  title: anyText,
  promql: fc.boolean(),
  reducer: fc.constantFrom('last', 'mean', 'min', 'max', 'sum', 'count') as fc.Arbitrary<'last'>,
  mode: fc.constantFrom('strict', 'dropNN', 'replaceNN') as fc.Arbitrary<'strict'>,
  withMath: fc.boolean(),
  withResample: fc.boolean(),
  threshold: thresholdArb,
  for: durationArb,
  keepFiringFor: fc.option(durationArb, { nil: undefined }),
  noDataState: fc.constantFrom('OK', 'Alerting', 'NoData', 'KeepLast') as fc.Arbitrary<'OK'>,
  execErrState: fc.constantFrom('OK', 'Alerting', 'Error', 'KeepLast') as fc.Arbitrary<'OK'>,
  labels: fc.dictionary(word, anyText, { maxKeys: 3 }),
  annotations: fc.dictionary(word, anyText, { maxKeys: 3 }),
  isPaused: fc.boolean(),
});

type RuleInput = typeof ruleArb extends fc.Arbitrary<infer T> ? T : never;

function buildRule(r: RuleInput, i: number) {
  const q = alertQuery({
    range: '10m',
    query: r.promql ? promQuery({ datasource: prom, expr: promql`sum by (instance) (rate(requests_total[5m]))` }) : sqlQuery({ datasource: db, sql: sql`SELECT $__timeGroup(t, '1m') AS time, v FROM m WHERE $__timeFilter(t)` }),
  });
  const nodes: any[] = [q];
  let input: any = q;
  if (r.withResample) nodes.push((input = resampleExpression({ input, window: '1m', downsampler: 'mean', upsampler: 'fillna' })));
  nodes.push((input = reduceExpression({ input, reducer: r.reducer, mode: r.mode, ...((r.mode as string) === 'replaceNN' ? { replaceWith: 0 } : {}) })));
  if (r.withMath) nodes.push((input = mathExpression({ expression: math`${input} * 100` })));
  const condition = thresholdExpression({ input, ...r.threshold });
  nodes.push(condition);
  return alertRule({
    uid: `${r.uid}-${i}`, title: `${r.title} ${i}`, nodes, condition, for: r.for, ...(r.keepFiringFor ? { keepFiringFor: r.keepFiringFor } : {}),
    noDataState: r.noDataState, execErrState: r.execErrState, labels: r.labels, annotations: r.annotations, isPaused: r.isPaused,
  });
}

describe('property: builder output passes the shipped validator and Grafana\'s model', () => {
  it('for any rules, contact points, policies, mute timings and templates the builders accept', () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
        intervalArb,
        anyText,
        fc.array(fc.constantFrom('monday:friday', 'saturday', 'sunday'), { maxLength: 2 }),
        (rules, interval, template, weekdays) => {
          const built = rules.map(buildRule);
          fc.pre(built.every((r) => r.issues.length === 0));
          const webhook = contactPoint({ name: 'team', receivers: [{ uid: 'team-hook', type: 'webhook', settings: { url: env('HOOK_URL'), httpMethod: 'POST' } }] });
          const nights = muteTiming({ name: 'nights', intervals: [{ times: [{ start: '22:00', end: '24:00' }], ...(weekdays.length ? { weekdays } : {}) }] });
          const { document, issues } = alertingDocument({
            groups: [ruleGroup({ name: 'g', folder: 'f', interval, rules: built })],
            contactPoints: [webhook],
            policies: [notificationPolicy({ receiver: webhook, groupBy: ['alertname'], routes: [{ matchers: [['team', '=', 'perf']], receiver: webhook, muteTimings: [nights] }] })],
            muteTimings: [nights],
            templates: [notificationTemplate({ name: 't', template: `{{ define "t" }}${template}{{ end }}` })],
          });
          fc.pre(issues.length === 0);
          const reread = parse(toYaml(document, 'x'));
          expect(validateAlertingDocument(reread)).toEqual([]);
          if (needShared) expect(validateAlertingWithGrafanaSchema(reread)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
