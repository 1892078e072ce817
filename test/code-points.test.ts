/**
 * test/support/code-points.ts stands in for fast-check's `unit: 'binary'`:
 * the same strings for the same seed, and the same shrinks. (This file pays
 * for the table that one replaces, once.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyCodePoint } from './support/code-points.js';

describe('anyCodePoint', () => {
  it("draws and shrinks what fast-check's unit 'binary' does, for the same seed", () => {
    for (const seed of [1, 42, 20240611]) {
      const opts = { seed, numRuns: 500 };
      expect(fc.sample(fc.string({ unit: anyCodePoint, maxLength: 30 }), opts)).toEqual(fc.sample(fc.string({ unit: 'binary', maxLength: 30 }), opts));
      const failing = (unit: typeof anyCodePoint | 'binary') => fc.check(fc.property(fc.string({ unit }), (s) => s.length < 4 || !/[^\0]/u.test(s)), { seed });
      const [ours, theirs] = [failing(anyCodePoint), failing('binary')];
      expect(ours.counterexample).toEqual(theirs.counterexample);
      expect(ours.numShrinks).toBe(theirs.numShrinks);
    }
  });

  it('takes back one code point that is not a surrogate, and nothing else', () => {
    for (const s of ['\0', '\ud7ff', '\ue000', '\u{10ffff}', 'é', '😀']) expect(anyCodePoint.canShrinkWithoutContext(s)).toBe(true);
    for (const s of ['', 'ab', '\ud800', '\udfff', 1]) expect(anyCodePoint.canShrinkWithoutContext(s)).toBe(false);
  });
});
