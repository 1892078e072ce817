/**
 * OverlapIndex answers as a scan of every earlier rectangle would: the same
 * first overlap and the same count, for grid positions and for whatever a JSON
 * file holds (lint reads positions as given).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OverlapIndex, overlaps, type GridBox } from '../../src/model/grid-overlaps.js';

const onGrid = fc.record({ x: fc.integer({ min: 0, max: 23 }), y: fc.integer({ min: 0, max: 120 }), w: fc.integer({ min: 1, max: 24 }), h: fc.integer({ min: 1, max: 12 }) });
const odd = fc.oneof(
  fc.integer({ min: -20, max: 400 }),
  fc.double({ min: -50, max: 500, noNaN: true }),
  fc.constantFrom(0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300, -1e300, 2 ** 53, 7.99, 8.01),
);
const anyBox = fc.record({ x: odd, y: odd, w: odd, h: odd });
const box = fc.oneof({ arbitrary: onGrid, weight: 4 }, { arbitrary: fc.record({ x: fc.integer({ min: 0, max: 23 }), y: fc.integer({ min: 0, max: 3000 }), w: fc.integer({ min: 1, max: 24 }), h: fc.integer({ min: 1, max: 600 }) }), weight: 1 }, { arbitrary: anyBox, weight: 1 });

/** What the index replaces: every earlier rectangle, in order. */
function scan(earlier: readonly GridBox[], pos: GridBox): { first: number; count: number } | undefined {
  const hits = earlier.flatMap((b, i) => (overlaps(b, pos) ? [i] : []));
  return hits.length === 0 ? undefined : { first: hits[0]!, count: hits.length };
}

describe('OverlapIndex', () => {
  it('finds the first overlap and counts them as a scan of everything before does', () => {
    fc.assert(
      fc.property(fc.array(box, { maxLength: 80 }), (boxes) => {
        const index = new OverlapIndex<{ pos: GridBox; i: number }>();
        boxes.forEach((pos, i) => {
          const expected = scan(boxes.slice(0, i), pos);
          expect(index.firstOverlap(pos)?.i).toBe(expected?.first);
          const both = index.overlapsOf(pos);
          expect(both && { first: both.first.i, count: both.count }).toEqual(expected);
          index.add({ pos, i });
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a rectangle stacked on 3,000 others names the first and counts them all', () => {
    const index = new OverlapIndex<{ pos: GridBox; i: number }>();
    for (let i = 0; i < 3000; i++) index.add({ pos: { x: 0, y: 0, w: 24, h: 8 }, i });
    expect(index.overlapsOf({ x: 4, y: 3, w: 2, h: 30 })).toEqual({ first: { pos: { x: 0, y: 0, w: 24, h: 8 }, i: 0 }, count: 3000 });
  });
});
