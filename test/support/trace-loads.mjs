// Preloaded with `node --import` by test/cli/startup.test.ts: appends the URL
// of every script the process compiles to the file named by
// DASHCODE_TRACE_LOADS. V8's inspector, not a module-loader hook: it sees
// every CommonJS module, every ES module (those taken with require() too, which
// bypass loader hooks) and every vm.Script, as each is parsed, in this thread.
import { appendFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { pathToFileURL } from 'node:url';

const session = new Session();
session.connect();
session.on('Debugger.scriptParsed', ({ params: { url } }) => {
  if (url === '' || url.startsWith('node:') || url === import.meta.url) return;
  appendFileSync(process.env.DASHCODE_TRACE_LOADS, `${url.startsWith('/') ? pathToFileURL(url).href : url}\n`);
});
session.post('Debugger.enable');
