/** The importer's building blocks, one behaviour each. */
import fc from 'fast-check';
import { anyCodePoint } from '../support/code-points.js';
import { describe, expect, it } from 'vitest';
import { layoutPanels, type LayoutNode } from '../../src/compile/layout.js';
import { customVariable } from '../../src/variables/custom.js';
import { Code, render, stringLiteral, templateChunk } from '../../src/import/code.js';
import { ImportContext } from '../../src/import/context.js';
import { SlotPlanner } from '../../src/import/layout.js';
import { fitObject, shapeFor } from '../../src/import/option-fit.js';
import { queryTemplate } from '../../src/import/query-text.js';
import { prune } from '../../src/import/panels.js';

describe('template literals and strings', () => {
  it('a template chunk cooks back to exactly the original text', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint }), (s) => {
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        const cooked = new Function(`return \`${templateChunk(s)}\`;`)() as string;
        expect(cooked).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('string literals and object keys evaluate back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        expect(new Function(`return ${render(v as never)};`)()).toEqual(v);
      }),
      { numRuns: 300 },
    );
    expect(stringLiteral('it\'s "x"')).toBe('"it\'s \\"x\\""');
  });
});

describe('query text: variable references', () => {
  const ctx = new ImportContext(undefined, undefined);
  const branch = customVariable({ name: 'branch', values: ['main'] });
  ctx.scope.set('branch', { identifier: 'branch', spec: branch });
  ctx.variableNames.add('branch').add('later');
  const site = { where: 'q', path: ['p'] };
  const t = (language: 'sql' | 'promql', text: string) => {
    const before = ctx.issues.length;
    const c = queryTemplate(ctx, language, text, site);
    return { code: c.text, text: (c.value as { text: string }).text, warned: ctx.issues.length > before };
  };

  it.each([
    ['sql', 'x = ${branch:sqlstring}', 'sql`x = ${branch}`', false],
    ['sql', 'x IN (${branch:csv})', "sql`x IN (${branch.as('csv')})`", false],
    // Inside a PromQL string a viewer-set variable is kept as typed text (the promql tag would refuse the object; lint and compile warn).
    ['promql', 'up{b=~"${branch}"}', 'promql`up{b=~"\\${branch}"}`', false],
    ['promql', 'up{b=~"${branch:regex}"}', 'promql`up{b=~"\\${branch:regex}"}`', true],
    ['sql', 'x = ${branch}', 'sql`x = \\${branch}`', true],
    ['sql', 'x = $branch', 'sql`x = $branch`', true],
    ['sql', "x = '${branch:raw}'", "sql`x = '\\${branch:raw}'`", true],
    ['promql', 'up{b="[[branch]]"}', 'promql`up{b="[[branch]]"}`', true],
    ['promql', 'rate(x[$__rate_interval]) ${later}', 'promql`rate(x[$__rate_interval]) \\${later}`', true],
    // A name the dashboard does not define: Grafana sends it as written, so the text is kept as it is (corpus-load.test.ts).
    ['sql', 'WHERE $__timeFilter(time) AND ${unknown}', 'rawQueryText("sql", "WHERE $__timeFilter(time) AND ${unknown}")', true],
  ] as const)('%s %s → %s', (language, text, code, warned) => {
    const r = t(language, text);
    expect(r.code).toBe(code);
    expect(r.text).toBe(text);
    expect(r.warned).toBe(warned);
  });
});

describe('layout: the least the code has to say', () => {
  it('reproduces every position dashcode\'s layout can produce, and writes only what differs from the flow', () => {
    const slot = fc.record({ w: fc.integer({ min: 1, max: 24 }), h: fc.integer({ min: 1, max: 12 }), x: fc.option(fc.integer({ min: 0, max: 23 }), { nil: undefined }) }).map((s) => (s.x !== undefined && s.x + s.w > 24 ? { w: s.w, h: s.h } : s));
    const node: fc.Arbitrary<LayoutNode> = fc.oneof(slot.map((s) => ({ kind: 'panel' as const, slot: s })), fc.record({ kind: fc.constant('row' as const), collapsed: fc.boolean(), panels: fc.array(slot, { maxLength: 4 }) }));
    fc.assert(
      fc.property(fc.array(node, { maxLength: 8 }), (nodes) => {
        const placed = layoutPanels(nodes).nodes;
        const ctx = new ImportContext(undefined, undefined);
        const planner = new SlotPlanner(ctx);
        const chosen: LayoutNode[] = [];
        nodes.forEach((n, i) => {
          const p = placed[i]!;
          if (n.kind === 'panel') chosen.push({ kind: 'panel', slot: planner.panel(p.gridPos, 'p', ['p']) as never });
          else {
            planner.row(p.gridPos, n.collapsed === true, 'r', ['r']);
            const panels = p.kind === 'row' ? p.panels.map((g) => planner.rowPanel(g, 'p', ['p']) as never) : [];
            chosen.push({ kind: 'row', collapsed: n.collapsed, panels });
          }
        });
        expect(layoutPanels(chosen).nodes).toEqual(placed);
        // Flowed input never needs an explicit y.
        expect(JSON.stringify(chosen)).not.toContain('"y"');
        expect(ctx.issues).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('an overlap it cannot reproduce: explicit x/y/w/h and a warning', () => {
    const ctx = new ImportContext(undefined, undefined);
    const planner = new SlotPlanner(ctx);
    expect(planner.panel({ x: 0, y: 0, w: 12, h: 8 }, 'a', ['panels', 0])).toEqual({});
    expect(planner.panel({ x: 6, y: 2, w: 12, h: 8 }, 'b', ['panels', 1])).toEqual({ x: 6, y: 2, w: 12, h: 8 });
    expect(ctx.issues.map((i) => i.code)).toEqual(['import-grid-position']);
  });
});

describe('options: defaults left out, what does not type-check to raw', () => {
  it('prune keeps only what differs from the defaults', () => {
    expect(prune({ a: 1, b: { c: 2, d: 3 }, e: [1] }, { a: 1, b: { c: 2, d: 4 }, e: [1], f: 0 })).toEqual({ b: { d: 3 } });
  });

  it('a table footer (gone from the table options type) and an unknown mode move to raw', () => {
    const fitted = fitObject({ cellHeight: 'sm', footer: { show: false }, showHeader: 'yes' }, shapeFor('table.options'));
    expect(fitted).toEqual({ typed: { cellHeight: 'sm' }, rest: { footer: { show: false }, showHeader: 'yes' } });
    expect(fitObject({ legend: { displayMode: 'list', show: true } }, shapeFor('timeseries.options'))).toEqual({ typed: { legend: { displayMode: 'list' } }, rest: { legend: { show: true } } });
  });

  it('Code fragments keep their value', () => {
    const c = new Code('x', 42);
    expect(render({ a: c, b: [c] })).toBe('{ a: x, b: [x] }');
  });
});
