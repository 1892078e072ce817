import { describe, expect, it } from 'vitest';
import { formatDiffs, show } from '../../src/diff/format.js';
import { diffDashboardSets } from '../../src/diff/sets.js';
import { edit, fixture } from './support/fixture.js';

const before = new Map<string, unknown>([
  ['bench.json', fixture()],
  ['old.json', { ...fixture(), uid: 'old', title: 'Old one' }],
]);
const after = new Map<string, unknown>([
  [
    'bench.json',
    edit((d) => {
      const cpu = d.panels.find((p) => p.title === 'CPU')!;
      (cpu.targets as Array<{ rawSql: string }>)[0]!.rawSql = 'SELECT time, cpu FROM device\nWHERE branch = ${branch}\nORDER BY 1';
      (cpu.gridPos as { w: number }).w = 24;
    }),
  ],
  ['new.json', { ...fixture(), uid: 'new', title: 'New <one>' }],
]);
const diffs = diffDashboardSets(before, after);

describe('formats', () => {
  it('dashboards added, removed and changed, sorted by name', () => {
    expect(diffs.map((d) => [d.name, d.status])).toEqual([
      ['bench.json', 'changed'],
      ['new.json', 'added'],
      ['old.json', 'removed'],
    ]);
  });

  it('text: one line per change, query diffs indented', () => {
    expect(formatDiffs(diffs, 'text')).toBe(
      [
        '~ bench.json — dashboard "Benchmarks" (2 change(s))',
        '  > panel "CPU" in row "Usage": resized 12×8 → 24×8',
        '  ~ panel "CPU" in row "Usage": query A.rawSql changed',
        '      @@ -1,3 +1,3 @@',
        '       SELECT time, cpu FROM device',
        '      -WHERE branch = ${branch:sqlstring}',
        '      +WHERE branch = ${branch}',
        '       ORDER BY 1',
        '+ new.json — dashboard "New <one>" (added)',
        '- old.json — dashboard "Old one" (removed)',
        '',
        '3 dashboard(s) differ.',
        '',
      ].join('\n'),
    );
  });

  it('markdown: a <details> per dashboard, diff fences, HTML escaped', () => {
    const md = formatDiffs(diffs, 'markdown');
    expect(md.match(/<details>/g)).toHaveLength(3);
    expect(md).toContain('<summary><code>bench.json</code> — Benchmarks (2 change(s))</summary>');
    expect(md).toContain('<summary><code>new.json</code> — New &lt;one&gt; (added)</summary>');
    expect(md).toContain('- `panel "CPU" in row "Usage": query A.rawSql changed`\n\n  ```diff\n  @@ -1,3 +1,3 @@\n');
    expect(md).toContain('  -WHERE branch = ${branch:sqlstring}\n  +WHERE branch = ${branch}\n');
  });

  it('json: the changes as data', () => {
    const parsed = JSON.parse(formatDiffs(diffs, 'json')) as { dashboards: Array<{ name: string; changes: Array<{ kind: string }> }> };
    expect(parsed.dashboards[0]!.changes.map((c) => c.kind)).toEqual(['panel-resized', 'query-changed']);
  });

  it('no differences', () => {
    expect(formatDiffs([], 'text')).toBe('No semantic differences.\n');
    expect(formatDiffs([], 'markdown')).toContain('No semantic differences.');
  });

  it('markdown survives backticks in titles and fences in query text', () => {
    const tricky = edit((d) => {
      d.panels[0]!.title = 'Runs `total`';
      (d.panels.find((p) => p.title === 'CPU')!.targets as Array<{ rawSql: string }>)[0]!.rawSql = 'SELECT 1 -- ```';
    });
    const md = formatDiffs(diffDashboardSets(new Map([['a.json', fixture()]]), new Map([['a.json', tricky]])), 'markdown');
    expect(md).toContain('````diff');
    expect(md).toContain('- ``panel "Runs `total`": title "Runs" → "Runs `total`"``');
  });
});

describe('show', () => {
  it('cuts long values to the width, and a cut string keeps its closing quote', () => {
    const long = 'PagedAttention keeps the KV cache in fixed-size blocks, so memory is allocated as sequences grow and freed when they end';
    const s = show(long, 40);
    expect(s).toHaveLength(40);
    expect(s).toBe(`${JSON.stringify(long).slice(0, 38)}…"`);
    expect(show(Array.from({ length: 50 }, (_, i) => i), 20)).toBe(`${JSON.stringify(Array.from({ length: 50 }, (_, i) => i)).slice(0, 19)}…`);
    expect(show('short', 40)).toBe('"short"');
  });
});
