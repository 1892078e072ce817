/**
 * Transformers benchmarks: the runs the benchmark MetricsRecorder stores in
 * the metrics database, compared commit by commit. Replaces the hand-written
 * benchmark/grafana_dashboard.json (same output file name, so provisioning
 * that mounts it keeps working). See docs/dashboards/transformers-benchmarks.md.
 */
import { dashboard, overrideByName, row, sql, sqlAnnotation, sqlQuery, tablePanel, urlLink, type LinkInput } from '../src/index.js';
import { metricsDb } from '../datasources/index.js';
import { deviceTimeseries, measurementBars } from './_benchmark-panels.js';
import { benchmarkVariables, branch, repository, runLabel, selectedRuns } from './_benchmark-variables.js';
import { UIDS } from './_uids.js';

export const output = 'grafana_dashboard.json';

const UID = UIDS.benchmarks;

// `${runs_from}`/`${runs_to}` are hidden variables computed from the selected runs.
const zoomUrl = `/d/${UID}?from=\${runs_from}&to=\${runs_to}`;
const zoomPanelLink: LinkInput = { title: 'Zoom to selected runs', url: `${zoomUrl}&\${__all_variables}`, tooltip: 'Set the time range to span the selected runs' };

const runsTable = tablePanel({
  title: 'Benchmark runs',
  description: 'The selected runs, newest first. Click a run time to zoom the device metrics to that run.',
  w: 24,
  h: 7,
  overrides: [
    overrideByName('from_ms', { custom: { hidden: true } }),
    overrideByName('to_ms', { custom: { hidden: true } }),
    overrideByName('Run time', {
      links: [{ title: 'Zoom to this run', url: `/d/${UID}?from=\${__data.fields.from_ms}&to=\${__data.fields.to_ms}&\${__all_variables}` }],
    }),
  ],
  queries: [
    sqlQuery({
      datasource: metricsDb,
      sql: sql`SELECT b.branch AS "Branch", b.commit_id AS "Commit", split_part(b.commit_message, chr(10), 1) AS "Commit message", b.metadata->>'model_name' AS "Model", b.metadata->>'gpu_name' AS "GPU", b.created_at AS "Run time", (extract(epoch FROM b.created_at) * 1000)::bigint - 5000 AS from_ms, (extract(epoch FROM coalesce((SELECT max(d.time) FROM device_measurements d WHERE d.benchmark_id = b.benchmark_id), b.created_at)) * 1000)::bigint + 5000 AS to_ms FROM benchmarks b WHERE ${selectedRuns} ORDER BY b.created_at DESC`,
    }),
  ],
});

export default dashboard({
  uid: UID,
  title: 'Transformers benchmarks',
  description: 'Benchmark runs of transformers by repository, branch, commit and model: forward pass, generation and model load times, and device usage during the runs.',
  tags: ['transformers', 'benchmarks'],
  time: { from: 'now-7d', to: 'now' },
  timezone: 'utc',
  graphTooltip: 'crosshair',
  variables: benchmarkVariables,
  // Every run of the branch, selected or not, marked on the device timeseries: where the other runs are in time.
  annotations: [
    sqlAnnotation({
      name: 'Benchmark runs',
      datasource: metricsDb,
      sql: sql`SELECT b.created_at AS time, ${runLabel} || ' ' || coalesce(b.metadata->>'model_name', '') AS text, b.branch AS tags FROM benchmarks b WHERE b.repository = ${repository} AND b.branch = ${branch} AND $__timeFilter(b.created_at) ORDER BY b.created_at`,
    }),
  ],
  links: [urlLink({ title: 'Zoom to selected runs', url: zoomUrl, includeVars: true, icon: 'dashboard', tooltip: 'Set the time range to span the selected runs, for the device metrics' })],
  panels: [
    runsTable,
    row({
      title: 'Forward pass',
      panels: [
        measurementBars('First eager forward pass', 'First forward pass of the eager model, per run: includes warm-up.', [{ key: 'first_eager_forward_pass_time_secs', label: 'First forward pass' }]),
        measurementBars('Second eager forward pass', 'Second forward pass of the eager model, per run: the warm number.', [{ key: 'second_eager_forward_pass_time_secs', label: 'Second forward pass' }]),
      ],
    }),
    row({
      title: 'Token generation',
      panels: [
        measurementBars(
          'Time to first, second and third token',
          'Latency until each of the first three generated tokens, per run.',
          [
            { key: 'time_to_first_token_secs', label: 'First token' },
            { key: 'time_to_second_token_secs', label: 'Second token' },
            { key: 'time_to_third_token_secs', label: 'Third token' },
          ],
          { w: 8 },
        ),
        measurementBars('Mean time to next token', 'Mean inter-token latency, per run.', [{ key: 'time_to_next_token_mean_secs', label: 'Mean time to next token' }], { w: 8 }),
        measurementBars(
          'Eager generate',
          'Duration of the first and second eager `generate` call, per run.',
          [
            { key: 'first_eager_generate_time_secs', label: 'First generate' },
            { key: 'second_eager_generate_time_secs', label: 'Second generate' },
          ],
          { w: 8 },
        ),
      ],
    }),
    row({
      title: 'Compiled generation',
      panels: [
        measurementBars('First compiled generate', 'First `generate` call of the torch.compile-d model, per run: includes compilation.', [{ key: 'first_compile_generate_time_secs', label: 'First compiled generate' }]),
        measurementBars('Second compiled generate', 'Second compiled `generate` call, per run.', [{ key: 'second_compile_generate_time_secs', label: 'Second compiled generate' }]),
        measurementBars('Third compiled generate', 'Third compiled `generate` call, per run.', [{ key: 'third_compile_generate_time_secs', label: 'Third compiled generate' }]),
        measurementBars('Fourth compiled generate', 'Fourth compiled `generate` call, per run.', [{ key: 'fourth_compile_generate_time_secs', label: 'Fourth compiled generate' }]),
      ],
    }),
    row({
      title: 'Device metrics',
      panels: [
        deviceTimeseries('CPU utilization', 'CPU utilization sampled during the selected runs, one series per run.', 'cpu_util', { unit: 'percent', max: 100 }, [zoomPanelLink]),
        deviceTimeseries('GPU utilization', 'GPU utilization sampled during the selected runs, one series per run.', 'gpu_util', { unit: 'percent', max: 100 }, [zoomPanelLink]),
        deviceTimeseries('System memory', 'System memory in use during the selected runs.', 'mem_megabytes', { unit: 'decmbytes' }, [zoomPanelLink]),
        deviceTimeseries('GPU memory', 'GPU memory in use during the selected runs.', 'gpu_mem_megabytes', { unit: 'decmbytes' }, [zoomPanelLink]),
      ],
    }),
    row({
      title: 'Model load time',
      panels: [measurementBars('Model load time per run', 'Time to load the model, per run.', [{ key: 'model_load_time', label: 'Model load time' }], { w: 24, h: 8 })],
    }),
  ],
});
