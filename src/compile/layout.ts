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
 * O(n) when no explicit positions are given: a section only tracks its bottom, the
 * current line and the explicit panels that can still reach the current line.
 */
export function layoutPanels(nodes: readonly LayoutNode[]): LayoutResult {
  const run: Run = { issues: [], visible: [], bottom: 0 };
  const placed: PlacedNode[] = [];
  // Consecutive top-level panels share one section; a row ends it.
  let topLevel: Section | undefined;

  nodes.forEach((node, i) => {
    const path: IssuePath = ['panels', i];
    if (node.kind === 'panel') {
      topLevel ??= openSection(run.bottom, 'top-level');
      placed.push({ kind: 'panel', gridPos: place(run, topLevel, node.slot, path) });
      run.bottom = topLevel.bottom;
      return;
    }
    topLevel = undefined;
    const header: GridPos = { x: 0, y: run.bottom, w: GRID_COLUMNS, h: 1 };
    run.visible.push({ pos: header, path, rowHeader: true });
    const section = openSection(header.y + 1, 'row');
    const visibleBefore = run.visible.length;
    const panels = node.panels.map((slot, j) => place(run, section, slot, joinPath(path, 'panels', j)));
    if (node.collapsed === true) {
      // Collapsed panels are stored with their expanded positions but occupy nothing.
      run.visible.length = visibleBefore;
      run.bottom = header.y + 1;
    } else {
      run.bottom = section.bottom;
    }
    placed.push({ kind: 'row', gridPos: header, panels });
  });

  return { nodes: placed, issues: run.issues };
}

/** State shared by every section of one layout run. */
interface Run {
  issues: Issue[];
  /** Everything that takes space so far, in input order: what an explicit panel must not overlap. */
  /** What an overlap names: a panel's path, or the header of the row at `path`. Rendered only when reported. */
  visible: Array<{ pos: GridPos; path: IssuePath; rowHeader?: boolean }>;
  /** Bottom of everything visible so far: where the next row or section starts. */
  bottom: number;
}

/** The flow inside one section: the panels of a row, or top-level panels between rows. */
interface Section {
  /** First grid row the section may use. */
  readonly top: number;
  /** Top-level sections after the first one start under a row. */
  readonly kind: 'row' | 'top-level';
  /** Bottom of everything placed in the section (>= top). */
  bottom: number;
  lineY: number;
  /** First free column on the current line. */
  cursorX: number;
  /** Explicit panels that may reach into the current line; flowed panels step around them. */
  obstacles: GridPos[];
}

/** What a slot asks for once validated: all numbers are on the grid. */
type Request =
  | { mode: 'flow'; w: number; h: number; newLine: boolean; column?: number }
  | { mode: 'exact'; pos: GridPos; newLine: boolean };

function openSection(top: number, kind: Section['kind']): Section {
  // cursorX at the right edge means "the current line is full": the first panel starts a line.
  return { top, kind, bottom: top, lineY: top, cursorX: GRID_COLUMNS, obstacles: [] };
}

function place(run: Run, section: Section, slot: PanelSlot, path: IssuePath): GridPos {
  let request = validateSlot(slot, path, run.issues);
  if (request.mode === 'exact' && request.pos.y < section.top) {
    run.issues.push(issue('layout-position', joinPath(path, 'gridPos', 'y'), aboveSectionMessage(request.pos.y, section)));
    // Placing it there would hand it to another row when Grafana loads the dashboard.
    const { x, w, h } = request.pos;
    request = { mode: 'flow', w, h, newLine: request.newLine, column: x };
  }
  const pos = request.mode === 'exact' ? placeExact(run, section, request.pos, path) : placeFlowed(section, request);
  run.visible.push({ pos, path });
  section.bottom = Math.max(section.bottom, pos.y + pos.h);
  return pos;
}

function placeExact(run: Run, section: Section, pos: GridPos, path: IssuePath): GridPos {
  const hit = run.visible.find((other) => overlaps(other.pos, pos));
  if (hit) {
    run.issues.push(
      issue(
        'layout-overlap',
        joinPath(path, 'gridPos'),
        `panel at ${showPos(pos)} overlaps ${hit.rowHeader ? 'row header ' : ''}${renderPath(hit.path)} at ${showPos(hit.pos)} (allowed: a position no earlier panel or row header occupies)`,
      ),
    );
  }
  section.obstacles.push(pos);
  return pos;
}

function placeFlowed(section: Section, request: Extract<Request, { mode: 'flow' }>): GridPos {
  const { w, h, column } = request;
  if (request.newLine) startLine(section);
  const onLine = column === undefined ? firstFreeOnLine(section, w, h) : pinnedOnLine(section, column, w, h);
  const pos = onLine ?? { x: column ?? 0, y: startLine(section), w, h };
  section.cursorX = pos.x + pos.w;
  return pos;
}

/** A new line starts below everything in the section, so nothing placed so far can block it. */
function startLine(section: Section): number {
  section.lineY = section.bottom;
  section.cursorX = 0;
  section.obstacles = [];
  return section.lineY;
}

/** Scans right from the cursor, jumping past each explicit panel in the way. */
function firstFreeOnLine(section: Section, w: number, h: number): GridPos | undefined {
  let x = section.cursorX;
  while (x + w <= GRID_COLUMNS) {
    const candidate = { x, y: section.lineY, w, h };
    const blocker = section.obstacles.find((o) => overlaps(o, candidate));
    if (!blocker) return candidate;
    x = blocker.x + blocker.w; // > x, because the blocker overlaps the candidate
  }
  return undefined;
}

function pinnedOnLine(section: Section, x: number, w: number, h: number): GridPos | undefined {
  if (x < section.cursorX || x + w > GRID_COLUMNS) return undefined;
  const candidate = { x, y: section.lineY, w, h };
  return section.obstacles.some((o) => overlaps(o, candidate)) ? undefined : candidate;
}

function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
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
  return section.kind === 'row'
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
