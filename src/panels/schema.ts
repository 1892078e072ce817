import { z } from 'zod';
import type { IssueCode } from '../model/issue-codes.js';
import { joinPath, type IssuePath } from '../model/issue-path.js';
import { isKnownUnit, suggestUnit } from '../model/units.js';
import { isQuery } from '../queries/query.js';
import { isVariable } from '../variables/variable.js';
import { lazySchema } from '../validate/lazy-schema.js';

/**
 * Input schema for what every panel builder accepts, built on first use
 * (lazy-schema.ts): valid input takes the fast path (input-fast-path.ts).
 * Panel-kind `options` and `custom` are typed by `@grafana/schema` at compile
 * time; here they only need to be objects.
 */
export const panelInputSchema = lazySchema(() => {
  const unit = z.string().superRefine((u, ctx) => {
    if (isKnownUnit(u)) return;
    const hint = suggestUnit(u);
    ctx.addIssue({ code: 'custom', params: { code: 'unit-unknown' satisfies IssueCode }, message: `unknown unit ${JSON.stringify(u)}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}; see Grafana's unit ids, or use "suffix:<text>"` });
  });

  const thresholds = z
    .object({
      mode: z.enum(['absolute', 'percentage']).optional(),
      steps: z.array(z.object({ color: z.string().min(1), value: z.number().nullable().optional() }).strict()).min(1, 'needs at least one step').readonly(),
    })
    .strict();

  const link = z.object({ title: z.string(), url: z.string(), targetBlank: z.boolean().optional(), tooltip: z.string().optional() }).strict();

  const fieldProperties = {
    unit: unit.optional(),
    decimals: z.number().int().min(0).max(20).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    displayName: z.string().optional(),
    noValue: z.string().optional(),
    thresholds: thresholds.optional(),
    color: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    mappings: z.array(z.record(z.string(), z.unknown())).optional(),
    links: z.array(link).optional(),
    custom: z.record(z.string(), z.unknown()).optional(),
  };

  const override = z.object({
    matcher: z.object({ id: z.string(), options: z.string() }),
    properties: z.object(fieldProperties).strict(),
  });

  const int = (min: number, max: number) => z.number().int().min(min).max(max);

  return z
    .object({
      // Grafana allows an untitled panel; lint warns (panel-title).
      title: z.string(),
      description: z.string().optional(),
      transparent: z.boolean().optional(),
      id: z.number().int().positive().optional(),
      w: z.number().optional(),
      h: z.number().optional(),
      x: z.number().optional(),
      y: z.number().optional(),
      newLine: z.boolean().optional(),
      queries: z.array(z.custom(isQuery, { message: 'must be a query from sqlQuery(), promQuery() or tempoQuery()' })).readonly().optional(),
      ...fieldProperties,
      dataLinks: z.array(link).optional(),
      links: z.array(link).optional(),
      overrides: z.array(override).readonly().optional(),
      options: z.record(z.string(), z.unknown()).optional(),
      transformations: z.array(z.object({ id: z.string(), options: z.record(z.string(), z.unknown()) }).passthrough()).optional(),
      repeat: z
        .object({ variable: z.custom(isVariable, { message: 'must be a variable object' }), direction: z.enum(['h', 'v']).optional(), maxPerRow: int(1, 24).optional() })
        .strict()
        .optional(),
      interval: z.string().optional(),
      maxDataPoints: z.number().int().positive().optional(),
      timeFrom: z.string().optional(),
      timeShift: z.string().optional(),
      hideTimeOverride: z.boolean().optional(),
      raw: z.record(z.string(), z.unknown()).optional(),
    })
    .strict();
});

type PanelInputKey = keyof ReturnType<typeof panelInputSchema>['shape'];

/**
 * Where each builder key lands in the panel JSON, so errors name the field a Grafana
 * user knows. One row per key (the `satisfies` makes the table exhaustive); the
 * synonyms offered for a mistyped key (`gridPos` → `w`) read the same table.
 */
export const PANEL_OUTPUT_PATHS = {
  title: ['title'],
  description: ['description'],
  transparent: ['transparent'],
  id: ['id'],
  w: ['gridPos', 'w'],
  h: ['gridPos', 'h'],
  x: ['gridPos', 'x'],
  y: ['gridPos', 'y'],
  newLine: ['newLine'],
  queries: ['targets'],
  unit: ['fieldConfig', 'defaults', 'unit'],
  decimals: ['fieldConfig', 'defaults', 'decimals'],
  min: ['fieldConfig', 'defaults', 'min'],
  max: ['fieldConfig', 'defaults', 'max'],
  displayName: ['fieldConfig', 'defaults', 'displayName'],
  noValue: ['fieldConfig', 'defaults', 'noValue'],
  thresholds: ['fieldConfig', 'defaults', 'thresholds'],
  color: ['fieldConfig', 'defaults', 'color'],
  mappings: ['fieldConfig', 'defaults', 'mappings'],
  custom: ['fieldConfig', 'defaults', 'custom'],
  dataLinks: ['fieldConfig', 'defaults', 'links'],
  links: ['links'],
  overrides: ['fieldConfig', 'overrides'],
  options: ['options'],
  transformations: ['transformations'],
  repeat: ['repeat'],
  interval: ['interval'],
  maxDataPoints: ['maxDataPoints'],
  timeFrom: ['timeFrom'],
  timeShift: ['timeShift'],
  hideTimeOverride: ['hideTimeOverride'],
  raw: ['raw'],
} as const satisfies Record<PanelInputKey, IssuePath>;

/** Where an input path lands in the panel JSON: `['dataLinks', 0, 'url']` → `['fieldConfig', 'defaults', 'links', 0, 'url']`. */
export function outputPath(inputPath: ReadonlyArray<PropertyKey>): IssuePath {
  const [head, ...rest] = inputPath.map((p) => (typeof p === 'number' ? p : String(p)));
  if (head === undefined) return [];
  const home: IssuePath = Object.hasOwn(PANEL_OUTPUT_PATHS, head) ? PANEL_OUTPUT_PATHS[head as PanelInputKey] : [head];
  // gridPos fields are leaves: nothing below them is worth naming.
  if (home[0] === 'gridPos') return home;
  return joinPath(home, rest);
}
