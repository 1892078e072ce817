/**
 * Grafana template variables inside PromQL. Grafana interpolates them before the
 * query reaches Prometheus, so `rate(x[$__rate_interval])` is valid on a dashboard
 * although it is not PromQL. To check the syntax of everything else, each variable
 * is replaced by a placeholder of the same length (so every offset stays right)
 * that parses where it stands.
 */
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

// Grafana's own pattern (public/app/features/variables/utils.ts): $var, [[var]], [[var:fmt]], ${var}, ${var.field}, ${var:fmt}.
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/y;

/** Finds every variable and returns the query with same-length placeholders. */
export function maskVariables(expr: string): { masked: string; variables: GrafanaVariable[] } {
  const variables: GrafanaVariable[] = [];
  const brackets: string[] = [];
  let masked = '';
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
    VARIABLE.lastIndex = i;
    const m = VARIABLE.exec(expr);
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
  const global = new RegExp(VARIABLE.source, 'g');
  for (const m of text.matchAll(global)) {
    const from = offset + (m.index ?? 0);
    out.push({ from, to: from + m[0].length, ...nameOf(m), context: 'string' });
  }
  return out;
}

function nameOf(m: RegExpMatchArray): { name: string; format?: string } {
  const name = m[1] ?? m[2] ?? m[4] ?? '';
  const format = m[3] ?? m[6];
  return format === undefined ? { name } : { name, format };
}

function contextAt(expr: string, at: number, brackets: readonly string[]): GrafanaVariable['context'] {
  if (brackets.at(-1) === '[') return 'duration'; // range selector or subquery: [5m], [1h:1m]
  const before = expr.slice(0, at).trimEnd();
  if (/\boffset\s*-?$/i.test(before)) return 'duration';
  if (before.endsWith('@')) return 'number'; // @ modifier takes a Unix timestamp
  return 'identifier';
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
