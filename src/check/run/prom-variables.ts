import { labelNames, labelValues, query as promInstant } from '../prometheus-client.js';
import { interpolateVariables, type TimeRange, type VariableValue } from '../interpolate/index.js';
import type { PromRunner } from './runners.js';
import { withinRegexBudget } from './regex-budget.js';

/**
 * The options of a Prometheus query variable, as Grafana's Prometheus
 * datasource computes them (packages/grafana-prometheus/src/metric_find_query.ts):
 *   label_names()                → every label name
 *   label_values(label)          → values of a label
 *   label_values(selector, label)→ values of a label on the matching series
 *   metrics(regex)               → metric names matching the regex
 *   query_result(expr)           → one option per series of an instant query: `name{labels} value timestamp`
 */
const MAX_VARIABLE_QUERY = 10_000;

export async function prometheusVariableOptions(query: string, vars: Map<string, VariableValue>, range: TimeRange, prom: PromRunner): Promise<string[]> {
  const q = interpolateVariables(query, vars, { datasource: 'prometheus', range }).text.trim();
  // The patterns below are Grafana's, and quadratic on long text (a lazy (.+?) before \s*,); no real variable query
  // comes near this length.
  if (q.length > MAX_VARIABLE_QUERY) throw new Error(`a Prometheus variable query of ${q.length.toLocaleString('en-US')} characters: check runs those of at most ${MAX_VARIABLE_QUERY.toLocaleString('en-US')}`);
  const span = { start: range.from, end: range.to };
  let m: RegExpExecArray | null;
  if (/^label_names\(\s*\)$/.test(q)) return labelNames(prom.url, span, prom);
  if ((m = /^label_values\(\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/.exec(q))) return labelValues(prom.url, m[1]!, span, prom);
  if ((m = /^label_values\(\s*(.+?)\s*,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/.exec(q))) return labelValues(prom.url, m[2]!, { ...span, match: m[1]! }, prom);
  if ((m = /^metrics\(\s*(.*?)\s*\)$/.exec(q))) {
    const re = new RegExp(m[1] ?? '');
    const names = await labelValues(prom.url, '__name__', span, prom);
    return withinRegexBudget(() => names.filter((n) => re.test(n)), 'the regex of metrics()');
  }
  if ((m = /^query_result\(\s*([\s\S]+)\s*\)$/.exec(q))) {
    const r = await promInstant(prom.url, m[1]!, { time: range.to }, prom);
    if (r.data.resultType !== 'vector') return [];
    return r.data.result.map((s) => {
      const { __name__: name = '', ...labels } = s.metric;
      const text = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',');
      return `${name}{${text}} ${s.value[1]} ${s.value[0] * 1000}`;
    });
  }
  throw new Error(`unsupported Prometheus variable query ${JSON.stringify(q)} (label_names(), label_values(), metrics(), query_result())`);
}
