/**
 * The importer checks what it writes: it evaluates the generated builder
 * calls, normalises their JSON like `dashcode diff` does, and compares with
 * the original. Top-level fields that still differ are restored through the
 * builder's own `raw` escape hatch where a deep merge can express them, and
 * through the `withFields` helper only where it cannot (see `restoreFields`).
 */
import { deepEqual } from '../diff/json.js';
import type { Json, JsonObject } from '../model/loose.js';
import { fieldsLiteral, type Code } from './code.js';
import type { ImportContext } from './context.js';
import { getOwn, hasOwn, setOwn } from '../model/own.js';

/**
 * Fields to set on the built model so its normalised form equals the
 * original's: the original's value, or undefined where the original has
 * no such field (removes what the builder wrote).
 */
export function fieldsToRestore(original: JsonObject, expected: JsonObject, actual: JsonObject, ignore: readonly string[] = []): Record<string, Json | undefined> {
  const out: Record<string, Json | undefined> = {};
  for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (ignore.includes(k) || deepEqual(getOwn(expected, k), getOwn(actual, k))) continue;
    setOwn(out, k, getOwn(original, k) ?? getOwn(expected, k));
  }
  return out;
}

export interface Restorable {
  /** `panel "CPU"`, for the unmodelled list. */
  where: string;
  /** The builder call with this `raw` (undefined: none). */
  build: (raw: JsonObject | undefined) => Code;
  /** `fieldsToRestore` for a built call: what still differs from the original. */
  differences: (built: Code) => Record<string, Json | undefined>;
  /** What the call already puts in `raw` (a panel's unmodelled options, say). */
  raw?: JsonObject;
}

/**
 * The builder call that rebuilds the original. Fields that still differ go
 * to the call's `raw`, which the builder deep-merges into its JSON. A deep
 * merge cannot remove a field the builder writes, nor drop keys inside an
 * object it writes, so whatever still differs after that (checked by
 * building again) is set with `withFields`, the one helper left for it.
 */
export function restoreFields(ctx: ImportContext, r: Restorable): Code {
  const base = { ...r.raw };
  const first = r.build(nonEmpty(base));
  const fields = r.differences(first);
  if (Object.keys(fields).length === 0) return first;

  const raw: JsonObject = { ...base };
  const set = Object.keys(fields).filter((k) => fields[k] !== undefined);
  for (const k of set) setOwn(raw, k, fields[k]!);
  let built = r.build(nonEmpty(raw));
  let left = r.differences(built);
  // A field raw set but could not fix is set by withFields alone: never written twice.
  const unfixed = set.filter((k) => hasOwn(left, k));
  if (unfixed.length > 0) {
    for (const k of unfixed) {
      if (hasOwn(base, k)) setOwn(raw, k, base[k]!);
      else delete raw[k];
    }
    built = r.build(nonEmpty(raw));
    left = r.differences(built);
  }
  const viaRaw = set.filter((k) => !unfixed.includes(k));
  if (viaRaw.length > 0) ctx.keep(r.where, viaRaw.join(', '), 'raw');
  const removed = Object.keys(left).filter((k) => left[k] === undefined);
  const narrowed = Object.keys(left).filter((k) => left[k] !== undefined);
  if (removed.length > 0) ctx.keep(r.where, removed.join(', '), 'withFields: the builder writes it, and raw cannot remove a field');
  if (narrowed.length > 0) ctx.keep(r.where, narrowed.join(', '), 'withFields: raw deep-merges, so it cannot drop what the builder writes inside it');
  if (removed.length + narrowed.length === 0) return built;
  return ctx.callHelper('withFields', built, fieldsLiteral(left));
}

function nonEmpty(raw: JsonObject): JsonObject | undefined {
  return Object.keys(raw).length > 0 ? raw : undefined;
}
