/**
 * Where `dashcode diff` reads dashboards from: one file, a directory, or a
 * directory at a git revision (`git ls-tree` to list, `git show REV:path` to
 * read). Problems are returned as issues naming the file, never thrown, so
 * one malformed file does not hide the differences in the others.
 */
import { toPosix } from '../files/paths.js';
import { walkFiles } from '../files/walk.js';
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { issue, type Issue } from '../model/issue.js';
import { parseDashboardText as parseDashboard, readDashboardFile as readDashboard, type JsonFileResult } from '../files/json-file.js';

const run = promisify(execFile);

export interface DashboardSet {
  /** Dashboards by name: the path relative to the directory (or the file name). */
  dashboards: Map<string, unknown>;
  /** Alerting provisioning YAML (by name), diffed per rule; other YAML is skipped. */
  alerting?: Map<string, unknown>;
  issues: Issue[];
}

/** Parses dashboard JSON text; an issue names the file when it is not JSON or not a dashboard (see files/json-file.ts). */
export function parseDashboardText(text: string, file: string): JsonFileResult {
  return parseDashboard(text, file);
}

export async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

export async function readDashboardFile(file: string, name = path.basename(file)): Promise<DashboardSet> {
  const parsed = await readDashboard(file);
  return { dashboards: parsed.json === undefined ? new Map() : new Map([[name, parsed.json]]), issues: parsed.issue ? [parsed.issue] : [] };
}

/** Every `*.json` dashboard under `dir`; other JSON files (not dashboards) are skipped silently. */
export async function readDashboardDir(dir: string): Promise<DashboardSet> {
  const set: DashboardSet = { dashboards: new Map(), issues: [] };
  const unreadable = (sub: string, err: NodeJS.ErrnoException): void => {
    set.issues.push(issue('input-read', [], `cannot read directory ${path.join(dir, sub)}: ${err.code ?? err.message}`));
  };
  // walkFiles treats a missing root as empty; here it is a directory the user named.
  const root = await stat(dir).catch((err: NodeJS.ErrnoException) => err);
  if (root instanceof Error) {
    unreadable('', root);
    return set;
  }
  // Hidden folders (dashcode's .dashcode/ manifest) are skipped, as Grafana's file provider does (validateWalkablePath).
  for (const rel of await walkFiles(dir, (_rel, name) => name.startsWith('.'), unreadable)) {
    if (rel.endsWith('.json')) addText(set, rel, await readFile(path.join(dir, rel), 'utf8'), path.join(dir, rel));
    else if (/\.ya?ml$/.test(rel)) await addAlerting(set, rel, await readFile(path.join(dir, rel), 'utf8'));
  }
  return set;
}

function addText(set: DashboardSet, name: string, text: string, label: string): void {
  const parsed = parseDashboardText(text, label);
  if (parsed.json !== undefined) set.dashboards.set(name, parsed.json);
  // Other JSON in a directory (not a dashboard) is skipped; a file that is not JSON at all is reported.
  else if (parsed.issue && parsed.issue.code !== 'input-not-dashboard') set.issues.push(parsed.issue);
}

/** YAML that is alerting provisioning joins the set; any other YAML (or YAML that does not parse) is not ours to diff. */
async function addAlerting(set: DashboardSet, name: string, text: string): Promise<void> {
  const { alertingDocumentOf } = await import('../lint/provisioning.js');
  const doc = await alertingDocumentOf(text);
  if (doc) (set.alerting ??= new Map()).set(name, doc);
}

/** `A...B` (from the merge base of A and B, as a pull request shows), `A..B`, or `A` (against the working tree). */
export interface GitRange {
  from: string;
  to?: string;
  mergeBase: boolean;
}

export function parseGitRange(spec: string): GitRange | undefined {
  const m = /^([^.\s][^\s]*?)(\.\.\.?)([^.\s][^\s]*)$/.exec(spec);
  if (m) return { from: m[1]!, to: m[3]!, mergeBase: m[2] === '...' };
  if (/^[^\s.][^\s]*$/.test(spec) && !spec.includes('..')) return { from: spec, mergeBase: false };
  return undefined;
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/** Resolves the revisions of a range: the `from` side is the merge base for `A...B`. */
export async function resolveGitRange(cwd: string, range: GitRange): Promise<{ from: string; to?: string; issues: Issue[] }> {
  try {
    const from = range.mergeBase && range.to ? (await git(cwd, ['merge-base', range.from, range.to])).trim() : range.from;
    return { from, to: range.to, issues: [] };
  } catch (err) {
    return { from: range.from, to: range.to, issues: [issue('input-git', [], `git cannot find the merge base of ${range.from} and ${range.to}: ${gitMessage(err)}`)] };
  }
}

/** The dashboards under `dir` (relative to `cwd`) at revision `rev`; a directory missing at that revision is an empty set. */
export async function readDashboardGitTree(cwd: string, rev: string, dir: string): Promise<DashboardSet> {
  const set: DashboardSet = { dashboards: new Map(), issues: [] };
  let listing: string;
  try {
    await git(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    listing = await git(cwd, ['ls-tree', '-r', '-z', '--name-only', rev, '--', dir]);
  } catch (err) {
    set.issues.push(issue('input-git', [], `git cannot read revision "${rev}": ${gitMessage(err)}`));
    return set;
  }
  const prefix = path.posix.normalize(toPosix(dir)).replace(/\/?$/, '/');
  for (const file of listing.split('\0').filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const name = file.startsWith(prefix) ? file.slice(prefix.length) : file;
    try {
      await addAlerting(set, name, await git(cwd, ['show', `${rev}:./${file}`]));
    } catch (err) {
      set.issues.push(issue('input-git', [], `git cannot show ${rev}:${file}: ${gitMessage(err)}`));
    }
  }
  for (const file of listing.split('\0').filter((f) => f.endsWith('.json')).sort()) {
    const name = file.startsWith(prefix) ? file.slice(prefix.length) : file;
    try {
      addText(set, name, await git(cwd, ['show', `${rev}:./${file}`]), `${rev}:${file}`);
    } catch (err) {
      set.issues.push(issue('input-git', [], `git cannot show ${rev}:${file}: ${gitMessage(err)}`));
    }
  }
  return set;
}

function gitMessage(err: unknown): string {
  const e = err as { stderr?: string; message?: string; code?: string };
  if (e.code === 'ENOENT') return 'git is not installed';
  return (e.stderr || e.message || String(err)).trim().split('\n')[0] ?? '';
}
