import type { FieldColor, ValueMapping } from '@grafana/schema';
import type { Json, JsonObject, Loose } from '../model/loose.js';
import { clone } from '../model/merge.js';
import type { Unit } from '../model/units.js';
import { setOwn } from '../model/own.js';

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
export interface FieldProperties<TCustom = Record<string, unknown>> {
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

export interface Override {
  readonly matcher: { id: 'byName' | 'byRegexp' | 'byType' | 'byFrameRefID'; options: string };
  readonly properties: FieldProperties;
}

/** Override the fields whose display name is exactly `name`. */
export function overrideByName(name: string, properties: FieldProperties): Override {
  return Object.freeze({ matcher: { id: 'byName' as const, options: name }, properties });
}

/** Override the fields whose display name matches `regex` (Grafana syntax, e.g. `/^p9\\d$/` or `p9.*`). */
export function overrideByRegex(regex: string, properties: FieldProperties): Override {
  return Object.freeze({ matcher: { id: 'byRegexp' as const, options: regex }, properties });
}

/** Override every field of the given type (`number`, `time`, `string`). */
export function overrideByType(type: 'number' | 'time' | 'string' | 'boolean', properties: FieldProperties): Override {
  return Object.freeze({ matcher: { id: 'byType' as const, options: type }, properties });
}

/** Override the fields of one query's results. */
export function overrideByQuery(refId: string, properties: FieldProperties): Override {
  return Object.freeze({ matcher: { id: 'byFrameRefID' as const, options: refId }, properties });
}

/**
 * `fieldConfig.defaults`: only what was given, so the JSON says what the
 * author decided. `custom` is the finished JSON (defaults merged with the
 * input), placed in key order: callers pass `p` in canonical key order, which
 * then needs no sort when printed.
 */
export function fieldDefaults(p: Omit<FieldProperties, 'custom'>, custom?: JsonObject): JsonObject {
  const out: JsonObject = {};
  let customDone = custom === undefined;
  for (const [key, value] of Object.entries(p)) {
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
export function overrideJson(o: Override): JsonObject {
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

/**
 * Grafana stores data links and panel links as `{ title, url, targetBlank }`;
 * its published schema types them as DashboardLink, whose other fields are
 * required there. We emit the full shape so the JSON validates against the
 * schema and Grafana reads the fields it uses.
 */
export function linkJson(l: LinkInput): JsonObject {
  return {
    asDropdown: false,
    icon: 'external link',
    includeVars: false,
    keepTime: false,
    tags: [],
    targetBlank: l.targetBlank ?? false,
    title: l.title,
    tooltip: l.tooltip ?? '',
    type: 'link',
    url: l.url,
  };
}
