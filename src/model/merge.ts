/**
 * Deep merge of plain objects: `override` wins, arrays are replaced (not
 * concatenated: a user's list of calcs or steps is the list they meant).
 * Never mutates its inputs; always returns fresh objects, so defaults made by
 * factory functions are never shared between panels.
 *
 * The walks here and in compile (cloneWith, orderKeys) loop with `for…in`
 * and `hasOwn`, not `Object.entries`/`Object.keys`: those allocate an array
 * (and a pair per property) for every object, a quarter of what building a
 * dashboard allocated, and every allocation brings the next scavenge nearer,
 * which copies everything the build holds (bench/README.md, "Garbage").
 */
import { hasOwn, setOwn } from './own.js';

export function deepMerge<T>(base: T, override: unknown): T {
  return mergeIntoFresh(clone(base), override);
}

/**
 * `deepMerge` for a base the caller has just made (a defaults factory's
 * result) and owns: merges `override` into it in place instead of copying it
 * first. Only `override`'s values are cloned, so the result still shares
 * nothing with the caller's input.
 */
export function mergeIntoFresh<T>(fresh: T, override: unknown): T {
  if (override === undefined) return fresh;
  if (!isPlainObject(fresh) || !isPlainObject(override)) return clone(override) as T;
  const target: Record<string, unknown> = fresh;
  for (const k in override) {
    const v = override[k];
    if (v === undefined || !hasOwn(override, k)) continue;
    setOwn(target, k, hasOwn(target, k) ? mergeIntoFresh(target[k], v) : clone(v));
  }
  return fresh;
}

/**
 * `deepMerge` for a frozen base shared by many results (a panel kind's
 * defaults, issue 15): nothing is copied that `override` does not touch — an
 * untouched branch of `base` is shared, frozen, by the result — and only the
 * objects on the way to an override are new. Key order is `deepMerge`'s.
 */
export function mergeOnto<T>(base: T, override: unknown): T {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return clone(override) as T;
  const out: Record<string, unknown> = { ...base };
  for (const k in override) {
    const v = override[k];
    if (v === undefined || !hasOwn(override, k)) continue;
    setOwn(out, k, hasOwn(base, k) ? mergeOnto(base[k], v) : clone(v));
  }
  return out as T;
}

/** Freezes `value` and everything in it: defaults shared by every panel of a kind must not change. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k in value) {
      const v = value[k];
      if (v !== undefined && hasOwn(value, k)) setOwn(out, k, clone(v));
    }
    return out as T;
  }
  return value;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
