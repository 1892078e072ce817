/** Dashboard, panel and data links in their semantic form. See normalize.ts. */
import { urlLinkDefaults } from '../model/link.js';
import type { Json, JsonObject } from '../model/loose.js';
import { deepEqual, isObject, sortKeys } from './json.js';
import { setOwn } from '../model/own.js';

/** Link fields dashcode's builders always write; absent means the same in Grafana. */
const LINK_DEFAULTS: JsonObject = urlLinkDefaults();

export function normalizeLink(link: unknown): Json {
  if (!isObject(link)) return sortKeys(link as Json);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(link)) {
    if (v === undefined || (Object.prototype.hasOwnProperty.call(LINK_DEFAULTS, k) && deepEqual(v, LINK_DEFAULTS[k]))) continue;
    setOwn(out, k, sortKeys(v));
  }
  return out;
}
