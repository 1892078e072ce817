/**
 * The library never throws for bad input (README, "Using it as a library").
 * Builders validate their options and report issues, but a value of the
 * wrong shape altogether (`undefined`, a number, a cyclic `raw`, a list
 * where an object belongs) could still break the code after validation.
 * `neverThrows` wraps a builder: options that are not an object are reported
 * as such, and anything the builder throws becomes an issue on a stand-in
 * spec of the same kind, which compiles to nothing and fails the build.
 */
import { issue, type Issue } from '../model/issue.js';

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return `a ${Object.prototype.toString.call(v).slice(8, -1)}`;
  return typeof v === 'string' ? `the string ${JSON.stringify(v.slice(0, 40))}` : `${typeof v} ${String(v)}`;
}

export function isOptionsObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The issue for a builder that could not build from `options`. */
export function builderIssue(name: string, options: unknown, err?: unknown): Issue {
  if (err === undefined) return issue('builder-input', [], `${name}() takes an options object, got ${describeValue(options)}`);
  const message = err instanceof RangeError ? 'the options contain a cycle (an object inside itself) or nest too deeply' : err instanceof Error ? err.message : String(err);
  return issue('builder-input', [], `${name}() cannot build from these options: ${message}`);
}

/** `build`, made total: never throws, reports through `fallback`'s issues instead. */
export function neverThrows<A extends unknown[], R>(name: string, build: (...args: A) => R, fallback: (issue: Issue) => R, expectObject = true): (...args: A) => R {
  return (...args: A): R => {
    if (expectObject && !isOptionsObject(args[0])) return fallback(builderIssue(name, args[0]));
    try {
      return build(...args);
    } catch (err) {
      return fallback(builderIssue(name, args[0], err));
    }
  };
}
