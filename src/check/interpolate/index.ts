/**
 * Query expansion as Grafana performs it, so a dashboard's queries can be run against a
 * real backend: frontend variable interpolation (interpolateVariables), then the
 * backend's macros (expandPostgresMacros, expandPrometheusBuiltins). See docs/interpolation.md.
 */
export type { BuiltinValue, ScopedVar, TargetDatasource, TimeRange, VariableValue } from './types.js';
export {
  findVariableReferences,
  type ReferenceSyntax,
  type VariableReference,
} from '../../languages/variables/references.js';
export { applyFormat, FORMAT_IDS, isKnownFormat, type FormatValue, type FormatVariable } from './formats.js';
export {
  prometheusInterpolateQueryExpr,
  prometheusRegularEscape,
  prometheusSpecialRegexEscape,
  quoteLiteral,
  sqlInterpolateVariable,
  type FormatterVariableInfo,
} from './datasource-formats.js';
export {
  formatVariableValue,
  interpolateVariables,
  type InterpolateOptions,
  type InterpolateResult,
} from './variables.js';
export { calculateInterval, intervalToMs, secondsToHms } from './interval.js';
export { roundInterval } from './round-interval.js';
export {
  expandPostgresMacros,
  interpolateSqlGlobals,
  type FillMode,
  type PostgresMacroContext,
  type PostgresMacroResult,
} from './sql-macros.js';
export {
  expandPrometheusBuiltins,
  prometheusStep,
  rateInterval,
  rateIntervalMs,
  type PrometheusExpandResult,
  type PrometheusQueryContext,
} from './prom-macros.js';
export { goDurationString, formatGtimeInterval, rfc3339Nano } from './go-time.js';
export { CURRENT_GRAFANA_VERSION, parseGrafanaVersion, sqlLegacyQuoting, type GrafanaVersion } from './grafana-version.js';
