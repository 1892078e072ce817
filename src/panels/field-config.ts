import type { FieldColor, ValueMapping } from '@grafana/schema';
import type { Json, JsonObject, Loose } from '../model/loose.js';
import { urlLinkJson } from '../model/link.js';
import { clone } from '../model/merge.js';
import type { Unit } from '../model/units.js';
import { hasOwn, setOwn } from '../model/own.js';
import type { BarchartFieldConfig } from './barchart/options.js';
import type { HeatmapFieldConfig } from './heatmap/options.js';
import type { HistogramFieldConfig } from './histogram/options.js';
import type { PiechartFieldConfig } from './piechart/options.js';
import type { TableFieldConfig } from './table/options.js';
import type { TimeseriesFieldConfig } from './timeseries/options.js';

/**
 * `custom` field options of every typed panel kind that has any (from
 * `@grafana/schema`). Overrides are checked against this union: a key no kind
 * knows (`lineWidthh`) or a value of the wrong type is a compile error.
 * The table's `hidden` ("Hide in table") is added: Grafana's table panel
 * registers it (public/app/plugins/panel/table/module.tsx) and dashboards use
 * it, but the published type omits it.
 */
export type AnyFieldCustom =
  | TimeseriesFieldConfig
  | BarchartFieldConfig
  | HeatmapFieldConfig
  | HistogramFieldConfig
  | PiechartFieldConfig
  | (TableFieldConfig & { hidden?: boolean });

/** Threshold steps; the first step's value is always "from minus infinity" (null). */
export interface ThresholdsInput {
  mode?: 'absolute' | 'percentage';
  steps: ReadonlyArray<{ color: string; value?: number | null }>;
}

export interface LinkInput {
  title: string;
  url: string;
  targetBlank?: boolean;
  tooltip?: string;
}

/** Field properties settable on defaults and in overrides. */
export interface FieldProperties<TCustom = AnyFieldCustom> {
  unit?: Unit;
  decimals?: number;
  min?: number;
  max?: number;
  displayName?: string;
  noValue?: string;
  thresholds?: ThresholdsInput;
  color?: Loose<FieldColor> | string;
  mappings?: Array<Loose<ValueMapping>>;
  links?: LinkInput[];
  custom?: Loose<TCustom>;
}

/**
 * A field override. Its `custom` is checked against `AnyFieldCustom`, not
 * against the panel's own kind: Grafana keeps overrides when a panel changes
 * visualization, so dashboards in the wild (and their imports) carry another
 * kind's keys, which Grafana ignores. For the strict check name the kind:
 * `overrideByName<TimeseriesFieldConfig>(...)`. The phantom `_custom` only
 * carries `TCustom` (a method, so overrides of related kinds stay assignable).
 */
export interface Override<TCustom = AnyFieldCustom> {
  readonly matcher: { id: 'byName' | 'byRegexp' | 'byType' | 'byFrameRefID'; options: string };
  readonly properties: FieldProperties<Record<string, unknown>>;
  _custom?(custom: TCustom): void;
}

function override<TCustom>(id: Override['matcher']['id'], options: string, properties: FieldProperties<TCustom>): Override<TCustom> {
  return Object.freeze({ matcher: { id, options }, properties: properties as FieldProperties<Record<string, unknown>> });
}

/** Override the fields whose display name is exactly `name`. */
export function overrideByName<TCustom = AnyFieldCustom>(name: string, properties: NoInfer<FieldProperties<TCustom>>): Override<TCustom> {
  return override('byName', name, properties);
}

/** Override the fields whose display name matches `regex` (Grafana syntax, e.g. `/^p9\\d$/` or `p9.*`). */
export function overrideByRegex<TCustom = AnyFieldCustom>(regex: string, properties: NoInfer<FieldProperties<TCustom>>): Override<TCustom> {
  return override('byRegexp', regex, properties);
}

/** Override every field of the given type (`number`, `time`, `string`). */
export function overrideByType<TCustom = AnyFieldCustom>(type: 'number' | 'time' | 'string' | 'boolean', properties: NoInfer<FieldProperties<TCustom>>): Override<TCustom> {
  return override('byType', type, properties);
}

/** Override the fields of one query's results. */
export function overrideByQuery<TCustom = AnyFieldCustom>(refId: string, properties: NoInfer<FieldProperties<TCustom>>): Override<TCustom> {
  return override('byFrameRefID', refId, properties);
}

/**
 * `fieldConfig.defaults`: only what was given, so the JSON says what the
 * author decided. `custom` is the finished JSON (defaults merged with the
 * input), placed in key order: callers pass `p` in canonical key order, which
 * then needs no sort when printed.
 */
export function fieldDefaults(p: Omit<FieldProperties<unknown>, 'custom'>, custom?: JsonObject): JsonObject {
  const out: JsonObject = {};
  let customDone = custom === undefined;
  for (const key in p) {
    if (!hasOwn(p, key)) continue;
    const value = (p as Record<string, unknown>)[key];
    if (!customDone && key > 'custom') {
      out.custom = custom!;
      customDone = true;
    }
    if (value === undefined) continue;
    setOwn(out, key, propertyValue(key, value));
  }
  if (!customDone) out.custom = custom!;
  return out;
}

/** Override properties in Grafana's `{ id, value }` form; `custom.x` for plugin field options. */
export function overrideJson(o: Override<unknown>): JsonObject {
  const properties: JsonObject[] = [];
  for (const [key, value] of Object.entries(o.properties)) {
    if (value === undefined) continue;
    if (key === 'custom') {
      for (const [ck, cv] of Object.entries(value as Record<string, unknown>)) {
        if (cv !== undefined) properties.push({ id: `custom.${ck}`, value: clone(cv) as Json });
      }
    } else {
      properties.push({ id: key, value: propertyValue(key, value) });
    }
  }
  return { matcher: { ...o.matcher }, properties };
}

function propertyValue(key: string, value: unknown): Json {
  switch (key) {
    case 'thresholds': {
      const t = value as ThresholdsInput;
      return {
        mode: t.mode ?? 'absolute',
        steps: t.steps.map((s, i) => ({ color: s.color, value: i === 0 ? null : (s.value ?? null) })),
      };
    }
    case 'color':
      return typeof value === 'string' ? { fixedColor: value, mode: 'fixed' } : (clone(value) as Json);
    case 'links':
      return (value as LinkInput[]).map(linkJson);
    default:
      return clone(value) as Json;
  }
}

/** Panel and data links: `{ title, url, targetBlank }` in Grafana, written in the schema's full shape. */
export function linkJson(l: LinkInput): JsonObject {
  return urlLinkJson({ title: l.title, url: l.url, tooltip: l.tooltip, targetBlank: l.targetBlank });
}
