/**
 * Generation traces: the spans transformers' `@traced` generation code sends
 * to Tempo. A table of matching traces, and the trace picked in it drawn
 * below. The latency panels of the serving dashboards link here with their
 * time range (and, for request latency, a minimum duration).
 * See docs/dashboards/generation-traces.md.
 */
import { dashboard, overrideByRegex, row, tablePanel, tempoQuery, textboxVariable, traceql, tracesPanel } from 'dashcode';
import { tempo } from '../datasources/index.js';
import { servingDashboards } from './_serving.js';
import { UIDS } from './_uids.js';

export const output = 'generation-traces.json';

const spanName = textboxVariable({
  name: 'span_name',
  label: 'Span name (regex)',
  description: 'TraceQL regular expression on the span name.',
  default: '.*generate.*',
});

// A textbox, not a custom list: the latency data links pass any value, e.g. the clicked p95 `523.4ms`.
const minDuration = textboxVariable({
  name: 'min_duration',
  label: 'Min duration',
  description: 'Only spans at least this long, as a TraceQL duration: 250ms, 1.5s…',
  default: '0ms',
});

const traceId = textboxVariable({
  name: 'trace_id',
  label: 'Trace ID',
  description: 'The trace drawn in the Trace panel; set by clicking a trace ID in the table.',
});

// Tempo's search frame names the field `traceID`, displayed "Trace ID"; match both.
const TRACE_ID_FIELD = '/^(traceID|Trace ID)$/';

export default dashboard({
  uid: UIDS.traces,
  title: 'Transformers generation traces',
  description: 'Traces of the generation spans (Tempo): the matching traces, and the one picked drawn as a waterfall.',
  tags: ['transformers', 'serving', 'traces'],
  time: { from: 'now-1h', to: 'now' },
  variables: [spanName, minDuration, traceId],
  links: [servingDashboards],
  panels: [
    tablePanel({
      title: 'Matching traces',
      description: 'Traces with a span whose name matches the regex and that lasts at least the minimum duration. Click a trace ID to draw it below.',
      w: 24,
      h: 10,
      overrides: [
        overrideByRegex(TRACE_ID_FIELD, {
          links: [
            {
              title: 'Show this trace below',
              url: `/d/${UIDS.traces}?\${span_name:queryparam}&\${min_duration:queryparam}&var-trace_id=\${__value.raw}&\${__url_time_range}`,
            },
          ],
        }),
      ],
      queries: [tempoQuery({ datasource: tempo, query: traceql`{ name =~ "${spanName}" && duration >= ${minDuration} }`, limit: 50, tableType: 'traces' })],
    }),
    // Collapsed: a trace lookup with an empty trace_id fails in Grafana, and panels of a collapsed
    // row run no query until the row is opened (after a trace ID was clicked).
    row({
      title: 'Trace (click a trace ID above, then open this row)',
      collapsed: true,
      panels: [
        tracesPanel({
          title: 'Trace',
          description: 'The trace whose ID is in the Trace ID variable (a trace-id lookup, not a search).',
          w: 24,
          h: 16,
          queries: [tempoQuery({ datasource: tempo, type: 'traceId', query: traceql`${traceId}` })],
        }),
      ],
    }),
  ],
});
