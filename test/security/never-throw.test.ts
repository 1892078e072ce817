/**
 * The library never throws for bad input (issue 12, item 7): every builder
 * and `buildDashboard` take any value (undefined, null, numbers, lists,
 * `null` panels, cyclic `raw`, hostile keys) and return issues instead.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { buildDashboard, compileDashboard, dashboard, type DashboardSpec } from '../../src/index.js';
import { pollutionTraces, PROTO_KEYS } from './support/hostile.js';

/** Every builder the library exports: the functions that build a spec from options. */
const BUILDERS = Object.entries(lib).filter(([name, v]) => typeof v === 'function' && /(Panel|Query|Variable|Datasource|Link|Annotation)$|^(dashboard|row|overrideBy\w+|env)$/.test(name)) as Array<[string, (...args: unknown[]) => unknown]>;

function cyclic(): Record<string, unknown> {
  const o: Record<string, unknown> = { a: 1 };
  o.self = o;
  o.list = [o];
  return o;
}

/** Junk of every shape, and some that is almost right. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }),
  fc.constantFrom(undefined, null, 0, -1, NaN, Infinity, '', 'x', [], {}, [null], { panels: null }, { panels: [null, undefined, 1, 'x'] }, { title: null }, { raw: cyclic() }, { options: cyclic() }, { queries: [null] }, { datasource: null }, { variables: [null] }, cyclic()),
  fc.dictionary(fc.constantFrom('title', 'uid', 'panels', 'queries', 'raw', 'options', 'datasource', 'variables', 'name', 'query', 'sql', 'expr', 'w', 'h', 'unit', 'overrides', 'links', 'annotations', 'thresholds', ...PROTO_KEYS), fc.oneof(fc.anything({ maxDepth: 2 }), fc.constant(cyclic()), fc.constant(null))),
);

describe('builders never throw', () => {
  it('finds the builders', () => {
    expect(BUILDERS.map(([n]) => n)).toEqual(expect.arrayContaining(['dashboard', 'row', 'timeseriesPanel', 'sqlQuery', 'promQuery', 'queryVariable', 'postgresDatasource', 'urlLink', 'promAnnotation']));
  });

  it.each(BUILDERS)('%s(junk) returns a value with issues, never throws', (_name, builder) => {
    fc.assert(
      fc.property(junk, junk, (a, b) => {
        const spec = builder(a, b) as { issues?: unknown[] } | undefined;
        expect(spec).toBeDefined();
      }),
      { numRuns: 150 },
    );
    expect(pollutionTraces()).toEqual([]);
  });

  it('buildDashboard(junk) and buildDashboard(dashboard(junk)) return issues, never throw', () => {
    fc.assert(
      fc.property(junk, (a) => {
        for (const spec of [a, dashboard(a as never)]) {
          const result = buildDashboard(spec as DashboardSpec);
          expect(result.text === undefined ? result.issues.some((i) => i.severity === 'error') : true).toBe(true);
          compileDashboard(spec as DashboardSpec);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('named cases: undefined, null panels, cyclic raw', () => {
    for (const spec of [undefined, null, dashboard(undefined as never), dashboard({ uid: 'x', title: 'X', panels: [null] } as never), dashboard({ uid: 'x', title: 'X', panels: [], raw: cyclic() } as never)]) {
      const r = buildDashboard(spec as DashboardSpec);
      expect(r.text).toBeUndefined();
      expect(r.issues.filter((i) => i.severity === 'error').length).toBeGreaterThan(0);
      expect(lib.formatIssues(r.issues)).not.toMatch(/\n\s+at /);
    }
  });

  it('a cyclic raw is compile\'s finding, named as such: not blamed on dashboard()\'s options, which took it', () => {
    const spec = dashboard({ uid: 'x', title: 'X', panels: [], raw: cyclic() } as never);
    expect(spec.issues).toEqual([]);
    const [only, ...rest] = buildDashboard(spec).issues;
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ code: 'json-non-serializable', severity: 'error', path: [] });
    expect(only!.message).toBe('cannot compile this dashboard: a value in it contains itself (a cycle) or nests too deeply for JSON; look in raw, options and other values passed through as they are');
  });

  it('hostile: a hand-made object that only claims to be a dashboard spec is told so, not with a JavaScript error', () => {
    const made = dashboard({ uid: 'x', title: 'X', panels: [] });
    const fakes: Array<[unknown, RegExp]> = [
      [{ kind: 'dashboard' }, /`panels`, `variables`, `links`, `annotations` and `issues` are not lists/],
      [{ kind: 'dashboard', uid: 'x', title: 'X', panels: [], variables: 3 }, /`variables`, `links`, `annotations` and `issues` are not lists/],
      [{ ...made, issues: undefined }, /`issues` is not a list/],
      [Object.assign(Object.create({ panels: [] }), { kind: 'dashboard' }), /`panels`, `variables`/],
    ];
    for (const [fake, names] of fakes) {
      const messages = [...compileDashboard(fake as DashboardSpec).issues, ...buildDashboard(fake as DashboardSpec).issues].map((i) => `${i.code}: ${i.message}`);
      expect(messages).toHaveLength(2);
      for (const m of messages) {
        expect(m).toMatch(/^builder-input: not a dashboard spec made by dashboard\(\): /);
        expect(m).toMatch(names);
        expect(m).not.toMatch(/Cannot read|is not a function|undefined \(reading|TypeError/);
      }
    }
    // A copy of a real spec is still a spec: it compiles.
    expect(buildDashboard({ ...made, title: 'Copy' }).issues).toEqual([]);
    // The lists are there, but something in them was written by hand: the issue says what must come from a builder.
    for (const inside of [{ panels: [{ kind: 'panel' }] }, { panels: [{ kind: 'row' }] }, { variables: [{ kind: 'variable' }] }, { annotations: [{ kind: 'annotation' }] }]) {
      const [only, ...rest] = buildDashboard({ ...made, ...inside } as unknown as DashboardSpec).issues;
      expect(rest).toEqual([]);
      expect(`${only!.code}: ${only!.message}`).toMatch(/^builder-input: cannot compile this dashboard spec: every panel, row, variable, link and annotation in it must come from its builder; if they all do, this is a bug in dashcode \(/);
    }
  });

  it('panels full of junk inside a real dashboard', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...BUILDERS.filter(([n]) => /Panel$|^row$/.test(n))), junk), { maxLength: 4 }), junk, (panels, raw) => {
        const built = panels.map(([[, b], opts]) => b(opts));
        buildDashboard(dashboard({ uid: 'j', title: 'J', panels: [...built, null, raw] as never, raw: raw as never }));
      }),
      { numRuns: 200 },
    );
  });
});
