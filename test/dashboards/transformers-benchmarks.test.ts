/**
 * The benchmark dashboard against the hand-written benchmark/grafana_dashboard.json:
 * the comparison table, the original's defects (proved on the original, absent
 * from ours), and the variable chain. That every query runs against the
 * README's schema is in transformers-benchmarks-sql.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { needShared, sharedPath } from '../support/shared.js';
import { describeComparison } from './compare.js';
import { allPanels, datasourceRefs, panelKey, panelLinks, queryText, readGenerated, readOriginal } from './support.js';

const ORIGINAL = 'benchmark/grafana_dashboard.json';
const GENERATED = 'grafana_dashboard.json';

const JSONB = 'the column does not exist in the README schema: the value is a key of model_measurements.measurements (jsonb)';
const SELECTED = 'filtered on the selected runs (repository, branch, commits, model) with quoted ${x:sqlstring} values instead of the unquoted ${branch}';
const PER_RUN = 'one bar per selected run labelled commit + start time, oldest first';
const FROM_ZERO = 'y axis from 0 so bars compare by length';
const DEVICE_QUERY = 'one series per selected run (time_series format, metric = run label), filtered on the selected runs and $__timeFilter, quoted variables';
const ZOOM = 'panel link "Zoom to selected runs" sets the time range to the runs';

describeComparison({
  original: ORIGINAL,
  generated: GENERATED,
  counterparts: [
    {
      original: '#5',
      now: 'Benchmark runs',
      differences: {
        title: 'the original table had no title',
        queries: 'gpu_name is metadata->>\'gpu_name\' (no such column); adds branch, commit message, model and run time; selected runs only; hidden from_ms/to_ms for the per-run zoom link',
        links: 'data link "Zoom to this run" on the run time',
      },
    },
    { original: 'Eager Forward Pass', now: 'Forward pass', differences: { title: 'the row also holds nothing compiled any more: just "Forward pass"' } },
    { original: 'First eager forward pass', now: 'First eager forward pass', differences: { queries: `forward_pass_time: ${JSONB} (first_eager_forward_pass_time_secs); ${SELECTED}; ${PER_RUN}`, range: FROM_ZERO } },
    {
      original: 'Second eager forward pass',
      now: 'Second eager forward pass',
      differences: { queries: `the original reused the first panel's query; now second_eager_forward_pass_time_secs; ${SELECTED}`, range: FROM_ZERO },
    },
    { original: 'Compiled Forward Pass', now: 'Compiled generation', differences: { title: 'the recorder measures compiled generate calls, not compiled forward passes' } },
    ...(['First', 'Second', 'Third', 'Fourth'] as const).map((n) => ({
      original: `${n} compile forward pass`,
      now: `${n} compiled generate`,
      differences: {
        title: `no compiled forward pass is recorded; the ${n.toLowerCase()} compiled generate call is`,
        queries: `${n.toLowerCase()}_compile_forward_pass_time: ${JSONB} (${n.toLowerCase()}_compile_generate_time_secs); no "; -- TODO" tail${n === 'Fourth' ? '; the original reused the third panel\'s column' : ''}; ${SELECTED}`,
        range: FROM_ZERO,
      },
    })),
    { original: 'Usage metrics', now: 'Device metrics', differences: { title: 'named after the device_measurements table it shows' } },
    { original: 'CPU Utilization', now: 'CPU utilization', differences: { title: 'sentence case like every title', queries: DEVICE_QUERY, range: 'percent axis fixed to 0–100', links: ZOOM } },
    { original: 'GPU Utilization', now: 'GPU utilization', differences: { title: 'sentence case like every title', unit: 'unit percent was missing', queries: DEVICE_QUERY, range: 'percent axis fixed to 0–100', links: ZOOM } },
    { original: 'Memory usage', now: 'System memory', differences: { title: 'says which memory (mem_megabytes)', queries: DEVICE_QUERY, range: 'memory axis from 0', links: ZOOM } },
    { original: 'GPU memory usage', now: 'GPU memory', differences: { title: 'shorter, matches "System memory"', queries: DEVICE_QUERY, range: 'memory axis from 0', links: ZOOM } },
  ],
  added: {
    'Token generation': 'row for the recorded generation latencies the original never showed',
    'Time to first, second and third token': 'time_to_{first,second,third}_token_secs as grouped bars',
    'Mean time to next token': 'time_to_next_token_mean_secs: inter-token latency',
    'Eager generate': 'first/second_eager_generate_time_secs',
    'Model load time': 'row for model_load_time',
    'Model load time per run': 'model_load_time was recorded but not shown',
    // Issue 17: a judgement next to every trend.
    'Change against baseline': 'every measurement of the selected commit against the baseline (benchmark_changes), worst first, with a verdict',
    ...Object.fromEntries(
      [
        'First eager forward pass',
        'Second eager forward pass',
        'Time to first, second and third token',
        'Mean time to next token',
        'Eager generate',
        'First compiled generate',
        'Second compiled generate',
        'Third compiled generate',
        'Fourth compiled generate',
        'Model load time per run',
      ].map((t) => [`${t} vs baseline`, 'percentage change against the baseline, coloured better / same / worse: a bar chart cannot show it']),
    ),
  },
  dashboard: {
    uid: 'stable readable uid instead of the UI-generated one',
    time: 'now-7d instead of an absolute range saved from one session in 2024; the "Zoom to selected runs" link sets the runs\' range',
    timezone: 'UTC, the timezone the recorder writes timestamps in, so run labels and axes agree',
    variables: 'repository/branch/commit(multi)/model chained, newest first; runs (N) and baseline for the trends; hidden runs_from/runs_to replace StartTime/EndTime',
    links: '"Go to data" hard-coded http://localhost:8080 and the branch-wide range; "Zoom to selected runs" is relative and spans the selected runs; links to the A/B and benchmark_v2 dashboards',
    tags: 'tagged transformers/benchmarks',
  },
});

describe.runIf(needShared)('defects of the original benchmark dashboard, and their absence here', () => {
  const original = () => readOriginal(ORIGINAL);
  const now = () => readGenerated(GENERATED);
  const sqlOf = (d: ReturnType<typeof original>) => allPanels(d).flatMap((p) => (p.targets ?? []).map((t) => ({ panel: panelKey(p), sql: queryText(t) })));

  it('original: datasource uids that its own provisioning file does not define', () => {
    const provisioned = parseYaml(readFileSync(sharedPath('reference/transformers/benchmark/grafana_datasource.yaml'), 'utf8')) as { datasources: Array<{ uid: string }> };
    const uids = new Set(provisioned.datasources.map((d) => d.uid));
    const dangling = datasourceRefs(original()).filter(({ ref }) => ref?.uid && !uids.has(ref.uid));
    expect(dangling.length).toBeGreaterThan(0);
  });

  it('original: unquoted ${branch} in SQL; ours: none', () => {
    expect(sqlOf(original()).filter((q) => q.sql.includes('${branch}')).length).toBeGreaterThan(0);
    const ours = [...sqlOf(now()).map((q) => q.sql), ...now().templating.list.map((v) => String(v.query))];
    expect(ours.filter((sql) => /\$\{\w+\}|\$[a-z]/.test(sql))).toEqual([]);
  });

  it('original: "; -- TODO" tails after the statement; ours: no comments', () => {
    expect(sqlOf(original()).filter((q) => /;\s*--/.test(q.sql)).map((q) => q.panel)).toEqual([
      'First compile forward pass',
      'Second compile forward pass',
      'Third compile forward pass',
      'Fourth compile forward pass',
    ]);
    expect(sqlOf(now()).filter((q) => q.sql.includes('--') || q.sql.trim().endsWith(';'))).toEqual([]);
  });

  it('original: two pairs of panels with one query; ours: one query per panel', () => {
    const seen = new Map<string, string>();
    const shared: string[][] = [];
    for (const q of sqlOf(original())) {
      const other = seen.get(q.sql);
      if (other) shared.push([other, q.panel]);
      else seen.set(q.sql, q.panel);
    }
    expect(shared).toEqual([
      ['First eager forward pass', 'Second eager forward pass'],
      ['Third compile forward pass', 'Fourth compile forward pass'],
    ]);
    const ours = sqlOf(now()).map((q) => q.sql);
    expect(new Set(ours).size).toBe(ours.length);
  });

  it('original: GPU utilization without a unit; ours: every value panel has one (see generated.test.ts)', () => {
    expect(allPanels(original()).find((p) => p.title === 'GPU Utilization')?.fieldConfig?.defaults?.unit).toBeUndefined();
  });
});

describe('benchmark variables', () => {
  const variables = () => readGenerated(GENERATED).templating.list;

  it('are repository → branch → commit → model, then the hidden time span of the selected runs', () => {
    expect(variables().map((v) => [v.name, v.hide])).toEqual([
      ['repository', 0],
      ['branch', 0],
      ['commit', 0],
      ['model', 0],
      ['runs', 0],
      ['baseline', 0],
      ['runs_from', 2],
      ['runs_to', 2],
    ]);
  });

  it('chain each on the previous one', () => {
    const [repository, branch, commit, model, , , runsFrom, runsTo] = variables().map((v) => String(v.query));
    expect(repository).not.toMatch(/\$\{/);
    expect(branch).toContain('${repository:sqlstring}');
    expect(commit).toContain('${branch:sqlstring}');
    expect(model).toContain('${commit:sqlstring}');
    for (const q of [runsFrom, runsTo]) expect(q).toContain('${model:sqlstring}');
  });

  it('select the newest by default: ordered newest first, in query order, with no saved selection', () => {
    // `runs` is a fixed list with a saved default of 20 (issue 17); the others follow the data.
    expect(variables().find((v) => v.name === 'runs')?.current).toMatchObject({ value: '20' });
    for (const v of variables().filter((x) => x.name !== 'runs')) {
      expect(v.current, `${v.name} must not save a selection`).toBeUndefined();
      expect(v.sort, `${v.name} keeps the query order`).toBe(0);
      expect(v.includeAll, `${v.name}: "All" would be selected instead of the newest`).toBe(false);
    }
    for (const v of variables().slice(0, 4)) expect(String(v.query)).toMatch(/ORDER BY max\(b\.created_at\) DESC$/);
  });

  it('let several commits be compared, one repository/branch/model at a time', () => {
    expect(variables().filter((v) => v.multi).map((v) => v.name)).toEqual(['commit']);
  });

  it('feed the "Zoom to selected runs" links', () => {
    const d = readGenerated(GENERATED);
    const zoom = '/d/transformers-benchmarks?from=${runs_from}&to=${runs_to}';
    expect(d.links?.[0]).toEqual(expect.objectContaining({ title: 'Zoom to selected runs', url: zoom, includeVars: true }));
    const device = allPanels(d).filter((p) => p.type === 'timeseries');
    expect(device).toHaveLength(4);
    for (const p of device) expect(panelLinks(p).map((l) => l.url)).toEqual([`${zoom}&\${__all_variables}`, '/d/transformers-benchmark-compare?var-model=${model}']);
  });
});
