/**
 * Template variables of the benchmark dashboard, and the SQL fragment every
 * panel uses to pick "the selected runs". Each variable is chained on the
 * previous one through the `sql` tag, so Grafana refreshes it when that one
 * changes and the interpolation is always `${x:sqlstring}` (quoted, escaped).
 *
 * The options are ordered newest first and no `current` value is saved: on
 * load Grafana selects the first option, i.e. the latest repository, branch,
 * commit and model, instead of whatever was selected when the JSON was saved.
 */
import { customVariable, lit, queryVariable, sql } from 'dashcode';
import { metricsDb } from '../datasources/index.js';

export const repository = queryVariable({
  name: 'repository',
  label: 'Repository',
  datasource: metricsDb,
  query: sql`SELECT b.repository FROM benchmarks b GROUP BY b.repository ORDER BY max(b.created_at) DESC`,
});

export const branch = queryVariable({
  name: 'branch',
  label: 'Branch',
  datasource: metricsDb,
  query: sql`SELECT b.branch FROM benchmarks b WHERE b.repository = ${repository} GROUP BY b.branch ORDER BY max(b.created_at) DESC`,
});

// `__text`/`__value`: the dropdown shows the short hash and the message's first line, the URL keeps the full hash.
export const commit = queryVariable({
  name: 'commit',
  label: 'Commits',
  description: 'Newest first; the latest commit is selected by default. Select several to compare them.',
  datasource: metricsDb,
  multi: true,
  query: sql`SELECT b.commit_id AS __value, left(b.commit_id, 7) || ' ' || left(split_part(max(b.commit_message), chr(10), 1), 60) AS __text FROM benchmarks b WHERE b.repository = ${repository} AND b.branch = ${branch} GROUP BY b.commit_id ORDER BY max(b.created_at) DESC`,
});

export const model = queryVariable({
  name: 'model',
  label: 'Model',
  datasource: metricsDb,
  query: sql`SELECT b.metadata->>'model_name' FROM benchmarks b WHERE b.repository = ${repository} AND b.branch = ${branch} AND b.commit_id IN (${commit}) AND b.metadata->>'model_name' IS NOT NULL GROUP BY 1 ORDER BY max(b.created_at) DESC`,
});

/** The runs every panel shows: alias the `benchmarks` table as `b`. */
export const selectedRuns = sql`b.repository = ${repository} AND b.branch = ${branch} AND b.commit_id IN (${commit}) AND b.metadata->>'model_name' = ${model}`;

/** How a run is named on axes and in legends: short commit and start time, unique enough to tell re-runs apart. */
export const runLabel = sql`left(b.commit_id, 7) || ' ' || to_char(b.created_at, 'MM-DD HH24:MI')`;

// The selected runs' time span in epoch milliseconds, with 5 s of margin, for
// the "Zoom to selected runs" link: Grafana cannot set the time range from a
// variable by itself, but a link can pass `from`/`to`.
export const runsFrom = queryVariable({
  name: 'runs_from',
  label: 'Selected runs start (ms)',
  hide: 'variable',
  datasource: metricsDb,
  query: sql`SELECT (extract(epoch FROM min(b.created_at)) * 1000)::bigint - 5000 FROM benchmarks b WHERE ${selectedRuns}`,
});

export const runsTo = queryVariable({
  name: 'runs_to',
  label: 'Selected runs end (ms)',
  hide: 'variable',
  datasource: metricsDb,
  query: sql`SELECT (extract(epoch FROM max(greatest(d.time, b.created_at))) * 1000)::bigint + 5000 FROM benchmarks b LEFT JOIN device_measurements d ON d.benchmark_id = b.benchmark_id WHERE ${selectedRuns}`,
});

/** How many runs the trend panels show, and how many previous runs on main make the median baseline. */
export const lastRuns = customVariable({
  name: 'runs',
  label: 'Last N runs',
  description: 'Trend panels show the last N runs of the branch; the baseline is the median of the previous N runs on main.',
  values: ['10', '20', '50', '100'],
  current: '20',
});

/** `median` (the median of the previous N runs on main) or a commit whose runs are the baseline. */
export const baseline = queryVariable({
  name: 'baseline',
  label: 'Baseline',
  description: 'What the percentage change compares with: the median of the previous N runs on main, or the runs of one commit.',
  datasource: metricsDb,
  query: sql`SELECT v AS __value, t AS __text FROM (SELECT 'median' AS v, 'median of previous N runs on main' AS t, 0 AS o, NULL::timestamp AS at UNION ALL SELECT b.commit_id, 'main ' || left(b.commit_id, 7) || ' ' || left(split_part(max(b.commit_message), chr(10), 1), 50), 1, max(b.created_at) FROM benchmarks b WHERE b.branch = 'main' GROUP BY b.commit_id) x ORDER BY o, at DESC`,
});

/** The noise band of the verdicts, in percent: within it a change is "same". One constant for the SQL and the thresholds. */
export const NOISE_PCT = 10;

/** `benchmark_changes(...)` with this dashboard's N, baseline and noise band (migration 004). */
export const changes = sql`benchmark_changes(${lastRuns}::integer, NULLIF(${baseline}, 'median'), ${lit(String(NOISE_PCT))}::double precision)`;

export const benchmarkVariables = [repository, branch, commit, model, lastRuns, baseline, runsFrom, runsTo];
