/**
 * PromQL queries on Prometheus panels: rate-like functions only over counters
 * and with `$__rate_interval`, `histogram_quantile` over `_bucket` series that
 * keep `le`. Queries that do not parse are left to the syntax check of the build.
 */
import { histogramQuantileCalls, parsePromQL, walkPromQL } from '../../languages/promql/index.js';
import { joinPath, type IssuePath } from '../../model/issue-path.js';
import type { Report } from '../report.js';
import { effectiveType, type LintDatasource } from './datasources.js';
import { isKnownCounter } from './known-counters.js';
import { panelLabel, targetsOf, type DashboardModel } from './model.js';
import { findVariableReferences } from '../../languages/variables/references.js';
import { lexPromQL } from '../../languages/promql/lexer.js';
import { unsafePromqlReference } from '../../languages/promql/interpolation.js';
import { sqlVariable } from './sql.js';
import { isBuiltinName } from './variables.js';

const RATE_FUNCTIONS = new Set(['rate', 'irate', 'increase']);
const COUNTER_SUFFIX = /(_total|_count|_sum|_bucket)$/;
/** `$__rate_interval` adapts to the scrape interval; `$__range` is the whole range, for one number per series. */
const GOOD_RANGES = new Set(['$__rate_interval', '${__rate_interval}', '$__range', '${__range}']);

export interface PromQuery {
  readonly expr: string;
  readonly path: IssuePath;
  readonly panel: string;
}

export function promQueries(model: DashboardModel, datasources: readonly LintDatasource[] | undefined): PromQuery[] {
  const out: PromQuery[] = [];
  for (const panel of model.panels) {
    for (const t of targetsOf(panel)) {
      if (typeof t.target.expr !== 'string' || t.target.expr.trim() === '') continue;
      const type = effectiveType(t, datasources, model);
      // Without a known type, `expr` is taken as PromQL (Loki also uses `expr`, but names its type).
      if (type !== undefined && type !== 'prometheus') continue;
      out.push({ expr: t.target.expr, path: joinPath(t.path, 'expr'), panel: panelLabel(panel) });
    }
  }
  return out;
}

/** Variables where a value a viewer chooses can leave its string (languages/promql/interpolation.ts). */
/**
 * Reported once per variable per dashboard (at its first unsafe use): nearly
 * every hand-written Prometheus dashboard writes `job="$job"` in every query,
 * and one finding per query would bury everything else lint says.
 */
function checkInterpolation(model: DashboardModel, q: PromQuery, report: Report, reported: Set<string>): void {
  const variables = new Map(model.variables.map((v) => [v.name, v]));
  const segments = lexPromQL(q.expr);
  for (const ref of findVariableReferences(q.expr)) {
    const v = variables.get(ref.name);
    if (!v || isBuiltinName(ref.name) || reported.has(ref.name)) continue;
    const problem = unsafePromqlReference(ref, sqlVariable(v), segments);
    if (problem === undefined) continue;
    reported.add(ref.name);
    report('promql-unsafe-interpolation', q.path, `${problem} (reported once per variable; every query using $${ref.name} this way has the same problem)`, q.panel);
  }
}

/**
 * `metricTypes`: metric family types from Prometheus' metadata API (`lint
 * --prometheus-url`). With them, "is it a counter" is looked up; without, it is read
 * from the name (counter suffixes, or a known exporter counter).
 */
export function checkPromQL(model: DashboardModel, datasources: readonly LintDatasource[] | undefined, report: Report, metricTypes?: ReadonlyMap<string, string>): void {
  const reportedVariables = new Set<string>();
  for (const q of promQueries(model, datasources)) {
    checkInterpolation(model, q, report, reportedVariables);
    const parsed = parsePromQL(q.expr);
    if (!parsed.ok) continue;
    const summary = walkPromQL(parsed.tree, q.expr);
    // rate() of a native histogram is right: its input to histogram_quantile/_count/_sum/... says it is one.
    const histogramCalls = summary.functionCalls.filter((c) => c.name.startsWith('histogram_'));
    for (const call of summary.functionCalls) {
      if (!RATE_FUNCTIONS.has(call.name)) continue;
      const insideHistogram = histogramCalls.some((h) => h.from <= call.from && call.to <= h.to);
      const arg = call.args[0];
      const range = arg && summary.ranges.find((r) => r.from === arg.from && r.to === arg.to && r.kind === 'range');
      if (!range) continue;
      const selector = summary.selectors.find((s) => s.from === range.target.from && s.to === range.target.to);
      const metric = selector?.name;
      const why = metric === undefined || insideHistogram ? undefined : notACounter(metric, metricTypes);
      if (metric !== undefined && why !== undefined) {
        report('promql-rate-counter', q.path, `${call.name}(${metric}[…]): "${metric}" ${why}; ${call.name} of a gauge is meaningless, use the gauge itself or deriv()`, q.panel);
      }
      if (!GOOD_RANGES.has(range.range)) {
        report('promql-rate-interval', q.path, `${call.name}(…[${range.range}]): use [$__rate_interval], which is at least four scrape intervals at every zoom level (or [$__range] for one value over the whole range)`, q.panel);
      }
    }
    for (const call of histogramQuantileCalls(q.expr, parsed.tree)) {
      // Only classic histograms have an `le` label; a native histogram (no _bucket series) is aggregated without it.
      if (call.keepsLe === false && call.metrics.some((m) => m.endsWith('_bucket'))) {
        const agg = call.aggregation ? `"${q.expr.slice(call.aggregation.from, call.aggregation.to)}"` : 'the bucket argument';
        report('promql-histogram-le', q.path, `histogram_quantile over ${agg}, which drops the le label: Prometheus returns nothing; aggregate with sum by (le) (or keep le in by (...))`, q.panel);
      }
      const notBuckets = call.metrics.filter((m) => notAHistogram(m, metricTypes));
      if (notBuckets.length > 0) {
        report('promql-histogram-bucket', q.path, `histogram_quantile over ${notBuckets.map((m) => `"${m}"`).join(', ')}, neither a classic histogram's _bucket series nor a native histogram`, q.panel);
      }
    }
  }
}

/** Metadata is per family: `http_requests` describes `http_requests_total`, `x` describes `x_bucket`. */
function familyType(metric: string, metricTypes: ReadonlyMap<string, string> | undefined): string | undefined {
  if (!metricTypes) return undefined;
  return metricTypes.get(metric) ?? metricTypes.get(metric.replace(/_(total|count|sum|bucket)$/, ''));
}

/** Why `metric` is no counter, or undefined when it is one (or may be). */
function notACounter(metric: string, metricTypes: ReadonlyMap<string, string> | undefined): string | undefined {
  const type = familyType(metric, metricTypes);
  if (type !== undefined) return type === 'gauge' ? 'is a gauge (Prometheus metadata)' : undefined;
  if (COUNTER_SUFFIX.test(metric) || isKnownCounter(metric)) return undefined;
  return 'is not a counter (no _total, _count, _sum or _bucket suffix)';
}

/**
 * A histogram_quantile input that is certainly wrong: a classic histogram's _sum or
 * _count (or a counter), or a gauge or counter by metadata. Any other name may be a
 * native histogram.
 */
function notAHistogram(metric: string, metricTypes: ReadonlyMap<string, string> | undefined): boolean {
  if (metric.endsWith('_bucket')) return false;
  const type = metricTypes?.get(metric);
  if (type !== undefined) return type === 'gauge' || type === 'counter';
  return /_(sum|count|total)$/.test(metric);
}
