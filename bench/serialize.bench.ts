/**
 * Canonical serialisation timings on synthetic dashboards:
 *
 *     node --import tsx bench/serialize.bench.ts [panels...]   (default: 1000 10000)
 *
 * Compares prettier (the reference), printCanonical, and JSON.stringify (the
 * floor: no key sorting, no layout). Checks the outputs agree before timing.
 */
import { performance } from 'node:perf_hooks';
import { canonicalize, formatWithPrettier, printCanonical } from '../src/compile/serialize.js';

/** A dashboard shaped like generated ones: nested options, thresholds, mappings, number arrays. */
export function syntheticDashboard(panels: number): Record<string, unknown> {
  return {
    uid: 'bench',
    title: `Synthetic ${panels}`,
    tags: ['generated', 'bench'],
    time: { from: 'now-6h', to: 'now' },
    templating: { list: [{ name: 'instance', type: 'query', query: 'label_values(up, instance)', multi: true, includeAll: true }] },
    panels: Array.from({ length: panels }, (_, i) => ({
      type: i % 3 === 0 ? 'stat' : 'timeseries',
      title: `Panel ${i}: GPU utilisation for node ${i % 17}`,
      id: i + 1,
      gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
      datasource: { type: 'prometheus', uid: 'prom-main' },
      targets: [
        { refId: 'A', expr: `avg by (gpu) (DCGM_FI_DEV_GPU_UTIL{instance=~"$instance", job="node-${i}"})`, legendFormat: '{{gpu}}' },
        { refId: 'B', expr: `max(DCGM_FI_DEV_FB_USED{job="node-${i}"})`, legendFormat: '__auto', hide: i % 2 === 0 },
      ],
      options: {
        legend: { calcs: ['mean', 'max', 'lastNotNull'], displayMode: 'table', placement: 'bottom', showLegend: true },
        tooltip: { mode: 'multi', sort: 'desc' },
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      },
      fieldConfig: {
        defaults: {
          unit: 'percent',
          min: 0,
          max: 100,
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'orange', value: 70 }, { color: 'red', value: 90 + (i % 10) / 10 }] },
          mappings: [{ type: 'value', options: { '0': { text: 'idle', color: 'blue', index: 0 }, '1': { text: 'busy', index: 1 } } }],
          custom: { lineWidth: 1, fillOpacity: 10, drawStyle: 'line', spanNulls: false, axisSoftMax: undefined },
        },
        overrides: [{ matcher: { id: 'byName', options: 'B' }, properties: [{ id: 'custom.axisPlacement', value: 'right' }] }],
      },
      colWidths: Array.from({ length: 24 }, (_, k) => (k * 37 + i) % 500),
    })),
  };
}

function time(fn: () => unknown, runs: number): number {
  fn(); // warm up
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)]!;
}

async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)]!;
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const panels of sizes.length > 0 ? sizes : [1000, 10000]) {
  const value = syntheticDashboard(panels);
  const expected = await formatWithPrettier(value);
  if (printCanonical(value) !== expected) throw new Error(`printCanonical differs from prettier at ${panels} panels`);
  const fast = panels >= 10000 ? 5 : 21;
  const prettierMs = await timeAsync(() => formatWithPrettier(value), panels >= 10000 ? 1 : 3);
  const printMs = time(() => printCanonical(value), fast);
  const stringifyMs = time(() => JSON.stringify(value, null, 2), fast);
  const sortedStringifyMs = time(() => JSON.stringify(canonicalize(value), null, 2), fast);
  const kb = (Buffer.byteLength(expected) / 1024).toFixed(0);
  console.log(
    `${panels} panels (${kb} KiB): prettier ${prettierMs.toFixed(0)} ms | printCanonical ${printMs.toFixed(1)} ms` +
      ` (${(prettierMs / printMs).toFixed(0)}x faster) | JSON.stringify ${stringifyMs.toFixed(1)} ms` +
      ` | canonicalize+JSON.stringify ${sortedStringifyMs.toFixed(1)} ms`,
  );
}
