/**
 * Issues are data. Every layer (input validation, compile, output validation,
 * lint, backend checks) reports problems as `Issue` values and keeps going, so a
 * single run shows every problem at once. One formatter prints them
 * (src/validate/issues.ts). The codes are the one table's (./issue-codes.ts).
 */
import { ISSUE_CODES, type IssueCode, type Severity } from './issue-codes.js';
import type { IssuePath } from './issue-path.js';

export type { IssueCode, IssuePath, Severity };

export interface Issue {
  /** Stable, machine-readable code from the one table (src/model/issue-codes.ts), e.g. `layout-overlap`. */
  readonly code: IssueCode;
  /** Keys and indexes from the document's root, e.g. `['panels', 3, 'targets', 0, 'rawSql']`; `[]` for the whole document. Printed by `renderPath` (./issue-path.ts). */
  readonly path: IssuePath;
  /** One sentence a person can act on: what was given, what is allowed. */
  readonly message: string;
  readonly severity: Severity;
  /** Where it happened, outermost first: file, datasource or dashboard, panel. Filled in by the layer that knows. */
  readonly source?: IssueSource;
}

export interface IssueSource {
  readonly file?: string;
  /** The datasource the issue is about (a datasource's options), by name. */
  readonly datasource?: string;
  readonly dashboard?: string;
  readonly panel?: string;
}

/** An issue; its severity is the code's default (src/model/issue-codes.ts) unless given. */
export function issue(code: IssueCode, path: IssuePath, message: string, severity: Severity = ISSUE_CODES[code].severity): Issue {
  return { code, path, message, severity };
}

export function withSource(issues: readonly Issue[], source: IssueSource): Issue[] {
  return issues.map((i) => ({ ...i, source: { ...source, ...i.source } }));
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** `issues` found inside the value at `prefix`, with their paths made relative to the enclosing document. */
export function underPath(prefix: IssuePath, issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));
}
