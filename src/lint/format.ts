/**
 * Output formats of `dashcode lint`: text (the shared issue formatter), JSON
 * (for tools), and GitHub Actions workflow commands, which GitHub shows as
 * annotations on the pull request's files.
 */
import type { Issue } from '../model/issue.js';
import { renderPath } from '../model/issue-path.js';
import { formatIssues } from '../validate/issues.js';
import { terminalText } from '../validate/plain-text.js';
import { count } from '../model/count.js';

export type LintFormat = 'text' | 'json' | 'github';
export const LINT_FORMATS: readonly LintFormat[] = ['text', 'json', 'github'];

export interface LintSummary {
  errors: number;
  warnings: number;
  /** Files linted. */
  files: number;
}

export function summarize(issues: readonly Issue[], files: number): LintSummary {
  return { errors: issues.filter((i) => i.severity === 'error').length, warnings: issues.filter((i) => i.severity === 'warning').length, files };
}

export function formatLintReport(issues: readonly Issue[], format: LintFormat, summary: LintSummary): string {
  switch (format) {
    case 'json':
      // `path` stays data (keys and indexes) for tools; `at` is the same path as the text people read.
      return `${JSON.stringify({ ...summary, issues: issues.map((i) => ({ ...i, at: renderPath(i.path) })) }, null, 2)}\n`;
    case 'github':
      return issues.map(githubAnnotation).join('') + `${summaryLine(summary)}\n`;
    default:
      return `${issues.length > 0 ? `${formatIssues(issues)}\n\n` : ''}${summaryLine(summary)}\n`;
  }
}

function summaryLine(s: LintSummary): string {
  const files = count(s.files, 'file');
  if (s.errors === 0 && s.warnings === 0) return `✓ ${files} linted: no findings`;
  return `${s.errors} error(s), ${s.warnings} warning(s) in ${files}`;
}

/** `::error file=F,title=CODE::dashboard "D" › panel "P" › path: message` */
export function githubAnnotation(i: Issue): string {
  const command = i.severity === 'error' ? 'error' : i.severity === 'warning' ? 'warning' : 'notice';
  const props = [...(i.source?.file ? [`file=${escapeProperty(i.source.file)}`] : []), `title=${escapeProperty(i.code)}`].join(',');
  const where = [i.source?.dashboard && `dashboard "${i.source.dashboard}"`, i.source?.panel && `panel "${i.source.panel}"`, renderPath(i.path)].filter(Boolean).join(' › ');
  return `::${command} ${props}::${escapeData(terminalText(where ? `${where}: ${i.message}` : i.message))}\n`;
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
