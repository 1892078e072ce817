/**
 * `@grafana/schema` models enums as TypeScript string enums, which plain string
 * literals do not satisfy (`'list'` is not `LegendDisplayMode.List`). `Loose<T>`
 * turns every string enum into the union of its values and makes every field
 * optional, so users write `{ legend: { displayMode: 'list' } }` and still get
 * autocompletion and type errors from Grafana's own types.
 */
export type Loose<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<Loose<U>>
      : T extends object
        ? { [K in keyof T]?: Loose<T[K]> }
        : T;

/** A JSON value as it appears in compiled output. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A JSON object: not null, not an array (the one home of this guard). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
