/**
 * Deep merge of plain objects: `override` wins, arrays are replaced (not
 * concatenated: a user's list of calcs or steps is the list they meant).
 * Never mutates its inputs; always returns fresh objects, so defaults made by
 * factory functions are never shared between panels.
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
  for (const [k, v] of Object.entries(override)) {
    if (v === undefined) continue;
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
  for (const [k, v] of Object.entries(override)) {
    if (v === undefined) continue;
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
    for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, clone(v));
    return out as T;
  }
  return value;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
