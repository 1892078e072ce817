/**
 * A hand-written check that says "valid" only for panel options that
 * `panelInputSchema` (schema.ts) accepts, so `buildPanel` can skip zod for
 * them (issue 15: zod was a sixth of the build). Anything it does not
 * recognise, or any field it does not model (overrides, mappings,
 * transformations, repeat, a color object), answers false and zod runs as
 * before, so the issues and their messages are zod's, unchanged.
 * test/core/panel-fast-path.test.ts checks "valid here ⇒ valid for zod" on
 * random input.
 */
import { isKnownUnit } from '../model/units.js';
import { isQuery } from '../queries/query.js';
import { arrayOf, isBoolean, isOptionalInt, isOptionalRecord, isRecord, isString, strictObjectLooksValid } from '../validate/input-checks.js';

const isNumber = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
const isPositiveInt = isOptionalInt(1);

function isLinks(v: unknown): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (const l of v) {
    if (!isRecord(l) || typeof l.title !== 'string' || typeof l.url !== 'string') return false;
    for (const k of Object.keys(l)) {
      if (k === 'targetBlank' ? !isBoolean(l[k]) : k === 'tooltip' ? !isString(l[k]) : k !== 'title' && k !== 'url') return false;
    }
  }
  return true;
}

function isThresholds(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isRecord(v)) return false;
  for (const k of Object.keys(v)) if (k !== 'mode' && k !== 'steps') return false;
  if (v.mode !== undefined && v.mode !== 'absolute' && v.mode !== 'percentage') return false;
  const steps = v.steps;
  if (!Array.isArray(steps) || steps.length === 0) return false;
  for (const s of steps) {
    if (!isRecord(s) || typeof s.color !== 'string' || s.color === '') return false;
    for (const k of Object.keys(s)) {
      if (k === 'value' ? s.value !== null && !isNumber(s.value) : k !== 'color') return false;
    }
  }
  return true;
}

const FIELD_CHECKS: Readonly<Record<string, (v: unknown) => boolean>> = {
  title: (v) => typeof v === 'string' && v.length > 0,
  description: isString,
  displayName: isString,
  noValue: isString,
  interval: isString,
  timeFrom: isString,
  timeShift: isString,
  transparent: isBoolean,
  newLine: isBoolean,
  hideTimeOverride: isBoolean,
  id: isPositiveInt,
  maxDataPoints: isPositiveInt,
  w: isNumber,
  h: isNumber,
  x: isNumber,
  y: isNumber,
  min: isNumber,
  max: isNumber,
  decimals: (v) => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 20),
  unit: (v) => v === undefined || (typeof v === 'string' && isKnownUnit(v)),
  color: isString,
  thresholds: isThresholds,
  queries: arrayOf(isQuery),
  options: isOptionalRecord,
  custom: isOptionalRecord,
  raw: isOptionalRecord,
  links: isLinks,
  dataLinks: isLinks,
};

/** True only when `panelInputSchema.safeParse(input)` would succeed; false means "ask zod". */
export function panelInputLooksValid(input: unknown): boolean {
  return strictObjectLooksValid(input, FIELD_CHECKS, ['title']);
}
