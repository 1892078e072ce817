/**
 * Whether a Grafana variable reference is safe where it stands in SQL text.
 * One judgement for the `sql` tag (compile) and `dashcode lint` (hand-written
 * JSON): both report it as `sql-unsafe-interpolation`.
 *
 * Grafana's SQL formatter (SqlDatasource.interpolateVariable) doubles `'` in a
 * single value but adds no quotes; a multi-value variable becomes `'a','b'`.
 * `${v:sqlstring}` always quotes and doubles `'`. Neither escapes `\`, a
 * newline, `*\/` or a `$tag$` delimiter, so the only places a viewer-chosen value
 * can stand are code (quoted by the format) and a standard '…' string (single
 * value, `'` doubled). Every other lexical position refuses it. This assumes
 * standard_conforming_strings is on (PostgreSQL's default since 9.1).
 */
import { inListAt, isIdentChar, segmentAt, type SqlSegment } from './lexer.js';

/** A reference as written: `$v`, `${v}`, `${v:format}` or `[[v]]`, at [start, end). */
export interface SqlReference {
  readonly name: string;
  readonly match: string;
  readonly start: number;
  readonly end: number;
  /** Everything after the first `:`. */
  readonly format?: string;
}

/** What is known about the variable. Undefined: a typed-out name the tag cannot look up. */
export interface SqlVariableInfo {
  readonly name: string;
  readonly multi: boolean;
  readonly includeAll: boolean;
  readonly allValue?: string;
  /** Constants, interval and datasource variables, closed custom variables: a viewer cannot set their value. */
  readonly restricted: boolean;
}

/** Grafana's variable types whose value a viewer cannot choose freely (no free text from the URL). */
export function isRestrictedVariable(type: string, allowCustomValue: unknown): boolean {
  if (type === 'constant' || type === 'interval' || type === 'datasource') return true;
  return type === 'custom' && allowCustomValue === false;
}

/**
 * Why `ref` is unsafe where it stands, or undefined when it is safe.
 * `others` are the other references of the same text (a reference right
 * after another merges two quoted values into one literal).
 */
export function unsafeSqlReference(
  ref: SqlReference,
  v: SqlVariableInfo | undefined,
  sql: string,
  segments: readonly SqlSegment[],
  others: readonly SqlReference[] = [],
): string | undefined {
  if (v?.restricted) return undefined;
  const safe = `\${${ref.name}:sqlstring}`;
  const segment = segmentAt(segments, ref.start);
  const context = segment?.kind ?? 'code';
  const format = ref.format?.split(':')[0];
  // Unknown (typed-out) variables must be safe both as single- and as multi-value.
  const several = v === undefined || v.multi || (v.includeAll && v.allValue === undefined);
  const unknownNote = v === undefined ? ' (a typed-out reference: dashcode cannot tell whether it is multi-value; interpolate the variable object instead)' : '';
  switch (context) {
    case 'comment':
      return segment?.form === 'line'
        ? `${ref.match} inside a -- comment: a newline in the value ends the comment and the rest runs as SQL; move it out of the comment or remove it`
        : `${ref.match} inside a /* */ comment: */ in the value ends the comment and the rest runs as SQL; move it out of the comment or remove it`;
    case 'identifier':
      return `${ref.match} inside a "…" identifier: Grafana cannot escape identifiers, so a value containing " breaks out; use a constant or a custom variable with allowCustomValue: false`;
    case 'string':
      if (segment?.form === 'dollar') return `${ref.match} inside a dollar-quoted string: no Grafana format escapes the closing $…$ delimiter, so a value containing it breaks out; write ${safe} outside the dollar quotes`;
      if (segment?.form === 'escape') return `${ref.match} inside an E'…' string: a backslash in the value escapes the closing quote (Grafana doubles ' but not \\); write ${safe} outside the E'…' string`;
      if (segment?.form === 'unicode') return `${ref.match} inside a U&'…' string: a backslash in the value starts an escape Grafana does not double; write ${safe} outside the string`;
      if (segment?.form === 'bit') return `${ref.match} inside a B'…'/X'…' string, where '' does not escape a quote; write ${safe} outside the string`;
      if (format === undefined) {
        return several ? `'${ref.match}' with a multi-value variable: Grafana writes 'a','b' inside the quotes; use IN (${safe}) without quotes${unknownNote}` : undefined;
      }
      if (format === 'sqlstring') return `'${ref.match}': sqlstring adds its own quotes, so the value ends up in ''…''; drop the surrounding quotes`;
      return `'${ref.match}': the ${format} format does not escape ', so a value with a quote ends the string and can inject SQL; write ${safe} without the quotes`;
    case 'code': {
      const problem = unsafeInCode(ref, v, format, several, safe, sql, segments);
      if (problem !== undefined) return problem + (format === undefined ? unknownNote : '');
      return adjacency(ref, sql, others);
    }
  }
}

function unsafeInCode(ref: SqlReference, v: SqlVariableInfo | undefined, format: string | undefined, several: boolean, safe: string, sql: string, segments: readonly SqlSegment[]): string | undefined {
  if (format === 'sqlstring') return undefined;
  const inList = inListAt(sql, segments, ref.start);
  if (format === undefined) {
    if (inList && v?.multi) return undefined;
    if (several && v !== undefined) return `${ref.match} with a multi-value variable outside IN (…): Grafana writes 'a','b' here; use IN (${safe})`;
    return `${ref.match} is inserted unquoted: Grafana doubles ' in a single value but adds no quotes, so text values break the query and can inject SQL; write ${safe}`;
  }
  if (format === 'raw') return `${ref.match} inserts the value exactly as given (a URL parameter can set it): SQL injection; write ${safe}`;
  return `${ref.match}: the ${format} format neither quotes nor escapes for SQL; write ${safe}`;
}

/**
 * A quoted value glued to a word or another literal changes its meaning:
 * `E${v}` becomes an E'…' string (backslash escapes), `U&${v}` a Unicode
 * string, `${a}${b}` or `${v}'x'` one literal with an embedded quote.
 */
const edgeSets = new WeakMap<readonly SqlReference[], { starts: Set<number>; ends: Set<number> }>();

/**
 * Where the references start and end, per list (remembered: asked once per
 * reference of the same text, a scan each was quadratic). A reference never
 * touches itself, as it is not empty.
 */
function edgesOf(others: readonly SqlReference[]): { starts: Set<number>; ends: Set<number> } {
  let e = edgeSets.get(others);
  if (!e) edgeSets.set(others, (e = { starts: new Set(others.map((o) => o.start)), ends: new Set(others.map((o) => o.end)) }));
  return e;
}

function adjacency(ref: SqlReference, sql: string, others: readonly SqlReference[]): string | undefined {
  const before = sql[ref.start - 1];
  const after = sql[ref.end];
  const edges = edgesOf(others);
  const touchesRef = edges.ends.has(ref.start) || edges.starts.has(ref.end);
  if (isIdentChar(before) || before === '&' || before === "'" || after === "'" || touchesRef) {
    return `${ref.match} touches the text next to it (${JSON.stringify(sql.slice(Math.max(0, ref.start - 3), ref.start))} before, ${JSON.stringify(sql.slice(ref.end, ref.end + 3))} after): the quoted value would merge with it (E'…' turns on backslash escapes, '' joins two literals); put a space or an operator between them`;
  }
  return undefined;
}
