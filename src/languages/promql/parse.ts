import type { Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { collectErrors, type ParseError } from './errors.js';
import { maskVariables, type GrafanaVariable } from './variables.js';

export type PromQLParseResult =
  | {
      readonly ok: true;
      /** Parsed from the masked text: same offsets as `expr`, so slice `expr` for the user's own text. */
      readonly tree: Tree;
      readonly variables: readonly GrafanaVariable[];
    }
  | { readonly ok: false; readonly errors: readonly ParseError[] };

/**
 * Syntax check of a PromQL expression as written on a Grafana panel (template
 * variables allowed). Only syntax: unknown metrics, wrong argument types and the
 * like are the linter's and the live backend's business.
 */
export function parsePromQL(expr: string): PromQLParseResult {
  if (expr.trim() === '') return { ok: false, errors: [{ from: 0, to: expr.length, message: 'empty expression' }] };
  const { masked, variables } = maskVariables(expr);
  const tree = parser.parse(masked);
  const errors = collectErrors(tree, expr);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, tree, variables };
}
