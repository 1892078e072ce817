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

  it('check skips a trace lookup with an empty trace_id in a collapsed row: Grafana runs nothing there until it is opened', async () => {
    const c = await checkDashboard(readGenerated('generation-traces.json') as unknown as Record<string, unknown>);
    const q = c.queries.find((x) => x.panel === 'Trace')!;
    expect(q).toMatchObject({ language: 'traceid', status: 'skipped', needs: 'variable' });
    expect(q.message).toBe('trace lookup with an empty trace id (${trace_id}) in a collapsed row: Grafana runs it once the row is opened, after an id is chosen; give the variable a value to check it');
    expect(c.queries.find((x) => x.panel === 'Matching traces')).toMatchObject({ language: 'traceql', status: 'syntax-ok' });
  });

  it('the same lookup in an open row fails, as Grafana shows an error on load; given a trace id, it is checked', async () => {
    const json = readGenerated('generation-traces.json') as unknown as { panels: Array<Record<string, unknown>> };
    // Open every row: its panels move after it, onto the grid (what Grafana saves for an open row).
    const open = { ...json, panels: json.panels.flatMap((p) => (p.type === 'row' ? [{ ...p, collapsed: false, panels: [] }, ...((p.panels as unknown[]) ?? [])] : [p])) };
    const failing = (await checkDashboard(open)).queries.find((x) => x.panel === 'Trace')!;
    expect(failing).toMatchObject({ status: 'error', message: 'trace lookup with an empty trace id (${trace_id}): Grafana shows an error on this panel until a trace id is chosen' });
    const given = await checkDashboard(open, { variableValues: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' } });
    expect(given.queries.find((x) => x.panel === 'Trace')).toMatchObject({ status: 'syntax-ok', expanded: '4bf92f3577b34da6a3ce929d0e0e4736' });
    expect(given.variables.find((v) => v.name === 'trace_id')).toMatchObject({ value: '4bf92f3577b34da6a3ce929d0e0e4736', given: true });
    const notHex = await checkDashboard(json, { variableValues: { trace_id: 'not-a-trace' } });
    expect(notHex.queries.find((x) => x.panel === 'Trace')).toMatchObject({ status: 'error', message: 'a trace lookup needs a hex trace id, got "not-a-trace"' });
  });
});
