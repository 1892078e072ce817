/**
 * Grafana template variables inside PromQL. Grafana interpolates them before the
 * query reaches Prometheus, so `rate(x[$__rate_interval])` is valid on a dashboard
 * although it is not PromQL. To check the syntax of everything else, each variable
 * is replaced by a placeholder of the same length (so every offset stays right)
 * that parses where it stands.
 */
import { NextIndexes, variableMatchAt, variableMatches, type VariableMatch } from '../variables/references.js';
import { skipString } from './errors.js';

export interface GrafanaVariable {
  readonly from: number;
  readonly to: number;
  /** `__rate_interval`, `job`, ... */
  readonly name: string;
  /** `regex` in `${job:regex}` / `[[job:regex]]`. */
  readonly format?: string;
  /** Which placeholder it got: what the surrounding syntax expects there. */
  readonly context: 'duration' | 'number' | 'identifier' | 'string';
}


/** Finds every variable and returns the query with same-length placeholders. */
export function maskVariables(expr: string): { masked: string; variables: GrafanaVariable[] } {
  const variables: GrafanaVariable[] = [];
  const brackets: string[] = [];
  let masked = '';
  // Grafana's reference syntax (languages/variables/references.ts), matched in linear time.
  const next = new NextIndexes(expr);
  let i = 0;
  while (i < expr.length) {
    const c = expr[i] ?? '';
    if (c === '"' || c === "'" || c === '`') {
      // Strings take any text; a variable there (a label value) needs no placeholder.
      const end = skipString(expr, i) + 1;
      for (const v of variablesIn(expr.slice(i, end), i)) variables.push(v);
      masked += expr.slice(i, end);
      i = end;
      continue;
    }
    if (c === '#') {
      const end = expr.indexOf('\n', i);
      const stop = end === -1 ? expr.length : end;
      masked += expr.slice(i, stop);
      i = stop;
      continue;
    }
    const m = variableMatchAt(expr, i, next);
    if (m) {
      const text = m[0];
      const context = contextAt(expr, i, brackets);
      variables.push({ from: i, to: i + text.length, ...nameOf(m), context });
      masked += placeholder(context, text.length);
      i += text.length;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') brackets.push(c);
    else if (c === ')' || c === ']' || c === '}') brackets.pop();
    masked += c;
    i++;
  }
  return { masked, variables };
}

/** Variables anywhere in `text` (used for strings, where no masking is needed). */
function variablesIn(text: string, offset: number): GrafanaVariable[] {
  const out: GrafanaVariable[] = [];
  for (const m of variableMatches(text)) {
    const from = offset + m.index;
    out.push({ from, to: from + m[0].length, ...nameOf(m), context: 'string' });
  }
  return out;
}

function nameOf(m: VariableMatch): { name: string; format?: string } {
  const name = m[1] ?? m[2] ?? m[4] ?? '';
  const format = m[3] ?? m[6];
  return format === undefined ? { name } : { name, format };
}

function contextAt(expr: string, at: number, brackets: readonly string[]): GrafanaVariable['context'] {
  if (brackets.at(-1) === '[') return 'duration'; // range selector or subquery: [5m], [1h:1m]
  // Only the few characters before the variable decide, so look back over them alone: a regex over the whole
  // prefix, once per variable, made a query of 160,000 variables take 7 s.
  let end = skipSpaceBack(expr, at);
  if (expr[end - 1] === '@') return 'number'; // @ modifier takes a Unix timestamp
  if (expr[end - 1] === '-') end = skipSpaceBack(expr, end - 1);
  if (end >= 6 && expr.slice(end - 6, end).toLowerCase() === 'offset' && !/\w/.test(expr[end - 7] ?? '')) return 'duration';
  return 'identifier';
}

/** The offset just after the last non-space character before `at`. */
function skipSpaceBack(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i;
}

/** Every length is at least 2 (`$a`), so each placeholder fits. */
function placeholder(context: GrafanaVariable['context'], length: number): string {
  switch (context) {
    case 'duration':
      return `${'1'.repeat(length - 1)}s`;
    case 'number':
      return '1'.repeat(length);
    default:
      // Leading underscore: never a keyword or function name (`sum`, `by`, `inf`, ...).
      return `_${'v'.repeat(length - 1)}`;
  }
}
