/**
 * The 24-column grid: every panel has a size, stays inside the columns, and
 * overlaps no other panel. Grafana silently moves overlapping panels, so the
 * layout on screen is not the one in the file. A collapsed row's children form
 * their own grid (Grafana lays them out when the row opens).
 */
import { GRID_COLUMNS } from '../../model/grid.js';
import { OverlapIndex, type GridBox } from '../../model/grid-overlaps.js';
import { joinPath, renderPath } from '../../model/issue-path.js';
import type { Report } from '../report.js';
import { isObject, panelLabel, type DashboardModel, type PanelEntry } from './model.js';

const COLUMNS = GRID_COLUMNS;

export function checkLayout(model: DashboardModel, report: Report): void {
  const grids = new Map<string, OverlapIndex<{ panel: PanelEntry; pos: GridBox }>>();
  for (const panel of model.panels) {
    if (panel.row && panel.type === 'row') {
      report('layout-nested-row', panel.path, `row "${panelLabel(panel)}" is inside row "${panelLabel(panel.row)}"; Grafana rows cannot nest`, panelLabel(panel));
    }
    // A legacy `rows[]` panel has `span`/`height`; Grafana's migration computes its gridPos.
    if (panel.path[0] === 'rows' && panel.panel.gridPos === undefined) continue;
    const box = boxOf(panel.panel.gridPos);
    const at = joinPath(panel.path, 'gridPos');
    if (!box || box.w <= 0 || box.h <= 0) {
      const what = box ? `is ${box.w}×${box.h}` : 'has no complete gridPos {x, y, w, h}';
      report('layout-zero-size', at, `panel ${what}; give it a positive width and height`, panelLabel(panel));
      continue;
    }
    if (box.x < 0 || box.x + box.w > COLUMNS) {
      report('layout-overflow', at, `panel spans columns ${box.x} to ${box.x + box.w}; the grid has columns 0 to ${COLUMNS}`, panelLabel(panel));
    }
    const grid = panel.row ? renderPath(panel.row.path) : '';
    let placed = grids.get(grid);
    if (!placed) grids.set(grid, (placed = new OverlapIndex()));
    // One finding per panel, naming the first panel it overlaps: one per pair made 2 million findings (and ran out of
    // memory at 4,000 panels) for a file of panels stacked at one place.
    const hit = placed.overlapsOf(box);
    if (hit) {
      const { first, count } = hit;
      const more = count > 1 ? ` and ${count - 1} more panel${count > 2 ? 's' : ''} before it` : '';
      report('layout-overlap', at, `panel at ${show(box)} overlaps "${panelLabel(first.panel)}" at ${show(first.pos)} (${renderPath(first.panel.path)})${more}`, panelLabel(panel));
    }
    placed.add({ panel, pos: box });
  }
}

function boxOf(value: unknown): GridBox | undefined {
  if (!isObject(value)) return undefined;
  const { x, y, w, h } = value;
  if (typeof x !== 'number' || typeof y !== 'number' || typeof w !== 'number' || typeof h !== 'number') return undefined;
  return { x, y, w, h };
}

function show(b: GridBox): string {
  return `x=${b.x} y=${b.y} w=${b.w} h=${b.h}`;
}
