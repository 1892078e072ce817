import { describe, expect, it } from 'vitest';
import { parseTraceQL } from '../../src/languages/traceql/index.js';

describe('parseTraceQL', () => {
  it.each([
    '{}',
    '{ resource.service.name = "transformers" && duration > 100ms }',
    '{ .http.status_code = 500 } | count() > 2',
    '{ span.gen_ai.request.model = "llama" } >> { status = error }',
    '{ name = "generate" } | quantile_over_time(duration, 0.99) by (resource.service.name)',
    '{ resource.service.name = $service }',
    '{ resource.service.name =~ "${service:regex}" }',
    '{ .a = [[value]] }',
    '{ .a = ${value:raw} } | rate() by ($label)',
  ])('accepts %s', (q) => {
    expect(parseTraceQL(q)).toMatchObject({ ok: true });
  });

  it('points at a missing value', () => {
    expect(parseTraceQL('{ .a = }')).toEqual({ ok: false, errors: [{ from: 7, to: 8, message: 'unexpected "}" at 1:8' }] });
  });

  it('reports an unclosed spanset at the end', () => {
    expect(parseTraceQL('{ status = error')).toEqual({
      ok: false,
      errors: [{ from: 16, to: 16, message: 'unexpected end of input at 1:17: "{" opened at 1:1 is not closed' }],
    });
  });

  it('rejects an attribute without scope or leading dot', () => {
    const r = parseTraceQL('{ service = "a" }');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ from: 2, message: 'unexpected "service" at 1:3' });
  });

  it('rejects an empty query', () => {
    expect(parseTraceQL('')).toEqual({ ok: false, errors: [{ from: 0, to: 0, message: 'empty query' }] });
  });
});
