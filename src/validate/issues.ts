/**
 * The one formatter of issues (src/model/issue.ts), and the path joiner.
 */
import type { Issue } from '../model/issue.js';
import { terminalText } from './plain-text.js';

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
