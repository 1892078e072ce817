/**
 * Original gridPos → the least the code has to say. Each panel gets the
 * first of these that makes dashcode's layout (docs/layout.md) put it exactly
 * where it was: its size only (w/h, left out when 12×8), its size and column
 * (x), or its full position (x, y, w, h). Layout only looks backwards, so
 * deciding panels one at a time, in order, is exact.
 */
import { asObject } from '../diff/json.js';
import { GRID_COLUMNS, layoutPanels, MAX_GRID_ROW, type GridPos, type LayoutNode } from '../compile/layout.js';
import { DEFAULT_PANEL_HEIGHT, DEFAULT_PANEL_WIDTH, type PanelSlot } from '../model/grid.js';
import type { ExprObject } from './code.js';
import type { ImportContext } from './context.js';
import { joinPath, startsWithPath, type IssuePath } from '../model/issue-path.js';

export class SlotPlanner {
  private readonly nodes: LayoutNode[] = [];
  private currentRow?: { collapsed: boolean; panels: PanelSlot[] };

  constructor(private readonly ctx: ImportContext) {}

  /** A top-level panel (before the first row, or after a collapsed one). */
  panel(gridPos: unknown, where: string, path: IssuePath): ExprObject {
    this.currentRow = undefined;
    const slot = this.choose(gridPos, where, path, (s) => {
      this.nodes.push({ kind: 'panel', slot: s });
      const placed = layoutPanels(this.nodes).nodes.at(-1);
      this.nodes.pop();
      return placed?.kind === 'panel' ? placed.gridPos : undefined;
    });
    this.nodes.push({ kind: 'panel', slot });
    this.reportLayoutIssues(joinPath('panels', this.nodes.length - 1), where, path);
    return slotProps(slot);
  }

  /** A row header; its panels follow through `rowPanel`. */
  row(gridPos: unknown, collapsed: boolean, where: string, path: IssuePath): void {
    const panels: PanelSlot[] = [];
    this.currentRow = { collapsed, panels };
    this.nodes.push({ kind: 'row', collapsed, panels });
    const placed = layoutPanels(this.nodes).nodes.at(-1);
    const original = asObject(gridPos);
    if (placed && typeof original.y === 'number' && placed.gridPos.y !== original.y) {
      this.ctx.report('import-row-position', joinPath(path, 'gridPos'), `${where}: was at y=${original.y}; dashcode puts a row right below what is above it (y=${placed.gridPos.y})`, 'info');
    }
  }

  rowPanel(gridPos: unknown, where: string, path: IssuePath): ExprObject {
    const row = this.currentRow;
    if (!row) return this.panel(gridPos, where, path);
    const slot = this.choose(gridPos, where, path, (s) => {
      row.panels.push(s);
      const placed = layoutPanels(this.nodes).nodes.at(-1);
      row.panels.pop();
      return placed?.kind === 'row' ? placed.panels.at(-1) : undefined;
    });
    row.panels.push(slot);
    this.reportLayoutIssues(joinPath('panels', this.nodes.length - 1, 'panels', row.panels.length - 1), where, path);
    return slotProps(slot);
  }

  /** What dashcode's layout will say about the node just added (an overlap Grafana tolerated, say). */
  private reportLayoutIssues(layoutPath: IssuePath, where: string, path: IssuePath): void {
    for (const i of layoutPanels(this.nodes).issues) {
      if (startsWithPath(i.path, layoutPath) && i.path[layoutPath.length] === 'gridPos') this.ctx.report('import-grid-position', joinPath(path, 'gridPos'), `${where}: ${i.message}; \`dashcode build\` will report it [${i.code}]`);
    }
  }

  private choose(gridPos: unknown, where: string, path: IssuePath, place: (slot: PanelSlot) => GridPos | undefined): PanelSlot {
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
      if (placed && placed.x === pos.x && placed.y === pos.y && placed.w === pos.w && placed.h === pos.h) return candidate;
    }
    const placed = place({ x: pos.x, y: pos.y, w: pos.w, h: pos.h });
    this.ctx.report('import-grid-position', joinPath(path, 'gridPos'), `${where}: dashcode's layout cannot put it at x=${pos.x} y=${pos.y} w=${pos.w} h=${pos.h} (it overlaps an earlier panel, or sits above its row); it lands at ${placed ? `x=${placed.x} y=${placed.y}` : 'another position'}`);
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
