/**
 * Types of the layout engine (see `layout.ts` and docs/layout.md).
 * Positions are Grafana's `gridPos`: columns on a 24-column grid, rows of ~30px.
 */
import type { Issue } from '../model/issue.js';

import type { GridPos, PanelSlot } from '../model/grid.js';

export { DEFAULT_PANEL_HEIGHT, DEFAULT_PANEL_WIDTH, GRID_COLUMNS, MAX_GRID_ROW, type GridPos, type PanelSlot } from '../model/grid.js';

export type LayoutNode =
  { kind: 'panel'; slot: PanelSlot } | { kind: 'row'; collapsed?: boolean; panels: readonly PanelSlot[] };

export type PlacedNode = { kind: 'panel'; gridPos: GridPos } | { kind: 'row'; gridPos: GridPos; panels: GridPos[] };

export interface LayoutResult {
  /** One entry per input node, same order. For a row: the row header's gridPos plus its children's. */
  nodes: PlacedNode[];
  /** `layout-width`, `layout-height`, `layout-column`, `layout-position`, `layout-overlap`; paths index the input list. */
  issues: Issue[];
}
