import { z } from 'zod';
import { GRID_COLUMNS } from '../model/grid.js';
import { QUERY_REF_ID } from '../model/ref-id.js';
import { UID } from '../model/uid.js';

/**
 * The shape of the JSON dashcode emits, as a zod schema. It is the source of
 * `schemas/dashboard.schema.json` (via `z.toJSONSchema`) and of the ajv
 * validator compiled ahead of time into `src/validate/generated/dashboard.js`
 * (`npm run gen:validators`). We write it from our own output model rather than
 * from Grafana's CUE-generated schema because it is stricter where our output
 * is (ids, gridPos bounds, refIds, datasource refs) and stays small; tests
 * check the output against Grafana's published schemas as an independent oracle.
 */
const datasourceRef = z.object({ type: z.string().min(1), uid: z.string().min(1) }).strict();

const gridPos = z
  .object({
    h: z.number().int().min(1),
    w: z.number().int().min(1).max(GRID_COLUMNS),
    x: z.number().int().min(0).max(GRID_COLUMNS - 1),
    y: z.number().int().min(0),
  })
  .strict();

const link = z
  .object({
    asDropdown: z.boolean(),
    icon: z.string(),
    includeVars: z.boolean(),
    keepTime: z.boolean(),
    tags: z.array(z.string()),
    targetBlank: z.boolean(),
    title: z.string(),
    tooltip: z.string(),
    type: z.enum(['link', 'dashboards']),
    url: z.string().optional(),
  })
  .strict();

const threshold = z.object({ color: z.string().min(1), value: z.number().nullable() }).strict();

const fieldConfig = z
  .object({
    defaults: z
      .object({
        unit: z.string().optional(),
        decimals: z.number().int().min(0).optional(),
        min: z.number().optional(),
        max: z.number().optional(),
        displayName: z.string().optional(),
        noValue: z.string().optional(),
        thresholds: z.object({ mode: z.enum(['absolute', 'percentage']), steps: z.array(threshold) }).strict().optional(),
        color: z.object({ mode: z.string() }).passthrough().optional(),
        mappings: z.array(z.object({ type: z.enum(['value', 'range', 'regex', 'special']) }).passthrough()).optional(),
        links: z.array(link).optional(),
        custom: z.record(z.string(), z.unknown()).optional(),
        // Further FieldConfig keys of Grafana's published schema (dashboard.jsonschema.json
        // definitions.FieldConfig), and `unitScale`, which Grafana 10.4 writes and still reads.
        description: z.string().optional(),
        displayNameFromDS: z.string().optional(),
        fieldMinMax: z.boolean().optional(),
        filterable: z.boolean().optional(),
        path: z.string().optional(),
        writeable: z.boolean().optional(),
        actions: z.array(z.record(z.string(), z.unknown())).optional(),
        unitScale: z.boolean().optional(),
      })
      .strict(),
    overrides: z.array(
      z
        .object({
          matcher: z.object({ id: z.string().min(1), options: z.unknown() }).strict(),
          // DynamicConfigValue: `value` is optional in Grafana's schema.
          properties: z.array(z.object({ id: z.string().min(1), value: z.unknown().optional() }).strict()),
          // Grafana marks overrides it manages (the legend's "hide series") with `__systemRef`.
          __systemRef: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();

const target = z
  .object({
    refId: z.string().regex(QUERY_REF_ID),
    datasource: datasourceRef,
  })
  .passthrough();

const panel = z
  .object({
    type: z.string().min(1).refine((t) => t !== 'row'),
    id: z.number().int().min(1),
    title: z.string(),
    gridPos,
    datasource: datasourceRef.optional(),
    targets: z.array(target).optional(),
    options: z.record(z.string(), z.unknown()),
    fieldConfig: fieldConfig.optional(),
    description: z.string().optional(),
    transparent: z.boolean().optional(),
    links: z.array(link).optional(),
    transformations: z.array(z.object({ id: z.string().min(1), options: z.unknown() }).passthrough()).optional(),
    repeat: z.string().optional(),
    repeatDirection: z.enum(['h', 'v']).optional(),
    maxPerRow: z.number().int().min(1).optional(),
    interval: z.string().optional(),
    maxDataPoints: z.number().int().min(1).optional(),
    timeFrom: z.string().optional(),
    timeShift: z.string().optional(),
    hideTimeOverride: z.boolean().optional(),
    pluginVersion: z.string().optional(),
  })
  .strict();

const rowPanel = z
  .object({
    type: z.literal('row'),
    id: z.number().int().min(1),
    title: z.string(),
    collapsed: z.boolean(),
    gridPos: gridPos.extend({ h: z.literal(1), w: z.literal(GRID_COLUMNS), x: z.literal(0) }),
    panels: z.array(panel),
    repeat: z.string().optional(),
    datasource: datasourceRef.optional(),
  })
  .strict();

const variable = z
  .object({
    // Grafana's schema has `name: string`, and Grafana loads any name (a public linkerd dashboard has
    // "namespace-viz"). The builders accept word characters only, the names a reference can reach;
    // a name beyond that comes from rawVariable (an import), which says so.
    name: z.string().min(1),
    type: z.enum(['query', 'custom', 'constant', 'textbox', 'interval', 'datasource', 'adhoc']),
  })
  .passthrough();

const annotation = z
  .object({ name: z.string().min(1), enable: z.boolean(), iconColor: z.string(), datasource: datasourceRef })
  .passthrough();

/**
 * One element of a dashboard's `panels`. A definition of its own in the JSON
 * Schema (`#/definitions/PanelOrRow`), which the generated validator compiles
 * as a function of its own (scripts/gen-validators.ts): checking a document
 * whose panels all came from typed builders (validateDashboardParts, with no
 * panel to check) then never compiles the panel checks, three quarters of
 * the validator's code (issue 15: the first such check in a process 17 →
 * 2.3 ms; docs/provisioning-schema.md).
 */
const panelOrRow = z.union([rowPanel, panel]);
const definitions = z.registry<{ id: string }>();
definitions.add(panelOrRow, { id: 'PanelOrRow' });

export const dashboardOutputSchema = z
  .object({
    annotations: z.object({ list: z.array(annotation) }).strict(),
    description: z.string().optional(),
    editable: z.boolean(),
    fiscalYearStartMonth: z.number().int().min(0).max(11),
    graphTooltip: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    id: z.null(),
    links: z.array(link),
    liveNow: z.boolean().optional(),
    panels: z.array(panelOrRow),
    refresh: z.string().optional(),
    revision: z.number().int().optional(),
    schemaVersion: z.number().int().min(36),
    tags: z.array(z.string()),
    templating: z.object({ list: z.array(variable) }).strict(),
    time: z.object({ from: z.string().min(1), to: z.string().min(1) }).strict(),
    timepicker: z.object({ refresh_intervals: z.array(z.string()).optional(), hidden: z.boolean().optional(), nowDelay: z.string().optional() }).strict(),
    timezone: z.string(),
    title: z.string().min(1),
    uid: z.string().regex(UID),
    weekStart: z.string(),
  })
  .strict();

export function dashboardJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(dashboardOutputSchema, { target: 'draft-7', metadata: definitions }) as Record<string, unknown>;
}
