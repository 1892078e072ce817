/**
 * Small helpers over untrusted JSON values. Dashboards arrive from files,
 * git and users, so nothing here assumes a shape: every accessor checks.
 */
import type { Json, JsonObject } from '../model/loose.js';
import { getOwn, setOwn } from '../model/own.js';

import { isObject } from '../model/loose.js';
import { renderPath } from '../model/issue-path.js';

export { isObject };

export function asObject(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}

export function asArray(v: unknown): Json[] {
  return Array.isArray(v) ? (v as Json[]) : [];
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Structural equality of JSON values; object key order is ignored, array order is not. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Deeper than any dashboard (the CLI's readers refuse files nested past 128 levels, `input-depth`). */
const MAX_DEPTH = 1000;

/**
 * `v` as a tree diff can walk: itself when it is one (the usual case, checked
 * without copying), else a copy in which a reference back to an enclosing
 * object or array is the string `"[cyclic]"` and anything nested past 1,000
 * levels is `"[too deep]"`. JSON text is never cyclic, but a library caller's
 * object may be, and the walks below are recursive: it overflowed the stack.
 */
export function jsonTree(v: unknown): unknown {
  return isTree(v, new Set(), 0) ? v : copyTree(v, new Set(), 0);
}

function isTree(v: unknown, ancestors: Set<object>, depth: number): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (ancestors.has(v) || depth > MAX_DEPTH) return false;
  ancestors.add(v);
  for (const k in v) if (Object.hasOwn(v, k) && !isTree((v as Record<string, unknown>)[k], ancestors, depth + 1)) return false;
  ancestors.delete(v);
  return true;
}

function copyTree(v: unknown, ancestors: Set<object>, depth: number): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (ancestors.has(v)) return '[cyclic]';
  if (depth > MAX_DEPTH) return '[too deep]';
  ancestors.add(v);
  let out: unknown;
  if (Array.isArray(v)) {
    out = v.map((x) => copyTree(x, ancestors, depth + 1));
  } else {
    const o: Record<string, unknown> = {};
    for (const k in v) if (Object.hasOwn(v, k)) setOwn(o, k, copyTree((v as Record<string, unknown>)[k], ancestors, depth + 1));
    out = o;
  }
  ancestors.delete(v);
  return out;
}

/** A copy with object keys sorted at every level, so printing it is deterministic. */
export function sortKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortKeys) as T;
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) setOwn(out, k, sortKeys(v[k]) as Json);
    return out as T;
  }
  return v;
}

/** Deterministic one-line JSON (sorted keys), for messages and map keys. */
export function stableStringify(v: unknown): string {
  return JSON.stringify(sortKeys(v)) ?? 'undefined';
}

/** One leaf-level difference between two JSON values. */
export interface LeafChange {
  path: string;
  before?: Json;
  after?: Json;
}

/**
 * Leaf differences, by path. Objects are compared key by key; arrays of equal
 * length element by element; arrays of different length are one change (an
 * index-by-index list would mostly be noise).
 */
export function leafChanges(before: unknown, after: unknown, base = ''): LeafChange[] {
  if (deepEqual(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => leafChanges(getOwn(before, k), getOwn(after, k), renderPath([k], base)));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((x, i) => leafChanges(x, after[i], renderPath([i], base)));
  }
  const change: LeafChange = { path: base };
  if (before !== undefined) change.before = before as Json;
  if (after !== undefined) change.after = after as Json;
  return [change];
}
