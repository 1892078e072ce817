/**
 * Which specs came out of a typed builder whose output is proven schema-valid
 * by property tests (test/validate/typed-output.test.ts), so that `buildDashboard`
 * need not run ajv over them again (issue 15). Anything else — a spec written
 * by hand or spread from another (`{ ...spec, model }`, as `dashcode import`'s
 * verbatim helpers do), a `pluginPanel`, anything with `raw`, or loosely typed
 * inputs the builder passes through (value mappings, color objects,
 * transformations) — is not marked, and its output is validated at run time.
 *
 * A WeakSet rather than a flag on the spec: a copy of a spec is not marked,
 * and a hand-written object cannot claim to be checked.
 */
const checked = new WeakSet<object>();

export function markChecked<T extends object>(spec: T): T {
  checked.add(spec);
  return spec;
}

export function isChecked(spec: unknown): boolean {
  return typeof spec === 'object' && spec !== null && checked.has(spec);
}
