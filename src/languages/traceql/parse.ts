import type { Tree } from '@lezer/common';
import { parser } from '@grafana/lezer-traceql';
import { collectErrors, type ParseError } from '../promql/errors.js';

export type TraceQLParseResult =
  | { readonly ok: true; readonly tree: Tree }
  | { readonly ok: false; readonly errors: readonly ParseError[] };

// The TraceQL grammar knows `$var` and `${var:fmt}` (TemplateVariable) but not the
// old `[[var]]` form, which Grafana still interpolates: rewrite it to a `$` variable
// of the same length so offsets stay right.
const BRACKET_VARIABLE = /\[\[(\w+?)(?::(\w+))?\]\]/g;

/** Syntax check of a TraceQL query as written on a Grafana panel (template variables allowed). */
export function parseTraceQL(query: string): TraceQLParseResult {
  if (query.trim() === '') return { ok: false, errors: [{ from: 0, to: query.length, message: 'empty query' }] };
  const masked = query.replace(BRACKET_VARIABLE, (m) => `$${'v'.repeat(m.length - 1)}`);
  const tree = parser.parse(masked);
  const errors = collectErrors(tree, query);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, tree };
}
