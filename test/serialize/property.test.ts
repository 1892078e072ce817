/**
 * printCanonical must equal the prettier reference byte for byte. Random JSON,
 * dashboard-shaped values and values built to land on the 80-column boundary,
 * each with a fixed seed (reproducible) and once more unseeded (new cases every
 * run; fast-check prints the seed of any failure).
 */
import fc from 'fast-check';
import { anyCodePoint } from '../support/code-points.js';
import { describe, expect, it } from 'vitest';
import { canonicalize, formatWithPrettier, printCanonical } from '../../src/compile/serialize.js';
import { orderKeys, printStringified } from '../../src/compile/print-stringified.js';

const withCanonicalKeyOrder = (value: unknown): unknown => orderKeys(value)?.value;

const SEED = 20240611;

/**
 * prettier's text of `value`, remembered by the text prettier is handed: both
 * describe blocks below run the same seeded generators, so each fixed-seed
 * value is formatted by prettier once, not twice (prettier is most of this
 * file's time).
 */
const prettierTexts = new Map<string, Promise<string>>();
function prettierReference(value: unknown): Promise<string> {
  const input = JSON.stringify(canonicalize(value));
  let text = prettierTexts.get(input);
  if (text === undefined) prettierTexts.set(input, (text = formatWithPrettier(value)));
  return text;
}

async function agrees(value: unknown): Promise<void> {
  expect(printCanonical(value)).toBe(await prettierReference(value));
}

/** Builds objects with defineProperty so keys like `__proto__` stay own data. */
function toObject(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

// Characters whose width or escaping differs from "one column per char".
const tricky = [
  '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u0085', '\u009f', '\u00a0', '\u00e9',
  'e\u0301', '\u20dd', '\u2028', '\u2029', '\u200b', '\ufeff', '\ud800', '\udfff', '\u3000', '\uff01', '\uffe6', '\u6f22',
  '\u5b57', '\uac00', '\u231a', '\u00a9', '\u00a9\ufe0f', '\u2764', '\u2764\ufe0f', '\ud83d\udc4d', '\ud83d\udc4d\ud83c\udffd',
  '\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67', '\ud83c\uddeb\ud83c\uddf7', '#\ufe0f\u20e3', '\ud840\udc0b', 'a', ' ',
];

const str = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 40, maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: anyCodePoint, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...tricky), maxLength: 30 }) },
);

const num = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -1000, max: 100000 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 0.1, 1e21, 1e-7, -2.5e-8, 1.5e300, 5e-324, 2 ** 53, 123456789.125) },
);

const key = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('id', 'type', 'title', 'gridPos', 'x', 'a', 'b', 'B', 'Z', '_', '$', 'é', 'aa', 'a b', '0', '1', '2', '10', '01', '-1', '1.5', '4294967294', '4294967295', '__proto__', 'constructor', ''),
  },
  { weight: 3, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 30, maxLength: 90 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...tricky), maxLength: 8 }) },
);

const primitive = fc.oneof(str, num, fc.boolean(), fc.constant(null));

const { json } = fc.letrec<{ json: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: primitive },
    { weight: 2, arbitrary: tie('array') },
    { weight: 2, arbitrary: tie('object') },
    { weight: 1, arbitrary: fc.array(num, { maxLength: 40 }) },
    { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 8 }), { maxLength: 15 }) },
    { weight: 1, arbitrary: fc.array(fc.array(num, { maxLength: 4 }), { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.constantFrom([], {}, [[]], [{}], [[], {}], { a: undefined }, [{ a: undefined }]) },
  ),
  array: fc.array(tie('json'), { maxLength: 6 }),
  object: fc
    .array(fc.tuple(key, fc.oneof({ weight: 9, arbitrary: tie('json') }, { weight: 1, arbitrary: fc.constant(undefined) })), { maxLength: 6 })
    .map(toObject),
}));

// Dashboard-shaped values: what the library actually writes.
const ref = fc.constantFrom('A', 'B', 'C');
const target = fc.record(
  {
    refId: ref,
    expr: str,
    legendFormat: fc.constantFrom('{{instance}}', '__auto', ''),
    datasource: fc.record({ type: fc.constantFrom('prometheus', 'grafana-postgresql-datasource'), uid: fc.string({ maxLength: 12 }) }),
    hide: fc.boolean(),
  },
  { requiredKeys: ['refId'] },
);
const step = fc.record({ color: fc.constantFrom('green', 'red', '#EAB839', 'semi-dark-blue'), value: fc.oneof(num, fc.constant(null)) });
const mapping = fc.record({
  type: fc.constant('value'),
  options: fc.array(fc.tuple(fc.oneof(fc.nat({ max: 20 }).map(String), fc.string({ maxLength: 6 })), fc.record({ text: str, color: fc.constantFrom('green', 'red'), index: fc.nat(9) })), { maxLength: 4 }).map(toObject),
});
const panel = fc.record(
  {
    id: fc.nat(1000),
    type: fc.constantFrom('timeseries', 'stat', 'table', 'text', 'row', 'bargauge'),
    title: str,
    description: fc.oneof(str, fc.constant(undefined)),
    gridPos: fc.record({ h: fc.nat(40), w: fc.integer({ min: 1, max: 24 }), x: fc.nat(23), y: fc.nat(500) }),
    targets: fc.array(target, { maxLength: 3 }),
    options: fc.record(
      {
        legend: fc.record({ calcs: fc.array(fc.constantFrom('mean', 'max', 'lastNotNull', 'sum'), { maxLength: 5 }), displayMode: fc.constantFrom('list', 'table'), placement: fc.constantFrom('bottom', 'right'), showLegend: fc.boolean() }),
        reduceOptions: fc.record({ calcs: fc.array(fc.constantFrom('lastNotNull', 'mean'), { maxLength: 2 }), fields: fc.constantFrom('', '/^cpu/'), values: fc.boolean() }),
        colWidths: fc.array(num, { maxLength: 30 }),
        content: str,
      },
      { requiredKeys: [] },
    ),
    fieldConfig: fc.record({
      defaults: fc.record(
        {
          unit: fc.constantFrom('percent', 'bytes', 's', 'short'),
          thresholds: fc.record({ mode: fc.constantFrom('absolute', 'percentage'), steps: fc.array(step, { maxLength: 4 }) }),
          mappings: fc.array(mapping, { maxLength: 2 }),
          custom: fc.record({ lineWidth: fc.nat(10), fillOpacity: fc.nat(100), axisSoftMax: fc.option(num, { nil: undefined }) }),
        },
        { requiredKeys: [] },
      ),
      overrides: fc.array(fc.record({ matcher: fc.record({ id: fc.constant('byName'), options: str }), properties: fc.array(fc.record({ id: fc.constant('unit'), value: str }), { maxLength: 2 }) }), { maxLength: 2 }),
    }),
  },
  { requiredKeys: ['id', 'type', 'gridPos'] },
);
const dashboard = fc.record({
  title: str,
  uid: fc.string({ maxLength: 14 }),
  tags: fc.array(fc.constantFrom('generated', 'gpu', 'benchmarks', 'transformers'), { maxLength: 4 }),
  time: fc.record({ from: fc.constantFrom('now-6h', 'now-24h'), to: fc.constant('now') }),
  refresh: fc.constantFrom('', '30s', '1m'),
  schemaVersion: fc.constant(39),
  panels: fc.array(panel, { maxLength: 6 }),
  templating: fc.record({ list: fc.array(fc.record({ name: str, type: fc.constantFrom('query', 'custom'), options: fc.array(fc.record({ selected: fc.boolean(), text: str, value: str }), { maxLength: 3 }) }), { maxLength: 2 }) }),
});

/**
 * A one-line array whose flat width is placed within ±2 columns of the limit:
 * nested `depth` objects deep under a key of `keyLen` a's, optionally followed
 * by a sibling (so a `,` trails it) or an undefined one (so none does), or as the first/last element of a broken
 * array. Padding is rewritten with same-width unicode (wide CJK/emoji = 2
 * ASCII, letter+combining mark or C1 control = 1) so only a correct width
 * function keeps the boundary where it was meant to be.
 */
const boundary = fc
  .record({
    depth: fc.nat(6),
    keyLen: fc.integer({ min: 1, max: 40 }),
    container: fc.constantFrom('property', 'first-element', 'last-element'),
    next: fc.constantFrom('none', 'sibling', 'undefined'),
    delta: fc.integer({ min: -2, max: 2 }),
    shape: fc.constantFrom('strings', 'numbers', 'mixed', 'nested'),
    count: fc.integer({ min: 1, max: 6 }),
    unicode: fc.array(fc.constantFrom('\u6f22', '\ud83d\udc4d', 'e\u0301', 'a\u0085', '\uff01', '\u00e9'), { maxLength: 6 }),
  })
  .map(({ depth, keyLen, container, next, delta, shape, count, unicode }) => {
    const indent = 2 * (depth + 1);
    const col = container === 'property' ? indent + keyLen + 4 : indent;
    const trail = container === 'property' ? (next === 'sibling' ? 1 : 0) : container === 'first-element' ? 1 : 0;
    const width = Math.max(3, 80 - col - trail + delta);
    const arr = fill(shape, count, width, unicode);
    let wrapped: unknown;
    if (container === 'property') {
      const o: Record<string, unknown> = { ['a'.repeat(keyLen)]: arr };
      // An undefined sibling is dropped, so it must not count as a trailing comma.
      if (next !== 'none') o['~next'] = next === 'sibling' ? 1 : undefined;
      wrapped = o;
    } else wrapped = container === 'first-element' ? [arr, { k: 1 }] : [{ k: 1 }, arr];
    for (let i = 0; i < depth; i++) wrapped = container === 'property' ? { k: wrapped } : [wrapped, { k: 1 }];
    return wrapped;
  });

/** An array with flat width exactly `width` (when achievable). */
function fill(shape: string, count: number, width: number, unicode: string[]): unknown[] {
  const n = Math.max(1, Math.min(count, Math.floor((width - 2 + 2) / 5)));
  const room = width - 2 - 2 * (n - 1); // columns for the elements themselves
  const each = Math.floor(room / n);
  const sizes = Array.from({ length: n }, (_, i) => (i === 0 ? room - each * (n - 1) : each));
  return sizes.map((w, i) => {
    const kind = shape === 'mixed' ? (i % 2 === 0 ? 'numbers' : 'strings') : shape;
    if (kind === 'numbers' && w >= 1 && w <= 15) return Number('9'.repeat(w));
    if (kind === 'nested' && w >= 3 && w <= 17) return [Number('7'.repeat(w - 2))];
    if (kind === 'nested' && w >= 4) return [quoted(w - 4, unicode)];
    return quoted(Math.max(0, w - 2), unicode);
  });
}

/** A string whose literal is `w + 2` columns wide under prettier's width rules. */
function quoted(w: number, unicode: string[]): string {
  let s = 'x'.repeat(w);
  for (const u of unicode) {
    const cols = u === '\u6f22' || u === '\ud83d\udc4d' || u === '\uff01' ? 2 : 1;
    if (s.length < cols) break;
    s = s.slice(cols) + u;
  }
  return s;
}

describe('printCanonical equals prettier', () => {
  it('random JSON values (fixed seed)', async () => {
    await fc.assert(fc.asyncProperty(json, agrees), { seed: SEED, numRuns: 2000 });
  });

  it('random JSON values (unseeded)', async () => {
    await fc.assert(fc.asyncProperty(json, agrees), { numRuns: 300 });
  });

  it('dashboard-shaped values (fixed seed)', async () => {
    await fc.assert(fc.asyncProperty(dashboard, agrees), { seed: SEED, numRuns: 400 });
  });

  it('dashboard-shaped values (unseeded)', async () => {
    await fc.assert(fc.asyncProperty(dashboard, agrees), { numRuns: 100 });
  });

  it('arrays placed at the 80-column boundary (fixed seed)', async () => {
    await fc.assert(fc.asyncProperty(boundary, agrees), { seed: SEED, numRuns: 2000 });
  });

  it('arrays placed at the 80-column boundary (unseeded)', async () => {
    await fc.assert(fc.asyncProperty(boundary, agrees), { numRuns: 300 });
  });

  it('a large dashboard (output far beyond the printer\'s 8 KiB chunks)', async () => {
    const panels = fc.sample(panel, { seed: SEED, numRuns: 300 });
    const [base] = fc.sample(dashboard, { seed: SEED, numRuns: 1 });
    const value = { ...base, panels };
    const text = printCanonical(value);
    expect(text.length).toBeGreaterThan(200_000);
    expect(text).toBe(await formatWithPrettier(value));
  });

  it('long number arrays fill lines exactly like prettier', async () => {
    const numbers = fc.array(fc.oneof(fc.integer({ min: -99999, max: 99999 }), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: 10, maxLength: 80 });
    const placed = fc.tuple(numbers, fc.nat(5), fc.integer({ min: 1, max: 30 })).map(([a, depth, keyLen]) => {
      let v: unknown = { ['k'.repeat(keyLen)]: a };
      for (let i = 0; i < depth; i++) v = { k: v };
      return v;
    });
    await fc.assert(fc.asyncProperty(placed, agrees), { seed: SEED, numRuns: 1000 });
  });
});

/**
 * printCanonical's JSON.stringify path (print-stringified.ts) answers most
 * values, so the tests above already run through it; here it is checked on
 * its own, with how often it answers, and with what it must decline.
 */
describe('the JSON.stringify fast path equals prettier', () => {
  // Dashboard-shaped values only: random JSON is often a nested array or holds undefined, which the path declines.
  let answered = 0;
  let asked = 0;
  let dashboardShaped = false;
  async function fastAgrees(value: unknown): Promise<void> {
    if (dashboardShaped) asked++;
    const before = JSON.stringify(value);
    const ordered = withCanonicalKeyOrder(value);
    expect(JSON.stringify(value)).toBe(before); // never mutates its input
    if (ordered !== undefined) expect(withCanonicalKeyOrder(ordered)).toBe(ordered); // already sorted: the same value, no copy
    const text = printStringified(value);
    expect(JSON.stringify(value)).toBe(before);
    if (text === undefined) return;
    if (dashboardShaped) answered++;
    expect(text).toBe(await prettierReference(value));
  }

  it('random JSON values (fixed seed)', async () => {
    await fc.assert(fc.asyncProperty(json, fastAgrees), { seed: SEED, numRuns: 2000 });
  });

  it('dashboard-shaped values (fixed seed, and unseeded)', async () => {
    dashboardShaped = true;
    await fc.assert(fc.asyncProperty(dashboard, fastAgrees), { seed: SEED, numRuns: 400 });
    await fc.assert(fc.asyncProperty(dashboard, fastAgrees), { numRuns: 100 });
    dashboardShaped = false;
  });

  it('arrays at the 80-column boundary and long number arrays (fixed seed)', async () => {
    await fc.assert(fc.asyncProperty(boundary, fastAgrees), { seed: SEED, numRuns: 2000 });
    const numbers = fc.array(fc.integer({ min: -99999, max: 99999 }), { minLength: 10, maxLength: 80 });
    const placed = fc.tuple(numbers, fc.nat(5)).map(([a, d]) => {
      let v: unknown = { k: a };
      for (let i = 0; i < d; i++) v = [v];
      return v;
    });
    await fc.assert(fc.asyncProperty(placed, fastAgrees), { seed: SEED, numRuns: 500 });
  });

  it('dashboards with more panels than one chunk, printed a chunk of panels at a time (fixed seed, and unseeded)', async () => {
    // The chunked path (printInChunks) runs past 32 top-level panels; rows of panels, numbers or a stray `{}` or array
    // among them must print as the whole value does.
    const many = fc.record({
      dashboard,
      panels: fc.oneof(
        { weight: 3, arbitrary: fc.array(panel, { minLength: 33, maxLength: 72 }) },
        { weight: 1, arbitrary: fc.array(fc.oneof({ weight: 8, arbitrary: panel }, { weight: 1, arbitrary: fc.constantFrom({}, [], [1, 2], 7, 'x', null) }), { minLength: 33, maxLength: 72 }) },
      ),
    }).map(({ dashboard: d, panels }) => ({ ...d, panels }));
    // Two or three chunks each (33-72 panels): the joins are the same code past the second. prettier's reference
    // for a value this size is most of the cost, so 40 values, not more.
    await fc.assert(fc.asyncProperty(many, fastAgrees), { seed: SEED, numRuns: 30 });
    await fc.assert(fc.asyncProperty(many, fastAgrees), { numRuns: 10 });
  });

  it('prints a long panels array of numbers or strings as prettier does, not broken one per line', async () => {
    for (const value of [{ panels: Array.from({ length: 40 }, (_, i) => i * 997) }, { a: 1, panels: Array.from({ length: 40 }, () => 'x') }, { panels: Array.from({ length: 40 }, () => ({})) }]) {
      const text = printStringified(value);
      expect(text).toBeDefined();
      expect(text).toBe(await prettierReference(value));
    }
  });

  it('answers most dashboard-shaped values itself (otherwise the tests above prove little)', () => {
    expect(asked).toBeGreaterThan(0);
    expect(answered / asked).toBeGreaterThan(0.9);
  });

  it('sorts keys as the canonical order does, copying only what is out of order', () => {
    const shared = { a: 1, b: [1, 2] };
    const input = { z: shared, a: { d: 1, c: 2 }, 10: 'x', 2: 'y' };
    const ordered = withCanonicalKeyOrder(input) as Record<string, unknown>;
    expect(Object.keys(ordered)).toEqual(['2', '10', 'a', 'z']);
    expect(Object.keys(ordered.a as object)).toEqual(['c', 'd']);
    expect(ordered.z).toBe(shared);
    expect(Object.keys(input)).toEqual(['2', '10', 'z', 'a']);
    const proto = withCanonicalKeyOrder(JSON.parse('{"b":1,"__proto__":{"x":1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__', 'b']);
  });

  it('declines what it cannot print, so the full printer does', () => {
    expect(withCanonicalKeyOrder([1, , 2])).toBeUndefined(); // eslint-disable-line no-sparse-arrays
    expect(withCanonicalKeyOrder({ a: () => 1 })).toBeUndefined();
    expect(withCanonicalKeyOrder({ a: new Date(0) })).toBeUndefined();
    expect(withCanonicalKeyOrder({ a: Number.NaN })).toBeUndefined();
    expect(withCanonicalKeyOrder(undefined)).toBeUndefined();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(withCanonicalKeyOrder(cyclic)).toBeUndefined();
    expect(printStringified({ a: [[1, 2], [3, 4]] })).toBeUndefined();
  });

  it('writes large numbers as prettier does, and never touches strings', () => {
    expect(printStringified({ a: 1e21, b: [-2.5e300, 'x'], 'e+1': '1e+21' })).toBe('{\n  "a": 1e21,\n  "b": [-2.5e300, "x"],\n  "e+1": "1e+21"\n}\n');
    expect(printStringified(1e21)).toBe('1e21\n');
  });
});

