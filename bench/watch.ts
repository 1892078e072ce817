/**
 * The rebuild in a running `dashcode build --watch` (src/cli/commands/build-watch.ts):
 * what a person waits for between saving a dashboard and its output being
 * written, with the watch's 50 ms debounce included. Timed from the write of
 * the edit to the watch's `built in … ms` line for it, `runs` times, one
 * edit every 3 s (a person's pace: the build cache trusts no file changed
 * within 2 s of its record, fast-path.js).
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { median } from './median.js';

export async function timeWatchRebuild(dir: string, bin: string, dashboard: string, runs: number): Promise<{ medianMs: number; minMs: number } | { skipped: string }> {
  const child = spawn(process.execPath, [bin, 'build', '--watch'], { cwd: dir, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let seen = 0;
  let waiting: ((ok: boolean) => void) | undefined;
  const builtLine = /^built( with errors)? in \d+ ms/gm;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const n = out.match(builtLine)?.length ?? 0;
    if (n > seen) {
      seen = n;
      waiting?.(true);
    }
  });
  child.on('exit', () => waiting?.(false));
  const nextBuild = (timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      waiting = (ok) => {
        clearTimeout(timer);
        waiting = undefined;
        resolve(ok);
      };
    });
  try {
    if (!(await nextBuild(60_000))) return { skipped: `the watch did not build: ${out.slice(-200)}` };
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const built = nextBuild(30_000);
      const t0 = performance.now();
      appendFileSync(path.join(dir, dashboard), `// bench watch edit ${r}\n`);
      if (!(await built)) return { skipped: `no rebuild after an edit: ${out.slice(-200)}` };
      times.push(performance.now() - t0);
    }
    return { medianMs: median(times), minMs: Math.min(...times) };
  } finally {
    child.kill('SIGINT');
  }
}
