import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gridBox, layoutDashboard, pixelRect } from '../../src/preview/layout.js';

describe('grid layout (Grafana: 24 columns, 30 px rows, 8 px margins)', () => {
  it('a column is a 24th of the page width and a row 30 px plus margin', () => {
    expect(pixelRect({ x: 0, y: 0, w: 24, h: 1 }, 1920)).toEqual({ left: 0, top: 0, width: 1912, height: 30 });
    expect(pixelRect({ x: 12, y: 8, w: 12, h: 9 }, 1920)).toEqual({ left: 960, top: 8 * 38, width: 952, height: 9 * 30 + 8 * 8 });
    expect(pixelRect({ x: 8, y: 0, w: 8, h: 8 }, 2400)).toEqual({ left: 800, top: 0, width: 792, height: 296 });
  });

  it('boxes are fractions of the width, so the page reflows', () => {
    expect(gridBox({ x: 6, y: 2, w: 6, h: 8 })).toEqual({ leftPct: 25, widthPct: 25, topPx: 76, heightPx: 296 });
  });

  it('lays out every top-level panel; a collapsed row shows only its header', () => {
    const layout = layoutDashboard([
      { type: 'stat', title: 'A', gridPos: { x: 0, y: 0, w: 12, h: 4 } },
      { type: 'row', title: 'Open', collapsed: false, gridPos: { x: 0, y: 4, w: 24, h: 1 }, panels: [] },
      { type: 'timeseries', title: 'B', gridPos: { x: 0, y: 5, w: 24, h: 8 } },
      { type: 'row', title: 'Closed', collapsed: true, gridPos: { x: 0, y: 13, w: 24, h: 1 }, panels: [{ type: 'table', gridPos: { x: 0, y: 14, w: 24, h: 8 } }, { type: 'stat' }] },
    ]);
    expect(layout.items.map((i) => [i.kind, i.panel.title, i.collapsed, i.hiddenPanels])).toEqual([
      ['panel', 'A', undefined, undefined],
      ['row', 'Open', false, 0],
      ['panel', 'B', undefined, undefined],
      ['row', 'Closed', true, 2],
    ]);
    // Bottom is the collapsed row (y 13, h 1): 14 rows of 38 px less the last margin.
    expect(layout.heightPx).toBe(14 * 38 - 8);
  });

  it('a panel without gridPos goes full width below the rest; one past column 24 is cut', () => {
    const layout = layoutDashboard([{ type: 'stat', gridPos: { x: 0, y: 0, w: 24, h: 3 } }, { type: 'text' }, { type: 'stat', gridPos: { x: 20, y: 11, w: 12, h: 2 } }]);
    expect(layout.items[1]!.gridPos).toEqual({ x: 0, y: 3, w: 24, h: 8 });
    expect(layout.items[2]!.gridPos).toEqual({ x: 20, y: 11, w: 4, h: 2 });
  });

  it('places the benchmark dashboard as Grafana does', () => {
    const dashboard = JSON.parse(readFileSync(new URL('../../generated/grafana_dashboard.json', import.meta.url), 'utf8')) as { panels: unknown[] };
    const layout = layoutDashboard(dashboard.panels);
    expect(layout.items).toHaveLength(dashboard.panels.length);
    for (const item of layout.items) {
      expect(item.gridPos.x + item.gridPos.w).toBeLessThanOrEqual(24);
      const box = gridBox(item.gridPos);
      expect(box.topPx).toBe(item.gridPos.y * 38);
    }
    // No two panels overlap.
    const cells = new Set<string>();
    for (const { gridPos: g } of layout.items) {
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });
});
