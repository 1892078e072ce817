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
 * and a hand-written object cannot claim to be checked. One set per process,
 * kept on globalThis under a registered symbol: the CLI's compile and the
 * dashboard modules it loads may each have their own copy of this module
 * (dist/ and src/, or two loaders), and a spec built by one copy must count
 * as checked in the other.
 */
const KEY = Symbol.for('dashcode.checked-specs');
const checked: WeakSet<object> = ((globalThis as Record<symbol, unknown>)[KEY] as WeakSet<object> | undefined) ?? new WeakSet<object>();
(globalThis as Record<symbol, unknown>)[KEY] = checked;

export function markChecked<T extends object>(spec: T): T {
  checked.add(spec);
  return spec;
}

export function isChecked(spec: unknown): boolean {
  return typeof spec === 'object' && spec !== null && checked.has(spec);
}
