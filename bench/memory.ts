/**
 * Child process for peak-memory measurement (spawned by bench/run.ts):
 *
 *     node --import tsx bench/memory.ts <dashcode|foundation-sdk|json-stringify|baseline> <pipeline> <panels>
 *
 * Runs one pipeline once and prints one JSON line: RSS after loading both
 * libraries (`before`), and the process's peak RSS (`resourceUsage().maxRSS`)
 * after the run, both in bytes. Every child loads the same modules, so the
 * difference between children is the work alone.
 */
import { loadInProcess } from './bundled.js';
import type { PipelineName } from './pipelines.js';

// Built by the parent (bench/run.ts) just before: every child loads the same bundle, and only it.
const { compileDashboard, dashcode, dashcodeSpec, foundationSdk, grafanaValidator, PIPELINES } = loadInProcess({ rebuild: false });

const [lib, pipelineArg, panelsArg] = process.argv.slice(2);
const n = Number(panelsArg);
const pipeline = pipelineArg as PipelineName;
if (!Number.isInteger(n) || n <= 0 || !PIPELINES.includes(pipeline)) {
  process.stderr.write('usage: memory.ts <dashcode|foundation-sdk|json-stringify|baseline> <pipeline> <panels>\n');
  process.exit(2);
}

const validate = lib === 'foundation-sdk' && pipeline === 'build+validate+serialize' ? grafanaValidator() : undefined;
let sink: unknown;
const before = process.memoryUsage().rss;
switch (lib) {
  case 'dashcode':
    sink = dashcode(pipeline, n);
    break;
  case 'foundation-sdk':
    sink = foundationSdk(pipeline, n, validate);
    break;
  case 'json-stringify':
    // Includes compiling the object it prints: there is no other way to have it.
    sink = JSON.stringify(compileDashboard(dashcodeSpec(n)).json, null, 2);
    break;
  case 'baseline':
    break;
  default:
    process.stderr.write(`unknown library ${lib}\n`);
    process.exit(2);
}
const after = process.memoryUsage().rss;
process.stdout.write(`${JSON.stringify({ before, after, peak: process.resourceUsage().maxRSS * 1024, kept: typeof sink })}\n`);
