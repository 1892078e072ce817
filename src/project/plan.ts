import { buildDashboard, type BuildOptions } from '../build.js';
import { checkLintConfig, type LintConfig } from '../lint/config.js';
import type { DashboardSpec } from '../dashboards/dashboard.js';
import { lintDashboard } from '../lint/dashboard/lint.js';
import { dashboardProvidersDocument, datasourcesDocument, toYaml, type YamlMemo } from '../provisioning/yaml.js';
import { validateProvisioning } from '../provisioning/validate.js';
import { hasErrors, issue, withSource, type Issue } from '../model/issue.js';
import type { BuiltDashboard, Project } from './load.js';
import { planAlerting } from './plan-alerting.js';
import { resolveOutput, toPosix } from './output.js';
import path from 'node:path';

export interface PlannedFile {
  /** Relative to the project root, `/`-separated. */
  path: string;
  text: string;
}

export interface DashboardSummary {
  file: string;
  output?: string;
  title?: string;
  panels: number;
  variables: number;
  errors: number;
  warnings: number;
  escapeHatches: string[];
}

export interface Plan {
  files: PlannedFile[];
  issues: Issue[];
  dashboards: DashboardSummary[];
  /** Each dashboard built in this plan (not taken from the cache), by file. */
  built: Map<string, BuiltDashboard>;
}

/**
 * Everything `dashcode build` would write, computed in memory. `--check`
 * compares it with the disk; a build writes it. Dashboards with errors
 * produce no file.
 */
export interface PlanOptions extends Pick<BuildOptions, 'validate'> {
  /** Provisioning YAML made by earlier runs (provisioning/yaml.ts): the build passes the one it keeps. */
  yamlMemo?: YamlMemo;
}

export function planBuild(project: Project, options: PlanOptions = {}): Plan {
  const files: PlannedFile[] = [];
  const issues: Issue[] = [...project.issues];
  const dashboards: DashboardSummary[] = [];
  const out = toPosix(path.normalize(project.config.outDir)).replace(/\/$/, '');
  const uids = new Map<string, string>();

  for (const ds of project.datasources) issues.push(...withSource(ds.issues, { file: project.config.datasourcesModule, datasource: ds.name }));
  for (const ds of project.datasources) {
    for (const linked of ds.linked ?? []) {
      if (!project.datasources.some((d) => d.uid === linked.uid)) {
        issues.push({ ...issue('datasource-unknown', [], `datasource "${ds.name}" links to "${linked.name}" (uid ${linked.uid}), which is not provisioned`), source: { file: project.config.datasourcesModule } });
      }
    }
  }

  // The linter runs in every build: its errors fail the build like compile errors.
  const lint = checkLintConfig(project.config.lint, 'dashcode.config.ts');
  issues.push(...lint.issues);
  const outputs = new Map<string, string>();
  const dashboardsBuilt: Array<Record<string, unknown>> = [];
  const built = new Map<string, BuiltDashboard>();
  for (const d of project.dashboards) {
    const summary: DashboardSummary = { file: d.file, panels: 0, variables: 0, errors: 0, warnings: 0, escapeHatches: [] };
    dashboards.push(summary);
    let one = d.built;
    let json: Record<string, unknown> | undefined;
    if (!one && d.spec) {
      const result = buildOne(d.spec, d.file, project, options, lint.config);
      one = result.built;
      json = result.json;
      built.set(d.file, one);
    }
    if (!one) {
      // Not loaded: its module.load / module.no-dashboard issues are its errors.
      summary.errors = project.issues.filter((i) => i.source?.file === d.file && i.severity === 'error').length;
      continue;
    }
    summary.title = one.title;
    const dashboardIssues: Issue[] = [];
    const resolved = resolveOutput(d.output);
    const target = 'path' in resolved ? `${out}/${resolved.path}` : undefined;
    if ('problem' in resolved) dashboardIssues.push({ ...issue('output-path', ['output'], resolved.problem), source: { file: d.file, dashboard: one.title } });
    // Case-insensitive: on macOS and Windows X.json and x.json are one file.
    const clash = target && outputs.get(target.toLowerCase());
    if (clash) dashboardIssues.push({ ...issue('output-duplicate', ['output'], `writes ${target}, as ${clash} does`), source: { file: d.file, dashboard: one.title } });
    if (target && !clash) outputs.set(target.toLowerCase(), d.file);
    const otherUid = uids.get(one.uid);
    if (otherUid) dashboardIssues.push({ ...issue('dashboard-uid-duplicate', ['uid'], `uid "${one.uid}" is also used by ${otherUid}; Grafana would keep only one`), source: { file: d.file, dashboard: one.title } });
    uids.set(one.uid, d.file);

    if (one.text !== undefined) dashboardsBuilt.push(json ?? (JSON.parse(one.text) as Record<string, unknown>));
    dashboardIssues.push(...one.issues);
    summary.errors = dashboardIssues.filter((i) => i.severity === 'error').length;
    summary.warnings = dashboardIssues.filter((i) => i.severity === 'warning').length;
    summary.escapeHatches = one.escapeHatches;
    summary.panels = one.panels;
    summary.variables = one.variables;
    issues.push(...dashboardIssues);
    if (target && one.text !== undefined && !hasErrors(dashboardIssues)) {
      files.push({ path: target, text: one.text });
      summary.output = target;
    }
  }

  if (project.datasources.some((d) => d.external !== true)) {
    const provisioningFiles: Array<[string, unknown, 'datasources' | 'dashboards']> = [
      [`${out}/provisioning/datasources/dashcode.yaml`, datasourcesDocument(project.datasources), 'datasources'],
      [`${out}/provisioning/dashboards/dashcode.yaml`, dashboardProvidersDocument(project.config), 'dashboards'],
    ];
    for (const [file, doc, kind] of provisioningFiles) {
      const found = validateProvisioning(doc, kind).map((i) => ({ ...i, source: { file } }));
      issues.push(...found);
      if (!hasErrors(found)) files.push({ path: file, text: toYaml(doc, 'Generated by dashcode from datasources/ and dashcode.config; do not edit.', options.yamlMemo) });
    }
  }
  const alerting = planAlerting(project, dashboardsBuilt, lint.config, options.yamlMemo);
  issues.push(...alerting.issues);
  if (alerting.file) files.push(alerting.file);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, issues, dashboards, built };
}

function buildOne(spec: DashboardSpec, file: string, project: Project, options: PlanOptions, lintConfig: LintConfig): { built: BuiltDashboard; json: Record<string, unknown> } {
  // The same call a library user makes (test/cli/build-same-issues.test.ts): the build prints what buildDashboard returns.
  const result = buildDashboard(spec, { datasources: project.datasources, file, validate: options.validate, lint: (json, ctx) => lintDashboard(json, { ...ctx, config: lintConfig }) });
  const issues = [...result.issues];
  const built: BuiltDashboard = {
    uid: spec.uid,
    title: spec.title,
    text: result.text,
    issues,
    escapeHatches: result.escapeHatches,
    panels: countPanels(result.json),
    variables: countVariables(result.json),
  };
  return { built, json: result.json };
}

// Both read a build's JSON, which is `{}` when the spec could not be built (a hand-made object claiming kind 'dashboard').
function countVariables(json: Record<string, unknown>): number {
  const list = (json.templating as { list?: unknown } | undefined)?.list;
  return Array.isArray(list) ? list.length : 0;
}

function countPanels(json: Record<string, unknown>): number {
  let n = 0;
  for (const p of (json.panels as Array<{ type: string; panels?: unknown[] }>) ?? []) {
    if (p.type === 'row') n += p.panels?.length ?? 0;
    else n += 1;
  }
  return n;
}
