/**
 * `fieldConfig` → the builders' field properties (`unit`, `thresholds`,
 * `color`, ...) and `overrideByName(...)` calls. What the builders cannot
 * express goes to `raw` (deep-merged into the panel JSON by the builder).
 */
import { deepEqual, isObject } from '../diff/json.js';
import { urlLinkDefaults } from '../model/link.js';
import type { Json, JsonObject } from '../model/loose.js';
import { isKnownUnit } from '../model/units.js';
import { overrideByName, overrideByQuery, overrideByRegex, overrideByType } from '../panels/field-config.js';
import { invoke, type Code, type Expr, type ExprObject } from './code.js';
import type { ImportContext } from './context.js';
import { fitObject, fits, shapeFor, type Shape } from './option-fit.js';
import { setOwn } from '../model/own.js';

export interface FieldConfigImport {
  /** Builder props: `unit`, `thresholds`, `dataLinks`, `overrides`, ... */
  props: ExprObject;
  /** `fieldConfig` fields for `raw`, or undefined. */
  raw?: JsonObject;
}

/** Link fields dashcode's `linkJson` writes, with the value it writes when not told otherwise. */
const LINK_FIXED: JsonObject = urlLinkDefaults();

/**
 * `builderType` is the panel builder's type (`table` for panel types dashcode
 * does not model): its `custom` type decides what can be written typed.
 */
export function importFieldConfig(ctx: ImportContext, fc: unknown, where: string, builderType: string): FieldConfigImport {
  const props: ExprObject = {};
  const raw: JsonObject = {};
  if (fc === undefined || fc === null) return { props };
  if (!isObject(fc)) return { props, raw: fc as JsonObject };
  const rawDefaults: JsonObject = {};
  const defaults = isObject(fc.defaults) ? fc.defaults : {};
  for (const [k, v] of Object.entries(defaults)) {
    if (v === undefined || v === null) continue;
    if (k === 'custom' && isObject(v) && Object.keys(v).length > 0) {
      // Only the part that type-checks against the panel's custom field options stays typed.
      const fitted = fitObject(v, shapeFor(`${builderType}.custom`));
      if (fitted.typed) props.custom = fitted.typed as Expr;
      if (fitted.rest) {
        rawDefaults.custom = fitted.rest as Json;
        for (const rk of Object.keys(fitted.rest)) ctx.keep(where, `fieldConfig.defaults.custom.${rk}`, 'raw: not in the panel\'s field config type');
      }
      continue;
    }
    const prop = fieldProperty(k, v);
    if (prop === SKIP) continue;
    if (prop === UNMODELLED) {
      setOwn(rawDefaults, k, v);
      ctx.keep(where, `fieldConfig.defaults.${k}`, 'raw');
      if (k === 'unit' && typeof v === 'string') ctx.report('import-unit', [], `${where}: unit "${v}" is not a Grafana unit id, so it is kept through raw (Grafana shows it as a suffix; "suffix:${v}" says so explicitly)`);
    } else {
      props[k === 'links' ? 'dataLinks' : k] = prop;
    }
  }
  if (Object.keys(rawDefaults).length > 0) raw.defaults = rawDefaults;

  if (Array.isArray(fc.overrides) && fc.overrides.length > 0) {
    const calls = fc.overrides.map((o) => overrideCall(ctx, o));
    if (calls.every((c): c is Code => c !== undefined)) props.overrides = calls;
    else {
      raw.overrides = fc.overrides;
      ctx.keep(where, 'fieldConfig.overrides', 'raw: a matcher or property the override builders do not model');
    }
  } else if (fc.overrides !== undefined && !Array.isArray(fc.overrides)) {
    raw.overrides = fc.overrides;
    ctx.keep(where, 'fieldConfig.overrides', 'raw');
  }
  for (const [k, v] of Object.entries(fc)) {
    if (k === 'defaults' || k === 'overrides' || v === undefined) continue;
    setOwn(raw, k, v);
    ctx.keep(where, `fieldConfig.${k}`, 'raw');
  }
  return Object.keys(raw).length > 0 ? { props, raw } : { props };
}

const SKIP = Symbol('skip');
const UNMODELLED = Symbol('unmodelled');

/** A field property as the builders take it, SKIP when it equals what they write by default, UNMODELLED otherwise. */
function fieldProperty(k: string, v: Json): Expr | typeof SKIP | typeof UNMODELLED {
  switch (k) {
    case 'unit':
      return typeof v === 'string' && isKnownUnit(v) ? v : UNMODELLED;
    case 'decimals':
      return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 20 ? v : UNMODELLED;
    case 'min':
    case 'max':
      return typeof v === 'number' && Number.isFinite(v) ? v : UNMODELLED;
    case 'displayName':
    case 'noValue':
      return typeof v === 'string' ? v : UNMODELLED;
    case 'thresholds':
      return thresholds(v) ?? UNMODELLED;
    case 'color':
      if (isObject(v) && v.mode === 'fixed' && typeof v.fixedColor === 'string' && Object.keys(v).length === 2) return v.fixedColor;
      return isObject(v) && typedFits(v, 'color') ? v : UNMODELLED;
    case 'mappings':
      if (Array.isArray(v) && v.length === 0) return SKIP;
      return Array.isArray(v) && v.every((m) => isObject(m) && typedFits(m, 'mapping')) ? v : UNMODELLED;
    case 'links':
      if (Array.isArray(v) && v.length === 0) return SKIP;
      return linkInputs(v) ?? UNMODELLED;
    case 'custom':
      if (isObject(v) && Object.keys(v).length === 0) return SKIP;
      return isObject(v) ? v : UNMODELLED;
    default:
      return UNMODELLED;
  }
}

function typedFits(v: Json, name: string): boolean {
  const shape: Shape | undefined = shapeFor(name);
  return shape === undefined || fits(v, shape);
}

/** `{ mode?, steps }` when the builder writes exactly these thresholds back. */
function thresholds(v: Json): ExprObject | undefined {
  if (!isObject(v) || !Object.keys(v).every((k) => k === 'mode' || k === 'steps')) return undefined;
  if (v.mode !== undefined && v.mode !== 'absolute' && v.mode !== 'percentage') return undefined;
  if (!Array.isArray(v.steps) || v.steps.length === 0) return undefined;
  const steps: ExprObject[] = [];
  for (const [i, s] of v.steps.entries()) {
    if (!isObject(s) || typeof s.color !== 'string' || s.color === '' || !Object.keys(s).every((k) => k === 'color' || k === 'value')) return undefined;
    if (i === 0) {
      if (s.value !== undefined && s.value !== null) return undefined;
      steps.push({ color: s.color });
    } else {
      if (typeof s.value !== 'number' && s.value !== null) return undefined;
      steps.push({ color: s.color, value: s.value });
    }
  }
  return v.mode === 'percentage' ? { mode: 'percentage', steps } : { steps };
}

/** Links as `{ title, url, targetBlank?, tooltip? }` when nothing else is set. */
export function linkInputs(v: Json): ExprObject[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: ExprObject[] = [];
  for (const l of v) {
    if (!isObject(l) || typeof l.title !== 'string' || typeof l.url !== 'string') return undefined;
    for (const [k, x] of Object.entries(l)) {
      if (k === 'title' || k === 'url') continue;
      if (k === 'targetBlank' && typeof x === 'boolean') continue;
      if (k === 'tooltip' && typeof x === 'string') continue;
      if (Object.prototype.hasOwnProperty.call(LINK_FIXED, k) && deepEqual(x, LINK_FIXED[k])) continue;
      return undefined;
    }
    const link: ExprObject = { title: l.title, url: l.url };
    if (l.targetBlank === true) link.targetBlank = true;
    if (typeof l.tooltip === 'string' && l.tooltip !== '') link.tooltip = l.tooltip;
    out.push(link);
  }
  return out;
}

const MATCHERS = {
  byName: ['overrideByName', overrideByName],
  byRegexp: ['overrideByRegex', overrideByRegex],
  byType: ['overrideByType', overrideByType],
  byFrameRefID: ['overrideByQuery', overrideByQuery],
} as const;

const FIELD_TYPES = new Set(['number', 'time', 'string', 'boolean']);

/** `overrideByName('x', { ... })`, or undefined when the override has a matcher or property the builders lack. */
function overrideCall(ctx: ImportContext, o: unknown): Code | undefined {
  if (!isObject(o) || !Object.keys(o).every((k) => k === 'matcher' || k === 'properties')) return undefined;
  const m = o.matcher;
  if (!isObject(m) || typeof m.options !== 'string' || !Object.keys(m).every((k) => k === 'id' || k === 'options')) return undefined;
  const matcher = typeof m.id === 'string' && Object.prototype.hasOwnProperty.call(MATCHERS, m.id) ? MATCHERS[m.id as keyof typeof MATCHERS] : undefined;
  if (!matcher || (m.id === 'byType' && !FIELD_TYPES.has(m.options))) return undefined;
  if (!Array.isArray(o.properties)) return undefined;
  const properties: ExprObject = {};
  const custom: ExprObject = {};
  const seen = new Set<string>();
  for (const p of o.properties) {
    if (!isObject(p) || typeof p.id !== 'string' || p.value === undefined || !Object.keys(p).every((k) => k === 'id' || k === 'value')) return undefined;
    if (seen.has(p.id)) return undefined;
    seen.add(p.id);
    if (p.id.startsWith('custom.') && p.id.length > 'custom.'.length) {
      setOwn(custom, p.id.slice('custom.'.length), p.value);
      continue;
    }
    if (p.id === 'custom' || p.value === null) return undefined;
    const prop = fieldProperty(p.id, p.value);
    if (prop === UNMODELLED || (prop === SKIP && !Array.isArray(p.value))) return undefined;
    // An override writes what it is given, so an empty list stays an empty list.
    properties[p.id] = prop === SKIP ? p.value : prop;
  }
  if (Object.keys(custom).length > 0) properties.custom = custom;
  const [name, fn] = matcher;
  return invoke(ctx.lib(name), fn as (...a: never[]) => unknown, m.options, properties);
}
