#!/usr/bin/env node
import { run } from './run.js';

/** The only place that touches process state: argv in, exit code out. */
process.exitCode = await run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
});
