/**
 * Every SQL query of the generated benchmark dashboard, run as Grafana would
 * send it against the README's schema (PGlite, seeded runs): variables
 * resolved in order with Grafana's default selection, then each panel query.
 * The original's queries are run the same way to show why they were rewritten.
 */
import type { SqlEngine } from '../../src/db/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needShared } from '../support/shared.js';
import { DEVICE_OFFSETS, interpolate, measurementValue, RUNS, seededDb, sqlstring, variableOptions, type VariableValues } from './metrics-db.js';
import { allPanels, panelKey, readGenerated, readOriginal, type PanelJson } from './support.js';

const dashboard = readGenerated('grafana_dashboard.json');
const RANGE = { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };
const run = (id: string) => RUNS.find((r) => r.id === id)!;
const epochMs = (utc: string) => Date.parse(`${utc.replace(' ', 'T')}Z`);

let db: SqlEngine;
beforeAll(async () => {
  db = await seededDb();
});
afterAll(async () => {
  await db?.close();
});

async function rows(sql: string): Promise<Array<Record<string, unknown>>> {
  return (await db.query<Record<string, unknown>>(sql)).rows;
}

/**
 * Resolves the variables in dashboard order as Grafana does on load: run the
 * query with the values chosen so far; keep an override if given, else select
 * the first option (no `current` is saved, options are newest first).
 */
async function resolveVariables(overrides: Record<string, string[]> = {}): Promise<Map<string, string[]>> {
  const values = new Map<string, string[]>();
  for (const v of dashboard.templating.list) {
    // A custom variable (`runs`) has its options in the JSON, and a saved selection.
    if (v.type === 'custom') {
      values.set(v.name, overrides[v.name] ?? [String((v as { current?: { value?: unknown } }).current?.value)]);
      continue;
    }
    const options = variableOptions(await rows(interpolate(String(v.query), values, RANGE)));
    values.set(v.name, overrides[v.name] ?? options.slice(0, 1));
  }
  return values;
}

const sqlPanels = allPanels(dashboard).filter((p) => p.targets?.some((t) => t.rawSql));
const panel = (title: string) => sqlPanels.find((p) => p.title === title)!;
const panelRows = (p: PanelJson, values: VariableValues) => rows(interpolate(p.targets![0]!.rawSql!, values, RANGE));

describe('benchmark variables on the README schema', () => {
  it('default to the newest repository, branch, commit and model', async () => {
    const v = await resolveVariables();
    expect(Object.fromEntries([...v].slice(0, 4))).toEqual({
      repository: ['huggingface/transformers'],
      branch: ['main'],
      commit: ['bbbbbbb2222'],
      model: ['mistralai/Mistral-7B-v0.1'],
    });
  });

  it('list commits newest first, shown as short hash and first line of the message', async () => {
    const v = await resolveVariables();
    const commitQuery = String(dashboard.templating.list.find((x) => x.name === 'commit')!.query);
    expect(await rows(interpolate(commitQuery, v, RANGE))).toEqual([
      { __value: 'bbbbbbb2222', __text: "bbbbbbb Fix the cache's eviction" },
      { __value: 'aaaaaaa1111', __text: 'aaaaaaa Older commit' },
    ]);
  });

  it('span the selected runs with runs_from/runs_to (epoch ms, 5 s margin)', async () => {
    const v = await resolveVariables({ commit: ['aaaaaaa1111', 'bbbbbbb2222'], model: ['meta-llama/Llama-3.2-1B'] });
    const last = Math.max(...DEVICE_OFFSETS);
    expect(v.get('runs_from')).toEqual([String(epochMs(run('r1').createdAt) - 5000)]);
    expect(v.get('runs_to')).toEqual([String(epochMs(run('r2').createdAt) + last * 1000 + 5000)]);
  });

  it('quote values: a branch with a quote selects its runs', async () => {
    const v = await resolveVariables({ branch: ["feat/it's-quoted"] });
    expect(v.get('commit')).toEqual(['ccccccc3333']);
    expect((await panelRows(panel('Benchmark runs'), v)).map((r) => r.Branch)).toEqual(["feat/it's-quoted"]);
  });
});

describe('benchmark panel queries on the README schema', () => {
  it.each(sqlPanels.map((p) => [panelKey(p), p] as const))('"%s" runs and returns the selected run', async (_title, p) => {
    expect(p.targets).toHaveLength(1);
    const result = await panelRows(p, await resolveVariables());
    expect(result.length).toBeGreaterThan(0);
  });

  it('the runs table shows branch, commit, message, model, GPU (from metadata) and run time', async () => {
    const [r] = await panelRows(panel('Benchmark runs'), await resolveVariables());
    expect(r).toMatchObject({ Branch: 'main', Commit: 'bbbbbbb2222', 'Commit message': "Fix the cache's eviction", Model: 'mistralai/Mistral-7B-v0.1', GPU: 'NVIDIA A10G' });
    expect(Number(r!.from_ms)).toBe(epochMs(run('r3').createdAt) - 5000);
  });

  it('bar charts read their own measurement key, one bar per run of the branch, oldest first, the selected commits marked', async () => {
    const v = await resolveVariables({ commit: ['aaaaaaa1111', 'bbbbbbb2222'], model: ['meta-llama/Llama-3.2-1B'] });
    // Each bar is dated by its run (not drawn: the x field is `run`), so preview can mark the runs an alert rule fired on.
    const dated = await panelRows(panel('First eager forward pass'), v);
    expect(dated.map((r) => new Date(r.time as Date | string).getTime())).toEqual([epochMs(run('r1').createdAt), epochMs(run('r2').createdAt)]);
    expect(dated.map(({ time: _time, ...rest }) => rest)).toEqual([
      { run: '▶ aaaaaaa 07-28 10:00', 'First forward pass': null, 'First forward pass (selected commit)': measurementValue(run('r1'), 'first_eager_forward_pass_time_secs') },
      { run: '▶ bbbbbbb 07-29 10:00', 'First forward pass': null, 'First forward pass (selected commit)': measurementValue(run('r2'), 'first_eager_forward_pass_time_secs') },
    ]);
    // The trend does not depend on the selection: with only the newer commit selected, the older run is an ordinary bar.
    const newer = await resolveVariables({ commit: ['bbbbbbb2222'], model: ['meta-llama/Llama-3.2-1B'] });
    expect((await panelRows(panel('First eager forward pass'), newer))[0]).toEqual({
      time: expect.anything(),
      run: 'aaaaaaa 07-28 10:00',
      'First forward pass': measurementValue(run('r1'), 'first_eager_forward_pass_time_secs'),
      'First forward pass (selected commit)': null,
    });
    const [tokens] = await panelRows(panel('Time to first, second and third token'), v);
    expect(tokens).toEqual({
      run: '▶ aaaaaaa 07-28 10:00',
      time: expect.anything(),
      'First token': measurementValue(run('r1'), 'time_to_first_token_secs'),
      'Second token': measurementValue(run('r1'), 'time_to_second_token_secs'),
      'Third token': measurementValue(run('r1'), 'time_to_third_token_secs'),
    });
    const [fourth] = await panelRows(panel('Fourth compiled generate'), v);
    expect(Object.values(fourth!)[3]).toBe(measurementValue(run('r1'), 'fourth_compile_generate_time_secs'));
  });

  it('device series are the selected runs only, named by run, within the time range', async () => {
    const v = await resolveVariables();
    const result = await panelRows(panel('GPU utilization'), v);
    expect(result.map((r) => [r.metric, r.value])).toEqual(DEVICE_OFFSETS.map(() => ['bbbbbbb 07-29 11:00', 50]));
    const narrow = { from: '2025-07-29T11:00:01.5Z', to: '2025-07-29T11:00:02.5Z' };
    expect(await rows(interpolate(panel('GPU utilization').targets![0]!.rawSql!, v, narrow))).toHaveLength(1);
  });
});

describe.runIf(needShared)("the original's queries on the README schema", () => {
  const original = () => allPanels(readOriginal('benchmark/grafana_dashboard.json')).filter((p) => p.targets?.length);
  const attempt = async (sql: string) => {
    try {
      await db.query(sql);
      return 'ok';
    } catch (err) {
      // dashcode's SqlError appends the position; these expectations name the column only.
      return (err as Error).message.replace(/ at position \d+$/, '');
    }
  };

  it('fail as Grafana sends them: a single-value ${branch} is inserted unquoted', async () => {
    const outcomes: Record<string, string> = {};
    for (const p of original()) outcomes[panelKey(p)] = await attempt(p.targets![0]!.rawSql!.replaceAll('${branch}', 'main'));
    // PostgreSQL reports the first unknown name: `main` itself where the selected columns exist.
    for (const title of ['CPU Utilization', 'GPU Utilization', 'Memory usage', 'GPU memory usage']) expect(outcomes[title], title).toBe('column "main" does not exist');
    expect(Object.values(outcomes).filter((o) => o === 'ok')).toEqual([]);
  });

  it('even quoted, read columns the schema does not have', async () => {
    const outcomes: Record<string, string> = {};
    for (const p of original()) outcomes[panelKey(p)] = await attempt(p.targets![0]!.rawSql!.replaceAll('${branch}', sqlstring(['main'])));
    expect(outcomes).toEqual({
      '#5': 'column "gpu_name" does not exist',
      'First eager forward pass': 'column m.forward_pass_time does not exist',
      'Second eager forward pass': 'column m.forward_pass_time does not exist',
      'First compile forward pass': 'column m.first_compile_forward_pass_time does not exist',
      'Second compile forward pass': 'column m.second_compile_forward_pass_time does not exist',
      'Third compile forward pass': 'column m.third_compile_forward_pass_time does not exist',
      'Fourth compile forward pass': 'column m.third_compile_forward_pass_time does not exist',
      'CPU Utilization': 'ok',
      'GPU Utilization': 'ok',
      'Memory usage': 'ok',
      'GPU memory usage': 'ok',
    });
  });
});
