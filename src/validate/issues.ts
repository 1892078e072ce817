/**
 * Issues are data. Every layer (input validation, compile, output validation,
 * lint, backend checks) reports problems as `Issue` values and keeps going, so a
 * single run shows every problem at once. One formatter prints them.
 */
import { ISSUE_CODES, type IssueCode, type Severity } from '../model/issue-codes.js';
import { terminalText } from './plain-text.js';

export type { IssueCode, Severity };

export interface Issue {
  /** Stable, machine-readable code from the one table (src/model/issue-codes.ts), e.g. `layout-overlap`. */
  readonly code: IssueCode;
  /** Path from the dashboard root, e.g. `panels[3].targets[0].rawSql`. Empty for the whole document. */
  readonly path: string;
  /** One sentence a person can act on: what was given, what is allowed. */
  readonly message: string;
  readonly severity: Severity;
  /** Where it happened, outermost first: file, dashboard, panel. Filled in by the layer that knows. */
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
export function issue(code: IssueCode, path: string, message: string, severity: Severity = ISSUE_CODES[code].severity): Issue {
  return { code, path, message, severity };
}

export function withSource(issues: readonly Issue[], source: IssueSource): Issue[] {
  return issues.map((i) => ({ ...i, source: { ...source, ...i.source } }));
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** Joins path segments the way JavaScript would index them: `panels[3].targets[0]`. */
export function joinPath(...segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (s === '') continue;
    else if (s.startsWith('[')) out += s;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

/**
 * The one formatter. Prints, per issue:
 *
 *   ✖ dashboards/benchmarks.ts › dashboard "Transformers benchmarks" › panel "GPU utilization" › fieldConfig.defaults.unit: unknown unit "percnt" [unit.unknown]
 *     → at panels[3].fieldConfig.defaults.unit
 */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map(formatIssue).join('\n');
}

export function formatIssue(i: Issue): string {
  const mark = i.severity === 'error' ? '✖' : i.severity === 'warning' ? '⚠' : 'ℹ';
  const where: string[] = [];
  if (i.source?.file) where.push(i.source.file);
  if (i.source?.datasource) where.push(`datasource "${i.source.datasource}"`);
  if (i.source?.dashboard) where.push(`dashboard "${i.source.dashboard}"`);
  if (i.source?.panel) where.push(`panel "${i.source.panel}"`);
  const field = lastField(i.path);
  const head = [...where, field].filter(Boolean).join(' › ');
  const line = `${mark} ${head ? `${head}: ` : ''}${i.message} [${i.code}]`;
  // Names, paths and messages carry input data: no escape sequence from it reaches the terminal.
  return terminalText(i.path ? `${line}\n  → at ${i.path}` : line);
}

/** The field path inside the innermost panel (what a person edits), or the whole path. */
function lastField(path: string): string {
  const m = /^(?:panels\[\d+\]\.)?(?:panels\[\d+\]\.?)?(.*)$/.exec(path);
  return m?.[1] ?? path;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
