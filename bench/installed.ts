/**
 * The CLI as a user's repository runs it: from the packed tarball, installed
 * into a scratch `npm init -y` project that `dashcode init` scaffolded (one
 * dashboard). bench/cli.ts times this checkout's own CLI (its src/ bundle);
 * an installed package runs dist/ instead (docs/packaging.md, "How an
 * installed package runs its CLI"), so its figures are its own.
 *
 *     node --import tsx bench/installed.ts [runs]     # about a minute; writes nothing here
 *
 * Every build row is timed twice: as installed (the one script in
 * dist/cli-script/ with V8's code cache) and with DASHCODE_NO_CODE_CACHE=1
 * (dist/ module by module). Runs are interleaved with a bare `node -e 0`, and
 * the medians are reported with their ratio to it. `npm pack` runs the
 * package's prepack (scripts/build-lib.mjs), and the install needs npm's
 * cache or the registry.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median } from './median.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
const EDITED = 'dashboards/example.ts';

interface Row {
  name: string;
  args: string[];
  /** Run before every timed run, untimed. */
  prepare?: (dir: string) => void;
}

/** An edit a person makes: a comment appended, dated 3 s back (older than the build cache's racy window). */
function editDashboard(dir: string): void {
  const file = path.join(dir, EDITED);
  appendFileSync(file, `// edited ${Date.now()}\n`);
  const when = new Date(Date.now() - 3000);
  utimesSync(file, when, when);
}

const ROWS: Row[] = [
  { name: 'dashcode --help', args: ['--help'] },
  { name: 'dashcode build --check (cache hit)', args: ['build', '--check'] },
  { name: 'dashcode build --no-cache', args: ['build', '--no-cache'] },
  { name: 'dashcode build (one dashboard changed)', args: ['build'], prepare: editDashboard },
];

const MODES = { installed: {}, 'module by module': { DASHCODE_NO_CODE_CACHE: '1' } } as const;

function time(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, NODE_OPTIONS: '', ...env }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const base = mkdtempSync(path.join(tmpdir(), 'dashcode-bench-installed-'));
try {
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  npm(['pack', '--pack-destination', base, '--silent'], root);
  const tarball = path.join(base, readdirSync(base).find((f) => f.endsWith('.tgz'))!);
  const dir = path.join(base, 'consumer');
  execFileSync('mkdir', [dir]);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  npm(['install', '-D', '--no-audit', '--no-fund', '--prefer-offline', tarball], dir);
  const bin = path.join(dir, 'node_modules/.bin/dashcode');
  time(bin, ['init'], dir);
  for (const env of Object.values(MODES)) time(bin, ['build'], dir, env); // fills the code cache and the build cache

  const bare: number[] = [];
  const samples = new Map<string, number[]>();
  for (let r = 0; r < runs; r++) {
    bare.push(time(process.execPath, ['-e', '0'], dir));
    for (const row of ROWS) {
      for (const [mode, env] of Object.entries(MODES)) {
        row.prepare?.(dir);
        const key = `${row.name}\0${mode}`;
        samples.set(key, [...(samples.get(key) ?? []), time(bin, row.args, dir, env)]);
      }
    }
  }
  const b = median(bare);
  const show = (ms: number) => `${ms.toFixed(0)} ms, ${(ms / b).toFixed(2)}×`;
  process.stdout.write(`dashcode from its tarball in a scratch repository (${runs} runs each, median; node -e 0: ${b.toFixed(0)} ms)\n`);
  process.stdout.write(`  ${'command'.padEnd(42)}${Object.keys(MODES).map((m) => m.padEnd(20)).join('')}\n`);
  for (const row of ROWS) {
    const cells = Object.keys(MODES).map((mode) => show(median(samples.get(`${row.name}\0${mode}`)!)).padEnd(20));
    process.stdout.write(`  ${row.name.padEnd(42)}${cells.join('')}\n`);
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
