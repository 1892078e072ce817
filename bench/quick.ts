/**
 * A quick single-process timing of the build+validate+serialize pipeline
 * (median of repeated runs), for comparing one change against the last while
 * working; `npm run bench` is the measurement of record.
 *
 *     node --import tsx bench/quick.ts [panels] [runs]
 */
import { loadInProcess } from './bundled.js';
import { median } from './median.js';

const { dashcode, foundationSdk } = loadInProcess();

const n = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 30);
const time = (f: () => unknown) => {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
};
for (let i = 0; i < 3; i++) {
  dashcode('build+validate+serialize', n);
  foundationSdk('build+serialize', n);
}
const d = time(() => dashcode('build+validate+serialize', n));
const s = time(() => foundationSdk('build+serialize', n));
console.log(`${n} panels: dashcode build+validate+serialize ${d.toFixed(1)} ms, foundation-sdk build+serialize ${s.toFixed(1)} ms, ratio ${(d / s).toFixed(2)}×`);
