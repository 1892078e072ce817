/**
 * Three renderings of the same differences: `text` for a terminal,
 * `markdown` for a pull-request comment (one `<details>` per dashboard),
 * `json` for tools. Pure string building: the CLI prints.
 */
import type { Json } from '../model/loose.js';
import { oneLineText } from '../validate/plain-text.js';
import type { Change, DashboardDiff } from './changes.js';

export type DiffFormat = 'text' | 'markdown' | 'json';

const MARK: Record<Change['kind'], string> = {
  'dashboard-added': '+',
  'dashboard-removed': '-',
  setting: '~',
  link: '~',
  annotation: '~',
  'variable-added': '+',
  'variable-removed': '-',
  'variable-changed': '~',
  'datasource-added': '+',
  'datasource-removed': '-',
  'datasource-replaced': '~',
  'row-added': '+',
  'row-removed': '-',
  'row-changed': '~',
  'panel-added': '+',
  'panel-removed': '-',
  'panel-moved': '>',
  'panel-resized': '>',
  'panel-type': '~',
  'panel-changed': '~',
  'query-added': '+',
  'query-removed': '-',
  'query-changed': '~',
  'layout-shift': '>',
  'rule-added': '+',
  'rule-removed': '-',
  'rule-changed': '~',
  'expression-added': '+',
  'expression-removed': '-',
  'expression-changed': '~',
};

/** One line describing a change, without its text diff. */
export function describeChange(c: Change): string {
  const at = c.path ? ` ${c.path}` : '';
  switch (c.kind) {
    case 'dashboard-added':
    case 'dashboard-removed':
      return `dashboard ${c.kind === 'dashboard-added' ? 'added' : 'removed'}${c.note ? ` (${c.note})` : ''}`;
    case 'variable-added':
    case 'variable-removed':
    case 'row-added':
    case 'row-removed':
    case 'panel-added':
    case 'panel-removed':
    case 'rule-added':
    case 'rule-removed':
      return `${c.subject} ${c.kind.endsWith('added') ? 'added' : 'removed'}${c.note ? ` (${c.note})` : ''}`;
    case 'expression-added':
    case 'expression-removed':
      return `${c.subject}: ${c.path} ${c.kind === 'expression-added' ? 'added' : 'removed'}`;
    case 'datasource-added':
      return `${c.subject} now used`;
    case 'datasource-removed':
      return `${c.subject} no longer used`;
    case 'datasource-replaced':
      return `${c.subject} replaced by ${c.note ?? show(c.after)} everywhere`;
    case 'query-added':
    case 'query-removed':
      return `${c.subject}: ${c.path} ${c.kind === 'query-added' ? 'added' : 'removed'}${valueOf(c.kind === 'query-added' ? c.after : c.before, ': ')}`;
    case 'panel-moved':
      return c.note ? `${c.subject}: moved ${c.note}` : `${c.subject}: moved ${String(c.before)} → ${String(c.after)}`;
    case 'panel-resized':
      return `${c.subject}: resized ${String(c.before)} → ${String(c.after)}`;
    case 'panel-type':
      return `${c.subject}: type ${show(c.before)} → ${show(c.after)}`;
    case 'layout-shift':
      return `layout: ${c.note ?? 'panels shifted'}`;
    default:
      if (c.textDiff) return `${c.subject}:${at} changed`;
      return `${c.subject}:${at} ${transition(c.before, c.after)}`;
  }
}

function transition(before: Json | undefined, after: Json | undefined): string {
  if (before === undefined) return `set to ${show(after)}`;
  if (after === undefined) return `removed (was ${show(before)})`;
  return `${show(before)} → ${show(after)}`;
}

function valueOf(v: Json | undefined, prefix: string): string {
  return v === undefined ? '' : `${prefix}${show(v)}`;
}

/** Values on one line, long ones cut: a reader wants the gist, the json format has the rest. */
export function show(v: Json | undefined, max = 100): string {
  if (v === undefined) return '(none)';
  const s = JSON.stringify(v) ?? String(v);
  if (s.length <= max) return s;
  // A cut string keeps its closing quote, so the reader sees where the value ends: "PagedAttention…".
  return typeof v === 'string' ? `${s.slice(0, max - 2)}…"` : `${s.slice(0, max - 1)}…`;
}

export function formatDiffs(diffs: readonly DashboardDiff[], format: DiffFormat): string {
  if (format === 'json') return `${JSON.stringify({ dashboards: diffs }, null, 2)}\n`;
  if (format === 'markdown') return formatMarkdown(diffs);
  return formatText(diffs);
}

function heading(d: DashboardDiff): string {
  const what = d.status === 'changed' ? `${d.changes.length} change(s)` : d.status;
  return `${oneLineText(d.name)} — dashboard "${oneLineText(d.title)}" (${what})`;
}

export function formatText(diffs: readonly DashboardDiff[]): string {
  if (diffs.length === 0) return 'No semantic differences.\n';
  const lines: string[] = [];
  for (const d of diffs) {
    lines.push(`${d.status === 'added' ? '+' : d.status === 'removed' ? '-' : '~'} ${heading(d)}`);
    if (d.status !== 'changed') continue;
    for (const c of d.changes) {
      lines.push(`  ${MARK[c.kind]} ${oneLineText(describeChange(c))}`);
      for (const l of c.textDiff ?? []) lines.push(`      ${oneLineText(l)}`);
    }
  }
  lines.push('', `${diffs.length} dashboard(s) differ.`);
  return `${lines.join('\n')}\n`;
}

export function formatMarkdown(diffs: readonly DashboardDiff[]): string {
  if (diffs.length === 0) return '### Dashboard changes\n\nNo semantic differences.\n';
  const out: string[] = ['### Dashboard changes', '', `${diffs.length} dashboard(s) differ.`, ''];
  for (const d of diffs) {
    out.push('<details>', `<summary><code>${htmlText(d.name)}</code> — ${htmlText(d.title)} (${d.status === 'changed' ? `${d.changes.length} change(s)` : d.status})</summary>`, '');
    if (d.status === 'changed') {
      for (const c of d.changes) {
        out.push(`- ${inlineCode(oneLineText(describeChange(c)))}`);
        if (c.textDiff && c.textDiff.length > 0) {
          const lines = c.textDiff.map(oneLineText);
          const fence = fenceFor(lines);
          out.push('', `  ${fence}diff`, ...lines.map((l) => `  ${l}`), `  ${fence}`, '');
        }
      }
    } else {
      out.push(`Dashboard ${d.status}.`);
    }
    out.push('', '</details>', '');
  }
  return `${out.join('\n')}`;
}

/**
 * Markdown-safe: one line (see `oneLineText`: no line break can end the span
 * or start an HTML block) as inline code, with a fence longer than any
 * backtick run inside. Nothing inside a code span is Markdown or HTML.
 */
function inlineCode(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const tick = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${tick}${pad}${s}${pad}${tick}`;
}

function fenceFor(lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.flatMap((l) => l.match(/`{3,}/g) ?? []).map((m) => m.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * Text inside the `<details>` HTML block: one line (a blank line would end
 * the block and let Markdown in), with HTML's special characters and every
 * character Markdown or GitHub could give a meaning written as entities.
 */
function htmlText(s: string): string {
  const named: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
  return oneLineText(s).replace(/[&<>"'`*_[\]()\\|~#!@:=]/g, (c) => named[c] ?? `&#${c.charCodeAt(0)};`);
}
