import type { z } from 'zod';

/**
 * The keys on which a builder's zod schema and its TypeScript options type disagree:
 * a key only one of them has, or a key whose TypeScript type the schema would refuse.
 * `never` when the schema describes the type.
 */
export type Disagreements<S extends z.ZodType, T> =
  | { [K in keyof T]-?: K extends keyof z.input<S> ? (T[K] extends z.input<S>[K] ? never : K) : K }[keyof T]
  | Exclude<keyof z.input<S>, keyof T>;

/**
 * Ties a builder's run-time schema to its options type, so a field is never added,
 * renamed or retyped on one side only: `describes<PanelOptions>()(z.object({...}))`
 * does not compile while they disagree, and the error names the keys. The schema
 * may be stricter than the type (a regex on a string, a range on a number): those
 * are the checks TypeScript cannot make.
 */
export function describes<T>() {
  return <S extends z.ZodType>(schema: S & { [K in Disagreements<S, T>]: 'the schema and the options type disagree on this key' }): S => schema;
}
