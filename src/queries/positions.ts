/**
 * Where each variable stands in tagged query text, judged by the same rules
 * `dashcode lint` applies to hand-written JSON (src/languages/), reported
 * under the same issue codes. A position no Grafana format makes safe is an
 * error: the query does not compile.
 */
import { issue, type Issue } from '../model/issue.js';
import type { IssueCode } from '../model/issue-codes.js';
import type { VariableFormat, VariableSpec } from '../variables/variable.js';
import { lexSql } from '../languages/sql/lexer.js';
import { isRestrictedVariable, unsafeSqlReference, type SqlVariableInfo } from '../languages/sql/interpolation.js';
import { lexPromQL } from '../languages/promql/lexer.js';
import { unsafePromqlReference } from '../languages/promql/interpolation.js';

export interface QueryReference {
  readonly name: string;
  /** The reference as written in the text: `${branch:sqlstring}`, `$branch`. */
  readonly match: string;
  readonly start: number;
  readonly end: number;
  readonly format?: VariableFormat | string;
  /** The variable object, when one was interpolated; typed-out references have none. */
  readonly variable?: VariableSpec;
}

export const SQL_POSITION_CODE = 'sql-unsafe-interpolation' satisfies IssueCode;
export const PROMQL_POSITION_CODE = 'promql-unsafe-interpolation' satisfies IssueCode;
/** Codes judged again by an enclosing tag, where a fragment finally stands. */
export const POSITION_CODES: ReadonlySet<string> = new Set([SQL_POSITION_CODE, PROMQL_POSITION_CODE]);

type Judge = (ref: QueryReference, v: SqlVariableInfo | undefined) => string | undefined;

/**
 * Issues for the references whose variable object the tag holds. Typed-out
 * references (`'$host'`) depend on the variable's definition (multi-value?
 * closed list?), so compile judges them with the dashboard's variables:
 * `typedReferenceIssues`.
 */
export function positionIssues(language: string, text: string, references: readonly QueryReference[]): Issue[] {
  return judgedIssues(language, text, references, interpolatedVariable, isInterpolated);
}

// Module-level, not closures per call: the builders call positionIssues once per query text.
const interpolatedVariable = (r: QueryReference) => r.variable;
const isInterpolated = (r: QueryReference) => r.variable !== undefined;

/** Issues for the typed-out references of `text`, judged with the dashboard's variables (unknown names are `variable-undefined` elsewhere). */
export function typedReferenceIssues(text: { language: string; text: string; references?: readonly QueryReference[] }, variables: readonly VariableSpec[]): Issue[] {
  // Most query text interpolates variable objects only: nothing typed out to judge, no map to build (issue 15).
  if (!(text.references ?? []).some((r) => r.variable === undefined)) return [];
  const byName = new Map(variables.map((v) => [v.name, v]));
  const found = judgedIssues(text.language, text.text, text.references ?? [], (r) => byName.get(r.name), (r) => r.variable === undefined && byName.has(r.name));
  // Typed-out PromQL references (`job="$job"`, as every imported Prometheus dashboard has them) are warned about, as lint
  // does for hand-written JSON: PromQL cannot write, and an error would stop every such dashboard from building.
  // Variable objects in the promql tag stay errors; SQL stays an error either way.
  return text.language === 'promql' ? found.map((i) => ({ ...i, severity: 'warning' as const })) : found;
}

/**
 * Issues for the references `judges` picks, each judged with the variable `variableOf` gives it. A restricted
 * variable (a fixed list) is safe wherever it stands, so text whose judged references are all such is answered
 * before any lexing, list or object is made: most query text (issue 15).
 */
function judgedIssues(
  language: string,
  text: string,
  references: readonly QueryReference[],
  variableOf: (r: QueryReference) => VariableSpec | undefined,
  judges: (r: QueryReference) => boolean,
): Issue[] {
  let anyUnrestricted = false;
  for (const r of references) {
    if (!judges(r)) continue;
    const v = variableOf(r);
    if (v === undefined || !isRestrictedVariable(v.type, v.model.allowCustomValue)) {
      anyUnrestricted = true;
      break;
    }
  }
  if (!anyUnrestricted) return [];
  const judged = references.filter(judges);
  const info = (r: QueryReference) => {
    const v = variableOf(r);
    return v && sqlVariable(v);
  };
  if (language === 'sql') {
    const segments = lexSql(text);
    return judgeAll(SQL_POSITION_CODE, judged, info, (ref, v) => unsafeSqlReference(ref, v, text, segments, references));
  }
  if (language === 'promql') {
    const segments = lexPromQL(text);
    return judgeAll(PROMQL_POSITION_CODE, judged, info, (ref, v) => unsafePromqlReference(ref, v, segments));
  }
  return [];
}

function judgeAll(code: IssueCode, references: readonly QueryReference[], info: (r: QueryReference) => SqlVariableInfo | undefined, judge: Judge): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  for (const ref of references) {
    const problem = judge(ref, info(ref));
    if (problem === undefined || seen.has(problem)) continue;
    seen.add(problem);
    // Always an error here: typed query text refuses an unsafe position (lint only warns for PromQL in hand-written JSON).
    out.push(issue(code, [], problem, 'error'));
  }
  return out;
}

export function sqlVariable(v: VariableSpec): SqlVariableInfo {
  const allValue = typeof v.model.allValue === 'string' ? v.model.allValue : undefined;
  return { name: v.name, multi: v.multi, includeAll: v.includeAll, allValue, restricted: isRestrictedVariable(v.type, v.model.allowCustomValue) };
}
