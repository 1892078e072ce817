/**
 * A field's effective config: the panel's fieldConfig.defaults with the
 * overrides whose matcher picks this field applied on top (byName, byRegexp,
 * byFrameRefID, byType), as Grafana's applyFieldOverrides does.
 */
import type { Field } from '../data/frames.js';
import { withinRegexBudget } from '../../check/run/regex-budget.js';
import { hasOwn, setOwn } from '../../model/own.js';

type Obj = Record<string, unknown>;

export interface FieldSettings {
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  displayName?: string;
  /** A fixed colour (color.mode fixed / fixedColor). */
  fixedColor?: string;
  thresholds?: unknown;
  custom: Obj;
}

export function fieldSettings(panel: Obj, field: Pick<Field, 'name' | 'type'>, refId?: string): FieldSettings {
  let overrides = panelOverrides.get(panel);
  if (!overrides) panelOverrides.set(panel, (overrides = readOverrides(panel)));
  const fc = (panel.fieldConfig as Obj | undefined) ?? {};
  const merged: Obj = structuredClone((fc.defaults as Obj | undefined) ?? {});
  for (const o of overrides) {
    if (!o.matches(field, refId)) continue;
    for (const p of o.properties) setPath(merged, String(p.id ?? ''), p.value);
  }
  const color = merged.color as Obj | undefined;
  const custom = (merged.custom as Obj | undefined) ?? {};
  return {
    unit: typeof merged.unit === 'string' ? merged.unit : undefined,
    decimals: typeof merged.decimals === 'number' ? merged.decimals : undefined,
    min: typeof merged.min === 'number' ? merged.min : undefined,
    max: typeof merged.max === 'number' ? merged.max : undefined,
    displayName: typeof merged.displayName === 'string' && merged.displayName ? merged.displayName : undefined,
    fixedColor: color?.mode === 'fixed' && typeof color.fixedColor === 'string' ? color.fixedColor : undefined,
    thresholds: merged.thresholds,
    custom,
  };
}

interface Override {
  matches(field: Pick<Field, 'name' | 'type'>, refId: string | undefined): boolean;
  properties: Obj[];
}

/**
 * A panel's overrides, read once per panel: preview asks for every field of
 * every frame, and a byRegexp matcher was compiled again, and run under a
 * new regex budget (a watchdog thread each), for each of them. Preview never
 * changes a panel it renders, so the panel object is the key.
 */
const panelOverrides = new WeakMap<Obj, Override[]>();

function readOverrides(panel: Obj): Override[] {
  const fc = (panel.fieldConfig as Obj | undefined) ?? {};
  const overrides = Array.isArray(fc.overrides) ? (fc.overrides as Obj[]) : [];
  return overrides.map((o) => ({
    matches: matcherOf(o.matcher as Obj | undefined),
    properties: (Array.isArray(o.properties) ? o.properties : []) as Obj[],
  }));
}

function matcherOf(matcher: Obj | undefined): Override['matches'] {
  const options = matcher?.options;
  switch (matcher?.id) {
    case 'byName':
      return (field) => options === field.name;
    case 'byRegexp': {
      const re = regexFrom(String(options ?? ''));
      if (!re) return () => false;
      // Fields of one name recur across frames and series: each name is tested once.
      const seen = new Map<string, boolean>();
      return (field) => {
        let hit = seen.get(field.name);
        if (hit === undefined) {
          re.lastIndex = 0; // a /g or /y pattern remembers where it stopped; each name is tested from its start
          seen.set(field.name, (hit = withinRegexBudget(() => re.test(field.name), 'the byRegexp matcher of an override')));
        }
        return hit;
      };
    }
    case 'byFrameRefID':
      return (_field, refId) => options === refId;
    case 'byType':
      return (field) => options === field.type;
    default:
      return () => false;
  }
}

/** Grafana accepts `/re/flags` or a bare pattern. */
function regexFrom(text: string): RegExp | undefined {
  try {
    const m = /^\/(.*)\/([a-z]*)$/.exec(text);
    return m ? new RegExp(m[1]!, m[2]) : new RegExp(`^${text}$`);
  } catch {
    return undefined;
  }
}

/**
 * `custom.lineWidth` → merged.custom.lineWidth, as Grafana's
 * setDynamicConfigValue (packages/grafana-data/src/field/fieldOverrides.ts)
 * sets an override's property with lodash's `set`, and `unset`s it when the
 * value is null. Grafana applies only ids its option registry knows, and
 * lodash's `set` stops at `__proto__`, `constructor` and `prototype`: a path
 * through one of them sets nothing here either (it would have set a property
 * of Object.prototype for every object in the process).
 */
function setPath(target: Obj, id: string, value: unknown): void {
  const parts = id.split('.');
  if (parts.some((part) => UNSAFE_KEYS.has(part))) return;
  let at = target;
  for (const part of parts.slice(0, -1)) {
    const next = hasOwn(at, part) ? at[part] : undefined;
    if (next === null || typeof next !== 'object') {
      if (value === undefined || value === null) return; // nothing to unset below a missing object
      setOwn(at, part, {});
    }
    at = at[part] as Obj;
  }
  const last = parts.at(-1)!;
  if (value === undefined || value === null) delete at[last];
  else setOwn(at, last, value);
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
