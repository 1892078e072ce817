/**
 * Rules report findings (code, path, message, panel); this turns them into
 * Issues with the configured severity, drops what the configuration turns off
 * or excludes, and attaches the source (file, dashboard, panel).
 */
import type { Issue, IssueSource } from '../model/issue.js';
import type { LintConfig, LintExclusion } from './config.js';
import { ruleInfo, type RuleCode } from './rules.js';
import type { IssuePath } from '../model/issue-path.js';

export interface Finding {
  readonly code: RuleCode;
  /** From the document root: `panels[3].targets[0].rawSql`. */
  readonly path: IssuePath;
  readonly message: string;
  /** Title of the panel the finding is about, for the source and panel exclusions. */
  readonly panel?: string;
}

/** What a finding is about beyond its own fields; exclusions match on these. */
export interface FindingScope {
  readonly file?: string;
  readonly dashboardUid?: string;
  readonly dashboardTitle?: string;
}

export type Report = (code: RuleCode, path: IssuePath, message: string, panel?: string) => void;

/** A `report` function and the findings it collected. */
export function collector(): { report: Report; findings: Finding[] } {
  const findings: Finding[] = [];
  const report: Report = (code, path, message, panel) => {
    findings.push(panel === undefined ? { code, path, message } : { code, path, message, panel });
  };
  return { report, findings };
}

export function toIssues(findings: readonly Finding[], scope: FindingScope, config: LintConfig = {}): Issue[] {
  const issues: Issue[] = [];
  for (const f of findings) {
    const setting = config.rules?.[f.code] ?? ruleInfo(f.code)?.severity ?? 'error';
    if (setting === 'off') continue;
    if ((config.exclude?.[f.code] ?? []).some((e) => excludes(e, scope.dashboardUid, f.panel))) continue;
    const source: IssueSource = {
      ...(scope.file !== undefined ? { file: scope.file } : {}),
      ...(scope.dashboardTitle !== undefined ? { dashboard: scope.dashboardTitle } : {}),
      ...(f.panel !== undefined ? { panel: f.panel } : {}),
    };
    issues.push({ code: f.code, path: f.path, message: f.message, severity: setting, source });
  }
  return issues;
}

/** Applies only with a reason (checkLintConfig reports those without); absent fields match anything. */
function excludes(e: LintExclusion, dashboardUid: string | undefined, panel: string | undefined): boolean {
  if (typeof e.reason !== 'string' || e.reason.trim() === '') return false;
  if (e.dashboard !== undefined && e.dashboard !== dashboardUid) return false;
  if (e.panel !== undefined && e.panel !== panel) return false;
  return true;
}

/** Applies configured severities to issues made outside a rule run (unreadable files); they have no dashboard to exclude. */
export function applySeverities(issues: readonly Issue[], config: LintConfig = {}): Issue[] {
  return issues.flatMap((i) => {
    const setting = config.rules?.[i.code as RuleCode];
    if (setting === undefined) return [i];
    return setting === 'off' ? [] : [{ ...i, severity: setting }];
  });
}
