/**
 * Invariants every generated dashboard keeps: generated/ is what the sources
 * build, uids are distinct and stable, datasources resolve to provisioned
 * uids, SQL interpolation is quoted, PromQL/TraceQL parse and name real
 * metrics, every value has a unit, and links between dashboards resolve.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import { parser as traceqlParser } from '@grafana/lezer-traceql';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.js';
import { planBuild } from '../../src/project/plan.js';
import { UIDS } from '../../dashboards/_uids.js';
import { repoRoot } from '../support/shared.js';
import {
  allPanels,
  BUILTIN_DATASOURCE_UIDS,
  datasourceRefs,
  generatedDashboardFiles,
  panelKey,
  panelLinks,
  provisionedDatasourceUids,
  readGenerated,
  type DashboardJson,
} from './support.js';

/** The dashboards of issues 3 and 17: output file → stable uid. */
const FLAGSHIP: Record<string, string> = {
  'grafana_dashboard.json': 'transformers-benchmarks',
  'continuous-batching-dashboard.json': 'transformers-continuous-batching',
  'kv-cache-dashboard.json': 'transformers-kv-cache',
  'generation-traces.json': 'transformers-generation-traces',
  // Issue 17.
  'benchmark-compare.json': 'transformers-benchmark-compare',
  'benchmark-v2.json': 'transformers-benchmark-v2',
};

/** The README's Prometheus series (histograms through their `_bucket` series). */
const PROMETHEUS_SERIES = new Set([
  'ttft_milliseconds_bucket',
  'request_latency_milliseconds_bucket',
  'batch_fill_percentage_percent_bucket',
  'active_requests_count',
  'waiting_requests_count',
  'decode_prefill_ratio',
  'kv_cache_free_memory_bytes',
  'kv_cache_memory_bytes',
  'prefill_tokens_processed_total',
  'decode_tokens_processed_total',
]);

const files = generatedDashboardFiles();
const dashboards: Array<[string, DashboardJson]> = files.map((f) => [f, readGenerated(f)]);
const flagship = dashboards.filter(([f]) => f in FLAGSHIP);

function sqlTexts(d: DashboardJson): Array<{ where: string; sql: string }> {
  const out: Array<{ where: string; sql: string }> = [];
  for (const p of allPanels(d)) for (const t of p.targets ?? []) if (t.rawSql !== undefined) out.push({ where: `panel "${panelKey(p)}" ${t.refId}`, sql: t.rawSql });
  for (const v of d.templating.list) if (v.type === 'query' && /postgres|sql/.test(v.datasource?.type ?? '')) out.push({ where: `variable ${v.name}`, sql: String(v.query) });
  return out;
}

describe('generated/', () => {
  it('is exactly what the dashboard sources build (run `node bin/dashcode.js build` if not)', async () => {
    const plan = planBuild(await loadProject(repoRoot));
    expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([]);
    for (const f of plan.files) {
      expect((await readFile(path.join(repoRoot, f.path), 'utf8')) === f.text, `${f.path} is stale`).toBe(true);
    }
    expect(plan.files.filter((f) => f.path.endsWith('.json')).map((f) => path.basename(f.path)).sort()).toEqual(files);
  });

  it('has every flagship dashboard, each under its stable uid', () => {
    expect(Object.fromEntries(flagship.map(([f, d]) => [f, d.uid]))).toEqual(FLAGSHIP);
    expect(Object.values(UIDS).sort()).toEqual(Object.values(FLAGSHIP).sort());
  });

  it('has distinct uids across all dashboards', () => {
    const uids = dashboards.map(([, d]) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });
});

describe.each(dashboards)('%s', (_file, d) => {
  it('refers only to datasources in the generated provisioning YAML', () => {
    const provisioned = provisionedDatasourceUids();
    const refs = datasourceRefs(d);
    expect(refs.length).toBeGreaterThan(0);
    const dangling = refs.filter(({ ref }) => !ref?.uid || !(provisioned.has(ref.uid) || BUILTIN_DATASOURCE_UIDS.has(ref.uid)));
    expect(dangling).toEqual([]);
  });

  it('interpolates every variable in SQL with :sqlstring (interval variables: :raw), and only variables it defines', () => {
    const types = new Map(d.templating.list.map((v) => [v.name, v.type]));
    for (const { where, sql } of sqlTexts(d)) {
      // $name, ${name}, ${name:format}, [[name]]; Grafana's macros ($__timeFilter…) are not variables.
      for (const m of sql.matchAll(/\$\{(\w+)(?::(\w+))?\}|\$(\w+)|\[\[(\w+)(?::(\w+))?\]\]/g)) {
        const name = m[1] ?? m[3] ?? m[4] ?? '';
        if (name.startsWith('__')) continue;
        expect(types.has(name), `${where}: ${m[0]} is not a variable of the dashboard`).toBe(true);
        // An interval variable's values are validated durations, written unquoted inside macros such as $__timeGroup.
        const safe = types.get(name) === 'interval' ? 'raw' : 'sqlstring';
        expect({ where, reference: m[0], format: m[2] ?? m[5] }).toEqual({ where, reference: m[0], format: safe });
      }
    }
  });

  it('links only to dashboards that are generated', () => {
    const uids = new Set(dashboards.map(([, x]) => x.uid));
    const urls = [...allPanels(d).flatMap((p) => panelLinks(p).map((l) => l.url)), ...(d.links ?? []).map((l) => l.url ?? '')];
    for (const url of urls) {
      const target = /^\/d\/([\w-]+)/.exec(url)?.[1];
      if (target) expect(uids.has(target), `${url}`).toBe(true);
      expect(url, 'no hard-coded host: Grafana may be served anywhere').not.toMatch(/localhost|:\/\/[^/]*:\d+/);
    }
  });
});

describe.each(flagship)('%s (flagship)', (_file, d) => {
  it('gives every value panel a unit', () => {
    const withoutUnit = allPanels(d)
      .filter((p) => !['row', 'table', 'traces', 'text'].includes(p.type))
      .filter((p) => !p.fieldConfig?.defaults?.unit)
      .map(panelKey);
    expect(withoutUnit).toEqual([]);
  });

  it('gives every panel a description', () => {
    expect(allPanels(d).filter((p) => p.type !== 'row' && !p.description).map(panelKey)).toEqual([]);
  });

  it('parses every PromQL expression and names only the README metrics', () => {
    for (const p of allPanels(d)) {
      for (const t of p.targets ?? []) {
        if (t.expr === undefined) continue;
        const expr = t.expr.replace(/\$__(rate_interval|range|interval)/g, '5m');
        const tree = promqlParser.parse(expr);
        const errors: number[] = [];
        const metrics: string[] = [];
        tree.iterate({
          enter: (n) => {
            if (n.type.isError) errors.push(n.from);
            if (n.name === 'Identifier' && n.node.parent?.name === 'VectorSelector') metrics.push(expr.slice(n.from, n.to));
          },
        });
        expect({ panel: panelKey(p), expr, errors }).toEqual({ panel: panelKey(p), expr, errors: [] });
        for (const m of metrics) expect(PROMETHEUS_SERIES.has(m), `${panelKey(p)}: unknown series ${m}`).toBe(true);
      }
    }
  });

  it('parses every TraceQL search (variables replaced by their defaults)', () => {
    const defaults = new Map(d.templating.list.map((v) => [v.name, String(v.query ?? '')]));
    for (const p of allPanels(d)) {
      for (const t of p.targets ?? []) {
        if (t.queryType !== 'traceql' || t.query === undefined) continue;
        const query = t.query.replace(/\$\{(\w+)\}/g, (_, name: string) => defaults.get(name) ?? '');
        // A query of hex digits only is a trace-ID lookup for Grafana's Tempo datasource, not TraceQL.
        if (/^\s*(\$\{trace_id\}|[0-9a-fA-F]*)\s*$/.test(t.query)) continue;
        let error = false;
        traceqlParser.parse(query).iterate({ enter: (n) => void (n.type.isError && (error = true)) });
        expect({ panel: panelKey(p), query, error }).toEqual({ panel: panelKey(p), query, error: false });
      }
    }
  });
});
