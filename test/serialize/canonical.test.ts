/**
 * Key order, determinism, no mutation, and how non-serialisable values are
 * reported rather than dropped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import {
  NonSerializableError,
  canonicalize,
  findNonSerializable,
  formatWithPrettier,
  printCanonical,
} from '../../src/compile/serialize.js';

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

describe('key order', () => {
  it('sorts keys recursively by UTF-16 code unit, not locale', () => {
    const out = canonicalize({ b: 1, a: { z: 1, y: [{ d: 1, c: 2 }] }, B: 1, é: 1, _: 1 });
    expect(JSON.stringify(out)).toBe('{"B":1,"_":1,"a":{"y":[{"c":2,"d":1}],"z":1},"b":1,"é":1}');
  });

  it('orders astral characters by their surrogates: U+1F600 before U+FF01', () => {
    // Code-point order would put U+FF01 first; code-unit order compares 0xD83D < 0xFF01.
    expect(Object.keys(canonicalize({ '\uff01': 1, '😀': 2 }) as object)).toEqual(['😀', '\uff01']);
  });

  it('puts array-index keys first in numeric order, as every JS object does', () => {
    const value = { b: 1, '10': 1, '2': 1, '01': 1, '-1': 1, '4294967295': 1, '4294967294': 1, a: 1 };
    const keys = ['2', '10', '4294967294', '-1', '01', '4294967295', 'a', 'b'];
    expect(Object.keys(canonicalize(value) as object)).toEqual(keys);
    expect(printCanonical(value)).toBe(`{\n${keys.map((k, i) => `  "${k}": 1${i < keys.length - 1 ? ',' : ''}`).join('\n')}\n}\n`);
  });

  it('keeps array order', () => {
    expect(canonicalize([3, 1, 2, { b: 1, a: 2 }])).toEqual([3, 1, 2, { a: 2, b: 1 }]);
  });

  it('keeps a "__proto__" key as data', async () => {
    const value = JSON.parse('{"z":1,"__proto__":{"x":1}}') as unknown;
    const out = canonicalize(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'z']);
    expect(printCanonical(value)).toBe(await formatWithPrettier(value));
    expect(printCanonical(value)).toContain('"__proto__": {');
  });
});

describe('determinism', () => {
  it('insertion order does not matter', () => {
    const a = { title: 't', panels: [{ id: 1, gridPos: { x: 0, y: 0, w: 12, h: 8 } }], tags: ['x'] };
    const b = { tags: ['x'], panels: [{ gridPos: { h: 8, w: 12, y: 0, x: 0 }, id: 1 }], title: 't' };
    expect(printCanonical(a)).toBe(printCanonical(b));
  });

  it('is idempotent: printing the parsed output gives the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = printCanonical(v);
        expect(printCanonical(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('ends with exactly one newline and has no trailing spaces or tabs', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = printCanonical(v);
        expect(text.endsWith('\n')).toBe(true);
        expect(text.endsWith('\n\n')).toBe(false);
        expect(text).not.toMatch(/[ \t]\n/);
        expect(text).not.toContain('\t');
      }),
      { seed: 8, numRuns: 300 },
    );
  });
});

describe('no mutation', () => {
  it('accepts frozen input and leaves it unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const before = structuredClone(v);
        deepFreeze(v);
        printCanonical(v);
        const out = canonicalize(v);
        expect(v).toEqual(before);
        if (typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0)) {
          expect(out).not.toBe(v);
        }
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  it('returns fresh containers, drops undefined properties, writes -0 as 0', () => {
    const inner = { b: undefined, a: -0 };
    const value = { x: inner, y: [inner] };
    const out = canonicalize(value) as { x: object; y: object[] };
    expect(out.x).not.toBe(inner);
    expect(out.y[0]).not.toBe(inner);
    expect(out).toEqual({ x: { a: 0 }, y: [{ a: 0 }] });
    expect(Object.is((out.x as { a: number }).a, 0)).toBe(true);
    expect('b' in out.x).toBe(false);
    expect(inner).toHaveProperty('b');
  });

  it('shared (non-cyclic) references are fine', () => {
    const shared = { a: 1 };
    expect(() => printCanonical({ p: shared, q: [shared, shared] })).not.toThrow();
  });
});

describe('findNonSerializable', () => {
  it('names the path of each problem', () => {
    const panels: unknown[] = [{}, {}, {}, { options: { foo: () => 1, 'my key': NaN, ok: 1 } }];
    const found = findNonSerializable({ panels, n: 10n, d: new Date(0), m: new Map(), i: Infinity });
    expect(found.map((p) => renderPath(p.path))).toEqual(['d', 'i', 'm', 'n', 'panels[3].options.foo', 'panels[3].options["my key"]']);
    expect(found.map((p) => p.path).at(-1)).toEqual(['panels', 3, 'options', 'my key']);
    expect(found.find((p) => renderPath(p.path) === 'n')?.message).toMatch(/bigint/);
    expect(found.find((p) => renderPath(p.path) === 'd')?.message).toMatch(/toISOString/);
    expect(found.find((p) => renderPath(p.path) === 'm')?.message).toMatch(/Map instance/);
    expect(found.find((p) => p.path.at(-1) === 'foo')?.message).toMatch(/function foo/);
  });

  it('reports cycles where they close, once', () => {
    const panel: Record<string, unknown> = { id: 1 };
    const dash = { panels: [panel] };
    panel['parent'] = dash;
    const found = findNonSerializable(dash);
    expect(found).toEqual([{ path: ['panels', 0, 'parent'], message: expect.stringMatching(/cycle.*\(root\)/) as unknown as string }]);
    const arr: unknown[] = [1];
    arr.push(arr);
    expect(findNonSerializable({ a: arr })).toEqual([{ path: ['a', 1], message: expect.stringContaining('ancestor a') as unknown as string }]);
  });

  it('reports undefined elements, holes, symbols, boxed values and class instances', () => {
    // eslint-disable-next-line no-sparse-arrays
    const value = { a: [1, undefined, , 2], s: Symbol('x'), b: Object(1) as unknown, c: new (class Foo {})(), t: new Uint8Array(2) };
    expect(findNonSerializable(value).map((p) => renderPath(p.path))).toEqual(['a[1]', 'a[2]', 'b', 'c', 's', 't']);
    expect(findNonSerializable(undefined)).toEqual([{ path: [], message: expect.stringContaining('undefined') as unknown as string }]);
  });

  it('accepts plain data, null-prototype objects and ignores undefined properties and symbol keys', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(findNonSerializable({ a: undefined, b: [null, true, 'x', 1.5, -0], c: bare, [Symbol('meta')]: () => 1 })).toEqual([]);
  });

  it('canonicalize and printCanonical throw with every problem listed', () => {
    const value = { panels: [{ options: { foo: () => 1 } }, { x: 1n }] };
    for (const run of [() => canonicalize(value), () => printCanonical(value)]) {
      let caught: unknown;
      try {
        run();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(NonSerializableError);
      expect((caught as NonSerializableError).problems.map((p) => renderPath(p.path))).toEqual(['panels[0].options.foo', 'panels[1].x']);
      expect((caught as Error).message).toContain('panels[0].options.foo');
    }
  });

  it('printCanonical rejects problems inside arrays it would print on one line', () => {
    expect(() => printCanonical({ a: [1, NaN] })).toThrow(NonSerializableError);
    expect(() => printCanonical({ a: [new Map()] })).toThrow(NonSerializableError);
    expect(() => printCanonical([[() => 1]])).toThrow(NonSerializableError);
    const self: unknown[] = [];
    self.push(self);
    expect(() => printCanonical(self)).toThrow(NonSerializableError);
  });
});
