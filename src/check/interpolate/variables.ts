/**
 * The frontend half of a query's journey: Grafana replaces template variables in the
 * browser before the query goes to the backend. This follows @grafana/scenes
 * sceneInterpolator.ts (which TemplateSrv.replace delegates to on scene dashboards):
 *
 * - a reference is looked up in scopedVars, then dashboard variables, then macros
 *   (`__from`, `__to`, `__user`, ...); if nothing matches the text is left as it is;
 * - explicit `:format` wins, else the data source's formatter, else `glob`;
 * - All with a custom allValue inserts allValue unformatted and interpolates it again
 *   (MultiValueVariable.ts CustomAllValue), except for `text`, `percentencode`, `queryparam`;
 * - All without allValue means every option value (an array).
 */
import { applyFormat, encodeURIComponentStrict, type FormatValue, type FormatVariable, isKnownFormat } from './formats.js';
import {
  type DatasourceFormatter,
  prometheusInterpolateQueryExpr,
  sqlInterpolateVariable,
} from './datasource-formats.js';
import { replaceVariableReferences, type VariableReference } from '../../languages/variables/references.js';
import type { BuiltinValue, ScopedVar, TargetDatasource, TimeRange, VariableValue } from './types.js';
import { formatMomentUTC } from './date-format.js';
import { getOwn } from '../../model/own.js';

const ALL = '$__all';

export interface InterpolateOptions {
  datasource: TargetDatasource;
  /** Enables `$__from` / `$__to` (milliseconds since the epoch). */
  range?: TimeRange;
  /** The frontend interval (see calculateInterval): becomes the `__interval` / `__interval_ms` scoped variables. */
  interval?: { interval: string; intervalMs: number };
  /** Extra scoped variables (panel repeats and the like); they win over dashboard variables. */
  scopedVars?: Record<string, ScopedVar>;
  /** Values for Grafana's context macros: `__dashboard`, `__user`, `__org`, `__timezone`, ... */
  builtins?: Record<string, BuiltinValue>;
  /** Replaces the data source's default formatter (TemplateSrv.replace's `format` argument). */
  format?: string;
  /** SQL: quote single strings of multi/includeAll variables as Grafana releases before the current one did. */
  sqlLegacyQuoting?: boolean;
  /** Prometheus: the experimental `prometheusSpecialCharsInLabelValues` feature toggle. */
  prometheusSpecialChars?: boolean;
}

export interface InterpolateResult {
  text: string;
  /** Referenced names that nothing defines: not a variable, scoped variable, Grafana macro or backend variable of the target. */
  unknown: string[];
  /** Grafana macros referenced without a value supplied here (left as written). */
  unresolved: string[];
  /** Format ids Grafana does not know (it falls back to glob, as done here). */
  unknownFormats: string[];
  /** Custom all values that refer to themselves, or expand past MAX_INTERPOLATED_LENGTH: left as written there. */
  expansionErrors: string[];
}

/**
 * How many characters custom all values may insert into one query, all
 * expansions together. Each is interpolated again, so an all value that
 * names another variable twice, whose own all value does the same, doubles
 * the text at every level: six characters made 121 MB, then hung.
 */
export const MAX_INTERPOLATED_LENGTH = 1_000_000;

/** Macros the frontend resolves (scenes variables/macros/index.ts, contextMacros.ts, query runner scoped vars). */
const FRONTEND_MACROS = new Set([
  '__from',
  '__to',
  '__timezone',
  '__url',
  '__url_time_range',
  '__all_variables',
  '__value',
  '__data',
  '__series',
  '__field',
  '__user',
  '__org',
  '__dashboard',
  '__namespace',
  '__theme',
  '__interval',
  '__interval_ms',
  '__searchFilter',
]);

/** Replaced by pkg/promlib/models/query.go InterpolateVariables, as `$__x` or `${__x}` only. */
const PROMETHEUS_BACKEND = new Set(['__interval', '__interval_ms', '__range', '__range_s', '__range_ms', '__rate_interval', '__rate_interval_ms']);

/** sqleng Interpolate (plain text) and the postgres macro engine (`$__name(`). */
const SQL_BACKEND_PLAIN = new Set(['__interval', '__interval_ms']);
const SQL_BACKEND_CALL = new Set([
  '__time',
  '__timeEpoch',
  '__timeFilter',
  '__timeFrom',
  '__timeTo',
  '__timeGroup',
  '__timeGroupAlias',
  '__unixEpochFilter',
  '__unixEpochNanoFilter',
  '__unixEpochNanoFrom',
  '__unixEpochNanoTo',
  '__unixEpochGroup',
  '__unixEpochGroupAlias',
  '__unixEpochFrom',
  '__unixEpochTo',
]);

interface Resolved {
  variable: FormatVariable;
  info: { name: string; multi?: boolean; includeAll?: boolean };
  /** The value, or a custom all value that bypasses formatting. */
  value: FormatValue | { customAll: string };
}

class Interpolator {
  readonly unknown = new Set<string>();
  readonly unresolved = new Set<string>();
  readonly unknownFormats = new Set<string>();
  readonly expansionErrors = new Set<string>();
  /** The variables whose custom all value is being interpolated, outermost first. */
  private readonly expanding: string[] = [];
  private inserted = 0;
  readonly defaultFormat: DatasourceFormatter | string | undefined;

  constructor(
    private readonly vars: ReadonlyMap<string, VariableValue>,
    private readonly opts: InterpolateOptions,
  ) {
    this.defaultFormat = opts.format ?? defaultFormatter(opts);
  }

  run(text: string, scoped: Record<string, ScopedVar>, format: DatasourceFormatter | string | undefined, depth = 0): string {
    return replaceVariableReferences(text, (ref) => {
      const fmt = ref.format ?? format;
      const id = typeof fmt === 'string' ? (fmt.split(':')[0] ?? '') : undefined;
      if (id !== undefined && !isKnownFormat(id)) this.unknownFormats.add(id);
      const resolved = this.resolve(ref, scoped);
      if (!resolved) {
        this.noteMissing(ref, text);
        return ref.match;
      }
      return this.format(resolved, fmt, depth);
    });
  }

  private format(r: Resolved, fmt: DatasourceFormatter | string | undefined, depth: number): string {
    const value = r.value;
    if (typeof value === 'object' && !Array.isArray(value)) {
      // CustomAllValue.formatter, then sceneInterpolator again without scoped vars or format.
      let out = value.customAll;
      if (fmt === 'text') out = 'All';
      else if (fmt === 'percentencode') out = encodeURIComponentStrict(value.customAll);
      else if (fmt === 'queryparam') out = applyFormat('All', 'queryparam', r.variable);
      if (depth > 8) return out;
      const name = r.info.name;
      if (this.expanding.includes(name)) {
        const chain = [...this.expanding.slice(this.expanding.indexOf(name)), name].map((n) => `$${n}`).join(' → ');
        this.expansionErrors.add(`the custom all value of $${name} refers to itself (${chain}): Grafana would interpolate it again without end`);
        return out;
      }
      this.inserted += out.length;
      if (this.inserted > MAX_INTERPOLATED_LENGTH) {
        this.expansionErrors.add(`custom all values insert more than ${MAX_INTERPOLATED_LENGTH.toLocaleString('en-US')} characters into this query (each is interpolated again, so one that names another variable twice doubles the text at every level)`);
        return out;
      }
      this.expanding.push(name);
      try {
        return this.run(out, {}, undefined, depth + 1);
      } finally {
        this.expanding.pop();
      }
    }
    if (typeof fmt === 'function') return String(fmt(value, r.info));
    return applyFormat(value, fmt, r.variable);
  }

  private resolve(ref: VariableReference, scoped: Record<string, ScopedVar>): Resolved | undefined {
    const name = ref.name;
    if (Object.hasOwn(scoped, name) && scoped[name]) return scopedVariable(name, scoped[name], ref.fieldPath);
    const v = this.vars.get(name);
    if (v) return dashboardVariable(v, ref.fieldPath);
    return this.macro(ref);
  }

  private macro(ref: VariableReference): Resolved | undefined {
    const { name, fieldPath } = ref;
    const range = this.opts.range;
    if ((name === '__from' || name === '__to') && range) {
      const ms = (name === '__from' ? range.from : range.to).getTime();
      // TimeFromAndToMacro: the value is a number of milliseconds; `text` is a readable date.
      const variable: FormatVariable = { name, text: () => formatMomentUTC(ms, 'YYYY-MM-DD HH:mm:ss') };
      return { variable, info: { name }, value: ms };
    }
    const builtin = this.opts.builtins?.[name];
    if (builtin) {
      const value = fieldPath ? (builtin.fields && getOwn(builtin.fields, fieldPath)) : builtin.value;
      if (value === undefined) return undefined;
      return { variable: { name, text: () => value }, info: { name }, value };
    }
    return undefined;
  }

  private noteMissing(ref: VariableReference, text: string): void {
    if (handledByBackend(this.opts.datasource, ref, text)) return;
    // `$1` in label_replace("$1") or regexp_replace: Grafana's regex matches it, finds nothing, leaves it.
    if (/^\d+$/.test(ref.name)) return;
    if (FRONTEND_MACROS.has(ref.name)) this.unresolved.add(ref.name);
    else this.unknown.add(ref.name);
  }

  scopedVars(): Record<string, ScopedVar> {
    const scoped: Record<string, ScopedVar> = {};
    const iv = this.opts.interval;
    if (this.opts.datasource === 'prometheus') {
      // PrometheusDatasource.applyTemplateVariables keeps these for the backend to compute.
      scoped.__interval = { value: '$__interval' };
      scoped.__interval_ms = { value: '$__interval_ms' };
    } else if (iv) {
      scoped.__interval = { text: iv.interval, value: iv.interval };
      scoped.__interval_ms = { text: String(iv.intervalMs), value: iv.intervalMs };
    }
    return { ...scoped, ...this.opts.scopedVars };
  }
}

function defaultFormatter(opts: InterpolateOptions): DatasourceFormatter | string | undefined {
  switch (opts.datasource) {
    case 'postgres':
      return (value, variable) => sqlInterpolateVariable(value, variable, opts.sqlLegacyQuoting);
    case 'prometheus':
      return (value, variable) => prometheusInterpolateQueryExpr(value, variable, opts.prometheusSpecialChars);
    case 'tempo':
      // TempoDatasource.applyVariables: query text uses VariableFormatID.Pipe.
      return 'pipe';
    default:
      return undefined; // glob
  }
}

/** ScopedVarsVariable.getValue: always a string (arrays become `a,b`), after the field path. */
function scopedVariable(name: string, sv: ScopedVar, fieldPath: string | undefined): Resolved {
  let raw: unknown = sv.value;
  if (fieldPath) {
    // Own properties only: lodash's `property` (Grafana) also reads a prototype's (`${v.constructor}` printed native code).
    raw = fieldPath.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? getOwn(o as Record<string, unknown>, k) : undefined), raw);
  }
  const value = String(raw);
  // getValueText falls back to String(scopedVar) itself, i.e. "[object Object]" (ScopedVarsVariable.ts).
  const variable: FormatVariable = { name, text: () => (sv.text != null ? String(sv.text) : String(sv)) };
  return { variable, info: { name }, value };
}

function isAllSelected(v: VariableValue): boolean {
  return v.isAll === true || v.value === ALL || (Array.isArray(v.value) && v.value[0] === ALL);
}

function dashboardVariable(v: VariableValue, fieldPath?: string): Resolved {
  const all = isAllSelected(v);
  const text = (): string => {
    if (all) return 'All';
    const t = v.text ?? v.value;
    return Array.isArray(t) ? t.join(' + ') : String(t);
  };
  const variable: FormatVariable = { name: v.name, text };
  if (v.type !== 'constant' && v.type !== 'local') variable.urlState = () => urlState(v, all);
  const info = { name: v.name, multi: v.multi, includeAll: v.includeAll };
  if (all && v.allValue) return { variable, info, value: { customAll: v.allValue } };
  const value: string | string[] = all ? [...(v.options ?? [])] : Array.isArray(v.value) ? [...v.value] : v.value;
  // MultiValueVariable.getValue(fieldPath): `${host.1}` is the second selected value.
  if (fieldPath !== undefined && Array.isArray(value)) {
    const index = parseInt(fieldPath, 10);
    if (!Number.isNaN(index) && index >= 0 && index < value.length) return { variable, info, value: value[index] ?? '' };
  }
  return { variable, info, value };
}

/**
 * MultiValueUrlSyncHandler.getUrlState (@grafana/scenes MultiValueVariable.ts): nothing
 * with skipUrlSync; an array of two or more values as is; a multi variable's value as a
 * one-element list (`[String(value)]`, so an empty selection is `var-x=`); else the string.
 */
function urlState(v: VariableValue, all: boolean): Record<string, string | string[]> {
  if (v.skipUrlSync) return {};
  const value: string | string[] = all ? (v.multi ? [ALL] : ALL) : v.value;
  const key = `var-${v.name}`;
  if (Array.isArray(value) && value.length > 1) return { [key]: value.map(String) };
  if (v.multi) return { [key]: [String(value)] };
  return { [key]: String(value) };
}

/** Whether the target's backend will replace a reference the frontend left alone. */
function handledByBackend(ds: TargetDatasource, ref: VariableReference, text: string): boolean {
  const plain = ref.syntax === '$var' || (ref.syntax === '${var}' && ref.format === undefined && ref.fieldPath === undefined);
  if (ds === 'prometheus') return plain && PROMETHEUS_BACKEND.has(ref.name);
  if (ds === 'postgres') {
    if (ref.syntax !== '$var') return false;
    if (SQL_BACKEND_PLAIN.has(ref.name)) return true;
    return SQL_BACKEND_CALL.has(ref.name) && text[ref.end] === '(';
  }
  return false;
}

/**
 * Replaces template variables the way Grafana's frontend does before the query is sent.
 * Prometheus queries are interpolated twice, as PrometheusDatasource.applyTemplateVariables
 * does (a second replace after ad-hoc filters), so a value that itself contains `$x` is
 * expanded again.
 */
export function interpolateVariables(text: string, vars: ReadonlyMap<string, VariableValue>, opts: InterpolateOptions): InterpolateResult {
  const it = new Interpolator(vars, opts);
  const scoped = it.scopedVars();
  let out = it.run(text, scoped, it.defaultFormat);
  if (opts.datasource === 'prometheus') out = it.run(out, scoped, it.defaultFormat);
  return {
    text: out,
    unknown: [...it.unknown],
    unresolved: [...it.unresolved],
    unknownFormats: [...it.unknownFormats],
    expansionErrors: [...it.expansionErrors],
  };
}

/** One value through one format, as `${var:format}` would render it. */
export function formatVariableValue(value: FormatValue, format: string | undefined, variable: VariableValue): string {
  const r = dashboardVariable({ ...variable, value: Array.isArray(value) ? value.map(String) : String(value) });
  return applyFormat(value, format, r.variable);
}
