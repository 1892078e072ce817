import { CELL_HEIGHT, CELL_MARGIN, GRID_COLUMNS, type GridPos } from '../model/grid.js';

// Panels inside a collapsed row are not on the grid: only the row's header is.
export { CELL_HEIGHT, CELL_MARGIN, GRID_COLUMNS, type GridPos } from '../model/grid.js';

type Obj = Record<string, unknown>;

export interface GridItem {
  /** Index in the dashboard's top-level `panels`. */
  index: number;
  panel: Obj;
  kind: 'row' | 'panel';
  gridPos: GridPos;
  /** Rows only. */
  collapsed?: boolean;
  /** Rows only: panels hidden inside the collapsed row. */
  hiddenPanels?: number;
}

export interface DashboardLayout {
  items: GridItem[];
  /** Height of the whole grid in px. */
  heightPx: number;
}

/** Position as fractions of the page width (so the page reflows) and px down the page. */
export interface GridBox {
  leftPct: number;
  widthPct: number;
  topPx: number;
  heightPx: number;
}

export function layoutDashboard(panels: readonly unknown[]): DashboardLayout {
  const items: GridItem[] = [];
  let bottom = 0;
  panels.forEach((p, index) => {
    if (!p || typeof p !== 'object') return;
    const panel = p as Obj;
    const gridPos = readGridPos(panel.gridPos, bottom);
    const isRow = panel.type === 'row';
    const item: GridItem = { index, panel, kind: isRow ? 'row' : 'panel', gridPos };
    if (isRow) {
      item.collapsed = panel.collapsed === true;
      item.hiddenPanels = item.collapsed && Array.isArray(panel.panels) ? panel.panels.length : 0;
    }
    items.push(item);
    bottom = Math.max(bottom, gridPos.y + gridPos.h);
  });
  return { items, heightPx: bottom === 0 ? 0 : bottom * (CELL_HEIGHT + CELL_MARGIN) - CELL_MARGIN };
}

export function gridBox(pos: GridPos): GridBox {
  return {
    leftPct: (pos.x / GRID_COLUMNS) * 100,
    widthPct: (pos.w / GRID_COLUMNS) * 100,
    topPx: pos.y * (CELL_HEIGHT + CELL_MARGIN),
    heightPx: pos.h * CELL_HEIGHT + (pos.h - 1) * CELL_MARGIN,
  };
}

/** The same box in px for a page `pageWidth` wide (each column is pageWidth/24; the margin is taken off the right). */
export function pixelRect(pos: GridPos, pageWidth: number): { left: number; top: number; width: number; height: number } {
  const box = gridBox(pos);
  const column = pageWidth / GRID_COLUMNS;
  return { left: pos.x * column, top: box.topPx, width: pos.w * column - CELL_MARGIN, height: box.heightPx };
}

/**
 * A panel without a usable gridPos goes full width below everything so far,
 * and one running past column 24 is cut at the edge, as Grafana does.
 */
function readGridPos(value: unknown, bottom: number): GridPos {
  const g = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : fallback);
  const x = Math.min(num(g.x, 0), GRID_COLUMNS - 1);
  const w = Math.max(1, Math.min(num(g.w, GRID_COLUMNS), GRID_COLUMNS - x));
  return { x, y: num(g.y, bottom), w, h: Math.max(1, num(g.h, 8)) };
}
