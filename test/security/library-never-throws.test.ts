/** Issue 12 item 7: buildDashboard returns issues for any input and never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDashboard, dashboard } from '../../src/index.js';
import type { DashboardSpec } from '../../src/dashboards/dashboard.js';

const cyclic = (): Record<string, unknown> => {
  const v: Record<string, unknown> = { a: 1 };
  v.self = v;
  return v;
};

describe('buildDashboard never throws', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty object', {}],
    ['a string', 'dashboard'],
    ['a null panel', { ...dashboard({ uid: 'a', title: 'A', panels: [] }), panels: [null] }],
    ['a cyclic raw', { ...dashboard({ uid: 'a', title: 'A', panels: [] }), raw: cyclic() }],
  ])('%s comes back as an error issue', (_name, spec) => {
    const result = buildDashboard(spec as unknown as DashboardSpec, { file: 'dashboards/x.ts' });
    expect(result.text).toBeUndefined();
    expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
    expect(result.issues[0]!.source?.file).toBe('dashboards/x.ts');
  });

  it('any JSON value mixed into a dashboard spec: issues or text, never a throw', () => {
    const base = dashboard({ uid: 'a', title: 'A', panels: [] });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('panels', 'variables', 'links', 'annotations', 'title', 'uid', 'raw', 'time', 'refresh'), fc.jsonValue()), (extra) => {
        const result = buildDashboard({ ...base, ...extra } as DashboardSpec);
        expect(result.text !== undefined || result.issues.length > 0).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
