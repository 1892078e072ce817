/**
 * Original gridPos → the least the code has to say. Each panel gets the
 * first of these that makes dashcode's layout (docs/layout.md) put it exactly
 * where it was: its size only (w/h, left out when 12×8), its size and column
 * (x), or its full position (x, y, w, h). Layout only looks backwards, so
 * deciding panels one at a time, in order, is exact.
 */
import { asObject } from '../diff/json.js';
import { GRID_COLUMNS, GridLayout, MAX_GRID_ROW, type GridPos } from '../compile/layout.js';
import { DEFAULT_PANEL_HEIGHT, DEFAULT_PANEL_WIDTH, type PanelSlot } from '../model/grid.js';
import type { ExprObject } from './code.js';
import type { ImportContext } from './context.js';
import { joinPath, type IssuePath } from '../model/issue-path.js';

export class SlotPlanner {
  /** The layout so far, one node at a time: trying a slot costs one placement, not a layout of every node before it. */
  private readonly grid = new GridLayout();
  /** Layout paths of the nodes so far (what layoutPanels would call them), for the issues the build will report. */
  private topLevel = 0;
  private currentRow?: { panels: number; path: IssuePath };

  constructor(private readonly ctx: ImportContext) {}

  /** A top-level panel (before the first row, or after a collapsed one). */
  panel(gridPos: unknown, where: string, path: IssuePath): ExprObject {
    this.currentRow = undefined;
    const slot = this.choose(gridPos, where, path, (s) => this.grid.wherePanel(s));
    this.commit(where, path, () => this.grid.panel(slot, ['panels', this.topLevel++]));
    return slotProps(slot);
  }

  /** A row header; its panels follow through `rowPanel`. */
  row(gridPos: unknown, collapsed: boolean, where: string, path: IssuePath): void {
    this.currentRow = { panels: 0, path: ['panels', this.topLevel++] };
    const placed = this.grid.row(collapsed);
    const original = asObject(gridPos);
    if (typeof original.y === 'number' && placed.y !== original.y) {
      this.ctx.report('import-row-position', joinPath(path, 'gridPos'), `${where}: was at y=${original.y}; dashcode puts a row right below what is above it (y=${placed.y})`, 'info');
    }
  }

  rowPanel(gridPos: unknown, where: string, path: IssuePath): ExprObject {
    const row = this.currentRow;
    if (!row) return this.panel(gridPos, where, path);
    const slot = this.choose(gridPos, where, path, (s) => this.grid.whereRowPanel(s));
    this.commit(where, path, () => this.grid.rowPanel(slot, joinPath(row.path, 'panels', row.panels++)));
    return slotProps(slot);
  }

  /** Places the chosen slot, and reports what dashcode's layout says about it (an overlap Grafana tolerated, say). */
  private commit(where: string, path: IssuePath, placeIt: () => GridPos): void {
    const before = this.grid.issues.length;
    placeIt();
    for (const i of this.grid.issues.slice(before)) {
      this.ctx.report('import-grid-position', joinPath(path, 'gridPos'), `${where}: ${i.message}; \`dashcode build\` will report it [${i.code}]`);
    }
  }

  private choose(gridPos: unknown, where: string, path: IssuePath, place: (slot: PanelSlot) => GridPos): PanelSlot {
    const g = asObject(gridPos);
    if (gridPos === undefined) {
      this.ctx.report('import-grid-position', joinPath(path, 'gridPos'), `${where}: has no gridPos; dashcode lays it out automatically`, 'info');
      return {};
    }
    const pos = { x: g.x, y: g.y, w: g.w, h: g.h };
    if (!isValidPos(pos)) {
      this.ctx.report('import-grid-position', joinPath(path, 'gridPos'), `${where}: gridPos ${JSON.stringify(gridPos)} is not a valid position on the 24-column grid; kept as given (dashcode's layout will report it)`);
      return explicitSlot(pos);
    }
    const size: PanelSlot = {};
    if (pos.w !== DEFAULT_PANEL_WIDTH) size.w = pos.w;
    if (pos.h !== DEFAULT_PANEL_HEIGHT) size.h = pos.h;
    for (const candidate of [size, { x: pos.x, ...size }, { x: pos.x, y: pos.y, w: pos.w, h: pos.h }]) {
      const placed = place(candidate);
      if (placed.x === pos.x && placed.y === pos.y && placed.w === pos.w && placed.h === pos.h) return candidate;
    }
    const placed = place({ x: pos.x, y: pos.y, w: pos.w, h: pos.h });
    this.ctx.report('import-grid-position', joinPath(path, 'gridPos'), `${where}: dashcode's layout cannot put it at x=${pos.x} y=${pos.y} w=${pos.w} h=${pos.h} (it overlaps an earlier panel, or sits above its row); it lands at x=${placed.x} y=${placed.y}`);
    return { x: pos.x, y: pos.y, w: pos.w, h: pos.h };
  }
}

interface Pos {
  x: unknown;
  y: unknown;
  w: unknown;
  h: unknown;
}

function isValidPos(p: Pos): p is { x: number; y: number; w: number; h: number } {
  const int = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  return int(p.w, 1, GRID_COLUMNS) && int(p.h, 1, MAX_GRID_ROW) && int(p.x, 0, GRID_COLUMNS - 1) && int(p.y, 0, MAX_GRID_ROW) && (p.x as number) + (p.w as number) <= GRID_COLUMNS;
}

/** The numbers of a broken gridPos, so the layout's own issue names them. */
function explicitSlot(p: Pos): PanelSlot {
  const slot: PanelSlot = {};
  for (const k of ['x', 'y', 'w', 'h'] as const) if (typeof p[k] === 'number' && Number.isFinite(p[k])) slot[k] = p[k] as number;
  if (slot.y !== undefined && slot.x === undefined) delete slot.y;
  return slot;
}

function slotProps(s: PanelSlot): ExprObject {
  const out: ExprObject = {};
  for (const k of ['x', 'y', 'w', 'h'] as const) if (s[k] !== undefined) out[k] = s[k];
  return out;
}
