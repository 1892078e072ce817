/**
 * Syntax check of a LogQL query (a Loki target's `expr`) as written on a Grafana
 * panel, with Grafana's own grammar (@grafana/lezer-logql, the parser Grafana's Loki
 * editor uses). Template variables are masked with same-length placeholders first,
 * exactly as for PromQL, so `[$__auto]` or `topk($k, …)` parse and every error
 * offset points into the text the user wrote.
 */
import type { Tree } from '@lezer/common';
import { parser } from '@grafana/lezer-logql';
import { collectErrors, type ParseError } from '../../languages/promql/errors.js';
import { maskVariables } from '../../languages/promql/variables.js';

export type LogQLParseResult = { readonly ok: true; readonly tree: Tree } | { readonly ok: false; readonly errors: readonly ParseError[] };

export function parseLogQL(expr: string): LogQLParseResult {
  if (expr.trim() === '') return { ok: false, errors: [{ from: 0, to: expr.length, message: 'empty query' }] };
  const { masked, variables } = maskVariables(expr);
  const tree = parser.parse(masked);
  const errors = collectErrors(tree, expr);
  if (errors.length === 0) return { ok: true, tree };
  // LogQL takes a number where PromQL's placeholder is a name (`topk($k, …)`, `> $limit`):
  // a variable outside strings and ranges may be either.
  let asNumbers = masked;
  for (const v of variables) if (v.context === 'identifier') asNumbers = asNumbers.slice(0, v.from) + '1'.repeat(v.to - v.from) + asNumbers.slice(v.to);
  if (asNumbers !== masked) {
    const retry = parser.parse(asNumbers);
    if (collectErrors(retry, expr).length === 0) return { ok: true, tree: retry };
  }
  return { ok: false, errors };
}
