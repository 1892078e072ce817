/**
 * Query text → a tagged template (`sql\`...\``, `promql\`...\``). Variable
 * references become interpolations of the variable objects when the tag
 * would write exactly the same reference back; every other form stays in
 * the text verbatim, with a warning when it is one a reviewer should look at
 * (a bare `$var`, `${var:raw}`, `[[var]]`, or `${var}` in SQL, which Grafana
 * does not quote for a single value).
 */
import type { VariableFormat, VariableLike, VariableSpec } from '../variables/variable.js';
import { promql, rawQueryText, sql, traceql, type QueryLanguage, type QueryText } from '../queries/text.js';
import { code, stringLiteral, templateChunk, type Code } from './code.js';
import type { ImportContext } from './context.js';
import { lexPromQL } from '../languages/promql/lexer.js';
import { variableMatches, type VariableMatch } from '../languages/variables/references.js';
import { unsafePromqlReference } from '../languages/promql/interpolation.js';
import { sqlVariable } from '../queries/positions.js';
import type { IssuePath } from '../model/issue-path.js';


const FORMATS = new Set<string>(['csv', 'distributed', 'doublequote', 'glob', 'json', 'lucene', 'percentencode', 'pipe', 'raw', 'regex', 'singlequote', 'sqlstring', 'text', 'queryparam']);

/** The format each tag writes for a plain `${variable}` interpolation (see queries/text.ts). */
const TAG_DEFAULT_FORMAT: Record<QueryLanguage, VariableFormat | undefined> = { sql: 'sqlstring', promql: undefined, traceql: undefined };

export interface VariableInScope {
  /** The const holding the variable object in the generated module. */
  identifier: string;
  /** The variable object itself, for evaluating the generated code. */
  spec: VariableSpec;
}

export interface QueryTextSite {
  /** Where the text is, for messages: `panel "CPU" query A`. */
  where: string;
  path: IssuePath;
  panel?: string;
}

const TAGS = { sql, promql, traceql } as const;

/**
 * `language\`...\`` for `text`, evaluated with the real tag so the caller
 * can check it writes `text` back. `ctx.scope` holds the variables declared
 * before this point of the module: one declared later (or the variable
 * itself, in its own query) cannot be interpolated and stays verbatim.
 */
export function queryTemplate(ctx: ImportContext, language: QueryLanguage, text: string, site: QueryTextSite): Code {
  const tag = ctx.lib(language);
  const chunks: string[] = [];
  const values: VariableLike[] = [];
  const source: string[] = [];
  let last = 0;
  const kept = new Map<string, string>();
  const promSegments = language === 'promql' ? lexPromQL(text) : undefined;
  // Grafana's variable syntax: `$name`, `[[name:format]]`, `${name.field:format}` (languages/variables/references.ts).
  for (const m of variableMatches(text)) {
    const [whole] = m;
    const start = m.index;
    const interpolation = interpolate(m, language, ctx.scope);
    // A PromQL reference the promql tag would refuse (a viewer-set value inside a "…" matcher, as nearly every
    // Prometheus dashboard writes job="${job}") stays typed-out text: compile and lint warn about it, and the
    // dashboard still builds as it did in Grafana. Rewriting it as a variable object would make it a compile error.
    const unsafe = promSegments && interpolation && m[4] !== undefined && ctx.scope.get(m[4]) !== undefined
      && unsafePromqlReference({ name: m[4], match: whole, start, end: start + whole.length, format: m[6] }, sqlVariable(ctx.scope.get(m[4])!.spec), promSegments) !== undefined;
    if (interpolation !== undefined && !unsafe) {
      chunks.push(text.slice(last, start));
      values.push(interpolation.value);
      source.push(interpolation.code);
      last = start + whole.length;
      continue;
    }
    const reason = keptReason(m, language, ctx.scope, ctx.variableNames);
    if (reason && !kept.has(whole)) kept.set(whole, reason);
  }
  chunks.push(text.slice(last));
  const value = evaluate(language, chunks, values);
  // Names no variable of the dashboard has: Grafana sends them as written, and the tag would make compile refuse
  // them (variable.undefined). The text stays exactly as Grafana has it; lint warns (variable-undefined).
  const undefinedNames = [...new Set(value.literalNames.filter((n) => !ctx.variableNames.has(n)))];
  if (undefinedNames.length > 0) {
    const names = undefinedNames.map((n) => `$${n}`).join(', ');
    ctx.report('import-variable-undefined', site.path, `${site.where}: uses ${names}, which the dashboard does not define; Grafana sends ${undefinedNames.length === 1 ? 'it' : 'them'} as written, so the text is kept as it is (rawQueryText, not checked at compile; \`dashcode lint\` warns variable-undefined)`, 'warning', site.panel);
    ctx.keep(site.where, 'query text', 'rawQueryText: uses variables the dashboard does not define');
    return code(`${ctx.lib('rawQueryText')}(${stringLiteral(language)}, ${stringLiteral(text)})`, rawQueryText(language, text));
  }
  for (const [ref, reason] of kept) {
    ctx.report('import-variable-reference', site.path, `${site.where}: ${ref} kept verbatim: ${reason}`, 'warning', site.panel);
  }
  const body = chunks.map((c, i) => templateChunk(c) + (i < source.length ? `\${${source[i]}}` : '')).join('');
  return code(`${tag}\`${body}\``, value);
}

function evaluate(language: QueryLanguage, chunks: readonly string[], values: readonly VariableLike[]): QueryText {
  const strings = Object.assign([...chunks], { raw: chunks.map(templateChunk) }) as unknown as TemplateStringsArray;
  return (TAGS[language] as (s: TemplateStringsArray, ...v: VariableLike[]) => QueryText)(strings, ...values);
}

function interpolate(m: VariableMatch, language: QueryLanguage, scope: ReadonlyMap<string, VariableInScope>): { code: string; value: VariableLike } | undefined {
  const braced = m[4];
  if (braced === undefined || m[5] !== undefined) return undefined;
  const v = scope.get(braced);
  if (!v) return undefined;
  const format = m[6];
  const tagDefault = TAG_DEFAULT_FORMAT[language];
  if (format === undefined) return tagDefault === undefined ? { code: v.identifier, value: v.spec } : undefined;
  if (!FORMATS.has(format) || format === 'raw') return undefined;
  if (format === tagDefault) return { code: v.identifier, value: v.spec };
  return { code: `${v.identifier}.as('${format}')`, value: v.spec.as(format as VariableFormat) };
}

/** Why a reference to a dashboard variable stays verbatim; undefined for built-ins and unknown names (left alone). */
function keptReason(m: VariableMatch, language: QueryLanguage, scope: ReadonlyMap<string, VariableInScope>, allVariables: ReadonlySet<string>): string | undefined {
  const name = m[1] ?? m[2] ?? m[4] ?? '';
  if (name.startsWith('__') || !allVariables.has(name)) return undefined;
  if (!scope.has(name)) return `variable "${name}" is defined after this query (or is this variable), so it cannot be interpolated`;
  if (m[1] !== undefined) return `the bare form uses the datasource's default formatting; write \${${name}} (or ${name}.as(...)) so the format is explicit`;
  if (m[2] !== undefined) return 'the [[var]] syntax is deprecated in Grafana';
  if (m[5] !== undefined) return 'field paths (${var.field}) have no builder equivalent';
  const format = m[6];
  if (format === 'raw') return 'raw inserts the value unescaped, so a value can change the query';
  if (format !== undefined) return `"${format}" is not a format dashcode knows`;
  if (language === 'sql') return `Grafana does not quote a single value of \${${name}} in SQL; the sql tag writes \${${name}:sqlstring}, which quotes and escapes every value`;
  return undefined;
}
