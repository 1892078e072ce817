/**
 * Canonical JSON for dashboard files: the same bytes on every run and machine.
 *
 * The canonical text is defined as
 *
 *     prettier.format(JSON.stringify(canonicalize(value), null, 2), { parser: 'json' })
 *
 * with prettier's defaults (printWidth 80, 2-space indent). `formatWithPrettier`
 * is that definition, kept as the reference; `printCanonical` produces the
 * same bytes without prettier's doc machinery (test/serialize checks the two
 * agree on random input): through JSON.stringify and a pass over its arrays
 * (print-stringified.ts) for nearly every value, else with the hand-written
 * `Printer` below, which also handles nested arrays and reports what is not JSON.
 *
 * What prettier does to this input, and so what the printer reproduces:
 * - every non-empty object breaks (the input has a newline after `{`, and
 *   prettier's objectWrap "preserve" keeps it), and that break propagates to
 *   every enclosing array;
 * - `[]` / `{}` stay as written;
 * - an array with more than one element whose elements are all arrays of
 *   more than one element always breaks;
 * - any other array is printed on one line when `[a, b]` plus the `,` that
 *   follows it fits in 80 columns from where it starts, else one element per
 *   line — except arrays of numbers, which then 'fill' lines (as many numbers
 *   per line as fit, measured without the closing `]`);
 * - values never move to the line after their key (JSON uses
 *   "never-break-after-operator"), and long strings are never broken;
 * - numbers are written by prettier's printNumber: `1e+21` becomes `1e21`;
 * - widths are prettier's getStringWidth (wide CJK and emoji count 2, combining
 *   marks and C1 controls 0). ASCII is measured here; anything else is handed
 *   to prettier's public `util.getStringWidth`, loaded lazily, so wide text is
 *   exact by construction and ASCII-only dashboards never load prettier.
 */
import { joinPath, renderPath, type IssuePath } from '../model/issue-path.js';
import { fillLines, indentOf, isArrayIndex, PRINT_WIDTH, textWidth } from './json-text.js';
import { printStringified } from './print-stringified.js';

/** One value that has no faithful JSON form, located like `panels[3].options.foo`. */
export interface NonSerializable {
  readonly path: IssuePath;
  readonly message: string;
}

/** Thrown by `canonicalize` / `printCanonical`; `problems` lists every offending value. */
export class NonSerializableError extends Error {
  readonly problems: readonly NonSerializable[];
  constructor(problems: readonly NonSerializable[]) {
    const head = problems.slice(0, 5).map((p) => `${renderPath(p.path) || '(root)'}: ${p.message}`);
    const more = problems.length > 5 ? [`… and ${problems.length - 5} more`] : [];
    super(`value is not JSON-serialisable:\n${[...head, ...more].join('\n')}`);
    this.name = 'NonSerializableError';
    this.problems = problems;
  }
}

// ---------------------------------------------------------------------------
// What counts as serialisable
// ---------------------------------------------------------------------------

/**
 * Plain objects and arrays are containers; everything JSON.stringify would
 * silently drop, turn into `null` or `{}`, or choke on is a problem instead:
 * functions, symbols, bigint, NaN/±Infinity, `undefined` as an array element or
 * the root (JSON.stringify writes `null` / nothing), sparse-array holes, cycles,
 * and class instances (Date, Map, Set, typed arrays, boxed primitives, …),
 * whose JSON form depends on toJSON or is `{}`. Two deliberate exceptions:
 * `undefined` object properties are dropped (optional fields), and symbol-keyed
 * properties are ignored (the one way to attach metadata that is not output).
 * `-0` is written as `0`, as JSON.stringify does.
 */
function leafProblem(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(v) ? undefined : `${v} is not a JSON number (JSON.stringify would write null)`;
    case 'bigint':
      return `bigint ${v}n has no JSON form; convert it to a number or a string`;
    case 'function':
      return `function ${v.name || '(anonymous)'} has no JSON form (JSON.stringify would drop it)`;
    case 'symbol':
      return `${v.toString()} has no JSON form (JSON.stringify would drop it)`;
    case 'undefined':
      return 'undefined has no JSON form here (JSON.stringify would write null or nothing)';
    default:
      if (v === null || Array.isArray(v) || isPlainObject(v as object)) return undefined;
      return classProblem(v as object);
  }
}

function classProblem(v: object): string {
  if (v instanceof Date) return 'Date has no JSON form of its own; write date.toISOString() or an epoch number';
  const name = (Object.getPrototypeOf(v) as { constructor?: { name?: string } }).constructor?.name || 'class';
  return `${name} instance is not a plain object or array; convert it explicitly (JSON.stringify would write its toJSON() or {})`;
}

/** Object literals, `Object.create(null)`, and object literals from another realm. */
function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/**
 * Reports every value `canonicalize` and `printCanonical` reject, with its
 * path (`['panels', 3, 'options', 'foo']`; the root is `[]`).
 * A cycle is reported once, where it closes.
 */
export function findNonSerializable(value: unknown): NonSerializable[] {
  const found: NonSerializable[] = [];
  const ancestors: object[] = [];
  const ancestorPaths: IssuePath[] = [];
  const visit = (v: unknown, path: IssuePath): void => {
    const problem = leafProblem(v);
    if (problem !== undefined) {
      found.push({ path, message: problem });
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const at = ancestors.indexOf(v);
    if (at !== -1) {
      found.push({ path, message: `cycle: this is the same object as its ancestor ${renderPath(ancestorPaths[at]!) || '(root)'}` });
      return;
    }
    ancestors.push(v);
    ancestorPaths.push(path);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const el: unknown = v[i];
        if (el === undefined && !(i in v)) {
          found.push({ path: joinPath(path, i), message: 'hole in a sparse array (JSON.stringify would write null)' });
        } else visit(el, joinPath(path, i));
      }
    } else {
      for (const key of sortedKeys(v)) {
        const el: unknown = (v as Record<string, unknown>)[key];
        if (el !== undefined) visit(el, joinPath(path, key));
      }
    }
    ancestors.pop();
    ancestorPaths.pop();
  };
  visit(value, []);
  return found;
}

// ---------------------------------------------------------------------------
// Key order
// ---------------------------------------------------------------------------

/**
 * Keys in canonical order: plain UTF-16 code-unit order (`Array#sort` with no
 * comparator — not locale order, so `B` < `a` < `é`), except that array-index
 * keys (`"0"`, `"17"`, … up to 2**32-2) come first in numeric order. JS objects
 * always enumerate those first whatever the insertion order, so this is the
 * only order `JSON.stringify(canonicalize(x))` can produce; it is also what
 * Grafana's own export (a JS sorted clone) emits, e.g. for value-mapping keys.
 */
function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  // Compile builds its objects in canonical order (issue 15), so most need no sort: one look at each key.
  if (inCanonicalOrder(keys)) return keys;
  let indexKeys: string[] | undefined;
  let named = keys;
  for (let i = 0; i < keys.length; i++) {
    if (!isArrayIndex(keys[i]!)) continue;
    // Rare (value-mapping options): split the keys once, then keep going.
    indexKeys = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
    named = keys.filter((k) => !isArrayIndex(k));
    break;
  }
  named.sort();
  return indexKeys === undefined ? named : indexKeys.concat(named);
}

/** No array-index keys, and each key after the one before in code-unit order (what `<` on strings compares). */
function inCanonicalOrder(keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const c = k.charCodeAt(0);
    if (c >= 48 && c <= 57) return false; // may be an array index: the full path decides
    if (i > 0 && !(keys[i - 1]! < k)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// canonicalize
// ---------------------------------------------------------------------------

/** Internal signal: stop the fast pass and let findNonSerializable explain. */
const ABORT: unique symbol = Symbol('abort');

/**
 * A deep copy with object keys in canonical order (see `sortedKeys`),
 * `undefined` properties dropped and `-0` written as `0`. Never mutates the
 * input; throws `NonSerializableError` listing every problem instead of
 * dropping anything silently.
 */
export function canonicalize(value: unknown): unknown {
  try {
    return copy(value, []);
  } catch (e) {
    if (e === ABORT) throw new NonSerializableError(findNonSerializable(value));
    throw e;
  }
}

function copy(v: unknown, ancestors: object[]): unknown {
  if (typeof v !== 'object' || v === null) {
    if (leafProblem(v) !== undefined) throw ABORT;
    return v === 0 ? 0 : v;
  }
  if (ancestors.includes(v)) throw ABORT;
  ancestors.push(v);
  let out: unknown;
  if (Array.isArray(v)) {
    const arr: unknown[] = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) arr[i] = copy(v[i], ancestors);
    out = arr;
  } else {
    if (!isPlainObject(v)) throw ABORT;
    const obj: Record<string, unknown> = {};
    for (const key of sortedKeys(v)) {
      const el: unknown = (v as Record<string, unknown>)[key];
      if (el === undefined) continue;
      // Plain assignment to "__proto__" would set the prototype instead.
      if (key === '__proto__') {
        Object.defineProperty(obj, key, { value: copy(el, ancestors), enumerable: true, writable: true, configurable: true });
      } else obj[key] = copy(el, ancestors);
    }
    out = obj;
  }
  ancestors.pop();
  return out;
}

// ---------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------

/** Anything JSON.stringify would escape: quote, backslash, C0 controls, (lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(s), skipping the call for the common plain string. */
function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** JSON.stringify's number text through prettier's printNumber (only `e+` can differ). */
function numberText(n: number): string {
  const t = String(n);
  return t.includes('e+') ? t.replace('e+', 'e') : t;
}

// ---------------------------------------------------------------------------
// printCanonical
// ---------------------------------------------------------------------------

/**
 * The canonical text of `value`, byte-identical to `formatWithPrettier(value)`
 * (ends with one newline). Throws `NonSerializableError` like `canonicalize`.
 */
export function printCanonical(value: unknown): string {
  // Most values take the JSON.stringify path; what it declines (and every error) comes here.
  const fast = printStringified(value);
  if (fast !== undefined) return fast;
  const printer = new Printer();
  try {
    printer.value(value, 0, 0, 0);
  } catch (e) {
    if (e === ABORT) throw new NonSerializableError(findNonSerializable(value));
    throw e;
  }
  return printer.finish();
}

class Printer {
  /**
   * Output is appended to `out` and moved to `chunks` every few KiB, flattened.
   * `+=` builds a rope whose every piece stays alive until the end, and the GC
   * copying those survivors was most of the run time; flattening small chunks
   * lets the pieces die young.
   */
  out = '';
  private readonly chunks: string[] = [];
  /** Quoted keys: a dashboard repeats the same few hundred keys thousands of times. */
  private readonly quotedKeys = new Map<string, string>();
  /** Containers being printed, for cycle detection (depth is small, so a list beats a Set). */
  private readonly ancestors: object[] = [];
  /** Width of the last string `flat` returned. */
  private flatWidth = 0;

  /**
   * Appends `v` printed at `depth`, starting at column `col`, followed on its
   * line by `trail` columns (the `,` after it, if any) — the two numbers
   * prettier's fits() sees when deciding whether an array goes on one line.
   */
  value(v: unknown, depth: number, col: number, trail: number): void {
    switch (typeof v) {
      case 'string':
        this.out += quote(v);
        return;
      case 'number':
        if (!Number.isFinite(v)) throw ABORT;
        this.out += numberText(v);
        return;
      case 'boolean':
        this.out += v ? 'true' : 'false';
        return;
      case 'object':
        if (v === null) this.out += 'null';
        else if (Array.isArray(v)) this.array(v, depth, col, trail);
        else this.object(v, depth);
        return;
      default:
        throw ABORT;
    }
  }

  finish(): string {
    this.chunks.push(this.out, '\n');
    return this.chunks.join('');
  }

  private flush(): void {
    if (this.out.length < 8192) return;
    const chunk = this.out;
    chunk.charCodeAt(0); // reading a char makes V8 flatten the rope now
    this.chunks.push(chunk);
    this.out = '';
  }

  private quoteKey(key: string): string {
    let quoted = this.quotedKeys.get(key);
    if (quoted === undefined) {
      quoted = quote(key);
      this.quotedKeys.set(key, quoted);
    }
    return quoted;
  }

  private enter(v: object): void {
    if (this.ancestors.includes(v)) throw ABORT;
    this.ancestors.push(v);
  }

  private object(o: object, depth: number): void {
    if (!isPlainObject(o)) throw ABORT;
    this.enter(o);
    const keys = sortedKeys(o);
    const rec = o as Record<string, unknown>;
    const inner = indentOf(depth + 1);
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const el = rec[key];
      if (el === undefined) continue;
      const keyText = this.quoteKey(key);
      this.out += `${first ? '{\n' : ',\n'}${inner}${keyText}: `;
      first = false;
      if (Array.isArray(el) && el.length > 0) {
        // Only a non-empty array cares where it starts and what follows it.
        const col = inner.length + textWidth(keyText) + 2;
        this.array(el, depth + 1, col, hasDefinedAfter(rec, keys, i) ? 1 : 0);
      } else this.value(el, depth + 1, 0, 0);
    }
    this.out += first ? '{}' : `\n${indentOf(depth)}}`;
    this.ancestors.pop();
    this.flush();
  }

  private array(a: readonly unknown[], depth: number, col: number, trail: number): void {
    if (a.length === 0) {
      this.out += '[]';
      return;
    }
    this.enter(a);
    if (!mustBreak(a)) {
      const flat = this.flat(a, PRINT_WIDTH - col - trail);
      if (flat !== undefined) {
        this.out += flat;
        this.ancestors.pop();
        return;
      }
    }
    const inner = indentOf(depth + 1);
    if (allNumbers(a)) {
      const items = a.map((n) => {
        if (!Number.isFinite(n)) throw ABORT;
        return numberText(n);
      });
      this.out += fillLines(items, inner);
    } else {
      const last = a.length - 1;
      this.out += '[';
      for (let i = 0; i <= last; i++) {
        this.out += `\n${inner}`;
        this.value(a[i], depth + 1, inner.length, i < last ? 1 : 0);
        if (i < last) this.out += ',';
      }
    }
    this.out += `\n${indentOf(depth)}]`;
    this.ancestors.pop();
    this.flush();
  }

  /**
   * `a` on one line if it is at most `budget` columns wide, else undefined.
   * Gives up as soon as the budget is exceeded or something must break (a
   * non-empty object, an always-broken array), so each attempt costs at most
   * about one line of output. Anything unprintable also gives up here; the
   * broken path then reports it.
   */
  private flat(a: readonly unknown[], budget: number): string | undefined {
    // `[x]` needs 3 columns; stopping here also ends self-containing arrays.
    if (budget < 3) return undefined;
    let s = '[';
    let w = 1;
    for (let i = 0; i < a.length; i++) {
      if (i > 0) {
        s += ', ';
        w += 2;
      }
      const el = a[i];
      let t: string;
      switch (typeof el) {
        case 'string':
          t = quote(el);
          w += textWidth(t);
          break;
        case 'number':
          if (!Number.isFinite(el)) return undefined;
          t = numberText(el);
          w += t.length;
          break;
        case 'boolean':
          t = el ? 'true' : 'false';
          w += t.length;
          break;
        case 'object': {
          if (el === null) {
            t = 'null';
            w += 4;
          } else if (Array.isArray(el)) {
            if (el.length === 0) {
              t = '[]';
              w += 2;
            } else {
              // Budget for the inner array leaves room for our closing `]`.
              const inner = mustBreak(el) ? undefined : this.flat(el, budget - w - 1);
              if (inner === undefined) return undefined;
              t = inner;
              w += this.flatWidth;
            }
          } else {
            if (!isPlainObject(el) || hasDefinedValue(el)) return undefined;
            t = '{}';
            w += 2;
          }
          break;
        }
        default:
          return undefined;
      }
      s += t;
      if (w + 1 > budget) return undefined;
    }
    this.flatWidth = w + 1;
    return `${s}]`;
  }
}

/** prettier's array shouldBreak: 2+ elements, all arrays of 2+ elements (objects break anyway). */
function mustBreak(a: readonly unknown[]): boolean {
  if (a.length < 2) return false;
  for (const el of a) if (!Array.isArray(el) || el.length < 2) return false;
  return true;
}

/** prettier's isConciselyPrintedArray: numbers only (negative ones too) are filled. */
function allNumbers(a: readonly unknown[]): a is readonly number[] {
  for (const el of a) if (typeof el !== 'number') return false;
  return true;
}

function hasDefinedValue(o: object): boolean {
  for (const key of Object.keys(o)) if ((o as Record<string, unknown>)[key] !== undefined) return true;
  return false;
}

function hasDefinedAfter(o: Record<string, unknown>, keys: readonly string[], i: number): boolean {
  for (let j = i + 1; j < keys.length; j++) if (o[keys[j]!] !== undefined) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Reference path
// ---------------------------------------------------------------------------

/**
 * The definition of the canonical text, run through prettier itself. Slow
 * (see bench/serialize.bench.ts); prettier is imported on first use so it
 * stays off the hot path. Tests compare printCanonical against this.
 */
export async function formatWithPrettier(value: unknown): Promise<string> {
  const text = JSON.stringify(canonicalize(value), null, 2);
  const prettier = await import('prettier');
  return prettier.format(text, { parser: 'json' });
}
