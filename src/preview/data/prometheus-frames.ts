/**
 * Prometheus results as frames, one per series, named the way Grafana names
 * them: the target's legendFormat with `{{label}}` filled in, or (`__auto`,
 * empty) the metric and its labels, or the expression for a label-less result.
 */
import type { MatrixSeries, QueryData } from '../../check/prometheus-client.js';
import type { Frame } from './frames.js';

export function matrixFrames(series: readonly MatrixSeries[], legendFormat: string | undefined, expr: string, refId?: string): Frame[] {
  return series.map((s) => ({
    refId,
    fields: [
      { name: 'Time', type: 'time', values: s.values.map(([t]) => t * 1000) },
      { name: legendName(s.metric, legendFormat, expr), type: 'number', values: s.values.map(([, v]) => sampleValue(v)), labels: { ...s.metric } },
    ],
  }));
}

/** An instant query: every sample is one row at the evaluation time. */
export function instantFrames(data: QueryData, legendFormat: string | undefined, expr: string, refId?: string): Frame[] {
  if (data.resultType === 'matrix') return matrixFrames(data.result, legendFormat, expr, refId);
  if (data.resultType === 'vector') {
    return data.result.map((s) => ({
      refId,
      fields: [
        { name: 'Time', type: 'time', values: [s.value[0] * 1000] },
        { name: legendName(s.metric, legendFormat, expr), type: 'number', values: [sampleValue(s.value[1])], labels: { ...s.metric } },
      ],
    }));
  }
  const [t, v] = data.result;
  return [{ refId, fields: [{ name: 'Time', type: 'time', values: [t * 1000] }, { name: expr, type: 'number', values: [sampleValue(v)] }] }];
}

export function legendName(metric: Readonly<Record<string, string>>, legendFormat: string | undefined, expr: string): string {
  if (legendFormat && legendFormat !== '__auto') {
    // Only the series' own labels, as Grafana's Go map lookup has them: `{{constructor}}` is a label like any other.
    return legendFormat.replace(/\{\{\s*(.+?)\s*\}\}/g, (_, name: string) => (Object.hasOwn(metric, name) ? metric[name]! : ''));
  }
  const { __name__: name, ...labels } = metric;
  const text = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ');
  if (!name && !text) return expr;
  return `${name ?? ''}${text ? `{${text}}` : ''}`;
}

/** Prometheus sends values as text; NaN and ±Inf are not drawable, so they become gaps. */
function sampleValue(text: string): number | null {
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
