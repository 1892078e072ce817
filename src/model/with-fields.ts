import type { Json, JsonObject } from './loose.js';
import { setOwn } from './own.js';

/**
 * Sets top-level fields of a built object's JSON model (a link, an
 * annotation, a panel, a query or a variable): `undefined` removes a field the
 * builder writes. The escape hatch below `raw`, which can only deep-merge;
 * `dashcode import` writes it where nothing else reproduces the original.
 */
export function withFields<T extends { readonly model: JsonObject }>(spec: T, fields: { readonly [key: string]: Json | undefined }): T {
  const model: JsonObject = { ...spec.model };
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) delete model[k];
    else setOwn(model, k, v);
  }
  return { ...spec, model };
}
