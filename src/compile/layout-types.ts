/**
 * Types of the layout engine (see `layout.ts` and docs/layout.md).
 * Positions are Grafana's `gridPos`: columns on a 24-column grid, rows of ~30px.
 */
import type { Issue } from '../validate/issues.js';

/** Grafana's dashboard grid is always 24 columns wide. */
export const GRID_COLUMNS = 24;
export const DEFAULT_PANEL_WIDTH = 12;
export const DEFAULT_PANEL_HEIGHT = 8;
/**
 * Largest height or explicit y accepted. Far beyond any real dashboard; it keeps every
 * computed y an exact integer (sums of huge floats would silently lose precision).
 */
export const MAX_GRID_ROW = 1_000_000;

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A panel to place. w defaults to 12, h to 8. */
export interface PanelSlot {
  w?: number;
  h?: number;
  /** Pin the column; y is chosen by the flow. */
  x?: number;
  /** With x: a fully explicit position, placed exactly as given. y is absolute (Grafana's gridPos), not relative to a row. */
  y?: number;
  /** Start a new line before this panel. Ignored for fully explicit positions. */
  newLine?: boolean;
}

export type LayoutNode =
  { kind: 'panel'; slot: PanelSlot } | { kind: 'row'; collapsed?: boolean; panels: readonly PanelSlot[] };

export type PlacedNode = { kind: 'panel'; gridPos: GridPos } | { kind: 'row'; gridPos: GridPos; panels: GridPos[] };

export interface LayoutResult {
  /** One entry per input node, same order. For a row: the row header's gridPos plus its children's. */
  nodes: PlacedNode[];
  /** `layout.width`, `layout.height`, `layout.column`, `layout.position`, `layout.overlap`; paths index the input list. */
  issues: Issue[];
}
