/**
 * The generation traces dashboard (no hand-written original): a table of
 * matching traces and a traces panel, driven by textbox variables.
 */
import { describe, expect, it } from 'vitest';
import { allPanels, panelLinks, readGenerated } from './support.js';

const d = readGenerated('generation-traces.json');
const panel = (type: string) => allPanels(d).find((p) => p.type === type)!;

describe('generation traces dashboard', () => {
  it('has a table of matching traces and a traces panel, both on Tempo', () => {
    expect(allPanels(d).map((p) => [p.type, p.title])).toEqual([
      ['table', 'Matching traces'],
      ['row', 'Trace (click a trace ID above, then open this row)'],
      ['traces', 'Trace'],
    ]);
    for (const p of allPanels(d)) for (const t of p.targets ?? []) expect(t.datasource).toEqual({ type: 'tempo', uid: 'transformers-tempo' });
  });

  it('shows no error on load: the trace lookup (empty trace_id until a trace is clicked) sits in a collapsed row (issue 14)', () => {
    const row = d.panels.find((p) => p.type === 'row')!;
    expect(row).toMatchObject({ collapsed: true });
    expect(row.panels?.map((p) => p.type)).toEqual(['traces']);
    expect(panel('traces').targets![0]).toMatchObject({ queryType: 'traceId', query: '${trace_id}' });
  });

  it('searches generation spans by name regex and minimum duration', () => {
    expect(panel('table').targets![0]).toMatchObject({ queryType: 'traceql', query: '{ name =~ "${span_name}" && duration >= ${min_duration} }', tableType: 'traces' });
    expect(Object.fromEntries(d.templating.list.map((v) => [v.name, [v.type, v.query]]))).toEqual({
      span_name: ['textbox', '.*generate.*'],
      min_duration: ['textbox', '0ms'],
      trace_id: ['textbox', ''],
    });
  });

  it('draws the trace picked in the table: the trace ID link sets trace_id and keeps the other filters and the time range', () => {
    expect(panelLinks(panel('table')).map((l) => l.url)).toEqual(['/d/transformers-generation-traces?${span_name:queryparam}&${min_duration:queryparam}&var-trace_id=${__value.raw}&${__url_time_range}']);
    expect(panel('traces').targets![0]!.query).toBe('${trace_id}');
  });
});
