/** Invalid input: the named issue, the exact message, and a clamped on-grid position. */
import { describe, expect, it } from 'vitest';
import { layoutPanels, type GridPos, type LayoutNode, type PanelSlot } from '../../src/compile/layout.js';
import type { Issue, IssueCode } from '../../src/model/issue.js';
import type { IssuePath } from '../../src/model/issue-path.js';

/** Lays out one top-level panel; returns its position and the issues. */
function one(slot: PanelSlot): { pos: GridPos; issues: Issue[] } {
  const { nodes, issues } = layoutPanels([{ kind: 'panel', slot }]);
  return { pos: nodes[0]!.gridPos, issues };
}

/** The gridPos field each layout code is about (an overlap is about the whole gridPos). */
const FIELD: Partial<Record<IssueCode, string>> = { 'layout-width': 'w', 'layout-height': 'h', 'layout-column': 'x', 'layout-position': 'y' };
const error = (code: IssueCode, slot: IssuePath, message: string): Issue => ({
  code,
  path: [...slot, 'gridPos', ...(FIELD[code] ? [FIELD[code]] : [])],
  message,
  severity: 'error',
});

describe('layout-width', () => {
  it.each([
    [30, 'panel width 30 is wider than the 24-column grid (allowed: 1..24)', 24],
    [0, 'panel width 0 is narrower than one column (allowed: 1..24)', 1],
    [-4, 'panel width -4 is narrower than one column (allowed: 1..24)', 1],
    [7.5, 'panel width 7.5 is not a whole number of columns (allowed: 1..24)', 8],
    [Number.NaN, 'panel width NaN is not a number (allowed: 1..24)', 12],
    [Number.POSITIVE_INFINITY, 'panel width Infinity is wider than the 24-column grid (allowed: 1..24)', 24],
    ['wide' as unknown as number, 'panel width "wide" is not a number (allowed: 1..24)', 12],
  ])('width %s', (w, message, clamped) => {
    const { pos, issues } = one({ w });
    expect(issues).toEqual([error('layout-width', ['panels', 0], message)]);
    expect(pos).toEqual({ x: 0, y: 0, w: clamped, h: 8 });
  });
});

describe('layout-height', () => {
  it.each([
    [0, 'panel height 0 is less than one grid row (allowed: 1..1000000)', 1],
    [2.5, 'panel height 2.5 is not a whole number of grid rows (allowed: 1..1000000)', 3],
    [1e7, 'panel height 10000000 is taller than the 1000000-row limit (allowed: 1..1000000)', 1_000_000],
    [
      Number.POSITIVE_INFINITY,
      'panel height Infinity is taller than the 1000000-row limit (allowed: 1..1000000)',
      1_000_000,
    ],
    [Number.NaN, 'panel height NaN is not a number (allowed: 1..1000000)', 8],
  ])('height %s', (h, message, clamped) => {
    const { pos, issues } = one({ h });
    expect(issues).toEqual([error('layout-height', ['panels', 0], message)]);
    expect(pos).toEqual({ x: 0, y: 0, w: 12, h: clamped });
  });
});

describe('layout-column', () => {
  it.each([
    [
      { x: 20, w: 8 },
      'panel x 20 with width 8 ends at column 28, past the 24-column grid (allowed: 0..16 for width 8)',
      16,
    ],
    [{ x: -1, w: 6 }, 'panel x -1 is left of the first column (allowed: 0..18 for width 6)', 0],
    [{ x: 1.5 }, 'panel x 1.5 is not a whole column (allowed: 0..12 for width 12)', 2],
    [{ x: Number.NaN, w: 4 }, 'panel x NaN is not a number (allowed: 0..20 for width 4)', 0],
  ])('%o', (slot, message, clampedX) => {
    const { pos, issues } = one(slot);
    expect(issues).toEqual([error('layout-column', ['panels', 0], message)]);
    expect(pos.x).toBe(clampedX);
  });

  it('checks the column against the clamped width, so a too-wide panel reports both', () => {
    const { pos, issues } = one({ x: 4, w: 30 });
    expect(issues.map((i) => i.code)).toEqual(['layout-width', 'layout-column']);
    expect(pos).toEqual({ x: 0, y: 0, w: 24, h: 8 });
  });
});

describe('layout-position', () => {
  it('y without x is reported and the panel flows', () => {
    const { pos, issues } = one({ y: 5 });
    expect(issues).toEqual([
      error(
        'layout-position',
        ['panels', 0],
        'panel y 5 is given without x (allowed: x and y together for an exact position, or x alone to pin the column)',
      ),
    ]);
    expect(pos).toEqual({ x: 0, y: 0, w: 12, h: 8 });
  });

  it('a negative y is reported and the panel flows in its pinned column', () => {
    const { pos, issues } = one({ x: 6, y: -2 });
    expect(issues).toEqual([
      error('layout-position', ['panels', 0], 'panel y -2 is above the top of the dashboard (allowed: 0..1000000)'),
    ]);
    expect(pos).toEqual({ x: 6, y: 0, w: 12, h: 8 });
  });

  it('a y past the row limit is reported and the panel flows in its pinned column', () => {
    const { pos, issues } = one({ x: 0, y: 2 ** 53 });
    expect(issues).toEqual([
      error(
        'layout-position',
        ['panels', 0],
        'panel y 9007199254740992 is below the 1000000-row limit (allowed: 0..1000000)',
      ),
    ]);
    expect(pos).toEqual({ x: 0, y: 0, w: 12, h: 8 });
  });

  it('a fractional y is reported and rounded', () => {
    const { pos, issues } = one({ x: 0, y: 2.4 });
    expect(issues).toEqual([
      error('layout-position', ['panels', 0], 'panel y 2.4 is not a whole grid row (allowed: 0..1000000)'),
    ]);
    expect(pos).toEqual({ x: 0, y: 2, w: 12, h: 8 });
  });

  it('an explicit y above its row (a y written relative to the row) is reported and flows under the row', () => {
    const nodes: LayoutNode[] = [
      { kind: 'panel', slot: {} },
      { kind: 'row', panels: [{ x: 12, y: 0 }] },
    ];
    const result = layoutPanels(nodes);
    expect(result.issues).toEqual([
      error(
        'layout-position',
        ['panels', 1, 'panels', 0],
        'panel y 0 is above its row, whose panels start at y 9 (allowed: y >= 9; y is absolute on the dashboard, not relative to the row)',
      ),
    ]);
    expect(result.nodes[1]).toEqual({
      kind: 'row',
      gridPos: { x: 0, y: 8, w: 24, h: 1 },
      panels: [{ x: 12, y: 9, w: 12, h: 8 }],
    });
  });

  it('an explicit y above the row before a top-level panel is reported', () => {
    const result = layoutPanels([
      { kind: 'row', panels: [{}] },
      { kind: 'panel', slot: { x: 0, y: 3 } },
    ]);
    expect(result.issues).toEqual([
      error(
        'layout-position',
        ['panels', 1],
        'panel y 3 is above the row before it, which ends at y 9 (allowed: y >= 9)',
      ),
    ]);
    expect(result.nodes[1]).toEqual({ kind: 'panel', gridPos: { x: 0, y: 9, w: 12, h: 8 } });
  });
});

describe('layout-overlap', () => {
  it('explicit panels overlapping each other are reported and kept where they were put', () => {
    const result = layoutPanels([
      { kind: 'panel', slot: { x: 0, y: 0, w: 12, h: 8 } },
      { kind: 'panel', slot: { x: 6, y: 4, w: 12, h: 8 } },
    ]);
    expect(result.issues).toEqual([
      error(
        'layout-overlap',
        ['panels', 1],
        'panel at x=6 y=4 w=12 h=8 overlaps panels[0] at x=0 y=0 w=12 h=8 (allowed: a position no earlier panel or row header occupies)',
      ),
    ]);
    expect(result.nodes[1]!.gridPos).toEqual({ x: 6, y: 4, w: 12, h: 8 });
  });

  it('an explicit panel overlapping an earlier flowed panel is reported', () => {
    const result = layoutPanels([
      { kind: 'panel', slot: {} },
      { kind: 'panel', slot: { x: 8, y: 2, w: 4, h: 2 } },
    ]);
    expect(result.issues).toEqual([
      error(
        'layout-overlap',
        ['panels', 1],
        'panel at x=8 y=2 w=4 h=2 overlaps panels[0] at x=0 y=0 w=12 h=8 (allowed: a position no earlier panel or row header occupies)',
      ),
    ]);
  });

  it('explicit children of a collapsed row are checked against each other, with row paths', () => {
    const result = layoutPanels([
      {
        kind: 'row',
        collapsed: true,
        panels: [
          { x: 0, y: 1, w: 6, h: 2 },
          { x: 5, y: 2, w: 6, h: 2 },
        ],
      },
    ]);
    expect(result.issues).toEqual([
      error(
        'layout-overlap',
        ['panels', 0, 'panels', 1],
        'panel at x=5 y=2 w=6 h=2 overlaps panels[0].panels[0] at x=0 y=1 w=6 h=2 (allowed: a position no earlier panel or row header occupies)',
      ),
    ]);
  });

  it('children of a collapsed row take no space: a later explicit panel may use their cells', () => {
    const result = layoutPanels([
      { kind: 'row', collapsed: true, panels: [{}] },
      { kind: 'row', panels: [{ x: 0, y: 2 }] },
    ]);
    expect(result.issues).toEqual([]);
  });
});

it('valid input produces no issues', () => {
  const result = layoutPanels([
    { kind: 'panel', slot: { w: 24, h: 1 } },
    { kind: 'panel', slot: { x: 0, y: 1, w: 1, h: 1 } },
    { kind: 'row', collapsed: true, panels: [{ w: 1 }, { x: 23, w: 1 }] },
  ]);
  expect(result.issues).toEqual([]);
});
