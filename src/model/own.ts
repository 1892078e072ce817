/**
 * Object keys from user JSON are data. `__proto__`, `constructor` and
 * `prototype` (valid keys in a dashboard's options, a CSV header, a `raw`
 * object) must be kept as ordinary properties and never reach a prototype.
 * The single home of the three accessors that guarantee it: JSON.parse makes
 * an own `__proto__` property, but `obj[key] = value` with that key sets the
 * object's prototype instead (and `key in obj` / `obj[key]` see inherited
 * members such as `constructor`). Use these wherever a key comes from input.
 */

/** Whether `key` is the object's own property (never an inherited one like `constructor`). */
export function hasOwn(obj: object, key: PropertyKey): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The object's own property `key`, or undefined: `obj.__proto__` of a plain object is not data. */
export function getOwn<T>(obj: { readonly [key: string]: T }, key: string): T | undefined {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/** Sets `key` as an own, enumerable data property, whatever the key (`__proto__` included). */
export function setOwn<T>(obj: { [key: string]: T }, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** `Object.assign` for keys from input: copies `source`'s own enumerable properties with `setOwn`. */
export function assignOwn<T>(target: { [key: string]: T }, source: { readonly [key: string]: T }): void {
  for (const [k, v] of Object.entries(source)) setOwn(target, k, v);
}
