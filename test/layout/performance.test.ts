/** 10,000 flowed panels must lay out in a few milliseconds: the flow keeps no per-cell state. */
import { expect, it } from 'vitest';
import { layoutPanels, type LayoutNode } from '../../src/compile/layout.js';

/** Deterministic pseudo-random widths and heights, so the timing is repeatable. */
function manyPanels(count: number): LayoutNode[] {
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return 1 + (seed % n);
  };
  return Array.from({ length: count }, (_, i) =>
    i % 500 === 0
      ? { kind: 'row' as const, panels: Array.from({ length: 20 }, () => ({ w: next(24), h: next(10) })) }
      : { kind: 'panel' as const, slot: { w: next(24), h: next(10), newLine: i % 97 === 0 } },
  );
}

function bestTimeMs(run: () => void, repeats = 5): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

it('lays out 10,000 panels in a few milliseconds', () => {
  const input = manyPanels(10_000);
  const result = layoutPanels(input);
  expect(result.issues).toEqual([]);
  // Generous bound for slow CI machines; locally this is ~1-3 ms.
  expect(bestTimeMs(() => layoutPanels(input))).toBeLessThan(50);
});

it('stays linear: 100,000 panels well under half a second (a quadratic scan would take minutes)', () => {
  const input = manyPanels(100_000);
  expect(bestTimeMs(() => layoutPanels(input), 3)).toBeLessThan(500);
});
