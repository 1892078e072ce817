/**
 * The continuous-batching dashboard against the hand-written
 * examples/metrics-monitoring/continuous-batching-dashboard.json: the
 * comparison table, the original's defects, and the links to the traces.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { needShared, sharedPath } from '../support/shared.js';
import { describeComparison } from './compare.js';
import { allPanels, datasourceRefs, panelKey, panelLinks, readGenerated, readOriginal } from './support.js';

const ORIGINAL = 'examples/metrics-monitoring/continuous-batching-dashboard.json';
const GENERATED = 'continuous-batching-dashboard.json';
const CASE = 'sentence case like every title';

describeComparison({
  original: ORIGINAL,
  generated: GENERATED,
  counterparts: [
    {
      original: 'KV Cache Memory Usage',
      now: 'KV cache used',
      differences: {
        title: 'says what the gauge shows: the used share',
        unit: 'percentunit: a share of the cache, not bytes',
        range: '0–1 instead of a hard-coded 10 GiB maximum that is wrong for any other cache size',
        queries: 'used / (used + free): the cache size comes from the metrics themselves',
      },
    },
    { original: 'Active Requests', now: 'Active requests', differences: { title: CASE, unit: 'unit short: a count' } },
    { original: 'Waiting Requests', now: 'Waiting requests', differences: { title: CASE, unit: 'unit short: a count' } },
    { original: 'Decode/Prefill Ratio', now: 'Decode/prefill ratio', differences: { title: CASE, unit: 'unit none (2 decimals): a plain ratio, it can exceed 1' } },
    {
      original: 'Decode tokens throupught tok/s',
      now: 'Decode throughput',
      differences: { title: 'typo "throupught" fixed; tok/s moved from the title to the unit', unit: 'unit "suffix: tok/s": Grafana has no tokens unit', range: 'throughput axis from 0' },
    },
    {
      original: 'Prefill rate tok/s',
      now: 'Prefill throughput',
      differences: { title: 'same wording as decode; tok/s moved to the unit', unit: 'unit "suffix: tok/s"', range: 'throughput axis from 0' },
    },
    { original: 'Batch fill percentage percentiles', now: 'Batch fill percentiles', differences: { title: 'shorter; the unit says percent', unit: 'unit percent was missing', range: 'percent axis fixed to 0–100' } },
    { original: 'KV Cache Memory Usage Over Time', now: 'KV cache memory over time', differences: { title: CASE, range: 'bytes axis from 0 (used and free are stacked)' } },
    {
      original: 'Time to First Token (TTFT)',
      now: 'Time to first token percentiles',
      differences: {
        title: 'percentiles over time, like request latency',
        type: 'timeseries instead of a bar gauge: the percentiles change during a run, a bar gauge showed only the last value',
        range: 'latency axis from 0',
        links: 'panel link to the generation traces of the same time range',
      },
    },
    {
      original: 'Request latency percentiles',
      now: 'Request latency percentiles',
      differences: { range: 'latency axis from 0', links: 'panel link to the traces of the time range; data link to the traces at least as slow as the clicked value' },
    },
  ],
  added: {},
  dashboard: {
    uid: 'the original shared uid Lw6CTvVSz with the KV cache dashboard, so Grafana kept only one of them',
    title: 'sentence case, "Metrics" dropped',
    refresh: '15s instead of 5s: the Prometheus datasource step is 15s, refreshing faster redraws the same points',
    links: 'dropdown to the other transformers serving dashboards, keeping the time range',
    tags: 'tagged transformers/serving, which the dashboard links use',
  },
});

describe.runIf(needShared)('defects of the original continuous-batching dashboard, and their absence here', () => {
  const original = () => readOriginal(ORIGINAL);
  const now = () => readGenerated(GENERATED);

  it('original: a Prometheus uid the stack\'s provisioning does not define (it gives Prometheus no uid)', () => {
    const doc = parseYaml(readFileSync(sharedPath('reference/transformers/examples/metrics-monitoring/grafana-datasources.yaml'), 'utf8')) as { datasources: Array<{ uid?: string }> };
    const uids = new Set(doc.datasources.map((d) => d.uid).filter(Boolean));
    expect(datasourceRefs(original()).filter(({ ref }) => ref?.uid === 'PBFA97CFB590B2093' && !uids.has(ref.uid)).length).toBeGreaterThan(0);
  });

  it('original: targets without a datasource (falling back to the default); ours: every target names one', () => {
    expect(datasourceRefs(original()).filter(({ ref }) => !ref).length).toBeGreaterThan(0);
    expect(datasourceRefs(now()).filter(({ ref }) => !ref?.uid)).toEqual([]);
  });

  it('original: value panels without a unit', () => {
    expect(allPanels(original()).filter((p) => !p.fieldConfig?.defaults?.unit).map(panelKey)).toEqual([
      'Active Requests',
      'Waiting Requests',
      'Decode/Prefill Ratio',
      'Decode tokens throupught tok/s',
      'Prefill rate tok/s',
      'Batch fill percentage percentiles',
    ]);
  });
});

describe('continuous-batching latency panels link to the traces', () => {
  const links = (title: string) => panelLinks(allPanels(readGenerated(GENERATED)).find((p) => p.title === title)!).map((l) => l.url);

  it('pass the time range to the traces dashboard', () => {
    for (const title of ['Time to first token percentiles', 'Request latency percentiles']) {
      expect(links(title)).toContain('/d/transformers-generation-traces?${__url_time_range}');
    }
  });

  it('request latency: a clicked value becomes the minimum span duration', () => {
    expect(links('Request latency percentiles')).toContain('/d/transformers-generation-traces?${__url_time_range}&var-min_duration=${__value.raw}ms');
    const traces = readGenerated('generation-traces.json');
    expect(traces.templating.list.map((v) => v.name)).toContain('min_duration');
  });

  it('percentiles are p50/p95/p99 of the _bucket histograms over $__rate_interval', () => {
    const d = readGenerated(GENERATED);
    for (const title of ['Batch fill percentiles', 'Time to first token percentiles', 'Request latency percentiles']) {
      const targets = allPanels(d).find((p) => p.title === title)!.targets!;
      expect(targets.map((t) => t.legendFormat)).toEqual(['p50', 'p95', 'p99']);
      for (const t of targets) expect(t.expr).toMatch(/^histogram_quantile\(0\.\d+, sum by \(le\) \(rate\(\w+_bucket\[\$__rate_interval\]\)\)\)$/);
    }
  });
});
