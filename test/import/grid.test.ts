/**
 * Layouts dashcode refuses but Grafana loads (overlapping panels, a y that is
 * not a whole grid row): the import places them where Grafana's grid shows
 * them, react-grid-layout's vertical compaction (DashboardGrid.tsx, and
 * SceneGridLayoutRenderer in @grafana/scenes, leave compactType at its
 * default, 'vertical').
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { compactVertically, grafanaGrid, type GridItem } from '../../src/import/grid.js';
import { importDashboard } from '../../src/import/import.js';
import type { JsonObject } from '../../src/model/loose.js';
import { rglCompact } from './support/rgl-compact.js';

const overlaps = (a: GridItem, b: GridItem) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('compactVertically (react-grid-layout compact, vertical)', () => {
  it('moves the later of two panels at the same place below the first', () => {
    expect(compactVertically([{ x: 0, y: 0, w: 12, h: 8 }, { x: 0, y: 0, w: 12, h: 8 }, { x: 12, y: 0, w: 12, h: 8 }])).toEqual([
      { x: 0, y: 0, w: 12, h: 8 },
      { x: 0, y: 8, w: 12, h: 8 },
      { x: 12, y: 0, w: 12, h: 8 },
    ]);
  });
  it('a fractional y ends on a whole row, right under what is above it', () => {
    expect(compactVertically([{ x: 0, y: 0, w: 24, h: 7 }, { x: 0, y: 142.4, w: 24, h: 7 }])).toEqual([{ x: 0, y: 0, w: 24, h: 7 }, { x: 0, y: 7, w: 24, h: 7 }]);
  });
  it('floats panels up into gaps', () => {
    expect(compactVertically([{ x: 0, y: 5, w: 6, h: 2 }, { x: 6, y: 10, w: 6, h: 2 }])).toEqual([{ x: 0, y: 0, w: 6, h: 2 }, { x: 6, y: 0, w: 6, h: 2 }]);
  });
  const item = fc.record({ x: fc.integer({ min: 0, max: 23 }), y: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 60, noNaN: true })), w: fc.integer({ min: 1, max: 24 }), h: fc.integer({ min: 1, max: 12 }) }).map((i) => ({ ...i, w: Math.min(i.w, 24 - i.x) }));
  it('property: no overlaps, whole rows, same x/w/h, and compacting again changes nothing', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 25 }), (items) => {
        const out = compactVertically(items)!;
        expect(out).toHaveLength(items.length);
        out.forEach((o, i) => {
          expect(Number.isInteger(o.y) && o.y >= 0).toBe(true);
          expect([o.x, o.w, o.h]).toEqual([items[i]!.x, items[i]!.w, items[i]!.h]);
          for (let j = 0; j < i; j++) expect(overlaps(o, out[j]!)).toBe(false);
        });
        expect(compactVertically(out)).toEqual(out);
      }),
    );
  });
  it('property: the same result as react-grid-layout\'s loops, step by step (support/rgl-compact.ts)', () => {
    const loose = fc.record({ x: fc.integer({ min: 0, max: 23 }), y: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.double({ min: -2, max: 60, noNaN: true })), w: fc.integer({ min: 1, max: 24 }), h: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.25, max: 12, noNaN: true })) });
    fc.assert(
      fc.property(fc.array(fc.oneof(item, loose), { maxLength: 25 }), (items) => {
        expect(compactVertically(items)).toEqual(rglCompact(items));
      }),
      { numRuns: 500 },
    );
  });
  it('does not change its input', () => {
    const input = [{ x: 0, y: 3, w: 12, h: 8 }];
    compactVertically(input);
    expect(input).toEqual([{ x: 0, y: 3, w: 12, h: 8 }]);
  });
});

const panel = (title: string, gridPos: JsonObject): JsonObject => ({ type: 'text', title, gridPos, options: { content: title, mode: 'markdown' } });

describe('grafanaGrid: the dashboard as Grafana lays it out', () => {
  it('leaves a layout dashcode accepts alone, gaps included', () => {
    const d = { panels: [panel('a', { x: 0, y: 0, w: 12, h: 8 }), panel('b', { x: 0, y: 20, w: 12, h: 8 })] };
    expect(grafanaGrid(d)).toEqual({ dashboard: d, moved: [] });
  });
  it('compacts the whole grid when two panels overlap, and lists what moved', () => {
    const d = { panels: [panel('a', { x: 0, y: 0, w: 12, h: 8 }), panel('b', { x: 0, y: 0, w: 12, h: 8 }), { type: 'row', title: 'r', collapsed: false, gridPos: { x: 0, y: 8, w: 24, h: 1 }, panels: [] }, panel('c', { x: 0, y: 9, w: 12, h: 8 })] };
    const { dashboard, moved } = grafanaGrid(d);
    expect((dashboard.panels as JsonObject[]).map((p) => p.gridPos)).toEqual([{ x: 0, y: 0, w: 12, h: 8 }, { x: 0, y: 8, w: 12, h: 8 }, { x: 0, y: 16, w: 24, h: 1 }, { x: 0, y: 17, w: 12, h: 8 }]);
    expect(moved.map((m) => `${renderPath(m.path)} ${m.from.y}→${m.to.y}`)).toEqual(['panels[1] 0→8', 'panels[2] 8→16', 'panels[3] 9→17']);
  });
  it('compacts a collapsed row\'s panels under its header when they overlap', () => {
    const d = { panels: [{ type: 'row', title: 'r', collapsed: true, gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: [panel('a', { x: 0, y: 1, w: 12, h: 8 }), panel('b', { x: 6, y: 3.5, w: 12, h: 8 })] }] };
    const rowPanels = (grafanaGrid(d).dashboard.panels as JsonObject[])[0]!.panels as JsonObject[];
    expect(rowPanels.map((p) => p.gridPos)).toEqual([{ x: 0, y: 1, w: 12, h: 8 }, { x: 6, y: 9, w: 12, h: 8 }]);
  });
  it('import places overlapping and fractional panels as Grafana shows them, and says so', async () => {
    const d = { uid: 'g', title: 'G', panels: [panel('a', { x: 0, y: 0, w: 12, h: 8 }), panel('b', { x: 0, y: 0, w: 12, h: 8 }), panel('c', { x: 12, y: 0.5, w: 12, h: 8 })] };
    const r = await importDashboard(d);
    expect(r.roundTrip).toEqual([]);
    const notes = r.issues.filter((i) => i.code === 'import-grid-compacted');
    expect(notes.map((i) => `panel "${i.source?.panel}": ${i.message}`)).toEqual([
      expect.stringMatching(/panel "b": at x=0 y=0 w=12 h=8, overlapping the panel at x=0 y=0 w=12 h=8; moved to x=0 y=8/),
      expect.stringMatching(/panel "c": at x=12 y=0.5 w=12 h=8, not on a whole grid row; moved to x=12 y=0/),
    ]);
    expect(r.issues.filter((i) => i.code === 'import-grid-position')).toEqual([]);
  });
});

describe('grafanaGrid: collapsed rows', () => {
  it('re-bases a collapsed row\'s panels under its header first (opentelemetry-collector: stored at the header\'s own y)', () => {
    const d = { panels: [panel('top', { x: 0, y: 0, w: 24, h: 15 }), { type: 'row', title: 'Receivers', collapsed: true, gridPos: { x: 0, y: 15, w: 24, h: 1 }, panels: [panel('a', { x: 0, y: 15, w: 3, h: 3 }), panel('b', { x: 3, y: 15, w: 2, h: 3 }), panel('c', { x: 0, y: 30, w: 3, h: 3 })] }] };
    expect(grafanaGrid(d)).toEqual({ dashboard: d, moved: [] });
  });
});

describe('grafanaGrid: hostile layouts end, and quickly', () => {
  // react-grid-layout floats a panel up one row per step: y steps, and never done from 2⁵³ up (y - 1 === y).
  it('a y past 2⁵³, or a panel a billion rows tall, takes no steps (the fuzz test hung on y = 1.17e145)', () => {
    expect(compactVertically([{ x: 0, y: 0, w: 24, h: 1 }, { x: 2, y: 1, w: 22, h: 1.1658166273963078e145 }, { x: 0, y: 1.1658166273963078e145, w: 20, h: 4 }])).toEqual([
      { x: 0, y: 0, w: 24, h: 1 },
      { x: 2, y: 1, w: 22, h: 1.1658166273963078e145 },
      { x: 0, y: 1.1658166273963078e145, w: 20, h: 4 },
    ]);
    expect(compactVertically([{ x: 0, y: 0, w: 12, h: 1e9 }, { x: 12, y: 1e9, w: 12, h: 1 }, { x: 12, y: 1e9, w: 12, h: 1 }])).toEqual([{ x: 0, y: 0, w: 12, h: 1e9 }, { x: 12, y: 0, w: 12, h: 1 }, { x: 12, y: 1, w: 12, h: 1 }]);
    expect(compactVertically([{ x: 0, y: 2 ** 60, w: 24, h: 1 }, { x: 0, y: 2 ** 60, w: 24, h: 1 }])).toEqual([{ x: 0, y: 0, w: 24, h: 1 }, { x: 0, y: 1, w: 24, h: 1 }]);
  });

  it('gives up past its budget of collision tests (1,000 panels at one place took 45 s), and import keeps the positions and says why', async () => {
    const stacked = Array.from({ length: 1000 }, () => ({ x: 0, y: 0, w: 24, h: 1 }));
    expect(compactVertically(stacked, 100_000)).toBeUndefined();
    expect(compactVertically(stacked.slice(0, 50), 100_000)).toEqual(stacked.slice(0, 50).map((g, i) => ({ ...g, y: i })));
    // 300 at one place are past the default budget too (about 22 million tests).
    const d = { uid: 'g', title: 'G', panels: stacked.slice(0, 300).map((g, i) => panel(`p${i}`, g)) };
    expect(grafanaGrid(d, 100_000)).toEqual({ dashboard: d, moved: [], tooCostly: true });
    // The default budget, once: the import ends, with the reason first and each overlap after it.
    const r = await importDashboard(d, { file: 'stacked.json' });
    const notes = r.issues.filter((i) => i.code === 'import-grid-position');
    expect(notes[0]!.message).toBe("checking this layout and compacting it as Grafana's grid does would take more than 2,000,000 collision tests; the positions are kept as given, and each overlap is reported on its own");
    expect(notes.slice(1).map((i) => renderPath(i.path))).toEqual(stacked.slice(1, 300).map((_, i) => `panels[${i + 1}].gridPos`));
    expect(r.issues.filter((i) => i.code === 'import-internal')).toEqual([]);
  });
});
