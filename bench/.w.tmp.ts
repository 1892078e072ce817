import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectCopy } from './cli.js';
const copy = projectCopy(path.resolve(import.meta.dirname, '..'));
const child = spawn(process.execPath, [path.join(copy.dir, 'bin/dashcode.js'), 'build', '--watch'], { cwd: copy.dir });
let out = '';
child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
child.stderr.on('data', (d) => { out += d; process.stderr.write('ERR ' + d); });
const waitFor = (re: RegExp, from = 0) => new Promise<void>((res) => { const t = setInterval(() => { if (re.test(out.slice(from))) { clearInterval(t); res(); } }, 5); });
await waitFor(/watching for changes/);
const file = path.join(copy.dir, 'dashboards/kv-cache.ts');
const gen = path.join(copy.dir, 'generated/kv-cache-dashboard.json');
for (let i = 0; i < 5; i++) {
  await new Promise((r) => setTimeout(r, 500));
  const from = out.length;
  const text = readFileSync(file, 'utf8');
  const t = performance.now();
  writeFileSync(file, text.replace(/title: '([^']*)'/, (m, x) => `title: '${x.replace(/ v\d+$/, '')} v${i}'`));
  const before = readFileSync(gen, 'utf8');
  await new Promise<void>((res) => { const iv = setInterval(() => { if (readFileSync(gen, 'utf8') !== before) { clearInterval(iv); res(); } }, 2); });
  console.log(`edit → output ${(performance.now() - t).toFixed(0)} ms`);
  await waitFor(/built/, from);
}
child.kill('SIGINT');
child.on('exit', (code) => { console.log('exit', code); copy.dispose(); });
