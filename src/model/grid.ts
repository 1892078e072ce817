/**
 * Grafana's dashboard grid, the one home of its constants and position types
 * (layout, import, lint and preview all read them): 24 columns across the page
 * width, rows of 30 px cells with 8 px between panels (react-grid-layout as
 * Grafana configures it in public/app/core/constants.ts: GRID_COLUMN_COUNT 24,
 * GRID_CELL_HEIGHT 30, GRID_CELL_VMARGIN 8).
 */

/** Grafana's dashboard grid is always 24 columns wide. */
export const GRID_COLUMNS = 24;
export const CELL_HEIGHT = 30;
export const CELL_MARGIN = 8;
export const DEFAULT_PANEL_WIDTH = 12;
export const DEFAULT_PANEL_HEIGHT = 8;
/**
 * Largest height or explicit y accepted. Far beyond any real dashboard; it keeps every
 * computed y an exact integer (sums of huge floats would silently lose precision).
 */
export const MAX_GRID_ROW = 1_000_000;

/** A panel's position: columns on the 24-column grid, rows of cells. */
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
