/**
 * dashcode: Grafana dashboards as code.
 *
 * Layers, each in its own folder: model (types, defaults), builders
 * (datasources, variables, queries, panels, rows, dashboards), compile
 * (layout, ids, serialization), validate, provisioning, check (backends), cli.
 *
 * This is the package's root entry (`import ... from 'dashcode'`): builders
 * and compile only. Each tool has its own subpath export (src/entries/).
 */
export { env, type EnvRef } from './model/env.js';
export type { Json, JsonObject, Loose } from './model/loose.js';
export type { Unit } from './model/units.js';

export { datasourceRef, type DatasourceSpec, type DatasourceRef } from './datasources/datasource.js';
export { postgresDatasource, type PostgresDatasource } from './datasources/postgres/postgres.js';
export type { PostgresDatasourceOptions } from './datasources/postgres/options.js';
export { prometheusDatasource, type PrometheusDatasource } from './datasources/prometheus/prometheus.js';
export type { PrometheusDatasourceOptions } from './datasources/prometheus/options.js';
export { tempoDatasource, type TempoDatasource } from './datasources/tempo/tempo.js';
export type { TempoDatasourceOptions } from './datasources/tempo/options.js';
export { externalDatasource, type ExternalDatasource } from './datasources/external/external.js';
export type { ExternalDatasourceOptions } from './datasources/external/options.js';

export { sql, promql, traceql, rawQueryText, ident, lit, metricName, type QueryText, type QueryLanguage, type QueryToken } from './queries/text.js';
export { sqlQuery, type SqlQueryOptions } from './queries/sql.js';
export { promQuery, type PromQueryOptions } from './queries/prometheus.js';
export { tempoQuery, type TempoQueryOptions } from './queries/tempo.js';
export type { QuerySpec } from './queries/query.js';
export { rawQuery, type RawQueryOptions } from './queries/raw.js';

export type { VariableSpec, VariableRef, VariableFormat } from './variables/variable.js';
export { queryVariable, type QueryVariableOptions } from './variables/query.js';
export { customVariable, type CustomVariableOptions } from './variables/custom.js';
export {
  constantVariable,
  textboxVariable,
  intervalVariable,
  datasourceVariable,
  type ConstantVariableOptions,
  type TextboxVariableOptions,
  type IntervalVariableOptions,
  type DatasourceVariableOptions,
} from './variables/simple.js';
export { rawVariable } from './variables/raw.js';

export type { PanelSpec, PanelOptions, PanelSlot } from './panels/panel.js';
export { overrideByName, overrideByRegex, overrideByType, overrideByQuery, type Override, type FieldProperties, type ThresholdsInput, type LinkInput } from './panels/field-config.js';
export { timeseriesPanel } from './panels/timeseries/timeseries.js';
export { tablePanel } from './panels/table/table.js';
export { barchartPanel } from './panels/barchart/barchart.js';
export { statPanel } from './panels/stat/stat.js';
export { gaugePanel } from './panels/gauge/gauge.js';
export { bargaugePanel } from './panels/bargauge/bargauge.js';
export { textPanel, type TextPanelOptions } from './panels/text/text.js';
export { heatmapPanel } from './panels/heatmap/heatmap.js';
export { histogramPanel } from './panels/histogram/histogram.js';
export { piechartPanel } from './panels/piechart/piechart.js';
export { tracesPanel } from './panels/traces/traces.js';
export { pluginPanel, type PluginPanelOptions } from './panels/plugin/plugin.js';

export { row, type RowSpec, type RowOptions } from './rows/row.js';
export { dashboard, type DashboardSpec, type DashboardOptions } from './dashboards/dashboard.js';
export { urlLink, dashboardsLink, type DashboardLinkSpec } from './dashboards/links.js';
export { promAnnotation, sqlAnnotation, rawAnnotation, type AnnotationSpec, type AnnotationOptions, type SqlAnnotationOptions, type RawAnnotationOptions } from './dashboards/annotations.js';
export { withFields } from './model/with-fields.js';

export { compileDashboard, type CompileOptions, type CompileResult } from './compile/compile.js';
export { layoutPanels, type GridPos, type LayoutNode } from './compile/layout.js';
export { printCanonical } from './compile/serialize.js';
export { SCHEMA_VERSION } from './compile/schema-version.js';
export { buildDashboard, type BuildOptions, type BuildResult, type DashboardLinter } from './build.js';

export { formatIssues, formatIssue } from './validate/issues.js';
export type { Issue, IssueSource, Severity, IssueCode } from './model/issue.js';
export { renderPath, type IssuePath, type PathSegment } from './model/issue-path.js';
export { defineConfig, type DashcodeConfig, type ProvisioningConfig } from './config/config.js';


// Per-plugin option types (Grafana's panelcfg for each panel plugin), for typed helpers around the builders.
export type { TimeseriesOptions, TimeseriesFieldConfig } from './panels/timeseries/options.js';
export type { TableOptions, TableFieldConfig } from './panels/table/options.js';
export type { BarchartOptions, BarchartFieldConfig } from './panels/barchart/options.js';
export type { StatOptions } from './panels/stat/options.js';
export type { GaugeOptions } from './panels/gauge/options.js';
export type { BargaugeOptions } from './panels/bargauge/options.js';
export type { TextOptions } from './panels/text/options.js';
export type { HeatmapOptions, HeatmapFieldConfig } from './panels/heatmap/options.js';
export type { HistogramOptions, HistogramFieldConfig } from './panels/histogram/options.js';
export type { PiechartOptions, PiechartFieldConfig } from './panels/piechart/options.js';
export type { TracesOptions } from './panels/traces/options.js';

// The tools live in their own entry points so that `import 'dashcode'` loads only the builders and
// the compiler: dashcode/provisioning, dashcode/check, dashcode/lint, dashcode/diff, dashcode/import,
// dashcode/preview (src/entries/). Test: test/pack/module-graph.test.ts.
