/**
 * The importer checks what it writes: it evaluates the generated builder
 * calls, normalises their JSON like `dashcode diff` does, and compares with
 * the original. Top-level fields that still differ are restored verbatim
 * (through `withFields`), so what the builders cannot say is kept, visibly.
 */
import { deepEqual } from '../diff/json.js';
import type { Json, JsonObject } from '../model/loose.js';

/**
 * Fields to set on the built model so its normalised form equals the
 * original's: the original's value, or undefined where the original has
 * no such field (removes what the builder wrote).
 */
export function fieldsToRestore(original: JsonObject, expected: JsonObject, actual: JsonObject, ignore: readonly string[] = []): Record<string, Json | undefined> {
  const out: Record<string, Json | undefined> = {};
  for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (ignore.includes(k) || deepEqual(expected[k], actual[k])) continue;
    out[k] = original[k] ?? expected[k];
  }
  return out;
}
