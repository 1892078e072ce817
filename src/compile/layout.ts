/**
 * The layout engine: turns an ordered list of panels and rows into Grafana
 * `gridPos` values on the 24-column grid. Pure: no I/O, no mutation, no throws.
 * Contract and corner cases: docs/layout.md.
 */
import { issue, type Issue } from '../model/issue.js';
import { joinPath, renderPath, type IssuePath } from '../model/issue-path.js';
import {
  DEFAULT_PANEL_HEIGHT,
  DEFAULT_PANEL_WIDTH,
  GRID_COLUMNS,
  MAX_GRID_ROW,
  type GridPos,
  type LayoutNode,
  type LayoutResult,
  type PanelSlot,
  type PlacedNode,
} from './layout-types.js';
import { OverlapIndex, overlaps } from '../model/grid-overlaps.js';

export { DEFAULT_PANEL_HEIGHT, DEFAULT_PANEL_WIDTH, GRID_COLUMNS, MAX_GRID_ROW } from './layout-types.js';
export type { GridPos, LayoutNode, LayoutResult, PanelSlot, PlacedNode } from './layout-types.js';

/**
 * Places panels and rows on Grafana's 24-column grid.
 *
 * - Flowed panels (no x, no y) go left to right: right of the previous panel on the
 *   current line if `x + w <= 24`, otherwise at x=0 of a new line that starts at the
 *   bottom of everything placed so far in the section. After widths 8, 8 a 12 wraps
 *   to x=0 (grafana-foundation-sdk puts it at x=16, ending at column 28).
 * - A pinned column (x, no y) stays on the current line if `x >= cursor` and it fits,
 *   otherwise it starts a new line at that x.
 * - An explicit position (x and y) is placed exactly. Flowed panels after it step right
 *   past it on the current line, or wrap below it. Explicit panels overlapping anything
 *   placed earlier are reported (`layout-overlap`), never moved.
 * - A row header is `{x:0, y, w:24, h:1}` at the bottom of everything above; its panels
 *   are laid out under it. A collapsed row's panels get the positions they would have
 *   expanded (what Grafana stores), but take no space: the next node starts at `row.y + 1`.
 *   A panel node after a row starts a new section, on a new line below the row.
 * - Within a section, flowed panels keep reading order: (y, x) strictly increases.
 * - Appending a node never moves an earlier one: placement looks only backwards.
 * - Invalid input is reported and clamped, never thrown; every returned position is on
 *   the grid. Codes: `layout-width`, `layout-height`, `layout-column`, `layout-position`,
 *   `layout-overlap`; paths are the field of the node's input, `['panels', i, 'gridPos', 'w']`
 *   or `['panels', i, 'panels', j, 'gridPos', 'w']` (the whole `gridPos` for an overlap).
 *
 * Linear in the number of nodes: a section tracks its bottom, the current line and the
 * explicit panels that can still reach it, and an explicit panel is checked for overlaps
 * against its neighbours only (model/grid-overlaps.ts).
 */
export function layoutPanels(nodes: readonly LayoutNode[]): LayoutResult {
  const grid = new GridLayout();
  const placed = nodes.map((node, i): PlacedNode => {
    const path: IssuePath = ['panels', i];
    if (node.kind === 'panel') return { kind: 'panel', gridPos: grid.panel(node.slot, path) };
    const gridPos = grid.row(node.collapsed === true);
    return { kind: 'row', gridPos, panels: node.panels.map((slot, j) => grid.rowPanel(slot, joinPath(path, 'panels', j))) };
  });
  return { nodes: placed, issues: grid.issues };
}

/**
 * layoutPanels one node at a time, for a caller that decides each node from where the
 * ones before it went (import chooses the shortest slot that lands a panel where it
 * was). `wherePanel` and `whereRowPanel` say where a slot would go without placing it.
 * Nodes placed here get the positions and issues layoutPanels gives the same list.
 */
export class GridLayout {
  /** Every issue so far, in the order of the nodes. */
  readonly issues: Issue[] = [];
  /** Bottom of everything that takes space in the closed sections: where the next row or section starts. */
  private bottom = 0;
  /** The section the next panel of its kind goes into. */
  private open: Section | undefined;

  /** A top-level panel: closes an open row and goes into the top-level section after it. */
  panel(slot: PanelSlot, path: IssuePath): GridPos {
    if (this.open?.kind !== 'top-level') this.open = openSection(this.close(), 'top-level');
    return place(this.open, slot, path, this.issues);
  }

  /** A row header, at the bottom of everything above; `rowPanel` places its panels. */
  row(collapsed: boolean): GridPos {
    const y = this.close();
    this.open = openSection(y + 1, collapsed ? 'collapsed-row' : 'row');
    return { x: 0, y, w: GRID_COLUMNS, h: 1 };
  }

  /** A panel of the row placed last (a top-level panel when there is none). */
  rowPanel(slot: PanelSlot, path: IssuePath): GridPos {
    return this.open === undefined || this.open.kind === 'top-level' ? this.panel(slot, path) : place(this.open, slot, path, this.issues);
  }

  /** Where `panel(slot)` would put it; places nothing and reports nothing. */
  wherePanel(slot: PanelSlot): GridPos {
    const section = this.open?.kind === 'top-level' ? this.open : openSection(this.bottomAfterClose(), 'top-level');
    return where(section, slot);
  }

  /** Where `rowPanel(slot)` would put it; places nothing and reports nothing. */
  whereRowPanel(slot: PanelSlot): GridPos {
    return this.open === undefined || this.open.kind === 'top-level' ? this.wherePanel(slot) : where(this.open, slot);
  }

  /** Ends the open section; returns the new bottom. */
  private close(): number {
    this.bottom = this.bottomAfterClose();
    this.open = undefined;
    return this.bottom;
  }

  /** A collapsed row's panels take no space: the next node starts under its header. */
  private bottomAfterClose(): number {
    const s = this.open;
    if (s === undefined) return this.bottom;
    return s.kind === 'collapsed-row' ? s.top : s.bottom;
  }
}

/**
 * The flow inside one section: the panels of a row, or top-level panels between rows.
 * Nothing outside a section reaches into it (it starts below everything placed before
 * it, and an explicit y above its top is refused), so overlaps are looked for only in it.
 */
interface Section {
  /** First grid row the section may use. */
  readonly top: number;
  /** Top-level sections after the first one start under a row. */
  readonly kind: 'row' | 'collapsed-row' | 'top-level';
  /** Bottom of everything placed in the section (>= top). */
  bottom: number;
  lineY: number;
  /** First free column on the current line. */
  cursorX: number;
  /** Explicit panels that may reach into the current line; flowed panels step around them. */
  obstacles: GridPos[];
  /** Everything placed in the section: what an explicit panel must not overlap. Made by the first placement. */
  placed?: OverlapIndex<{ pos: GridPos; path: IssuePath }>;
}

/** What a slot asks for once validated: all numbers are on the grid. */
type Request =
  | { mode: 'flow'; w: number; h: number; newLine: boolean; column?: number }
  | { mode: 'exact'; pos: GridPos; newLine: boolean };

function openSection(top: number, kind: Section['kind']): Section {
  // cursorX at the right edge means "the current line is full": the first panel starts a line.
  return { top, kind, bottom: top, lineY: top, cursorX: GRID_COLUMNS, obstacles: [] };
}

function place(section: Section, slot: PanelSlot, path: IssuePath, issues: Issue[]): GridPos {
  const request = requestIn(section, slot, path, issues);
  let pos: GridPos;
  if (request.mode === 'exact') {
    pos = request.pos;
    const hit = section.placed?.firstOverlap(pos);
    if (hit) issues.push(overlapIssue(pos, hit, path));
    section.obstacles.push(pos);
  } else {
    const flowed = flowPosition(section, request);
    pos = flowed.pos;
    if (flowed.startsLine) {
      section.lineY = pos.y;
      section.obstacles = [];
    }
    section.cursorX = pos.x + pos.w;
  }
  (section.placed ??= new OverlapIndex()).add({ pos, path });
  section.bottom = Math.max(section.bottom, pos.y + pos.h);
  return pos;
}

function where(section: Section, slot: PanelSlot): GridPos {
  const request = requestIn(section, slot, [], []);
  return request.mode === 'exact' ? request.pos : flowPosition(section, request).pos;
}

/** The slot, validated (issues into `issues`); an explicit y above the section flows in its column. */
function requestIn(section: Section, slot: PanelSlot, path: IssuePath, issues: Issue[]): Request {
  const request = validateSlot(slot, path, issues);
  if (request.mode === 'exact' && request.pos.y < section.top) {
    issues.push(issue('layout-position', joinPath(path, 'gridPos', 'y'), aboveSectionMessage(request.pos.y, section)));
    // Placing it there would hand it to another row when Grafana loads the dashboard.
    const { x, w, h } = request.pos;
    return { mode: 'flow', w, h, newLine: request.newLine, column: x };
  }
  return request;
}

function overlapIssue(pos: GridPos, hit: { pos: GridPos; path: IssuePath }, path: IssuePath): Issue {
  return issue(
    'layout-overlap',
    joinPath(path, 'gridPos'),
    `panel at ${showPos(pos)} overlaps ${renderPath(hit.path)} at ${showPos(hit.pos)} (allowed: a position no earlier panel or row header occupies)`,
  );
}

/**
 * Where a flowed panel goes, and whether it starts a new line there; changes nothing.
 * A new line starts below everything in the section, so nothing placed so far can block it.
 */
function flowPosition(section: Section, request: Extract<Request, { mode: 'flow' }>): { pos: GridPos; startsLine: boolean } {
  const { w, h, column } = request;
  const fresh = request.newLine;
  const lineY = fresh ? section.bottom : section.lineY;
  const cursorX = fresh ? 0 : section.cursorX;
  const obstacles = fresh ? [] : section.obstacles;
  const onLine = column === undefined ? firstFreeOnLine(lineY, cursorX, obstacles, w, h) : pinnedOnLine(lineY, cursorX, obstacles, column, w, h);
  if (onLine) return { pos: onLine, startsLine: fresh };
  return { pos: { x: column ?? 0, y: section.bottom, w, h }, startsLine: true };
}

/** Scans right from the cursor, jumping past each explicit panel in the way. */
function firstFreeOnLine(y: number, cursorX: number, obstacles: readonly GridPos[], w: number, h: number): GridPos | undefined {
  let x = cursorX;
  while (x + w <= GRID_COLUMNS) {
    const candidate = { x, y, w, h };
    const blocker = obstacles.find((o) => overlaps(o, candidate));
    if (!blocker) return candidate;
    x = blocker.x + blocker.w; // > x, because the blocker overlaps the candidate
  }
  return undefined;
}

function pinnedOnLine(y: number, cursorX: number, obstacles: readonly GridPos[], x: number, w: number, h: number): GridPos | undefined {
  if (x < cursorX || x + w > GRID_COLUMNS) return undefined;
  const candidate = { x, y, w, h };
  return obstacles.some((o) => overlaps(o, candidate)) ? undefined : candidate;
}

// --- Validation: every value is checked, reported, and replaced by the nearest valid one.

function validateSlot(slot: PanelSlot, path: IssuePath, issues: Issue[]): Request {
  const w = validSize('w', slot.w, path, issues);
  const h = validSize('h', slot.h, path, issues);
  const newLine = slot.newLine === true;
  const column = slot.x === undefined ? undefined : validColumn(slot.x, w, path, issues);
  if (slot.y === undefined) return { mode: 'flow', w, h, newLine, column };
  if (column === undefined) {
    issues.push(
      issue(
        'layout-position',
        joinPath(path, 'gridPos', 'y'),
        `panel y ${show(slot.y)} is given without x (allowed: x and y together for an exact position, or x alone to pin the column)`,
      ),
    );
    return { mode: 'flow', w, h, newLine };
  }
  const y = validRow(slot.y, path, issues);
  if (y === undefined) return { mode: 'flow', w, h, newLine, column };
  return { mode: 'exact', pos: { x: column, y, w, h }, newLine };
}

/** What a size is checked against, per axis: one rule, two grids. */
const SIZE_RULES = {
  w: { code: 'layout-width', what: 'width', fallback: DEFAULT_PANEL_WIDTH, max: GRID_COLUMNS, tooBig: `is wider than the ${GRID_COLUMNS}-column grid`, tooSmall: 'is narrower than one column', fraction: 'is not a whole number of columns' },
  h: { code: 'layout-height', what: 'height', fallback: DEFAULT_PANEL_HEIGHT, max: MAX_GRID_ROW, tooBig: `is taller than the ${MAX_GRID_ROW}-row limit`, tooSmall: 'is less than one grid row', fraction: 'is not a whole number of grid rows' },
} as const;

/** A panel's width or height: 1..max, clamped and reported when it is not. */
function validSize(axis: keyof typeof SIZE_RULES, value: unknown, path: IssuePath, issues: Issue[]): number {
  const rule = SIZE_RULES[axis];
  if (value === undefined) return rule.fallback;
  // The common case, checked first so it allocates nothing.
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= rule.max) return value;
  const report = (problem: string) =>
    issues.push(issue(rule.code, joinPath(path, 'gridPos', axis), `panel ${rule.what} ${show(value)} ${problem} (allowed: 1..${rule.max})`));
  if (typeof value !== 'number' || Number.isNaN(value)) {
    report('is not a number');
    return rule.fallback;
  }
  if (value > rule.max) {
    report(rule.tooBig);
    return rule.max;
  }
  if (value < 1) {
    report(rule.tooSmall);
    return 1;
  }
  report(rule.fraction);
  return Math.round(value);
}

/** x for a panel of (already valid) width w: 0..24-w. */
function validColumn(x: unknown, w: number, path: IssuePath, issues: Issue[]): number {
  const maxX = GRID_COLUMNS - w;
  // The common case, checked first so it allocates nothing.
  if (typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= maxX) return x;
  const report = (problem: string) =>
    issues.push(issue('layout-column', joinPath(path, 'gridPos', 'x'), `panel x ${show(x)} ${problem} (allowed: 0..${maxX} for width ${w})`));
  if (typeof x !== 'number' || Number.isNaN(x)) {
    report('is not a number');
    return 0;
  }
  if (x < 0) {
    report('is left of the first column');
    return 0;
  }
  if (x + w > GRID_COLUMNS) {
    report(`with width ${w} ends at column ${x + w}, past the ${GRID_COLUMNS}-column grid`);
    return maxX;
  }
  report('is not a whole column');
  return Math.round(x);
}

/** An explicit y, or undefined when it cannot be used (the panel then flows in its pinned column). */
function validRow(y: unknown, path: IssuePath, issues: Issue[]): number | undefined {
  // The common case, checked first so it allocates nothing.
  if (typeof y === 'number' && Number.isInteger(y) && y >= 0 && y <= MAX_GRID_ROW) return y;
  const report = (problem: string) =>
    issues.push(issue('layout-position', joinPath(path, 'gridPos', 'y'), `panel y ${show(y)} ${problem} (allowed: 0..${MAX_GRID_ROW})`));
  if (typeof y !== 'number' || Number.isNaN(y)) {
    report('is not a number');
    return undefined;
  }
  if (y < 0) {
    report('is above the top of the dashboard');
    return undefined;
  }
  if (y > MAX_GRID_ROW) {
    report(`is below the ${MAX_GRID_ROW}-row limit`);
    return undefined;
  }
  report('is not a whole grid row');
  return Math.round(y);
}

function aboveSectionMessage(y: number, section: Section): string {
  return section.kind !== 'top-level'
    ? `panel y ${y} is above its row, whose panels start at y ${section.top} (allowed: y >= ${section.top}; y is absolute on the dashboard, not relative to the row)`
    : `panel y ${y} is above the row before it, which ends at y ${section.top} (allowed: y >= ${section.top})`;
}

function showPos(p: GridPos): string {
  return `x=${p.x} y=${p.y} w=${p.w} h=${p.h}`;
}

/** Shows a given value as the user wrote it: numbers plain, anything else as JSON. */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}
