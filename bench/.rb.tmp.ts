import { spawnSync } from 'node:child_process';
import { appendFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { projectCopy } from './cli.js';
const root = path.resolve(import.meta.dirname, '..');
const variants: Record<string, string[]> = JSON.parse(process.argv[2]!);
const runs = Number(process.argv[3] ?? 15);
const copies: Record<string, ReturnType<typeof projectCopy>> = {};
for (const [k, flags] of Object.entries(variants)) {
  copies[k] = projectCopy(root);
  spawnSync(process.execPath, [...flags, path.join(copies[k].dir, 'bin/dashcode.js'), 'build', '--no-cache'], { cwd: copies[k].dir });
}
const times: Record<string, number[]> = { bare: [] };
for (const k of Object.keys(variants)) times[k] = [];
for (let r = 0; r < runs; r++) {
  for (const [k, flags] of Object.entries(variants)) {
    const copy = copies[k]!; const bin = path.join(copy.dir, 'bin/dashcode.js'); const file = path.join(copy.dir, 'dashboards/kv-cache.ts');
    appendFileSync(file, `// ${r} ${k}\n`);
    const t = new Date(Date.now() - 3000);
    utimesSync(file, t, t);
    const s = performance.now();
    const p = spawnSync(process.execPath, [...flags, bin, 'build'], { cwd: copy.dir, env: { ...process.env, ...(flags.includes('ENV') ? {} : {}) } });
    times[k]!.push(performance.now() - s);
    if (p.status !== 0) console.log(k, p.status, String(p.stderr).slice(0, 300));
  }
  const s = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  times.bare!.push(performance.now() - s);
}
const med = (xs: number[]) => { const a = [...xs].sort((x, y) => x - y); return a[Math.floor(a.length / 2)]!; };
for (const [k, xs] of Object.entries(times)) console.log(k.padEnd(12), med(xs).toFixed(1), 'ms', (med(xs) / med(times.bare!)).toFixed(2) + '×');
for (const c of Object.values(copies)) c.dispose();
