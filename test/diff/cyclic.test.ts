/**
 * diff takes JSON documents, which are never cyclic; a library caller's
 * object may be. It used to overflow the stack (found by the import/diff
 * fuzz): the library never throws for bad input (docs/security.md).
 */
import { describe, expect, it } from 'vitest';
import { diffDashboards, semanticEqual } from '../../src/diff/diff.js';
import { diffDashboardSets } from '../../src/diff/sets.js';
import { formatDiffs } from '../../src/diff/format.js';

function cyclic(): Record<string, unknown> {
  const d: Record<string, unknown> = { uid: 'u', title: 'T', panels: [{ type: 'text', title: 'Notes', gridPos: { x: 0, y: 0, w: 12, h: 4 } }] };
  d.self = d;
  (d.panels as Array<Record<string, unknown>>)[0]!.options = { back: d };
  return d;
}

describe('diff of values that are not JSON trees', () => {
  it('a cyclic dashboard equals itself and differs where it differs, never a throw', () => {
    const a = cyclic();
    expect(diffDashboards(a, a)).toEqual([]);
    expect(semanticEqual(a, cyclic())).toBe(true);
    const b = cyclic();
    b.title = 'Other';
    expect(diffDashboards(a, b)).toEqual([expect.objectContaining({ kind: 'setting', path: 'title', before: 'T', after: 'Other' })]);
    const { self: _, ...plain } = a;
    expect(diffDashboards(plain, a).map((c) => c.path)).toContain('self');
    for (const format of ['text', 'markdown', 'json'] as const) {
      expect(typeof formatDiffs(diffDashboardSets(new Map([['a.json', a]]), new Map([['a.json', b]])), format)).toBe('string');
    }
  });

  it('nesting deeper than any dashboard is cut, never a stack overflow', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const a = { uid: 'u', title: 'T', panels: [], x: deep };
    expect(diffDashboards(a, a)).toEqual([]);
    expect(diffDashboards(a, { ...a, x: 1 }).map((c) => c.path)).toEqual(['x']);
  });
});
