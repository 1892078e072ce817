/**
 * Issue 15: buildPanel skips zod when a hand-written check says the options
 * are valid. That is sound only if "valid here" implies "valid for zod";
 * checked on random input, both near-valid (a valid base with fields swapped
 * for odd values) and arbitrary.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { panelInputSchema } from '../../src/panels/schema.js';
import { panelInputLooksValid } from '../../src/panels/input-fast-path.js';
import { promQuery, promql, timeseriesPanel } from '../../src/index.js';
import { testDatasources } from '../support/fixtures.js';

const { prom } = testDatasources();
const query = promQuery({ datasource: prom, expr: promql`up` });

const odd = fc.oneof(
  fc.integer({ min: -3, max: 30 }),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true, withObjectString: true, withTypedArray: true, withDate: true, withMap: true, withSet: true }),
  fc.constantFrom(undefined, null, '', 0, -1, 1.5, 21, NaN, Infinity, -Infinity, 2 ** 60, 'reqps', 'no-such-unit', [], {}, [query], [query, undefined], { title: 'x', url: 'y' }, [{ title: 'x', url: 'y', extra: 1 }]),
  fc.constantFrom({ steps: [] }, { steps: [{ color: '' }] }, { steps: [{ color: 'red', value: null }] }, { mode: 'percentage', steps: [{ color: 'red', value: Infinity }] }, { steps: [{ color: 'red' }], extra: 1 }),
);
const keys = fc.constantFrom('title', 'description', 'transparent', 'id', 'w', 'h', 'x', 'y', 'newLine', 'queries', 'unit', 'decimals', 'min', 'max', 'displayName', 'noValue', 'thresholds', 'color', 'mappings', 'links', 'dataLinks', 'custom', 'options', 'overrides', 'transformations', 'repeat', 'interval', 'maxDataPoints', 'timeFrom', 'timeShift', 'hideTimeOverride', 'raw', 'typo', '__proto__', 'constructor');
const base = { title: 'Requests', unit: 'reqps', decimals: 2, min: 0, w: 12, h: 8, thresholds: { steps: [{ color: 'green' }, { color: 'red', value: 100 }] }, options: { legend: { calcs: ['mean'] } }, queries: [query], links: [{ title: 'a', url: 'b' }] };

describe('the panel-options fast path never accepts what zod rejects', () => {
  it('accepts the common valid input (else it saves nothing)', () => {
    expect(panelInputLooksValid(base)).toBe(true);
  });

  it('near-valid input: valid for the fast path ⇒ valid for zod', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, odd), { minLength: 1, maxLength: 2 }), (changes) => {
        const input: Record<string, unknown> = { ...base };
        for (const [k, v] of changes) Object.defineProperty(input, k, { value: v, enumerable: true, writable: true, configurable: true });
        if (panelInputLooksValid(input)) expect(panelInputSchema().safeParse(input).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('arbitrary input: valid for the fast path ⇒ valid for zod', () => {
    fc.assert(
      fc.property(odd, (input) => {
        if (panelInputLooksValid(input)) expect(panelInputSchema().safeParse(input).success).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('invalid input still gets zod\'s issues (the fast path only ever skips a zod that finds nothing)', () => {
    const spec = timeseriesPanel({ ...base, decimals: 21, unit: 'reqsp' } as never);
    expect(spec.issues.map((i) => renderPath(i.path))).toEqual(['fieldConfig.defaults.unit', 'fieldConfig.defaults.decimals']);
    expect(spec.issues[0]!.message).toContain('did you mean "reqps"');
  });
});
