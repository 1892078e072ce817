// Preloaded with `node --import` by test/cli/startup.test.ts: appends the URL
// of every module the process loads to the file named by DASHCODE_TRACE_LOADS.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.DASHCODE_TRACE_LOADS, url + '\\n');
  return next(url, context);
}`)}`,
);
