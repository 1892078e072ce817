import type { Needs } from '../../model/needs.js';
import { terminalText } from '../../validate/plain-text.js';
import { isBroken, type CheckStatus, type DashboardCheck } from './model.js';
import { count } from '../../model/count.js';

const MARK: Record<CheckStatus, string> = { ok: '✓', 'syntax-ok': '~', empty: '∅', 'wrong-shape': '✖', error: '✖', skipped: '·' };

export function summarize(checks: readonly DashboardCheck[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { ok: 0, 'syntax-ok': 0, empty: 0, 'wrong-shape': 0, error: 0, skipped: 0 };
  for (const d of checks) for (const q of d.queries) counts[q.status] += 1;
  return counts;
}

/**
 * The terminal report: one line per query, the reason under each broken one.
 * `hint` words what a query not run `needs` (the CLI names its flag).
 */
export function formatCheckReport(checks: readonly DashboardCheck[], verbose = false, hint?: (needs: Needs) => string): string {
  const lines: string[] = [];
  for (const d of checks) {
    lines.push(`${d.dashboard}${d.file ? ` (${d.file})` : ''}: ${d.range.from} → ${d.range.to}`);
    if (d.variables.length > 0) {
      lines.push(`  variables: ${d.variables.map((v) => `${v.name}=${Array.isArray(v.value) ? `[${v.value.join(', ')}]` : v.value}${v.given ? ' (given)' : ''}`).join('  ')}`);
      for (const v of d.variables) {
        if (v.status !== 'ok' && v.status !== 'skipped') lines.push(`  ${MARK[v.status]} variable ${v.name}: ${v.message}`);
        if (v.givenIgnored) lines.push(`  ${MARK.skipped} variable ${v.name}: ${v.givenIgnored}`);
      }
    }
    for (const q of d.queries) {
      const what = `${q.panel}${q.refId ? ` › ${q.refId}` : ''}`;
      const detail = q.status === 'ok' ? (q.rows !== undefined ? `${q.rows} ${q.language === 'sql' ? 'rows' : 'series'}` : (q.message ?? 'ok')) : q.status === 'skipped' ? `skipped: ${q.message}` : q.status === 'syntax-ok' ? (q.message ?? 'syntax ok') : q.status;
      const needs = q.needs && hint ? ` (${hint(q.needs)})` : '';
      lines.push(`  ${MARK[q.status]} ${what}  [${q.language}] ${detail}${needs}  ${q.ms} ms`);
      if (!isBroken(q)) {
        if (verbose && q.expanded) lines.push(`      query: ${q.expanded.replace(/\s+/g, ' ').trim()}`);
        continue;
      }
      if (q.message) lines.push(`      ${q.message}`);
      if (q.expanded) lines.push(`      query: ${q.expanded.replace(/\s+/g, ' ').trim()}`);
      lines.push(`      → at ${q.path}`);
    }
  }
  const c = summarize(checks);
  const total = Object.values(c).reduce((a, b) => a + b, 0);
  lines.push(`${count(total, 'query', 'queries')}: ${c.ok} ok, ${c['syntax-ok']} syntax ok (not run), ${c.empty} empty, ${c['wrong-shape']} wrong shape, ${c.error} error, ${c.skipped} skipped`);
  // Names, queries and backend messages carry input data: no escape sequence from it reaches the terminal.
  return `${terminalText(lines.join('\n'))}\n`;
}
