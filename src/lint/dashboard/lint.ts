import type { Issue } from '../../model/issue.js';
import type { LintConfig } from '../config.js';
import { collector, toIssues } from '../report.js';
import type { LintDatasource } from './datasources.js';
import { checkLayout } from './layout.js';
import { readDashboard } from './model.js';
import { checkPanels } from './panels.js';
import { checkPromQL } from './promql.js';
import { checkDashboardUid, checkDatasourceRefs, checkIds } from './references.js';
import { checkSql } from './sql.js';
import { checkVariables } from './variables.js';

export interface LintDashboardContext {
  /** Shown in every issue's source. */
  file?: string;
  /**
   * The provisioned datasources. When given, every reference must resolve to
   * one of them; when absent, references are only checked for a uid.
   */
  datasources?: readonly LintDatasource[];
  config?: LintConfig;
  /** Metric family types from Prometheus' metadata API (`lint --prometheus-url`), by name. */
  metricTypes?: ReadonlyMap<string, string>;
}

/**
 * Lints one dashboard's JSON (as Grafana stores it, or an API `{dashboard}`
 * response). Pure and synchronous: no files, no network, nothing printed.
 */
export function lintDashboard(json: unknown, ctx: LintDashboardContext = {}): Issue[] {
  const scope = { ...(ctx.file !== undefined ? { file: ctx.file } : {}) };
  const model = readDashboard(json);
  if (!model) {
    return toIssues([{ code: 'lint-parse', path: [], message: 'not a dashboard: expected a JSON object with panels, templating or schemaVersion' }], scope, ctx.config);
  }
  const { report, findings } = collector();
  checkDashboardUid(model, report);
  checkIds(model, report);
  checkDatasourceRefs(model, ctx.datasources, report);
  checkVariables(model, report);
  checkLayout(model, report);
  checkPanels(model, ctx.datasources, report);
  checkSql(model, ctx.datasources, report);
  checkPromQL(model, ctx.datasources, report, ctx.metricTypes);
  return toIssues(findings, { ...scope, ...(model.uid !== undefined ? { dashboardUid: model.uid } : {}), ...(model.title !== undefined ? { dashboardTitle: model.title } : {}) }, ctx.config);
}
