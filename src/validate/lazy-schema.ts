/**
 * A zod schema built on first use. Building zod schemas is most of what
 * loading the builders costs (the panel schema alone took 6.5 ms of a 170 ms
 * `dashcode build`), and with the hand-written fast paths (input-checks.ts)
 * valid input never asks zod: the schema is built only for input that has
 * something to report, or by a test.
 */
export function lazySchema<S>(build: () => S): () => S {
  let schema: S | undefined;
  return () => (schema ??= build());
}
