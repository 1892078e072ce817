/**
 * Issue 14, defects in our own Tempo output: the trace lookup window of the Tempo
 * datasource, and the gallery's traces panel.
 */
import { describe, expect, it } from 'vitest';
import { intervalToMs } from '../../src/check/interpolate/index.js';
import { checkDashboard } from '../../src/check/run/index.js';
import { tempo } from '../../datasources/index.js';
import { allPanels, readGenerated } from './support.js';

/** TempoDatasource.makeTraceIdRequest: from − spanStartTimeShift, to + spanEndTimeShift (rangeUtil.intervalToMs). */
function traceLookupWindow(range: { from: number; to: number }, traceQuery: { spanStartTimeShift?: string; spanEndTimeShift?: string }) {
  return { from: range.from - intervalToMs(traceQuery.spanStartTimeShift || '30m'), to: range.to + intervalToMs(traceQuery.spanEndTimeShift || '30m') };
}

describe('Tempo datasource time shift', () => {
  it('widens a trace lookup by one hour on each side (a -1h start shift moved the window into the future)', () => {
    const traceQuery = (tempo.jsonData as { traceQuery: { timeShiftEnabled: boolean; spanStartTimeShift: string; spanEndTimeShift: string } }).traceQuery;
    expect(traceQuery).toEqual({ timeShiftEnabled: true, spanStartTimeShift: '1h', spanEndTimeShift: '1h' });
    const hour = 3_600_000;
    const now = Date.UTC(2026, 0, 1, 12);
    expect(traceLookupWindow({ from: now - hour, to: now }, traceQuery)).toEqual({ from: now - 2 * hour, to: now + hour });
  });
});

describe('traces panels look a trace up by id', () => {
  it('the gallery traces panel sends a trace-ID query, not a TraceQL search', () => {
    const trace = allPanels(readGenerated('panel-gallery.json')).find((p) => p.type === 'traces')!;
    expect(trace.targets![0]).toMatchObject({ queryType: 'traceId', query: '${trace_id}' });
  });

  it('check reports a trace lookup with an empty trace_id as failing, as Grafana would', async () => {
    const c = await checkDashboard(readGenerated('generation-traces.json') as unknown as Record<string, unknown>);
    const q = c.queries.find((x) => x.panel === 'Trace')!;
    expect(q).toMatchObject({ language: 'traceid', status: 'error' });
    expect(q.message).toContain('empty trace id');
    expect(c.queries.find((x) => x.panel === 'Matching traces')).toMatchObject({ language: 'traceql', status: 'syntax-ok' });
  });
});
