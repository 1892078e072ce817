import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePromQL, maskVariables } from '../../src/languages/promql/index.js';
import { needShared } from '../support/shared.js';
import { referenceExprs } from './reference.js';

function errorsOf(expr: string) {
  const r = parsePromQL(expr);
  if (r.ok) throw new Error(`expected ${JSON.stringify(expr)} not to parse`);
  return r.errors;
}

describe('parsePromQL', () => {
  it.runIf(needShared)('parses every expression of the reference dashboards', () => {
    const all = [...referenceExprs('continuous-batching-dashboard.json'), ...referenceExprs('kv-cache-dashboard.json')];
    expect(all.length).toBeGreaterThan(15);
    for (const { panel, expr } of all) expect(parsePromQL(expr), `${panel}: ${expr}`).toMatchObject({ ok: true });
  });

  it.each([
    'up',
    'sum(x) by (le)',
    'foo{job=~"a|b", le!="+Inf"} offset 5m',
    'max_over_time(rate(x[1m])[1h:5m])',
    'a / on(job) group_left(instance) b',
    'topk(5, x) > bool 2',
    '{"metric.with.dots", a="b"}',
    'rate(x[5m]) # trailing comment',
  ])('accepts %s', (expr) => {
    expect(parsePromQL(expr).ok).toBe(true);
  });

  it('reports an unclosed call at the end, and where it was opened', () => {
    expect(errorsOf('rate(x[5m]')).toEqual([
      { from: 10, to: 10, message: 'unexpected end of input at 1:11: "(" opened at 1:5 is not closed' },
    ]);
  });

  it('reports a missing parenthesis around an aggregation body at the token that follows', () => {
    const expr = 'sum by(le) rate(x[5m])';
    expect(errorsOf(expr)).toEqual([{ from: 11, to: 15, message: 'unexpected "rate" at 1:12' }]);
  });

  it('points at a stray closing parenthesis', () => {
    const expr = 'histogram_quantile(0.9, x))';
    expect(errorsOf(expr)).toEqual([{ from: 26, to: 27, message: 'unexpected ")" at 1:27' }]);
  });

  it('gives line and column on multi-line expressions', () => {
    const [first] = errorsOf('sum(\n  rate(x[5m]) +\n)');
    expect(first?.message).toBe('unexpected ")" at 3:1');
    expect(first?.from).toBe(21);
  });

  it('rejects an empty expression', () => {
    expect(errorsOf('  ')).toEqual([{ from: 0, to: 2, message: 'empty expression' }]);
  });
});

describe('Grafana variables', () => {
  it.each([
    'rate(x[$__rate_interval])',
    'rate(x[${__rate_interval}])',
    'rate(x[[[interval]]])',
    'max_over_time(x[$__range:$__interval])',
    'x offset $shift',
    'x @ ${__to:date:seconds}',
    'sum by ($group) (x{job=~"$job", instance=~"${instance:regex}"})',
    '$metric',
    '${prefix}_requests_total',
    'topk($n, x)',
  ])('do not trip the parser: %s', (expr) => {
    expect(parsePromQL(expr)).toMatchObject({ ok: true });
  });

  it('keep positions of real errors after them, quoting the original text', () => {
    const expr = 'rate(x{job="$job"}[$__rate_interval]) + $other)';
    expect(errorsOf(expr)).toEqual([{ from: 46, to: 47, message: 'unexpected ")" at 1:47' }]);
  });

  it('quote the variable itself when it stands where PromQL forbids any identifier', () => {
    expect(errorsOf('x{job=$job}')).toEqual([{ from: 6, to: 10, message: 'unexpected "$job" at 1:7' }]);
  });

  it('are listed with their context', () => {
    const { variables, masked } = maskVariables('rate(x{job="$job"}[$__rate_interval]) by ($g)');
    expect(masked).toHaveLength('rate(x{job="$job"}[$__rate_interval]) by ($g)'.length);
    expect(variables.map((v) => [v.name, v.context, v.from])).toEqual([
      ['job', 'string', 12],
      ['__rate_interval', 'duration', 19],
      ['g', 'identifier', 42],
    ]);
    expect(maskVariables('${v:regex}').variables[0]).toMatchObject({ name: 'v', format: 'regex' });
    expect(maskVariables('[[v:csv]]').variables[0]).toMatchObject({ name: 'v', format: 'csv' });
  });

  it('masking keeps the length of any text, and parsing never throws and stays in bounds', () => {
    const piece = fc.constantFrom('rate(', 'x', '[', ']', '5m', '$v', '${v:raw}', '[[v]]', '"', ')', ' by (le) ', '{a="', '#', '\n', ',', 'sum');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }).map((p) => p.join('')), (expr) => {
        expect(maskVariables(expr).masked).toHaveLength(expr.length);
        const r = parsePromQL(expr);
        if (!r.ok) for (const e of r.errors) expect(e.from <= e.to && e.to <= expr.length && e.from >= 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
