/**
 * Panel builders of the benchmark dashboard. The measurement keys are the
 * ones the current MetricsRecorder writes into `model_measurements.measurements`
 * (see the metrics DB schema): a key outside this list does not compile, which
 * is how the original's `forward_pass_time`-style columns are ruled out.
 */
import { barchartPanel, ident, lit, sql, sqlQuery, timeseriesPanel, type LinkInput, type PanelSpec, type QueryText } from '../src/index.js';
import { metricsDb } from '../datasources/index.js';
import { runLabel, selectedRuns } from './_benchmark-variables.js';

export type MeasurementKey =
  | 'model_load_time'
  | 'first_eager_forward_pass_time_secs'
  | 'second_eager_forward_pass_time_secs'
  | 'first_eager_generate_time_secs'
  | 'second_eager_generate_time_secs'
  | 'time_to_first_token_secs'
  | 'time_to_second_token_secs'
  | 'time_to_third_token_secs'
  | 'time_to_next_token_mean_secs'
  | 'first_compile_generate_time_secs'
  | 'second_compile_generate_time_secs'
  | 'third_compile_generate_time_secs'
  | 'fourth_compile_generate_time_secs';

/** `(m.measurements->>'key')::double precision AS "label"`; keys and labels are constants of the dashboard sources, never user input. */
function measurementColumn(key: MeasurementKey, label: string): QueryText<'sql'> {
  return sql`(m.measurements->>${lit(key)})::double precision AS ${ident(label)}`;
}

function joinSql(parts: ReadonlyArray<QueryText<'sql'>>): QueryText<'sql'> {
  return parts.reduce((acc, part, i) => (i === 0 ? part : sql`${acc}, ${part}`));
}

export interface MeasurementSeries {
  key: MeasurementKey;
  label: string;
}

/**
 * Bars of one or more measurements (seconds) per selected run, oldest run on
 * the left. Several series are drawn as grouped bars.
 */
export function measurementBars(title: string, description: string, series: readonly MeasurementSeries[], slot: { w?: number; h?: number } = {}): PanelSpec {
  const columns = joinSql(series.map((s) => measurementColumn(s.key, s.label)));
  return barchartPanel({
    title,
    description,
    unit: 's',
    min: 0,
    w: slot.w ?? 12,
    h: slot.h ?? 9,
    options: { xField: 'run', legend: { showLegend: series.length > 1 }, xTickLabelRotation: -30 },
    queries: [
      sqlQuery({
        datasource: metricsDb,
        sql: sql`SELECT ${runLabel} AS run, ${columns} FROM benchmarks b JOIN model_measurements m ON m.benchmark_id = b.benchmark_id WHERE ${selectedRuns} ORDER BY b.created_at`,
      }),
    ],
  });
}

export type DeviceColumn = 'cpu_util' | 'gpu_util' | 'mem_megabytes' | 'gpu_mem_megabytes';

/**
 * One `device_measurements` column over time, one series per selected run.
 * The selected runs filter comes first; `$__timeFilter` only trims to the
 * visible range (see "Zoom to selected runs").
 */
export function deviceTimeseries(title: string, description: string, column: DeviceColumn, field: { unit: 'percent' | 'decmbytes'; min?: number; max?: number }, links: LinkInput[]): PanelSpec {
  const value = ident(`d.${column}`);
  return timeseriesPanel({
    title,
    description,
    unit: field.unit,
    min: field.min ?? 0,
    max: field.max,
    links,
    options: { legend: { displayMode: 'table', placement: 'right', calcs: ['mean', 'max'] }, tooltip: { mode: 'multi', sort: 'desc' } },
    queries: [
      sqlQuery({
        datasource: metricsDb,
        format: 'time_series',
        sql: sql`SELECT d.time AS time, ${runLabel} AS metric, ${value} AS value FROM benchmarks b JOIN device_measurements d ON d.benchmark_id = b.benchmark_id WHERE ${selectedRuns} AND $__timeFilter(d.time) ORDER BY 1`,
      }),
    ],
  });
}
