/**
 * Issue 12 item 5 (PromQL): a variable a viewer can set never stands where its
 * value can leave a PromQL string; the promql tag refuses it (compile error)
 * and lint reports it for hand-written JSON, under one code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantVariable, customVariable, intervalVariable, promql, textboxVariable, type QueryText } from '../../src/index.js';
import { interpolateVariables, type VariableValue } from '../../src/check/interpolate/index.js';
import { lexPromQL } from '../../src/languages/promql/lexer.js';
import { dashboard, lint, promPanel, variable } from '../lint/support.js';

const job = textboxVariable({ name: 'job' });
const open = customVariable({ name: 'env', values: ['prod', 'dev'], multi: true });
const closed = customVariable({ name: 'env', values: ['prod', 'dev'], raw: { allowCustomValue: false } });
const window = intervalVariable({ name: 'window', values: ['1m', '5m'] });
const scrape = constantVariable({ name: 'scrape', value: 'node' });

const unsafe = (q: QueryText): string[] => q.issues.filter((i) => i.code === 'promql-unsafe-interpolation').map((i) => i.message);

describe('the promql tag', () => {
  it.each<[string, QueryText, string]>([
    ['job="${job}" (Grafana does not escape ")', promql`up{job="${job}"}`, 'do not escape "'],
    ["job='${job}'", promql`up{job='${job}'}`, 'do not escape "'],
    ['env=~"${env}" multi-value', promql`up{env=~"${open}"}`, 'do not escape "'],
    ['regex format', promql`up{job=~"${job.as('regex')}"}`, 'the regex format'],
    ['a raw `…` string', promql`up{job=\`${job}\`}`, 'backtick'],
    ['a # comment', promql`up # ${job}`, '# comment'],
    ['code', promql`topk(${job}, up)`, 'code'],
  ])('refuses %s', (_name, q, message) => {
    const found = unsafe(q);
    expect(found, q.text).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it.each<[string, QueryText]>([
    ['a closed custom variable', promql`up{env="${closed}"}`],
    ['an interval variable in a range', promql`rate(x_total[${window}])`],
    ['a constant', promql`up{job="${scrape}"}`],
    ['percentencode in a string', promql`up{job="${job.as('percentencode')}"}`],
    ['built-ins', promql`rate(x_total[$__rate_interval])`],
  ])('accepts %s', (_name, q) => {
    expect(unsafe(q)).toEqual([]);
  });

  it('property: percentencode keeps any value inside its string, through both interpolation passes', () => {
    const q = promql`up{job="${job.as('percentencode')}", env=~"${job.as('percentencode')}"} # end`;
    const shape = (t: string) => lexPromQL(t).map((s) => (s.kind === 'code' ? `code:${t.slice(s.from, s.to)}` : `${s.kind}:${s.quote}:${s.closed}`));
    const expand = (value: string) => interpolateVariables(q.text, new Map<string, VariableValue>([['job', { name: 'job', value }]]), { datasource: 'prometheus' }).text;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('"', "'", '`', '\\', '\n', '#', '}', '$job', '${job}', 'x', ' ') }), (value) => {
        expect(shape(expand(value))).toEqual(shape(expand('x')));
      }),
    );
  });
});

describe('lint: promql-unsafe-interpolation for hand-written JSON', () => {
  const found = (expr: string, vars = [variable('job', { type: 'textbox', query: '' })]) =>
    lint(dashboard([promPanel('Up', expr)], { templating: { list: vars } })).filter((i) => i.code === 'promql-unsafe-interpolation');

  it('reports job="$job" naming the dashboard, panel and path', () => {
    const issues = found('up{job="$job"}');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', path: ['panels', 0, 'targets', 0, 'expr'], source: { file: 'test.json', dashboard: 'Lint test', panel: 'Up' } });
  });

  it('accepts percentencode and closed variables', () => {
    expect(found('up{job="${job:percentencode}"}')).toEqual([]);
    expect(found('up{job="$job"}', [variable('job', { allowCustomValue: false })])).toEqual([]);
  });
});
