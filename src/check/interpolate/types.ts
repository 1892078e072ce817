/** Shared shapes for the interpolation emulation. */

export interface TimeRange {
  from: Date;
  to: Date;
}

/**
 * A dashboard variable in its current state, as Grafana's scene variables hold it
 * (@grafana/scenes MultiValueVariable state: value, text, options, isMulti, includeAll, allValue).
 */
export interface VariableValue {
  name: string;
  /** Current value; `$__all` (or `['$__all']`) means "All" is selected. Multi variables normally hold an array. */
  value: string | string[];
  /** Display text, used by the `text` format (defaults to the value). */
  text?: string | string[];
  multi?: boolean;
  includeAll?: boolean;
  /** Custom all value: inserted as-is (not formatted) when All is selected. */
  allValue?: string;
  /** Same as value `$__all`. */
  isAll?: boolean;
  /** Option values (without the All option); what All expands to when there is no allValue. */
  options?: string[];
  /**
   * Grafana variable type; `constant` and `local` (a repeat clone's LocalValueVariable)
   * have no URL sync, which changes `queryparam`.
   */
  type?: string;
  /** Not synced to the URL: `queryparam` gives nothing (MultiValueUrlSyncHandler.getUrlState returns {}). */
  skipUrlSync?: boolean;
}

/** A scoped variable (`request.scopedVars` entry): panel repeats, `__interval`, ... */
export interface ScopedVar {
  value: unknown;
  text?: unknown;
}

/** A caller-supplied value for a Grafana built-in such as `__dashboard`, `__user`, `__org`, `__timezone`. */
export interface BuiltinValue {
  /** Used for `${__user}` (no field path). */
  value: string;
  /** Used for `${__user.login}` etc. */
  fields?: Record<string, string>;
}

export type TargetDatasource = 'postgres' | 'prometheus' | 'tempo' | 'other';
