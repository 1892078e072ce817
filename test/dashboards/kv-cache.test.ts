/**
 * The KV cache dashboard against the hand-written
 * examples/metrics-monitoring/kv-cache-dashboard.json.
 */
import { describe, expect, it } from 'vitest';
import { needShared } from '../support/shared.js';
import { describeComparison } from './compare.js';
import { allPanels, queryText, readGenerated, readOriginal } from './support.js';

const ORIGINAL = 'examples/metrics-monitoring/kv-cache-dashboard.json';
const GENERATED = 'kv-cache-dashboard.json';
const PREFIX = 'metric names without the transformers_ prefix: Prometheus has no transformers_* series (README)';

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
        range: '0–1 instead of a hard-coded 10 GiB maximum',
        queries: `${PREFIX}; used / (used + free)`,
      },
    },
    {
      original: 'KV Cache Memory Usage Over Time',
      now: 'KV cache memory over time',
      differences: { title: 'sentence case like every title', range: 'bytes axis from 0', queries: `${PREFIX}; free memory added and stacked on used, so the top is the cache size` },
    },
    {
      original: 'Decode/Prefill Ratio',
      now: 'Decode/prefill ratio',
      differences: {
        title: 'sentence case like every title',
        type: 'stat instead of a gauge: the ratio has no maximum to draw a gauge against',
        unit: 'none (2 decimals) instead of percentunit: the ratio is not a share and exceeds 1 when decoding dominates',
        queries: PREFIX,
      },
    },
    {
      original: 'Time to First Token (TTFT)',
      now: 'Time to first token',
      differences: {
        title: 'sentence case, no abbreviation',
        range: 'latency bars from 0',
        queries: `${PREFIX}; p99 added to p50/p95; instant queries over $__range, so the bars summarise the whole visible range`,
        links: 'panel link to the generation traces of the same time range',
      },
    },
  ],
  added: {},
  dashboard: {
    uid: 'the original shared uid Lw6CTvVSz with the continuous-batching dashboard',
    title: 'sentence case, "Metrics" dropped',
    refresh: '15s instead of 5s, the Prometheus datasource step',
    links: 'dropdown to the other transformers serving dashboards, keeping the time range',
    tags: 'tagged transformers/serving, which the dashboard links use',
  },
});

describe.runIf(needShared)('the original KV cache dashboard queried series that do not exist', () => {
  it('original: every expression uses the transformers_ prefix; ours: none', () => {
    const exprs = (d: ReturnType<typeof readOriginal>) => allPanels(d).flatMap((p) => (p.targets ?? []).map(queryText));
    const original = exprs(readOriginal(ORIGINAL));
    expect(original.length).toBeGreaterThan(0);
    for (const e of original) expect(e).toMatch(/\btransformers_/);
    for (const e of exprs(readGenerated(GENERATED))) expect(e).not.toMatch(/transformers_/);
  });
});
