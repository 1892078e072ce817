/**
 * Properties of the layout engine, checked on random inputs: valid ones, and
 * garbage (NaN, negative, fractional, strings) that must still give on-grid output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPath, type IssuePath } from '../../src/model/issue-path.js';
import {
  GRID_COLUMNS,
  GridLayout,
  layoutPanels,
  type GridPos,
  type LayoutNode,
  type LayoutResult,
  type PanelSlot,
  type PlacedNode,
} from '../../src/compile/layout.js';

// --- Arbitraries

const width = fc.integer({ min: 1, max: GRID_COLUMNS });
// Now and then a tall panel or a far-down y: the overlap index keeps tall panels apart and skips empty bands.
const height = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 10 }), weight: 9 }, { arbitrary: fc.integer({ min: 1, max: 600 }), weight: 1 });

const flowedSlot: fc.Arbitrary<PanelSlot> = fc.record(
  { w: width, h: height, newLine: fc.boolean() },
  { requiredKeys: [] },
);
const pinnedSlot: fc.Arbitrary<PanelSlot> = fc
  .record({ w: width, h: height, newLine: fc.boolean(), at: fc.double({ min: 0, max: 1, noNaN: true }) })
  .map(({ at, ...s }) => ({ ...s, x: Math.floor(at * (GRID_COLUMNS - s.w + 1)) % (GRID_COLUMNS - s.w + 1) }));
const explicitSlot: fc.Arbitrary<PanelSlot> = pinnedSlot.chain((s) =>
  fc.oneof({ arbitrary: fc.integer({ min: 0, max: 60 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 3000 }), weight: 1 }).map((y) => ({ ...s, y })),
);

const messyNumber = fc.oneof(
  fc.integer({ min: -30, max: 60 }),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined),
  fc.constant('7' as unknown as number),
);
const messySlot: fc.Arbitrary<PanelSlot> = fc.record(
  { w: messyNumber, h: messyNumber, x: messyNumber, y: messyNumber, newLine: fc.boolean() },
  { requiredKeys: [] },
);

const validSlot = fc.oneof(
  { arbitrary: flowedSlot, weight: 5 },
  { arbitrary: pinnedSlot, weight: 2 },
  { arbitrary: explicitSlot, weight: 1 },
);
const anySlot = fc.oneof({ arbitrary: validSlot, weight: 4 }, { arbitrary: messySlot, weight: 1 });

function nodesOf(slot: fc.Arbitrary<PanelSlot>, maxLength = 30): fc.Arbitrary<LayoutNode[]> {
  const node: fc.Arbitrary<LayoutNode> = fc.oneof(
    { arbitrary: slot.map((s) => ({ kind: 'panel' as const, slot: s })), weight: 4 },
    {
      arbitrary: fc.record({
        kind: fc.constant('row' as const),
        collapsed: fc.boolean(),
        panels: fc.array(slot, { maxLength: 8 }),
      }),
      weight: 1,
    },
  );
  return fc.array(node, { maxLength });
}

const flowOnly = nodesOf(fc.oneof(flowedSlot, pinnedSlot));
const valid = nodesOf(validSlot);
const anything = nodesOf(anySlot);

// --- What the properties look at

interface Placed {
  pos: GridPos;
  path: string;
  slot?: PanelSlot; // absent for row headers
}

/** Every rectangle with its slot, in input order. */
function allPlaced(input: readonly LayoutNode[], result: LayoutResult): Placed[] {
  const out: Placed[] = [];
  input.forEach((node, i) => {
    const placed = result.nodes[i]!;
    out.push({ pos: placed.gridPos, path: `panels[${i}]`, ...(node.kind === 'panel' ? { slot: node.slot } : {}) });
    if (node.kind === 'row' && placed.kind === 'row') {
      node.panels.forEach((slot, j) => out.push({ pos: placed.panels[j]!, path: `panels[${i}].panels[${j}]`, slot }));
    }
  });
  return out;
}

/**
 * Pairs that must not overlap: (earlier, later) for everything that takes space,
 * and for each collapsed row its children against each other and against what is above.
 */
function mustNotOverlap(input: readonly LayoutNode[], result: LayoutResult): Array<[Placed, Placed]> {
  const pairs: Array<[Placed, Placed]> = [];
  const visible: Placed[] = [];
  const add = (p: Placed) => {
    for (const earlier of visible) pairs.push([earlier, p]);
    visible.push(p);
  };
  input.forEach((node, i) => {
    const placed = result.nodes[i]!;
    if (node.kind === 'panel' || placed.kind === 'panel') {
      add({ pos: placed.gridPos, path: `panels[${i}]` });
      return;
    }
    add({ pos: placed.gridPos, path: `panels[${i}]` });
    const before = visible.length;
    placed.panels.forEach((pos, j) => add({ pos, path: `panels[${i}].panels[${j}]` }));
    if (node.collapsed) visible.length = before;
  });
  return pairs;
}

/** Sections: the children of each row, and each run of top-level panels between rows. */
function sections(input: readonly LayoutNode[], result: LayoutResult): Placed[][] {
  const out: Placed[][] = [];
  let topLevel: Placed[] | undefined;
  for (const p of allPlaced(input, result)) {
    const isChild = p.path.includes('.');
    if (p.slot === undefined) {
      topLevel = undefined;
      out.push([]); // the row's own section
    } else if (isChild) {
      out.at(-1)!.push(p);
    } else {
      if (!topLevel) out.push((topLevel = []));
      topLevel.push(p);
    }
  }
  return out;
}

const overlaps = (a: GridPos, b: GridPos) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const bottomOf = (p: GridPos) => p.y + p.h;
/** The slot an issue is about, as allPlaced names it: its path up to the `gridPos` field. */
const slotOf = (path: IssuePath): string => renderPath(path.slice(0, path.indexOf('gridPos')));
const hasIssue = (result: LayoutResult, code: string, path: string) =>
  result.issues.some((i) => i.code === code && slotOf(i.path) === path);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// --- Properties

describe('layout properties', () => {
  it('every position is on the grid, whatever the input', () => {
    fc.assert(
      fc.property(anything, (input) => {
        const result = layoutPanels(input);
        expect(result.nodes).toHaveLength(input.length);
        for (const { pos } of allPlaced(input, result)) {
          for (const v of Object.values(pos)) expect(Number.isInteger(v)).toBe(true);
          expect(pos.x).toBeGreaterThanOrEqual(0);
          expect(pos.y).toBeGreaterThanOrEqual(0);
          expect(pos.w).toBeGreaterThanOrEqual(1);
          expect(pos.h).toBeGreaterThanOrEqual(1);
          expect(pos.x + pos.w).toBeLessThanOrEqual(GRID_COLUMNS);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('nothing overlaps without explicit positions, and there are no issues', () => {
    fc.assert(
      fc.property(flowOnly, (input) => {
        const result = layoutPanels(input);
        expect(result.issues).toEqual([]);
        for (const [a, b] of mustNotOverlap(input, result))
          expect(overlaps(a.pos, b.pos), `${a.path} / ${b.path}`).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('any overlap is an explicit panel reported with layout.overlap, whatever the input', () => {
    fc.assert(
      fc.property(anything, (input) => {
        const result = layoutPanels(input);
        for (const [a, b] of mustNotOverlap(input, result)) {
          if (overlaps(a.pos, b.pos))
            expect(hasIssue(result, 'layout-overlap', b.path), `${a.path} / ${b.path}`).toBe(true);
        }
        // ...and only panels given both x and y are ever reported as overlapping.
        const bySlot = new Map(allPlaced(input, result).map((p) => [p.path, p.slot]));
        for (const i of result.issues.filter((i) => i.code === 'layout-overlap')) {
          const slot = bySlot.get(slotOf(i.path));
          expect(slot?.x !== undefined && slot?.y !== undefined).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an overlap names the first thing placed before the panel that it overlaps', () => {
    fc.assert(
      fc.property(anything, (input) => {
        const result = layoutPanels(input);
        const firstHit = new Map<string, Placed>();
        for (const [a, b] of mustNotOverlap(input, result)) if (!firstHit.has(b.path) && overlaps(a.pos, b.pos)) firstHit.set(b.path, a);
        for (const i of result.issues.filter((i) => i.code === 'layout-overlap')) {
          const hit = firstHit.get(slotOf(i.path));
          expect(hit, i.message).toBeDefined();
          expect(i.message).toContain(` overlaps ${hit!.path} at x=${hit!.pos.x} y=${hit!.pos.y} w=${hit!.pos.w} h=${hit!.pos.h} `);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('GridLayout places one node at a time as layoutPanels does, and its where* say where without placing', () => {
    fc.assert(
      fc.property(anything, fc.array(anySlot, { minLength: 1, maxLength: 4 }), (input, peeks) => {
        const grid = new GridLayout();
        // Asking where other slots would go, before every placement, must change nothing.
        const peekAll = (where: (s: PanelSlot) => GridPos) => peeks.forEach((s) => where(s));
        const nodes = input.map((node, i): PlacedNode => {
          const path = ['panels', i];
          if (node.kind === 'panel') {
            peekAll((s) => grid.wherePanel(s));
            const said = grid.wherePanel(node.slot);
            const gridPos = grid.panel(node.slot, path);
            expect(gridPos).toEqual(said);
            return { kind: 'panel', gridPos };
          }
          const gridPos = grid.row(node.collapsed === true);
          const panels = node.panels.map((slot, j) => {
            peekAll((s) => grid.wherePanel(s));
            peekAll((s) => grid.whereRowPanel(s));
            const said = grid.whereRowPanel(slot);
            const pos = grid.rowPanel(slot, [...path, 'panels', j]);
            expect(pos).toEqual(said);
            return pos;
          });
          return { kind: 'row', gridPos, panels };
        });
        expect({ nodes, issues: grid.issues }).toEqual(layoutPanels(input));
      }),
      { numRuns: 300 },
    );
  });

  it('flowed panels keep reading order within a section: (y, x) strictly increases', () => {
    fc.assert(
      fc.property(anything, (input) => {
        const result = layoutPanels(input);
        for (const section of sections(input, result)) {
          const flowed = section.filter((p) => p.slot?.y === undefined).map((p) => p.pos);
          for (let k = 1; k < flowed.length; k++) {
            const [prev, cur] = [flowed[k - 1]!, flowed[k]!];
            expect(cur.y > prev.y || (cur.y === prev.y && cur.x > prev.x), JSON.stringify([prev, cur])).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a row header sits exactly at the bottom of everything that takes space above it', () => {
    fc.assert(
      fc.property(anything, (input) => {
        const result = layoutPanels(input);
        const pairs = mustNotOverlap(input, result);
        input.forEach((node, i) => {
          if (node.kind !== 'row') return;
          const headerPath = `panels[${i}]`;
          const above = pairs
            .filter(([, later]) => later.path === headerPath)
            .map(([earlier]) => bottomOf(earlier.pos));
          expect(result.nodes[i]!.gridPos).toEqual({ x: 0, y: Math.max(0, ...above), w: GRID_COLUMNS, h: 1 });
        });
      }),
      { numRuns: 300 },
    );
  });

  it("a row's children lie under its header, and an expanded row's children above the next header", () => {
    fc.assert(
      fc.property(anything, (input) => {
        const result = layoutPanels(input);
        const headers = result.nodes.flatMap((n, i) => (n.kind === 'row' ? [{ i, y: n.gridPos.y }] : []));
        input.forEach((node, i) => {
          const placed = result.nodes[i]!;
          if (node.kind !== 'row' || placed.kind !== 'row') return;
          const next = headers.find((h) => h.i > i);
          for (const child of placed.panels) {
            expect(child.y).toBeGreaterThanOrEqual(placed.gridPos.y + 1);
            if (!node.collapsed && next) expect(bottomOf(child)).toBeLessThanOrEqual(next.y);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('nodes after a row start under its header', () => {
    fc.assert(
      fc.property(anything, (input) => {
        const result = layoutPanels(input);
        let floor = 0;
        result.nodes.forEach((n, i) => {
          expect(n.gridPos.y, `panels[${i}]`).toBeGreaterThanOrEqual(floor);
          if (n.kind === 'row') floor = n.gridPos.y + 1;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('explicit positions are placed exactly unless their y is above their section (reported)', () => {
    fc.assert(
      fc.property(valid, (input) => {
        const result = layoutPanels(input);
        for (const { pos, path, slot } of allPlaced(input, result)) {
          if (slot?.x === undefined || slot.y === undefined) continue;
          if (hasIssue(result, 'layout-position', path)) {
            expect(pos.y).toBeGreaterThan(slot.y);
          } else {
            expect(pos).toEqual({ x: slot.x, y: slot.y, w: slot.w ?? 12, h: slot.h ?? 8 });
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('appending a node never moves an earlier one nor changes its issues', () => {
    fc.assert(
      fc.property(
        anything,
        nodesOf(anySlot, 3).filter((extra) => extra.length > 0),
        (input, extra) => {
          const before = layoutPanels(input);
          const after = layoutPanels([...input, ...extra]);
          expect(after.nodes.slice(0, input.length)).toEqual(before.nodes);
          expect(after.issues.slice(0, before.issues.length)).toEqual(before.issues);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is pure and deterministic: frozen input, same output twice', () => {
    fc.assert(
      fc.property(anything, (input) => {
        const copy = structuredClone(input);
        deepFreeze(input);
        const first = layoutPanels(input);
        expect(layoutPanels(input)).toEqual(first);
        expect(input).toEqual(copy);
      }),
      { numRuns: 200 },
    );
  });

  it('issues are errors with a known code and a path into the input', () => {
    const codes = ['layout-width', 'layout-height', 'layout-column', 'layout-position', 'layout-overlap'];
    fc.assert(
      fc.property(anything, (input) => {
        const result = layoutPanels(input);
        const paths = new Set(allPlaced(input, result).map((p) => p.path));
        for (const i of result.issues) {
          expect(codes).toContain(i.code);
          expect(i.severity).toBe('error');
          expect(i.path, renderPath(i.path)).toContain('gridPos');
          expect(paths.has(slotOf(i.path)), renderPath(i.path)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
