/**
 * Panel builders of the benchmark dashboard. The measurement keys are the
 * ones the current MetricsRecorder writes into `model_measurements.measurements`
 * (see the metrics DB schema): a key outside this list does not compile, which
 * is how the original's `forward_pass_time`-style columns are ruled out.
 */
import { barchartPanel, ident, lit, overrideByName, sql, sqlQuery, statPanel, timeseriesPanel, type LinkInput, type PanelSpec, type QueryText, type ThresholdsInput } from 'dashcode';
import { metricsDb } from '../datasources/index.js';
import { branch, changes, commit, lastRuns, model, NOISE_PCT, repository, runLabel, selectedRuns } from './_benchmark-variables.js';

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

/** `(b.measurements->>'key')::double precision AS "label"`; keys and labels are constants of the dashboard sources, never user input. */
function measurementColumn(key: MeasurementKey, label: string): QueryText<'sql'> {
  return sql`${value(key)} AS ${ident(label)}`;
}

function joinSql(parts: ReadonlyArray<QueryText<'sql'>>): QueryText<'sql'> {
  return parts.reduce((acc, part, i) => (i === 0 ? part : sql`${acc}, ${part}`));
}

export interface MeasurementSeries {
  key: MeasurementKey;
  label: string;
}

/** Colours of the trend bars: earlier runs, and the selected (by default the latest) commit. */
export const TREND_COLOR = 'blue';
export const SELECTED_COLOR = 'orange';

/**
 * Verdict colours for "change, positive = worse" in percent: better below
 * −NOISE_PCT, same within ±NOISE_PCT, worse above.
 */
export const VERDICT_THRESHOLDS: ThresholdsInput = {
  steps: [
    { color: 'green' },
    { color: '#5a6270', value: -NOISE_PCT },
    { color: 'red', value: NOISE_PCT },
  ],
};

/** The last $runs runs of the branch for the model, oldest first (`b` and `m` as in every panel). */
const lastRunsOfBranch = sql`(SELECT b.benchmark_id, b.commit_id, b.created_at, m.measurements FROM benchmarks b JOIN model_measurements m ON m.benchmark_id = b.benchmark_id WHERE b.repository = ${repository} AND b.branch = ${branch} AND b.metadata->>'model_name' = ${model} ORDER BY b.created_at DESC LIMIT ${lastRuns}::integer)`;

/** The run label with a ▶ in front for runs of the selected commits. */
const trendLabel = sql`CASE WHEN b.commit_id IN (${commit}) THEN '▶ ' ELSE '' END || ${runLabel}`;

/**
 * The trend of one or more measurements (seconds): bars for the last $runs
 * runs of the branch in commit order, the selected commit (by default the
 * latest) marked ▶ and, for a single measurement, drawn in SELECTED_COLOR
 * (two series stacked, one of them empty per bar: a bar chart colours by
 * series, not by bar).
 */
export function measurementBars(title: string, description: string, series: readonly MeasurementSeries[], slot: { w?: number; h?: number } = {}): PanelSpec {
  const single = series.length === 1 ? series[0] : undefined;
  const selectedName = single ? `${single.label} (selected commit)` : '';
  const columns = single
    ? sql`CASE WHEN b.commit_id IN (${commit}) THEN NULL ELSE ${value(single.key)} END AS ${ident(single.label)}, CASE WHEN b.commit_id IN (${commit}) THEN ${value(single.key)} END AS ${ident(selectedName)}`
    : joinSql(series.map((x) => measurementColumn(x.key, x.label)));
  return barchartPanel({
    title,
    description: `${description} The last $runs runs of the branch, oldest on the left; ▶ marks the selected commit (by default the latest).`,
    unit: 's',
    min: 0,
    w: slot.w ?? 9,
    h: slot.h ?? 9,
    overrides: single ? [overrideByName(single.label, { color: TREND_COLOR }), overrideByName(selectedName, { color: SELECTED_COLOR })] : undefined,
    options: { xField: 'run', legend: { showLegend: series.length > 1 }, xTickLabelRotation: -45, stacking: single ? 'normal' : 'none' },
    queries: [
      sqlQuery({
        datasource: metricsDb,
        // `time` is not drawn (the x field is `run`; Grafana's bar chart ignores a time field then), but it dates each bar, so
        // `dashcode preview` can mark the runs a backtested alert rule fired on.
        sql: sql`SELECT ${trendLabel} AS run, b.created_at AS time, ${columns} FROM ${lastRunsOfBranch} AS b ORDER BY b.created_at`,
      }),
    ],
  });
}

function value(key: MeasurementKey): QueryText<'sql'> {
  return sql`(b.measurements->>${lit(key)})::double precision`;
}

/**
 * The percentage change of the selected commit's newest run against the
 * baseline (benchmark_changes, migration 004), one value per measurement,
 * named "<measurement> · <verdict>" and coloured by VERDICT_THRESHOLDS.
 */
export function changeStat(title: string, series: readonly MeasurementSeries[], slot: { w?: number; h?: number } = {}): PanelSpec {
  const keys = series.map((x) => lit(x.key));
  const labels = series.map((x) => lit(x.label));
  const list = (items: typeof keys) => items.reduce<QueryText<'sql'>>((acc, t, i) => (i === 0 ? sql`${t}` : sql`${acc}, ${t}`), sql``);
  return statPanel({
    title: `${title} vs baseline`,
    description: `Change of the selected commit (by default the latest) against the baseline ($baseline: the median of the previous $runs runs on main, or one commit), positive = slower. Green: better by more than ${NOISE_PCT} %; red: worse by more than ${NOISE_PCT} %; otherwise the same within noise.`,
    unit: 'percent',
    decimals: 1,
    thresholds: VERDICT_THRESHOLDS,
    w: slot.w ?? 3,
    h: slot.h ?? 9,
    options: { reduceOptions: { values: true, calcs: ['lastNotNull'], fields: '' }, colorMode: 'background', graphMode: 'none', textMode: 'value_and_name', orientation: 'horizontal' },
    queries: [
      sqlQuery({
        datasource: metricsDb,
        sql: sql`SELECT DISTINCT ON (k.ord) k.label || ' · ' || c.verdict AS measurement, c.change_pct AS change FROM ${changes} c JOIN unnest(ARRAY[${list(keys)}]::text[], ARRAY[${list(labels)}]::text[]) WITH ORDINALITY AS k(key, label, ord) ON k.key = c.measurement WHERE c.source = 'v1' AND c.repository = ${repository} AND c.branch = ${branch} AND c.model = ${model} AND c.commit_id IN (${commit}) ORDER BY k.ord, c.created_at DESC`,
      }),
    ],
  });
}

/** A measurement's trend bars and, next to them, its change against the baseline. */
export function measurementTrend(title: string, description: string, series: readonly MeasurementSeries[], slot: { w?: number; h?: number } = {}): PanelSpec[] {
  const w = slot.w ?? 12;
  return [measurementBars(title, description, series, { w: w - 3, h: slot.h }), changeStat(title, series, { w: 3, h: slot.h })];
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
