/**
 * printCanonical's fast path (issue 15): `JSON.stringify(value, null, 2)`,
 * which is native and one pass, then prettier's array rules applied to the
 * arrays JSON.stringify breaks and prettier would not.
 *
 * JSON.stringify's text already is the canonical text, but for three things:
 * - key order: JSON.stringify keeps insertion order (array-index keys first,
 *   as the canonical order has them), so every object's other keys must be
 *   sorted first: `orderKeys` does that, copying only the objects that are
 *   not (compile's panels come out sorted);
 * - arrays: JSON.stringify breaks every non-empty array, one element per line;
 *   prettier puts an array on one line when it fits in 80 columns, and fills
 *   lines with numbers when an array of numbers does not fit. An array with a
 *   non-empty object in it breaks in both. An array holding a non-empty array
 *   needs prettier's nested rules: this path gives up (`undefined`) and the
 *   full printer runs;
 * - numbers: prettier writes `1e+21` as `1e21`; when the walk saw a number
 *   that large, the lines holding one are rewritten.
 *
 * What makes the text easy to read back: JSON.stringify never writes a raw
 * newline inside a string, so `[` or `{` followed by a newline always opens a
 * non-empty container, and `,\n` always separates two elements.
 *
 * A dashboard's top-level panels are stringified a few at a time and the
 * pieces are joined into a rope (`printInChunks`, `concat`), so the text is
 * not copied by printing at all.
 */
import { fillLines, indentOf, isArrayIndex, PRINT_WIDTH, textWidth } from './json-text.js';

/** `orderKeys`'s result: the value, and whether it holds a number JS writes with `e+` (see `printOrdered`). */
export interface Ordered {
  readonly value: unknown;
  readonly exponent: boolean;
}

/**
 * `value` with every object's non-index keys in code-unit order, so that
 * JSON.stringify writes the canonical key order: `value` itself when it
 * already is, else a copy in which only the out-of-order objects and the
 * containers above them are new. Undefined when `value` is not plain JSON
 * (what printCanonical rejects) or is nested deeper than any dashboard (which
 * also catches cycles): the full printer then decides, and explains.
 */
export function orderKeys(value: unknown): Ordered | undefined {
  const seen: Seen = { exponent: false };
  const ordered = order(value, 0, seen);
  return ordered === NOT_JSON ? undefined : { value: ordered, exponent: seen.exponent };
}

const NOT_JSON: unique symbol = Symbol('not JSON');

/** What the walk saw that the text needs fixing for. */
interface Seen {
  /** A number of 1e21 or more (either sign), which JS writes `1e+21` and prettier `1e21`. */
  exponent: boolean;
}

function order(value: unknown, depth: number, seen: Seen): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) return NOT_JSON;
      if (value >= 1e21 || value <= -1e21) seen.exponent = true;
      return value;
    case 'object':
      if (value === null) return value;
      if (depth > 200) return NOT_JSON;
      return Array.isArray(value) ? orderArray(value, depth, seen) : orderObject(value, depth, seen);
    default:
      return NOT_JSON;
  }
}

function orderArray(a: readonly unknown[], depth: number, seen: Seen): unknown {
  let copy: unknown[] | undefined;
  for (let i = 0; i < a.length; i++) {
    const el: unknown = a[i];
    if (el === undefined) return NOT_JSON; // also a hole
    const ordered = order(el, depth + 1, seen);
    if (ordered === NOT_JSON) return NOT_JSON;
    if (ordered !== el) (copy ??= a.slice())[i] = ordered;
  }
  return copy ?? a;
}

function orderObject(o: object, depth: number, seen: Seen): unknown {
  const proto: unknown = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null) return NOT_JSON;
  const rec = o as Record<string, unknown>;
  let sorted = true;
  let previous: string | undefined;
  let changed: Map<string, unknown> | undefined;
  // for…in, not Object.keys: no array per object (model/merge.ts says why); its order is Object.keys's.
  for (const key in rec) {
    const el = rec[key];
    if (el === undefined || !Object.hasOwn(rec, key)) continue;
    if (!isArrayIndex(key)) {
      if (previous !== undefined && !(previous < key)) sorted = false;
      previous = key;
    }
    const ordered = order(el, depth + 1, seen);
    if (ordered === NOT_JSON) return NOT_JSON;
    if (ordered !== el) (changed ??= new Map()).set(key, ordered);
  }
  if (sorted && changed === undefined) return o;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(o);
  for (const key of sorted ? keys : keys.sort()) {
    const el = changed?.has(key) ? changed.get(key) : rec[key];
    if (el === undefined) continue;
    // Plain assignment to "__proto__" would set the prototype instead.
    if (key === '__proto__') Object.defineProperty(out, key, { value: el, enumerable: true, writable: true, configurable: true });
    else out[key] = el;
  }
  return out;
}

/**
 * The canonical text of `value`, or undefined when it is not plain JSON or
 * holds something this path leaves to the full printer (see above).
 */
export function printStringified(value: unknown): string | undefined {
  const ordered = orderKeys(value);
  return ordered === undefined ? undefined : printOrdered(ordered);
}

/**
 * The canonical text of what `orderKeys` returned (compile keeps that and
 * hands it here, so the walk is not done twice), or undefined as above.
 */
export function printOrdered({ value, exponent }: Ordered): string | undefined {
  const parts: string[] = [];
  const panels = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { panels?: unknown }).panels : undefined;
  if (Array.isArray(panels) && panels.length > PANELS_PER_CHUNK && panels.every(isNonEmptyObject)) {
    if (!printInChunks(value as Record<string, unknown>, panels, exponent, parts)) return undefined;
  } else if (!fixArrays(JSON.stringify(value, null, 2), exponent, parts)) {
    return undefined;
  }
  parts.push('\n');
  return concat(parts);
}

/**
 * The parts as one string, by `+`: V8 makes a rope (a ConsString) of them,
 * and copies it into one flat string only when something reads it whole (a
 * write, a hash), as it does with JSON.stringify's own result, which is a rope
 * of its parts. `parts.join('')` copied the megabytes at once: at 1,000 panels
 * 4.5 of printing's 10 ms went to that copy. A reader that needs the text flat
 * (writing it, hashing it) pays the one copy either way, and V8 keeps the
 * flattened text in place of the rope, so it is paid once (bench/README.md,
 * "Printing").
 */
function concat(parts: readonly string[]): string {
  let text = '';
  for (const part of parts) text += part;
  return text;
}

/**
 * Why a dashboard's panels are printed a few at a time: `JSON.stringify`
 * returns a rope, and the array pass (`fixArrays`) reads its text, which
 * flattens it: for the whole value that is one copy of megabytes, allocated
 * afresh (page faults, GC), which cost more than `JSON.stringify` itself.
 * 32 panels print to well under the size V8 allocates separately (about
 * 128 KiB), which the young generation reuses (bench/README.md, "Printing").
 */
const PANELS_PER_CHUNK = 32;
const PANELS_MARK = '\u0000dashcode:panels';
const PANELS_KEY = '\n  "panels": ';
const CHUNK_HEAD = '{\n  "panels": [\n';
const CHUNK_TAIL = '\n  ]\n}';

/** An array of these breaks, one element per line, in JSON.stringify's text and in prettier's alike. */
function isNonEmptyObject(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const key in v) if (Object.hasOwn(v, key)) return true;
  return false;
}

/**
 * `value` printed with its top-level `panels` in chunks: the rest of the
 * object with a mark in place of the panels (its one top-level "panels" key
 * finds it), then each chunk as the elements of `{"panels": [...]}`, so
 * that they come out indented as they are in the dashboard.
 */
function printInChunks(value: Record<string, unknown>, panels: readonly unknown[], exponent: boolean, parts: string[]): boolean {
  // Spreading keeps the keys' order (and a "__proto__" key as data); the existing key keeps its place.
  const top = JSON.stringify({ ...value, panels: PANELS_MARK }, null, 2);
  const mark = `${PANELS_KEY}${JSON.stringify(PANELS_MARK)}`;
  const at = top.indexOf(mark);
  if (at === -1) return false;
  if (!fixArrays(top.slice(0, at + PANELS_KEY.length), exponent, parts)) return false;
  parts.push('[\n');
  for (let i = 0; i < panels.length; i += PANELS_PER_CHUNK) {
    const chunk = JSON.stringify({ panels: panels.slice(i, i + PANELS_PER_CHUNK) }, null, 2);
    if (i > 0) parts.push(',\n');
    if (!fixArrays(chunk.slice(CHUNK_HEAD.length, chunk.length - CHUNK_TAIL.length), exponent, parts)) return false;
  }
  parts.push('\n  ]');
  return fixArrays(top.slice(at + mark.length), exponent, parts);
}

/**
 * Pushes `text` (JSON.stringify's, or a run of its lines, each indented as in
 * the whole) onto `parts` with the arrays it broke laid out as prettier lays
 * them out; false when one holds an array (this path gives up).
 */
function fixArrays(text: string, exponent: boolean, parts: string[]): boolean {
  if (exponent) text = text.replace(EXPONENT_NUMBER, '$1e$2');
  let copied = 0;
  for (let at = text.indexOf('[\n'); at !== -1; ) {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    let depth = 0;
    while (text.charCodeAt(lineStart + depth * 2) === 32) depth++;
    const outer = indentOf(depth);
    const inner = indentOf(depth + 1);
    const first = at + 2 + inner.length;
    if (text.startsWith('{\n', first)) {
      // An object element breaks the array (most arrays: panels, targets, steps); arrays inside it are found next.
      at = text.indexOf('[\n', first);
      continue;
    }
    const closeMark = `\n${outer}]`;
    const close = text.indexOf(closeMark, first);
    const elements = text.slice(at + 1, close);
    if (elements.includes(`\n${inner}[\n`)) return false;
    if (elements.includes(`\n${inner}{\n`)) {
      at = text.indexOf('[\n', first);
      continue;
    }
    const items = text.slice(at + 2 + inner.length, close).split(`,\n${inner}`);
    const end = close + closeMark.length;
    const trail = text.charCodeAt(end) === 44 ? 1 : 0; // a `,` follows
    const flat = `[${items.join(', ')}]`;
    let printed: string | undefined;
    if (textWidth(text.slice(lineStart, at)) + textWidth(flat) + trail <= PRINT_WIDTH) printed = flat;
    else if (allNumbers(items)) printed = `${fillLines(items, inner)}\n${outer}]`;
    if (printed !== undefined) {
      parts.push(text.slice(copied, at), printed);
      copied = end;
    }
    at = text.indexOf('[\n', end);
  }
  parts.push(copied === 0 ? text : text.slice(copied));
  return true;
}

/**
 * A line of JSON.stringify's text holding one number written with `e+`: an
 * array element or a property (whose key may hold anything but a raw newline).
 * A string value never matches, so text inside strings is never touched.
 */
const EXPONENT_NUMBER = /^( *(?:"(?:[^"\\\n]|\\.)*": )?-?\d+(?:\.\d+)?)e\+(\d+,?)$/gm;

/** In JSON text a value starting with `-` or a digit is a number. */
function allNumbers(items: readonly string[]): boolean {
  for (const item of items) {
    const c = item.charCodeAt(0);
    if (c !== 45 && !(c >= 48 && c <= 57)) return false;
  }
  return true;
}
