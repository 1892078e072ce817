// Preloaded into a timed CLI child by bench/cli.ts (`node --import bench/rss-probe.mjs …`):
// at exit, appends the process's peak RSS in bytes to the file $DASHCODE_BENCH_RSS.
// maxRSS covers worker threads (embedded PGlite runs in one), as they share the process.
import { appendFileSync } from 'node:fs';

const file = process.env.DASHCODE_BENCH_RSS;
if (file) process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS * 1024}\n`));
