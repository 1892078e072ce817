import type { JsonObject, Loose } from '../model/loose.js';
import { clone, deepFreeze, deepMerge, mergeOnto } from '../model/merge.js';
import type { QuerySpec } from '../queries/query.js';
import type { VariableSpec } from '../variables/variable.js';
import { issue, underPath, type Issue } from '../model/issue.js';
import { issuesFromZod, parseInput } from '../validate/zod-issues.js';
import { fieldDefaults, linkJson, overrideJson, type AnyFieldCustom, type FieldProperties, type LinkInput, type Override } from './field-config.js';
import { outputPath, PANEL_OUTPUT_PATHS, panelInputSchema } from './schema.js';
import { describes } from '../validate/describes.js';
import { lazySchema } from '../validate/lazy-schema.js';

import type { PanelSlot } from '../model/grid.js';
import { neverThrows } from '../validate/guard.js';
import { markChecked } from '../validate/typed.js';
import { panelInputLooksValid } from './input-fast-path.js';

export type { PanelSlot };

/** What every panel builder accepts. `TOptions`/`TCustom` come from `@grafana/schema`. */
export interface PanelOptions<TOptions = Record<string, unknown>, TCustom = Record<string, unknown>>
  extends Omit<FieldProperties<TCustom>, 'links'>,
    PanelSlot {
  title: string;
  description?: string;
  transparent?: boolean;
  /** Explicit panel id. By default ids follow document order, so appending a panel changes no other id. */
  id?: number;
  queries?: readonly QuerySpec[];
  /** Data links on values (`fieldConfig.defaults.links`). */
  dataLinks?: LinkInput[];
  /** Links in the panel header. */
  links?: LinkInput[];
  /** Overrides; their `custom` is checked against every kind's field options (see `Override`). */
  overrides?: readonly Override<AnyFieldCustom | TCustom>[];
  options?: Loose<TOptions>;
  transformations?: Array<{ id: string; options: Record<string, unknown>; disabled?: boolean }>;
  repeat?: { variable: VariableSpec; direction?: 'h' | 'v'; maxPerRow?: number };
  /** Minimum query interval, e.g. `1m`. */
  interval?: string;
  maxDataPoints?: number;
  timeFrom?: string;
  timeShift?: string;
  hideTimeOverride?: boolean;
  /**
   * Escape hatch: keys merged verbatim into the panel JSON, after everything
   * else. Visible in code review and listed by `dashcode build`, never silent.
   */
  raw?: Record<string, unknown>;
}

export interface PanelSpec {
  readonly kind: 'panel';
  readonly type: string;
  readonly title: string;
  readonly slot: PanelSlot;
  readonly id?: number;
  readonly queries: readonly QuerySpec[];
  readonly repeat?: VariableSpec;
  /** Panel JSON without `id`, `gridPos`, `targets` and `datasource` (filled at compile). */
  readonly model: JsonObject;
  /** Keys set through `raw`. */
  readonly rawKeys: readonly string[];
  readonly issues: readonly Issue[];
}

export function isPanel(v: unknown): v is PanelSpec {
  return typeof v === 'object' && v !== null && (v as PanelSpec).kind === 'panel';
}

export interface PanelKind<TOptions, TCustom> {
  /** Grafana plugin id. */
  type: string;
  /** Called once per kind; the result is deep-frozen and shared by every panel of the kind (see definePanel). */
  defaultOptions: () => JsonObject;
  defaultCustom?: () => JsonObject;
  /** Kinds without queries (text) or field config. */
  hasQueries?: boolean;
  hasFieldConfig?: boolean;
  /** Kind-specific checks of the final options. */
  check?: (options: Loose<TOptions> | undefined) => Issue[];
  /** Options passed through untyped (`pluginPanel`): its output is validated at run time (validate/typed.ts). */
  untyped?: boolean;
  _types?: [TOptions, TCustom];
}

/** Makes the builder function of one panel kind. */
export function definePanel<TOptions, TCustom>(kind: PanelKind<TOptions, TCustom>) {
  // Total: bad options come back as issues on a stand-in panel (see validate/guard.ts).
  const fallback = (i: Issue): PanelSpec => ({ kind: 'panel', type: kind.type, title: '', slot: {}, queries: [], model: { type: kind.type, title: '' }, rawKeys: [], issues: [i] });
  // Frozen and shared rather than made per panel (issue 15): merging copies only what a panel's input overrides.
  const defaults: Defaults = { options: deepFreeze(kind.defaultOptions()), custom: kind.defaultCustom ? deepFreeze(kind.defaultCustom()) : undefined };
  return neverThrows(`${kind.type}Panel`, (input: PanelOptions<TOptions, TCustom>): PanelSpec => buildPanel(kind, defaults, input), fallback);
}

/** The run-time schema, tied to `PanelOptions` at compile time (validate/describes.ts): the two cannot drift apart. */
const inputSchema = lazySchema(() => describes<PanelOptions>()(panelInputSchema()));

interface Defaults {
  readonly options: JsonObject;
  readonly custom?: JsonObject;
}

function buildPanel<TOptions, TCustom>(kind: PanelKind<TOptions, TCustom>, shared: Defaults, input: PanelOptions<TOptions, TCustom>): PanelSpec {
  const issues: Issue[] = [];
  // The common valid input skips zod; anything else gets zod's issues, unchanged (input-fast-path.ts).
  const parsed = panelInputLooksValid(input) ? undefined : parseInput(inputSchema(), input);
  if (parsed && !parsed.success) {
    for (const i of issuesFromZod(parsed.error, { schema: inputSchema(), outputPaths: PANEL_OUTPUT_PATHS })) issues.push(i);
    // Re-root zod's input paths at the output field a Grafana user knows.
    parsed.error.issues.forEach((zi, n) => {
      const current = issues[n];
      if (current) issues[n] = { ...current, path: outputPath(zi.path as PropertyKey[]) };
    });
  }
  if (kind.check) issues.push(...kind.check(input.options));
  const queries = [...(input.queries ?? [])];
  if (kind.hasQueries === false && queries.length > 0) {
    issues.push(issue('panel-queries', ['targets'], `a ${kind.type} panel takes no queries`));
  }
  queries.forEach((q, i) => issues.push(...underPath(['targets', i], q?.issues ?? [])));

  // Keys are set in canonical (sorted) order, so printing needs no sort (compile/serialize.ts).
  const model: JsonObject = {};
  if (input.description !== undefined) model.description = input.description;
  if (kind.hasFieldConfig !== false) {
    const { unit, decimals, min, max, displayName, noValue, thresholds, color, mappings, custom } = input;
    const customJson = custom !== undefined || shared.custom ? (mergeOnto(shared.custom ?? {}, custom) as JsonObject) : undefined;
    const defaults = fieldDefaults({ color, decimals, displayName, links: input.dataLinks, mappings, max, min, noValue, thresholds, unit }, customJson);
    model.fieldConfig = { defaults, overrides: (input.overrides ?? []).map(overrideJson) };
  }
  if (input.hideTimeOverride !== undefined) model.hideTimeOverride = input.hideTimeOverride;
  if (input.interval !== undefined) model.interval = input.interval;
  if (input.links) model.links = input.links.map(linkJson);
  if (input.maxDataPoints !== undefined) model.maxDataPoints = input.maxDataPoints;
  if (input.repeat?.maxPerRow !== undefined) model.maxPerRow = input.repeat.maxPerRow;
  model.options = mergeOnto(shared.options, input.options) as JsonObject;
  if (input.repeat) {
    model.repeat = input.repeat.variable?.name ?? '';
    model.repeatDirection = input.repeat.direction ?? 'h';
  }
  if (input.timeFrom !== undefined) model.timeFrom = input.timeFrom;
  if (input.timeShift !== undefined) model.timeShift = input.timeShift;
  model.title = input.title;
  if (input.transformations) model.transformations = clone(input.transformations) as unknown as JsonObject[];
  if (input.transparent !== undefined) model.transparent = input.transparent;
  model.type = kind.type;
  const rawKeys = Object.keys(input.raw ?? {});
  const merged = input.raw ? (deepMerge(model, input.raw) as JsonObject) : model;

  const spec: PanelSpec = Object.freeze({
    kind: 'panel',
    type: kind.type,
    title: input.title,
    slot: { w: input.w, h: input.h, x: input.x, y: input.y, newLine: input.newLine },
    id: input.id,
    queries,
    repeat: input.repeat?.variable,
    model: merged,
    rawKeys,
    issues,
  });
  return kind.untyped || hasLooseInput(input as PanelOptions) ? spec : markChecked(spec);
}

/**
 * Inputs the builder passes through with a looser check than the output
 * schema's (zod takes any record for a value mapping or a color object, any
 * string for a transformation or override matcher id), plus `raw`: a panel with
 * one of these is validated at run time (validate/typed.ts).
 */
function hasLooseInput(input: PanelOptions): boolean {
  if (input.raw !== undefined || input.mappings !== undefined || input.transformations !== undefined) return true;
  if (typeof input.color === 'object' && input.color !== null) return true;
  for (const o of input.overrides ?? []) {
    const p = o.properties as FieldProperties;
    if (!o.matcher?.id || p.mappings !== undefined || (typeof p.color === 'object' && p.color !== null)) return true;
  }
  return false;
}
