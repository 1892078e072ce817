/** Small dashboard fixtures for the lint tests: each test states only what matters to its rule. */
import { lintDashboard, type LintDatasource } from '../../src/lint/index.js';
import type { Issue } from '../../src/model/issue.js';

export type Json = Record<string, unknown>;

export const PROM = { type: 'prometheus', uid: 'prom' };
export const PG = { type: 'grafana-postgresql-datasource', uid: 'pg' };

export const DATASOURCES: LintDatasource[] = [
  { name: 'Prometheus', type: 'prometheus', uid: 'prom' },
  { name: 'Prometheus (long term)', type: 'prometheus', uid: 'prom-lt' },
  { name: 'Metrics DB', type: 'postgres', uid: 'pg' },
];

export function promPanel(title: string, exprs: string | string[], extra: Json = {}): Json {
  const list = Array.isArray(exprs) ? exprs : [exprs];
  return {
    type: 'timeseries',
    title,
    datasource: PROM,
    fieldConfig: { defaults: { unit: 'short' }, overrides: [] },
    targets: list.map((expr, i) => ({ refId: String.fromCharCode(65 + i), datasource: PROM, expr })),
    ...extra,
  };
}

export function sqlPanel(title: string, rawSql: string, extra: Json = {}): Json {
  return {
    type: 'table',
    title,
    datasource: PG,
    targets: [{ refId: 'A', datasource: PG, format: 'table', rawSql }],
    ...extra,
  };
}

/** Lays panels out two per row (12 wide, 8 high) and numbers them, unless they say otherwise. */
export function dashboard(panels: Json[], extra: Json = {}): Json {
  return {
    uid: 'lint-test',
    title: 'Lint test',
    schemaVersion: 42,
    panels: panels.map((p, i) => ({ id: i + 1, gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 }, ...p })),
    templating: { list: [] },
    ...extra,
  };
}

export function variable(name: string, extra: Json = {}): Json {
  return { name, type: 'custom', query: 'a,b', multi: false, includeAll: false, ...extra };
}

export function lint(json: unknown, datasources: LintDatasource[] | undefined = DATASOURCES): Issue[] {
  return lintDashboard(json, datasources ? { file: 'test.json', datasources } : { file: 'test.json' });
}

export function codes(issues: readonly Issue[]): string[] {
  return [...new Set(issues.map((i) => i.code))].sort();
}
