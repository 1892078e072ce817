/**
 * Markdown and terminal output (issue 12, item 6): `diff --format markdown`
 * escapes every text that comes from a dashboard, so that no title, query,
 * file name or value can end a code span or a `<details>` block, or inject
 * Markdown or HTML into the PR comment; the oracle is the CommonMark
 * reference parser. Text output (the issue formatter and the diff text
 * formatter) strips ANSI and OSC sequences and other control characters
 * that come from input data.
 */
import { Parser, type Node } from 'commonmark';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DashboardDiff } from '../../src/diff/changes.js';
import { diffDashboards } from '../../src/diff/diff.js';
import { describeChange, formatDiffs } from '../../src/diff/format.js';
import type { JsonObject } from '../../src/model/loose.js';
import { formatIssues } from '../../src/validate/issues.js';
import { oneLineText } from '../../src/validate/plain-text.js';
import { hostileString } from './support/hostile.js';

const h = hostileString();

/** A before/after pair where every changed text is hostile. */
const hostileDiff = fc
  .record({ name: h, title: h, newTitle: h, panel: h, row: h, expr: h, newExpr: h, unit: h, variable: h, option: h })
  .map((s): DashboardDiff => {
    const panel = (expr: string, unit: string, extra: JsonObject = {}) => ({ type: 'timeseries', title: s.panel, gridPos: { x: 0, y: 1, w: 12, h: 8 }, datasource: { type: 'prometheus', uid: 'p' }, targets: [{ refId: 'A', expr }], fieldConfig: { defaults: { unit }, overrides: [] }, ...extra });
    const row = { type: 'row', title: s.row, gridPos: { x: 0, y: 0, w: 24, h: 1 }, collapsed: false, panels: [] };
    const before = { uid: 'u', title: s.title, panels: [row, panel(s.expr, 'ms')], templating: { list: [] } };
    const after = {
      uid: 'u', title: s.newTitle, description: s.option,
      panels: [row, panel(s.newExpr, s.unit, { options: { [s.option]: s.variable } }), { ...panel(s.expr, 's'), title: `${s.panel}2`, gridPos: { x: 12, y: 1, w: 12, h: 8 } }],
      templating: { list: [{ name: 'v', type: 'custom', query: s.variable, label: s.variable }] },
    };
    return { name: s.name, title: s.newTitle, uid: 'u', status: 'changed', changes: diffDashboards(before, after) };
  });

const ALLOWED_HTML = [/^<details>\n<summary><code>[^<>\n]*<\/code> — [^<>\n]* \((\d+ change\(s\)|added|removed)\)<\/summary>\n?$/, /^<\/details>\n?$/];

/** Every node of a CommonMark document, with its type. */
function nodes(root: Node): Node[] {
  const out: Node[] = [];
  const walker = root.walker();
  for (let e = walker.next(); e; e = walker.next()) if (e.entering) out.push(e.node);
  return out;
}

const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('diff --format markdown', () => {
  it('no input ends a code span or a <details> block, or adds Markdown or HTML', () => {
    fc.assert(
      fc.property(fc.array(hostileDiff, { minLength: 1, maxLength: 2 }), (diffs) => {
        const md = formatDiffs(diffs, 'markdown');
        const doc = new Parser().parse(md);
        const all = nodes(doc);
        // The only HTML is the <details>/<summary> frame dashcode writes, once per dashboard.
        const html = all.filter((n) => n.type === 'html_block' || n.type === 'html_inline');
        for (const n of html) expect(ALLOWED_HTML.some((re) => re.test(n.literal ?? '')), JSON.stringify(n.literal)).toBe(true);
        expect(html.filter((n) => n.literal!.startsWith('<details>')).length).toBe(diffs.length);
        expect(html.filter((n) => n.literal!.startsWith('</details>')).length).toBe(diffs.length);
        // No links, images, emphasis or headings from the input.
        for (const n of all) expect(['link', 'image', 'emph', 'strong', 'block_quote', 'thematic_break'], n.type).not.toContain(n.type);
        expect(all.filter((n) => n.type === 'heading').map((n) => n.firstChild?.literal)).toEqual(['Dashboard changes']);
        // Each change is one list item holding one code span, in order, and its text diff in a fenced block.
        const changes = diffs.flatMap((d) => d.changes);
        const items = all.filter((n) => n.type === 'item');
        expect(items.length).toBe(changes.length);
        items.forEach((item, i) => {
          const para = item.firstChild!;
          expect(para.type).toBe('paragraph');
          expect(para.firstChild?.type).toBe('code');
          expect(para.firstChild).toBe(para.lastChild);
          expect(para.firstChild!.literal).not.toMatch(CONTROL);
          expect(para.firstChild!.literal).toBe(oneLineText(describeChange(changes[i]!)));
          const block = para.next;
          if (changes[i]!.textDiff?.length) {
            expect(block?.type).toBe('code_block');
            expect(block!.info).toBe('diff');
            expect(block!.next).toBeNull();
          } else expect(block).toBeNull();
        });
        // The file name and title are readable in the summary.
        diffs.forEach((d, i) => {
          const summary = decode(html.filter((n) => n.literal!.startsWith('<details>'))[i]!.literal!);
          expect(summary).toContain(`<code>${oneLineText(d.name)}</code> — ${oneLineText(d.title)} (`);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a title that closes the block and opens HTML stays text', () => {
    const title = 'x</summary></details>\n\n<img src=x onerror=alert(1)>\n\n# Approved\n<details><summary>';
    const d: DashboardDiff = { name: 'a`b`.json', title, uid: 'u', status: 'added', changes: [] };
    const md = formatDiffs([d], 'markdown');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('\n# Approved');
    const html = nodes(new Parser().parse(md)).filter((n) => n.type === 'html_block' || n.type === 'html_inline');
    expect(html.map((n) => n.literal!.split('\n')[0])).toEqual(['<details>', '</details>']);
  });
});

const ESCAPES = ['\u001b[2J', '\u001b[31mred\u001b[0m', '\u001b]0;title\u0007', '\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\', '\u009b31m', '\u009d0;x\u009c', '\u001bP1;2|x\u001b\\', '\r', '\b', '\u0007', '\u001bc'];
const CONTROL_IN_OUTPUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('text output strips terminal control sequences from input data', () => {
  it('the issue formatter', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...ESCAPES), h), { maxLength: 6 }).map((p) => p.join('')), (s) => {
        const out = formatIssues([{ code: 'layout-width', path: ['panels', 0, s], message: `unit "${s}" is unknown`, severity: 'error', source: { file: s, dashboard: s, panel: s } }]);
        expect(out).not.toMatch(CONTROL_IN_OUTPUT);
      }),
      { numRuns: 300 },
    );
  });

  it('the diff text formatter', () => {
    fc.assert(
      fc.property(hostileDiff, fc.constantFrom(...ESCAPES), (d, esc) => {
        const out = formatDiffs([{ ...d, name: `${d.name}${esc}`, title: `${esc}${d.title}` }], 'text');
        expect(out).not.toMatch(CONTROL_IN_OUTPUT);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the visible text of a coloured title', () => {
    const out = formatIssues([{ code: 'layout-width', path: [], message: 'm', severity: 'error', source: { dashboard: '\u001b[31mRed\u001b[0m \u001b]8;;http://x\u0007link\u001b]8;;\u0007' } }]);
    expect(out).toContain('dashboard "Red link"');
  });
});

describe('other text reports', () => {
  it('check report and GitHub annotations carry no escape sequence from the data', async () => {
    const { formatCheckReport } = await import('../../src/check/run/index.js');
    const { githubAnnotation } = await import('../../src/lint/format.js');
    const esc = '\u001b]0;pwned\u0007\u001b[2J\r';
    const report = formatCheckReport([{ dashboard: `D${esc}`, file: `f${esc}.json`, range: { from: 'now-1h', to: 'now' }, variables: [], queries: [{ panel: `P${esc}`, refId: 'A', language: 'sql', status: 'error', message: `boom${esc}`, expanded: `SELECT '${esc}'`, path: 'panels[0]', ms: 1 }] }] as never);
    expect(report).not.toMatch(CONTROL_IN_OUTPUT);
    expect(githubAnnotation({ code: 'lint-parse', path: [], message: `m${esc}`, severity: 'error', source: { dashboard: esc } })).not.toMatch(/\u001b|\u0007/);
  });
});
