/**
 * Everything the in-process timings run, in one module, which bench/bundled.ts
 * bundles with esbuild before loading it (see there for why).
 */
export { buildDashboard, compileDashboard, printCanonical } from '../src/index.js';
export { dashcode, dashcodeStages, foundationSdk, grafanaValidator, PIPELINES } from './pipelines.js';
export { dashcodeSpec, sdkDashboardJson } from './workloads.js';
