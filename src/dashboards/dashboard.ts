import { z } from 'zod';
import { isPanel, type PanelSpec } from '../panels/panel.js';
import { isRow, type RowSpec } from '../rows/row.js';
import { isVariable, type VariableSpec } from '../variables/variable.js';
import { underPath, type Issue } from '../model/issue.js';
import type { IssuePath } from '../model/issue-path.js';
import { describes } from '../validate/describes.js';
import { issuesFromZod, parseInput } from '../validate/zod-issues.js';
import type { AnnotationSpec } from './annotations.js';
import type { DashboardLinkSpec } from './links.js';
import { isOptionsObject, neverThrows } from '../validate/guard.js';
import { hasDashboardKind } from './is-dashboard.js';
import { arrayOf, isBoolean, isNonEmptyString, isOptionalInt, isOptionalRecord, isString, matching, oneOf, strictObjectLooksValid, type Check } from '../validate/input-checks.js';
import { lazySchema } from '../validate/lazy-schema.js';
import { isUid, UID } from '../model/uid.js';

export interface DashboardOptions {
  /** Stable uid: 1–40 characters of `[A-Za-z0-9_-]`. Never derived from the title, so renaming keeps URLs. */
  uid: string;
  title: string;
  description?: string;
  tags?: string[];
  /** Default time range, e.g. `{ from: 'now-6h', to: 'now' }`. */
  time?: { from: string; to: string };
  timezone?: 'browser' | 'utc' | (string & {});
  /** Auto-refresh interval such as `30s`; omitted: no auto-refresh. */
  refresh?: string;
  /** Shared crosshair / tooltip across panels. */
  graphTooltip?: 'off' | 'crosshair' | 'tooltip';
  editable?: boolean;
  liveNow?: boolean;
  weekStart?: '' | 'monday' | 'saturday' | 'sunday';
  fiscalYearStartMonth?: number;
  timepicker?: { refreshIntervals?: string[]; hidden?: boolean; nowDelay?: string };
  links?: readonly DashboardLinkSpec[];
  annotations?: readonly AnnotationSpec[];
  variables?: readonly VariableSpec[];
  /** Panels and rows, in reading order. */
  panels: ReadonlyArray<PanelSpec | RowSpec>;
  /** Escape hatch: keys merged verbatim into the dashboard JSON; listed by `dashcode build`. */
  raw?: Record<string, unknown>;
}

export interface DashboardSpec extends Readonly<Omit<DashboardOptions, 'panels' | 'variables' | 'links' | 'annotations'>> {
  readonly kind: 'dashboard';
  readonly panels: ReadonlyArray<PanelSpec | RowSpec>;
  readonly variables: readonly VariableSpec[];
  readonly links: readonly DashboardLinkSpec[];
  readonly annotations: readonly AnnotationSpec[];
  readonly issues: readonly Issue[];
}

const REFRESH = /^(\d+(ms|s|m|h|d))?$/;
const GRAPH_TOOLTIPS = ['off', 'crosshair', 'tooltip'] as const;
const WEEK_STARTS = ['', 'monday', 'saturday', 'sunday'] as const;
const isLink = (v: unknown) => (v as DashboardLinkSpec)?.kind === 'dashboard-link';
const isAnnotation = (v: unknown) => (v as AnnotationSpec)?.kind === 'annotation';
const isPanelOrRow = (v: unknown) => isPanel(v) || isRow(v);

/** Built on first use (lazy-schema.ts): valid options take the fast path below. */
export const dashboardInputSchema = lazySchema(() =>
  describes<DashboardOptions>()(
    z
      .object({
        uid: z.string().regex(UID, 'uid must be 1–40 characters of letters, digits, "-" and "_"'),
        title: z.string().min(1, 'a dashboard needs a title'),
        description: z.string().optional(),
        tags: z.array(z.string()).optional(),
        time: z.object({ from: z.string().min(1), to: z.string().min(1) }).strict().optional(),
        timezone: z.string().optional(),
        refresh: z.string().regex(REFRESH, 'must be an interval such as "30s"').optional(),
        graphTooltip: z.enum(GRAPH_TOOLTIPS).optional(),
        editable: z.boolean().optional(),
        liveNow: z.boolean().optional(),
        weekStart: z.enum(WEEK_STARTS).optional(),
        fiscalYearStartMonth: z.number().int().min(0).max(11).optional(),
        timepicker: z.object({ refreshIntervals: z.array(z.string()).optional(), hidden: z.boolean().optional(), nowDelay: z.string().optional() }).strict().optional(),
        links: z.array(z.custom(isLink, { message: 'must come from urlLink() or dashboardsLink()' })).readonly().optional(),
        annotations: z.array(z.custom(isAnnotation, { message: 'must come from promAnnotation() or sqlAnnotation()' })).readonly().optional(),
        variables: z.array(z.custom(isVariable, { message: 'must be a variable object' })).readonly().optional(),
        panels: z.array(z.custom(isPanelOrRow, { message: 'must be a panel or a row' })).readonly(),
        raw: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
  ),
);

// The fast path (input-checks.ts): each check accepts only what its zod counterpart above accepts.
const DASHBOARD_CHECKS: Readonly<Record<string, Check>> = {
  uid: isUid,
  title: isNonEmptyString,
  description: isString,
  tags: arrayOf((t) => typeof t === 'string'),
  time: (v) => v === undefined || strictObjectLooksValid(v, { from: isNonEmptyString, to: isNonEmptyString }, ['from', 'to']),
  timezone: isString,
  refresh: matching(REFRESH),
  graphTooltip: oneOf(...GRAPH_TOOLTIPS),
  editable: isBoolean,
  liveNow: isBoolean,
  weekStart: oneOf(...WEEK_STARTS),
  fiscalYearStartMonth: (v) => v === undefined || (isOptionalInt(0)(v) && (v as number) <= 11),
  timepicker: (v) => v === undefined || strictObjectLooksValid(v, { refreshIntervals: arrayOf((t) => typeof t === 'string'), hidden: isBoolean, nowDelay: isString }, []),
  links: arrayOf(isLink),
  annotations: arrayOf(isAnnotation),
  variables: arrayOf(isVariable),
  panels: arrayOf(isPanelOrRow, false),
  raw: isOptionalRecord,
};

/** True only when `dashboardInputSchema().safeParse(options)` would succeed (test/core/input-fast-paths.test.ts). */
export function dashboardInputLooksValid(options: unknown): boolean {
  return strictObjectLooksValid(options, DASHBOARD_CHECKS, ['uid', 'title', 'panels']);
}

/** Builder keys whose place in Grafana's JSON has another name (see ZodIssueOptions.outputPaths). */
const DASHBOARD_OUTPUT_PATHS = { variables: ['templating', 'list'], annotations: ['annotations', 'list'] } as const satisfies Partial<Record<keyof DashboardOptions, IssuePath>>;

/** A dashboard. Returns a frozen spec; `compileDashboard` turns it into Grafana JSON. */
function buildDashboard(options: DashboardOptions): DashboardSpec {
  const r = dashboardInputLooksValid(options) ? undefined : parseInput(dashboardInputSchema(), options);
  // Entries of the wrong kind are reported by the schema above and left out, so compile never meets them.
  const list = <T>(v: unknown, ok: (x: unknown) => boolean): T[] => (Array.isArray(v) ? (v.filter(ok) as T[]) : []);
  const links = list<DashboardLinkSpec>(options.links, (v) => (v as DashboardLinkSpec)?.kind === 'dashboard-link');
  const annotations = list<AnnotationSpec>(options.annotations, (v) => (v as AnnotationSpec)?.kind === 'annotation');
  const built = [
    ...links.flatMap((l, i) => underPath(['links', i], l.issues ?? [])),
    ...annotations.flatMap((a, i) => underPath(['annotations', 'list', i + 1], a.issues ?? [])),
  ];
  return Object.freeze({
    ...options,
    kind: 'dashboard',
    panels: list<PanelSpec | RowSpec>(options.panels, (v) => isPanel(v) || isRow(v)),
    variables: list<VariableSpec>(options.variables, isVariable),
    links,
    annotations,
    raw: options.raw !== undefined && isOptionsObject(options.raw) ? options.raw : undefined,
    issues: [...(r === undefined || r.success ? [] : issuesFromZod(r.error, { schema: dashboardInputSchema(), outputPaths: DASHBOARD_OUTPUT_PATHS })), ...built],
  });
}

export const isDashboard = hasDashboardKind as (v: unknown) => v is DashboardSpec;

/** The lists every spec `dashboard()` returns holds as its own properties (a spread copy keeps them). */
const SPEC_LISTS = ['panels', 'variables', 'links', 'annotations', 'issues'] as const;

/**
 * Why `spec`, which claims the dashboard kind, was not made by `dashboard()`,
 * or undefined when it has a spec's shape. Compile reads these lists without
 * asking: an object written by hand with only `kind: 'dashboard'` would
 * otherwise end as a JavaScript error ("Cannot read properties of undefined")
 * in the issue text.
 */
export function notMadeByDashboard(spec: DashboardSpec): string | undefined {
  const missing = SPEC_LISTS.filter((k) => !(Object.hasOwn(spec, k) && Array.isArray(spec[k])));
  if (missing.length === 0) return undefined;
  const names = missing.map((k) => `\`${k}\``);
  const list = names.length === 1 ? `${names[0]} is not a list` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are not lists`;
  return `not a dashboard spec made by dashboard(): ${list} (build it with dashboard({ ... }))`;
}

/** `dashboard`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const dashboard = neverThrows('dashboard', buildDashboard, (i): DashboardSpec => ({ kind: 'dashboard', uid: '', title: '', panels: [], variables: [], links: [], annotations: [], issues: [i] }));
