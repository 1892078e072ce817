/**
 * Reading generated dashboards and the hand-written originals, and comparing
 * them panel by panel. The tests read generated/ from disk (what Grafana is
 * given); `generated.test.ts` proves it is what the dashboard sources build.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repoRoot, sharedPath } from '../support/shared.js';

export interface PanelJson {
  id?: number;
  type: string;
  title?: string;
  description?: string;
  datasource?: { type?: string; uid?: string } | null;
  targets?: TargetJson[];
  panels?: PanelJson[];
  links?: Array<{ title: string; url: string }>;
  fieldConfig?: {
    defaults?: { unit?: string; min?: number; max?: number; links?: Array<{ title: string; url: string }> };
    overrides?: Array<{ matcher: { id: string; options: unknown }; properties: Array<{ id: string; value: unknown }> }>;
  };
}

export interface TargetJson {
  refId?: string;
  datasource?: { type?: string; uid?: string } | null;
  rawSql?: string;
  expr?: string;
  query?: string;
  queryType?: string;
  format?: string;
  legendFormat?: string;
}

export interface VariableJson {
  name: string;
  type: string;
  query?: unknown;
  definition?: string;
  datasource?: { type?: string; uid?: string } | null;
  current?: unknown;
  multi?: boolean;
  includeAll?: boolean;
  hide?: number;
  sort?: number;
}

export interface DashboardJson {
  uid: string;
  title: string;
  tags?: string[];
  time?: { from: string; to: string };
  refresh?: string;
  timezone?: string;
  links?: Array<{ title: string; url?: string; type: string; includeVars?: boolean; tags?: string[] }>;
  panels: PanelJson[];
  templating: { list: VariableJson[] };
  annotations?: { list: Array<{ datasource?: { type?: string; uid?: string } }> };
}

export const GENERATED_DIR = path.join(repoRoot, 'generated');

export function readGenerated(file: string): DashboardJson {
  return JSON.parse(readFileSync(path.join(GENERATED_DIR, file), 'utf8')) as DashboardJson;
}

/** Every generated dashboard file name (top level of generated/). */
export function generatedDashboardFiles(): string[] {
  return readdirSync(GENERATED_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function readOriginal(relative: string): DashboardJson {
  return JSON.parse(readFileSync(sharedPath('reference/transformers', relative), 'utf8')) as DashboardJson;
}

/** Uids of the datasources in the generated provisioning YAML. */
export function provisionedDatasourceUids(): Set<string> {
  const doc = parseYaml(readFileSync(path.join(GENERATED_DIR, 'provisioning/datasources/dashcode.yaml'), 'utf8')) as { datasources: Array<{ uid: string }> };
  return new Set(doc.datasources.map((d) => d.uid));
}

/** Rows and panels, rows' children included, in document order. */
export function allPanels(d: Pick<DashboardJson, 'panels'>): PanelJson[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

/** Original titles are the keys of the comparison tables; one untitled panel gets `#<id>`. */
export function panelKey(p: PanelJson): string {
  return p.title || `#${p.id}`;
}

export function queryText(t: TargetJson): string {
  return t.rawSql ?? t.expr ?? t.query ?? '';
}

/** Comparable query text: no whitespace, no trailing `;` or `-- comment`. */
export function normalizeQuery(q: string): string {
  return q
    .replace(/;\s*--.*$/s, '')
    .replace(/;\s*$/, '')
    .replace(/\s+/g, '');
}

/** Every link a panel carries: header links, data links, and data links set in overrides. */
export function panelLinks(p: PanelJson): Array<{ title: string; url: string }> {
  const fromOverrides = (p.fieldConfig?.overrides ?? []).flatMap((o) => o.properties.filter((prop) => prop.id === 'links').flatMap((prop) => prop.value as Array<{ title: string; url: string }>));
  return [...(p.links ?? []), ...(p.fieldConfig?.defaults?.links ?? []), ...fromOverrides];
}

/** The aspects of a panel a reviewer cares about when comparing it with its original. */
export type Aspect = 'title' | 'type' | 'unit' | 'range' | 'queries' | 'links';

export function differingAspects(original: PanelJson, now: PanelJson): Aspect[] {
  const out: Aspect[] = [];
  if (original.title !== now.title) out.push('title');
  if (original.type !== now.type) out.push('type');
  if (original.type === 'row' && now.type === 'row') return out;
  const o = original.fieldConfig?.defaults ?? {};
  const n = now.fieldConfig?.defaults ?? {};
  if (o.unit !== n.unit) out.push('unit');
  if (o.min !== n.min || o.max !== n.max) out.push('range');
  const queries = (p: PanelJson) => (p.targets ?? []).map((t) => normalizeQuery(queryText(t))).sort();
  if (JSON.stringify(queries(original)) !== JSON.stringify(queries(now))) out.push('queries');
  if (JSON.stringify(panelLinks(original)) !== JSON.stringify(panelLinks(now))) out.push('links');
  return out;
}

/** One row of a comparison table: the original panel, its counterpart, and why they differ. */
export interface Counterpart {
  original: string;
  now: string;
  /** Every aspect that differs, with the reason; an aspect that differs without a reason fails the test. */
  differences: Partial<Record<Aspect, string>>;
}

/** Dashboard-level aspects compared with the original. */
export type DashboardAspect = 'uid' | 'title' | 'time' | 'refresh' | 'timezone' | 'variables' | 'links' | 'tags';

export function differingDashboardAspects(original: DashboardJson, now: DashboardJson): DashboardAspect[] {
  const out: DashboardAspect[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (original.uid !== now.uid) out.push('uid');
  if (original.title !== now.title) out.push('title');
  if (!same(original.time, now.time)) out.push('time');
  if (!same(original.refresh || undefined, now.refresh || undefined)) out.push('refresh');
  if (!same(original.timezone || 'browser', now.timezone || 'browser')) out.push('timezone');
  if (!same(original.templating.list.map((v) => v.name), now.templating.list.map((v) => v.name))) out.push('variables');
  if (!same((original.links ?? []).map((l) => [l.title, l.url ?? '']), (now.links ?? []).map((l) => [l.title, l.url ?? '']))) out.push('links');
  if (!same(original.tags ?? [], now.tags ?? [])) out.push('tags');
  return out;
}

/** Datasource references of a dashboard: every panel, target, variable and annotation, with where they are. */
export function datasourceRefs(d: DashboardJson): Array<{ where: string; ref: { type?: string; uid?: string } | null | undefined }> {
  const out: Array<{ where: string; ref: { type?: string; uid?: string } | null | undefined }> = [];
  for (const p of allPanels(d)) {
    if (p.type === 'row') continue;
    // A panel without queries (text) has no datasource at all, which is right.
    if (p.datasource !== undefined || (p.targets?.length ?? 0) > 0) out.push({ where: `panel "${panelKey(p)}"`, ref: p.datasource });
    for (const t of p.targets ?? []) out.push({ where: `panel "${panelKey(p)}" target ${t.refId}`, ref: t.datasource });
  }
  for (const v of d.templating.list) if (v.type === 'query') out.push({ where: `variable ${v.name}`, ref: v.datasource });
  for (const [i, a] of (d.annotations?.list ?? []).entries()) out.push({ where: `annotation ${i}`, ref: a.datasource });
  return out;
}

/** Grafana's own datasources, always present and never provisioned. */
export const BUILTIN_DATASOURCE_UIDS = new Set(['-- Grafana --', '-- Mixed --', '-- Dashboard --']);
