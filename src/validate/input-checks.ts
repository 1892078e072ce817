/**
 * The pieces of the builders' zod fast paths (issue 15): hand-written checks
 * that say "valid" only for values the builder's zod schema accepts, so the
 * builder can skip zod for the common valid input. Anything not recognised
 * answers false and zod runs as before, with its own issues and messages.
 * Each fast path has a property test: valid here ⇒ valid for zod
 * (test/core/panel-fast-path.test.ts, test/core/query-fast-path.test.ts).
 */

export type Check = (v: unknown) => boolean;

export const isString: Check = (v) => v === undefined || typeof v === 'string';
export const isBoolean: Check = (v) => v === undefined || typeof v === 'boolean';

/** A plain object with no symbol keys (what zod's object and record take without surprises). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && Object.getOwnPropertySymbols(v).length === 0;
}

export const isOptionalRecord: Check = (v) => v === undefined || isRecord(v);

/** An optional value among `values`. */
export function oneOf(...values: readonly string[]): Check {
  return (v) => v === undefined || (typeof v === 'string' && values.includes(v));
}

/** A string with at least one character (required). */
export const isNonEmptyString: Check = (v) => typeof v === 'string' && v.length > 0;

/** An optional safe integer of at least `min` (zod's `.int().min(min)`; `.nonnegative()` is 0, `.positive()` 1). */
export function isOptionalInt(min: number): Check {
  return (v) => v === undefined || (Number.isSafeInteger(v) && (v as number) >= min);
}

/**
 * An optional array whose every element passes `ok`; a hole counts as undefined, as zod sees it. Indexed, not
 * `Array.from`: a sparse array of length 2³¹ stops at its first hole instead of being copied whole.
 */
export function arrayOf(ok: Check, optional = true): Check {
  return (v) => {
    if (optional && v === undefined) return true;
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (!ok(v[i])) return false;
    return true;
  };
}

/** An optional string matching `re`. */
export function matching(re: RegExp): Check {
  return (v) => v === undefined || (typeof v === 'string' && re.test(v));
}

/**
 * A strict object's check: `input` is a record, every `required` key passes
 * its check, and every key present is known and passes its check (an unknown
 * key fails, as zod's `.strict()` does).
 */
export function strictObjectLooksValid(input: unknown, checks: Readonly<Record<string, Check>>, required: readonly string[]): boolean {
  if (!isRecord(input)) return false;
  for (const key of required) if (!Object.hasOwn(input, key)) return false;
  for (const key of Object.keys(input)) {
    const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
    if (check === undefined || !check(input[key])) return false;
  }
  return true;
}
