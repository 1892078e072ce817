import path from 'node:path';
import { parseOptions } from '../options.js';
import { formatDiffs, type DiffFormat } from '../../diff/format.js';
import { diffDashboardSets, diffAlertingSets } from '../../diff/sets.js';
import {
  isDirectory,
  parseGitRange,
  readDashboardDir,
  readDashboardFile,
  readDashboardGitTree,
  resolveGitRange,
  type DashboardSet,
} from '../../diff/sources.js';
import { hasErrors, type Issue } from '../../model/issue.js';
import { formatIssues } from '../../validate/issues.js';
import { EXIT } from '../exit.js';
import { UsageError, type Io } from '../io.js';
import type { Command } from '../run.js';

const usage = `Usage: dashcode diff <old> <new> [--format text|markdown|json]
       dashcode diff --git <A...B | A..B | A> [--dir generated] [--format ...]

Semantic, panel-level differences between dashboards: panels added, removed,
moved or resized (matched by row and title), queries changed (as a text
diff), options and field config changed (by path), variables and
datasources changed. Ids, versions, key order and defaults never show.

  <old> <new>      two dashboard JSON files, or two directories of them
  --git A...B      generated/ at the merge base of A and B against B, as a pull
                   request shows it (e.g. origin/main...HEAD)
  --git A..B       generated/ at A against B
  --git A          generated/ at A against the working tree
  --dir DIR        the directory compared in --git mode (default: generated)
  --format F       text (default), markdown (for a PR comment) or json
  -h, --help       this help

Exit codes: 0 no differences, 1 differences or an input that is not a
dashboard (not JSON, not a dashboard: the file is named), 2 usage error
(an unknown git revision included).`;

export const diffCommand: Command = {
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseOptions({
      args,
      allowPositionals: true,
      options: { git: { type: 'string' }, dir: { type: 'string' }, format: { type: 'string' } },
    });
    const format = (parsed.values.format ?? 'text') as DiffFormat;
    if (!['text', 'markdown', 'json'].includes(format)) throw new UsageError(`unknown --format "${parsed.values.format}" (text, markdown or json)`);

    const sides = parsed.values.git !== undefined ? await gitSides(parsed.values.git, parsed.values.dir ?? 'generated', parsed.positionals, io) : await pathSides(parsed.positionals, parsed.values.dir, io);
    const issues: Issue[] = [...sides.before.issues, ...sides.after.issues];
    if (issues.length > 0) io.stderr(`${formatIssues(issues)}\n`);
    // A file that is not a dashboard is a finding about that file; a revision git does not know is a usage error.
    if (hasErrors(issues)) return issues.some((i) => i.code === 'input-git') ? EXIT.usage : EXIT.findings;

    const diffs = [...diffDashboardSets(sides.before.dashboards, sides.after.dashboards), ...diffAlertingSets(sides.before.alerting, sides.after.alerting)];
    io.stdout(formatDiffs(diffs, format));
    return diffs.length > 0 ? EXIT.findings : EXIT.ok;
  },
};

async function gitSides(spec: string, dir: string, positionals: string[], io: Io): Promise<{ before: DashboardSet; after: DashboardSet }> {
  if (positionals.length > 0) throw new UsageError('--git takes no file arguments (use --dir to pick the directory)');
  const range = parseGitRange(spec);
  if (!range) throw new UsageError(`--git "${spec}" is not a revision range: use A...B, A..B or A`);
  const resolved = await resolveGitRange(io.cwd, range);
  if (resolved.issues.length > 0) return { before: { dashboards: new Map(), issues: resolved.issues }, after: { dashboards: new Map(), issues: [] } };
  const before = await readDashboardGitTree(io.cwd, resolved.from, dir);
  const after = resolved.to ? await readDashboardGitTree(io.cwd, resolved.to, dir) : await readDashboardDir(path.resolve(io.cwd, dir));
  return { before, after };
}

async function pathSides(positionals: string[], dir: string | undefined, io: Io): Promise<{ before: DashboardSet; after: DashboardSet }> {
  if (dir !== undefined) throw new UsageError('--dir only applies with --git');
  if (positionals.length !== 2) throw new UsageError(`expected two files or two directories, got ${positionals.length} argument(s)`);
  const [oldPath, newPath] = positionals.map((p) => path.resolve(io.cwd, p)) as [string, string];
  const [oldIsDir, newIsDir] = [await isDirectory(oldPath), await isDirectory(newPath)];
  if (oldIsDir !== newIsDir) throw new UsageError('compare a file with a file, or a directory with a directory');
  if (oldIsDir) return { before: await readDashboardDir(oldPath), after: await readDashboardDir(newPath) };
  // Two files are one dashboard: both sides get the new file's name.
  const name = positionals[1]!;
  return { before: await readDashboardFile(oldPath, name), after: await readDashboardFile(newPath, name) };
}
