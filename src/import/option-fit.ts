/**
 * Splits imported options into what type-checks against the builder's
 * option type (from @grafana/schema) and what does not. Grafana keeps old
 * options around (a table's `footer`, a removed legend flag); written into a
 * typed `options: {...}` they would fail `tsc`, so they go to `raw` instead,
 * listed. The check is conservative: when unsure, a value goes to `raw`.
 */
import { isPlainObject } from '../model/merge.js';
import { OPTION_SHAPES, SHAPE_DEFS } from './option-shapes.generated.js';
import { setOwn } from '../model/own.js';

export type Shape =
  | 'any'
  | 'never'
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | { lit: Array<string | number | boolean> }
  | { arr: Shape }
  | { obj: Record<string, Shape>; idx?: Shape }
  | { or: Shape[] }
  | { ref: string };

/** The shape of `<panel type>.options`, `<panel type>.custom`, `color` or `mapping`; undefined when not typed. */
export function shapeFor(name: string): Shape | undefined {
  return Object.prototype.hasOwnProperty.call(OPTION_SHAPES, name) ? OPTION_SHAPES[name] : undefined;
}

function resolve(shape: Shape): Shape {
  let s = shape;
  for (let guard = 0; typeof s === 'object' && 'ref' in s && guard < 100; guard++) s = SHAPE_DEFS[s.ref] ?? 'never';
  return s;
}

/** True when TypeScript accepts `value` (as an object literal) where `shape` is expected. */
export function fits(value: unknown, shape: Shape): boolean {
  const s = resolve(shape);
  if (s === 'any') return true;
  if (value === undefined) return true;
  if (s === 'never') return false;
  if (s === 'string') return typeof value === 'string';
  if (s === 'number') return typeof value === 'number';
  if (s === 'boolean') return typeof value === 'boolean';
  if (s === 'null') return value === null;
  if ('lit' in s) return s.lit.some((l) => l === value);
  if ('or' in s) return s.or.some((m) => fits(value, m));
  if ('arr' in s) return Array.isArray(value) && value.every((v) => fits(v, s.arr));
  if ('obj' in s) {
    if (!isPlainObject(value)) return false;
    return Object.entries(value).every(([k, v]) => {
      const prop = Object.prototype.hasOwnProperty.call(s.obj, k) ? s.obj[k] : s.idx;
      return prop !== undefined && fits(v, prop);
    });
  }
  return false;
}

export interface Fitted {
  /** What type-checks; undefined when nothing does. */
  typed?: Record<string, unknown>;
  /** The rest, for `raw` (deep-merged over the typed part by the builder). */
  rest?: Record<string, unknown>;
}

/**
 * Splits an options object: keys whose values fit stay typed; a nested
 * object that partly fits is split again; anything else (unknown keys,
 * wrong types, arrays with one bad element) moves whole to `rest`.
 */
export function fitObject(value: Record<string, unknown>, shape: Shape | undefined): Fitted {
  if (shape === undefined) return { typed: value };
  const s = resolve(shape);
  if (fits(value, s)) return { typed: value };
  const obj = objectMember(s);
  if (!obj) return { rest: value };
  const typed: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const prop = Object.prototype.hasOwnProperty.call(obj.obj, k) ? obj.obj[k] : obj.idx;
    if (prop !== undefined && fits(v, prop)) setOwn(typed, k, v);
    else if (prop !== undefined && isPlainObject(v)) {
      const inner = fitObject(v, prop);
      if (inner.typed) setOwn(typed, k, inner.typed);
      if (inner.rest) setOwn(rest, k, inner.rest);
    } else setOwn(rest, k, v);
  }
  return { typed: Object.keys(typed).length > 0 ? typed : undefined, rest: Object.keys(rest).length > 0 ? rest : undefined };
}

/** The one object type a shape allows (through a union with only one object member), for splitting. */
function objectMember(s: Shape): { obj: Record<string, Shape>; idx?: Shape } | undefined {
  const r = resolve(s);
  if (typeof r !== 'object') return undefined;
  if ('obj' in r) return r;
  if ('or' in r) {
    const objects = r.or.map(resolve).filter((m): m is { obj: Record<string, Shape>; idx?: Shape } => typeof m === 'object' && 'obj' in m);
    return objects.length === 1 ? objects[0] : undefined;
  }
  return undefined;
}
