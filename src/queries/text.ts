import type { Issue } from '../model/issue.js';
import { issue } from '../model/issue.js';
import { isVariable, isVariableRef, type VariableFormat, type VariableLike, type VariableSpec } from '../variables/variable.js';
import { positionIssues, POSITION_CODES, type QueryReference } from './positions.js';

/**
 * Query text written with tagged templates. Interpolated values must be
 * variable objects (or nested query text of the same language, or numbers):
 * a variable is emitted as a Grafana reference with the formatting that is
 * safe for the language, and the variables used are recorded so compile can
 * prove the dashboard defines every one of them.
 *
 *   sql`SELECT ... WHERE branch IN (${branch})`   →  WHERE branch IN (${branch:sqlstring})
 */
export type QueryLanguage = 'sql' | 'promql' | 'traceql';

export interface QueryText<L extends QueryLanguage = QueryLanguage> {
  readonly kind: 'query-text';
  readonly language: L;
  readonly text: string;
  readonly variables: readonly VariableSpec[];
  /**
   * Variables named in the template's own text (`$instance`, `\${instance}`,
   * `[[instance]]`) rather than interpolated as objects. Compile checks the
   * dashboard defines them, so a typed-out reference cannot dangle either.
   * Grafana's `$__` globals and macros are not listed.
   */
  readonly literalNames: readonly string[];
  /**
   * Every variable reference in `text` with its offsets, interpolated or typed
   * out, so an enclosing tag can judge each one where it finally stands.
   */
  readonly references?: readonly QueryReference[];
  readonly issues: readonly Issue[];
}

export type Interpolation<L extends QueryLanguage> = VariableLike | QueryText<L> | QueryToken | number;

/**
 * A name or constant known when the dashboard is written (a column, a jsonb
 * key, a metric name), checked when it is made and emitted verbatim. This is
 * how code that generates many similar panels builds query text without
 * falling back to raw strings.
 */
export interface QueryToken {
  readonly kind: 'query-token';
  readonly text: string;
  readonly issues: readonly Issue[];
}

const SQL_IDENT = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
const PROM_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function token(text: string, ok: boolean, what: string): QueryToken {
  return Object.freeze({ kind: 'query-token', text: ok ? text : '', issues: ok ? [] : [issue('query-token', [], `${JSON.stringify(text)} is not a valid ${what}`)] });
}

/**
 * A SQL identifier: `gpu_util` and `d.gpu_util` are emitted as they are;
 * any other name (`First token`) is double-quoted with `"` doubled, which
 * PostgreSQL reads back as exactly that name, so no name can break out.
 */
export function ident(name: string): QueryToken {
  if (name === '') return Object.freeze({ kind: 'query-token', text: '', issues: [issue('query-token', [], 'an SQL identifier cannot be empty')] });
  return token(SQL_IDENT.test(name) ? name : `"${name.replace(/"/g, '""')}"`, true, '');
}

/** A SQL string literal, quoted and escaped here (`'it''s'`): for constants such as jsonb keys, never for user input. */
export function lit(value: string): QueryToken {
  return Object.freeze({ kind: 'query-token', text: `'${value.replace(/'/g, "''")}'`, issues: [] });
}

/** A Prometheus metric or label name. */
export function metricName(name: string): QueryToken {
  return token(name, PROM_NAME.test(name), 'Prometheus metric name');
}

function isToken(v: unknown): v is QueryToken {
  return typeof v === 'object' && v !== null && (v as QueryToken).kind === 'query-token';
}

/**
 * Default format per language. SQL: `sqlstring` quotes and escapes every
 * value and joins multi-values with commas, so `IN (${v})` and `= ${v}` are
 * both safe (Grafana's sqlStringFormatter). PromQL and TraceQL: the
 * datasource's own interpolation (regex-escaped, `|`-joined for multi-values),
 * meant for `=~"${v}"` matchers.
 */
const DEFAULT_FORMAT: Record<QueryLanguage, VariableFormat | undefined> = {
  sql: 'sqlstring',
  promql: undefined,
  traceql: undefined,
};

function makeTag<L extends QueryLanguage>(language: L) {
  // Plain loops, no closures or spread per call: a dashboard makes one of these per query (issue 15).
  return (strings: TemplateStringsArray, ...values: Array<Interpolation<L>>): QueryText<L> => {
    const template = templateInfo(strings);
    const variables: VariableSpec[] = [];
    const references: QueryReference[] = [];
    const issues: Issue[] = [];
    let literalNames = template.literalNames;
    let text = '';
    for (let i = 0; ; i++) {
      const offset = text.length;
      const refs = template.references[i];
      if (refs !== undefined) for (const r of refs) references.push(offset === 0 ? r : { ...r, start: r.start + offset, end: r.end + offset });
      text += strings[i] ?? '';
      if (i >= values.length) break;
      const value = values[i];
      if (isQueryText(value) && value.literalNames.length > 0) literalNames = [...literalNames, ...value.literalNames];
      text += render(language, value, { variables, issues, references, offset: text.length }, i);
    }
    const positioned = positionIssues(language, text, references);
    if (positioned.length > 0) issues.push(...positioned);
    return Object.freeze({
      kind: 'query-text',
      language,
      text,
      variables: dedupe(variables),
      literalNames: literalNames === template.literalNames ? literalNames : [...new Set(literalNames)],
      references,
      issues,
    });
  };
}

interface RenderTarget {
  readonly variables: VariableSpec[];
  readonly issues: Issue[];
  readonly references: QueryReference[];
  /** Where the rendered text starts in the query. */
  readonly offset: number;
}

function render<L extends QueryLanguage>(language: L, value: unknown, target: RenderTarget, index: number): string {
  const { variables, issues } = target;
  if (isVariable(value)) return variableReference(target, value, DEFAULT_FORMAT[language]);
  if (isVariableRef(value)) return variableReference(target, value.variable, value.format);
  if (isQueryText(value)) {
    if (value.language !== language) {
      issues.push(issue('query-language', [], `interpolation #${index + 1} is ${value.language} text inside ${language}`));
      return '';
    }
    variables.push(...value.variables);
    // Where a fragment's variables stand is judged again in the enclosing text.
    issues.push(...value.issues.filter((i) => !POSITION_CODES.has(i.code)));
    target.references.push(...(value.references ?? []).map((r) => ({ ...r, start: r.start + target.offset, end: r.end + target.offset })));
    return value.text;
  }
  if (isToken(value)) {
    issues.push(...value.issues);
    return value.text;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  issues.push(
    issue(
      'query-interpolation',
      [],
      `interpolation #${index + 1} is ${describe(value)}; only variable objects, numbers, ident()/lit()/metricName() tokens and ${language} fragments can be interpolated (strings could inject ${language})`,
    ),
  );
  return '';
}

function variableReference(target: RenderTarget, variable: VariableSpec, format: VariableFormat | undefined): string {
  target.variables.push(variable);
  const match = reference(variable.name, format);
  target.references.push({ name: variable.name, match, start: target.offset, end: target.offset + match.length, format, variable });
  return match;
}

/**
 * `$name`, `${name}`, `${name:format}` and `[[name]]`, Grafana's reference
 * forms, except `$__…` (built-in globals and macros) and `$tag$` (a
 * PostgreSQL dollar-quote delimiter, not a variable).
 */
const NAMED_REFERENCE = /\$\{([A-Za-z_]\w*)(?::([^}]*))?\}|\$([A-Za-z_]\w*)(?!\w|\$)|\[\[([A-Za-z_]\w*)(?::([^\]]*))?\]\]/g;

/**
 * The typed-out references of each part of a template, at offsets from the
 * part's start, and their names (deduplicated). A template literal's strings
 * array is frozen and the same object on every call from one place, so its
 * parts are scanned once (issue 15); an array passed by hand is scanned every
 * time.
 */
interface TemplateInfo {
  readonly references: ReadonlyArray<readonly QueryReference[]>;
  readonly literalNames: readonly string[];
}

const templateInfos = new WeakMap<TemplateStringsArray, TemplateInfo>();

function templateInfo(strings: TemplateStringsArray): TemplateInfo {
  const known = templateInfos.get(strings);
  if (known !== undefined) return known;
  // Frozen: every query text made from this template shares these objects.
  const references = Array.from(strings, (part) => Object.freeze(literalReferences(part ?? '', 0).map((r) => Object.freeze(r))));
  const literalNames = Object.freeze([...new Set(references.flatMap((refs) => refs.map((r) => r.name)))]);
  const info = { references, literalNames };
  if (Object.isFrozen(strings) && Object.isFrozen(strings.raw)) templateInfos.set(strings, info);
  return info;
}

/** The typed-out references in `part`, at offsets from `offset`. */
function literalReferences(part: string, offset: number): QueryReference[] {
  const out: QueryReference[] = [];
  for (const m of part.matchAll(NAMED_REFERENCE)) {
    const name = (m[1] ?? m[3] ?? m[4])!;
    if (name.startsWith('__')) continue;
    const start = offset + (m.index ?? 0);
    const format = m[2] ?? m[5];
    out.push({ name, match: m[0], start, end: start + m[0].length, ...(format !== undefined ? { format } : {}) });
  }
  return out;
}

function reference(name: string, format: VariableFormat | undefined): string {
  return format ? `\${${name}:${format}}` : `\${${name}}`;
}

/** Each variable once, in first-use order; no Set for one (most query texts). */
function dedupe(vs: VariableSpec[]): VariableSpec[] {
  return vs.length < 2 ? vs : [...new Set(vs)];
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object that is not a variable' : `a ${typeof v}`;
}

export function isQueryText(v: unknown): v is QueryText {
  return typeof v === 'object' && v !== null && (v as QueryText).kind === 'query-text';
}

/** PostgreSQL (Grafana SQL datasource) query text. Macros such as `$__timeFilter(time)` are written literally. */
export const sql = makeTag('sql');
/** PromQL query text. `$__rate_interval`, `$__interval` and `$__range` are written literally. */
export const promql = makeTag('promql');
/** TraceQL query text. */
export const traceql = makeTag('traceql');

/**
 * Plain query text with no interpolation, for queries kept verbatim (for
 * example by `dashcode import`). Its references are not checked at compile
 * time (an imported dashboard may define variables through `raw`); `dashcode
 * lint` checks them in the output (variable-undefined).
 */
export function rawQueryText<L extends QueryLanguage>(language: L, text: string): QueryText<L> {
  return Object.freeze({ kind: 'query-text', language, text, variables: [], literalNames: [], references: [], issues: [] });
}
