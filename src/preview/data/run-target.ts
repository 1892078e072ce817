/**
 * Runs one panel target with the check engine's executor (same interpolation,
 * macros, intervals and Prometheus step) and keeps the result rows as frames
 * so the preview can draw them.
 */
import type { Needs } from '../../model/needs.js';
import type { TimeRange, VariableValue } from '../../check/interpolate/index.js';
import { executePromQL, executeSql, type Backends } from '../../check/run/execute.js';
import type { TargetRef } from '../../check/run/extract.js';
import { sqlFrames, type Frame } from './frames.js';
import { instantFrames, matrixFrames } from './prometheus-frames.js';

export type { Backends };

export type TargetResult =
  | { state: 'data'; frames: Frame[]; query: string }
  | { state: 'error'; message: string; query?: string }
  /** Not run: no backend for it, or a language the preview cannot run (TraceQL). */
  | { state: 'skipped'; message: string; needs?: Needs };

/** Runs one target through the check engine's executor and keeps the result as frames to draw. */
export async function runTarget(t: TargetRef, raw: Record<string, unknown>, vars: Map<string, VariableValue>, range: TimeRange, backends: Backends): Promise<TargetResult> {
  switch (t.language) {
    case 'sql': {
      const e = await executeSql(t, vars, range, backends.sql);
      if (e.kind === 'sql') return { state: 'data', frames: sqlFrames({ rows: e.rows, fields: e.fields }, t.format, t.refId), query: e.expanded };
      if (e.kind === 'error') return { state: 'error', message: e.message, query: e.expanded };
      return { state: 'skipped', message: 'no database given' };
    }
    case 'promql': {
      const e = await executePromQL(t, vars, range, backends.prometheus);
      const legendFormat = typeof raw.legendFormat === 'string' ? raw.legendFormat : undefined;
      if (e.kind === 'prom-instant') return { state: 'data', frames: instantFrames(e.data, legendFormat, e.expanded, t.refId), query: e.expanded };
      if (e.kind === 'prom-range') return { state: 'data', frames: matrixFrames(e.series, legendFormat, e.expanded, t.refId), query: e.expanded };
      if (e.kind === 'error') return { state: 'error', message: e.message, query: e.expanded };
      return { state: 'skipped', message: 'PromQL: no Prometheus given, so this panel is not drawn', needs: 'prometheus' };
    }
    case 'traceql':
      return { state: 'skipped', message: 'the preview does not query Tempo: trace panels stay empty' };
    default:
      return { state: 'skipped', message: t.datasourceType === 'tempo' ? 'the preview does not query Tempo: trace panels stay empty' : 'no SQL or PromQL in this query' };
  }
}
