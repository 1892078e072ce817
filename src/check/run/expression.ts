/**
 * Server-side expressions (datasource `__expr__`, pkg/expr in Grafana) refer to the
 * panel's other queries by refId: `$A + $B` in a math expression, `A` (or `$A`) as
 * the input of reduce, resample and threshold. Those are not template variables.
 * dashcode checks that every referenced refId is a query of the same panel; it does
 * not evaluate expressions.
 */
import type { QueryCheck } from './model.js';
import type { TargetRef } from './extract.js';

type Result = Omit<QueryCheck, 'dashboard' | 'panel' | 'path' | 'refId' | 'language' | 'ms'>;

/** pkg/expr/mathexp/parse: a variable is `$` followed by a name, or `${…}` for names with spaces. */
const MATH_VARIABLE = /\$\{([^}]+)\}|\$([A-Za-z_][\w.]*)/g;

/** The refIds an expression reads. */
export function expressionInputs(type: string | undefined, expression: string): string[] {
  if (type === 'math') return [...expression.matchAll(MATH_VARIABLE)].map((m) => (m[1] ?? m[2] ?? '').trim());
  if (type === 'reduce' || type === 'resample' || type === 'threshold') {
    const ref = expression.trim().replace(/^\$\{?|\}$/g, '');
    return ref ? [ref] : [];
  }
  return [];
}

export function checkExpression(t: TargetRef): Result {
  const type = t.expressionType;
  if (type !== 'math' && type !== 'reduce' && type !== 'resample' && type !== 'threshold') {
    return { status: 'skipped', message: `not checked (server-side expression of type ${type ?? 'unknown'})` };
  }
  const inputs = expressionInputs(type, t.text);
  if (inputs.length === 0) return { status: 'error', message: `the ${type} expression names no input query` };
  const known = new Set(t.panelRefIds ?? []);
  const missing = inputs.filter((r) => !known.has(r));
  if (missing.length > 0) {
    return { status: 'error', message: `the ${type} expression reads ${missing.map((r) => `$${r}`).join(', ')}, which is no query of this panel (queries: ${[...known].join(', ') || 'none'})` };
  }
  return { status: 'syntax-ok', message: `${type} expression over ${[...new Set(inputs)].join(', ')}; dashcode does not evaluate expressions` };
}
