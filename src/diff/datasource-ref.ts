/**
 * Datasource references as dashboards store them: `{ type, uid }` objects
 * (schemaVersion 33+), legacy name strings, `${var}` references to a
 * datasource variable, or nothing (the default datasource).
 */
import { canonicalPluginType } from '../model/datasource-plugins.js';
import type { JsonObject } from '../model/loose.js';
import { isObject } from './json.js';


/**
 * The comparable form of a reference: `{ type, uid }` with the plugin id
 * de-aliased, `{ name }` for a legacy name, undefined for "the default".
 * UI-only keys such as `default: true` are dropped.
 */
export function normalizeDatasourceRef(ref: unknown): JsonObject | undefined {
  if (typeof ref === 'string') return ref.startsWith('$') ? { uid: ref } : { name: ref };
  if (!isObject(ref)) return undefined;
  const out: JsonObject = {};
  if (typeof ref.type === 'string') out.type = canonicalPluginType(ref.type);
  if (typeof ref.uid === 'string') out.uid = ref.uid;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** True when the reference names one datasource (a uid or a legacy name), not "the default of some type". */
export function isSpecificRef(ref: unknown): boolean {
  if (typeof ref === 'string') return ref !== '';
  return isObject(ref) && typeof ref.uid === 'string' && ref.uid !== '';
}

/** `postgres`, `prometheus`, `tempo` or undefined: which query builder a target belongs to. */
export type TargetKind = 'sql' | 'prometheus' | 'tempo';

export function targetKind(target: JsonObject, datasourceType: string | undefined): TargetKind | undefined {
  if (datasourceType === 'prometheus') return 'prometheus';
  if (datasourceType === 'tempo') return 'tempo';
  if (datasourceType !== undefined && /postgres|mysql|mssql|sql/i.test(datasourceType)) return 'sql';
  if (datasourceType !== undefined && datasourceType !== '') return undefined;
  // No type on the reference: recognise the target by the fields each editor writes.
  if (typeof target.rawSql === 'string') return 'sql';
  if (typeof target.expr === 'string') return 'prometheus';
  if (target.queryType === 'traceql' && typeof target.query === 'string') return 'tempo';
  return undefined;
}
