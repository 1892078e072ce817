/**
 * The one formatter of issues (src/model/issue.ts). Paths are data until here:
 * this is where they become text (renderPath).
 */
import type { Issue } from '../model/issue.js';
import { panelAt, renderPath, type IssuePath } from '../model/issue-path.js';
import { terminalText } from './plain-text.js';

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
  const field = renderPath(fieldInPanel(i.path));
  const head = [...where, field].filter(Boolean).join(' › ');
  const line = `${mark} ${head ? `${head}: ` : ''}${i.message} [${i.code}]`;
  const full = renderPath(i.path);
  // Names, paths and messages carry input data: no escape sequence from it reaches the terminal.
  return terminalText(full ? `${line}\n  → at ${full}` : line);
}

/** The field path inside the innermost panel (what a person edits), or the whole path. */
function fieldInPanel(path: IssuePath): IssuePath {
  return panelAt(path)?.rest ?? path;
}
