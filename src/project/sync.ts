/**
 * Brings outDir in line with a plan, touching only dashcode's own files: the
 * ones the manifest (.dashcode/manifest.json) lists, plus new outputs that no
 * hand-written file occupies. See docs/security.md, "The build touches only
 * its own files".
 */
import { existsSync, realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../files/paths.js';
import { readIfExists, writeFileAtomic } from '../files/atomic.js';
import { walkFiles } from '../files/walk.js';
import { issue, type Issue } from '../model/issue.js';
import { isSafeEntry, MANIFEST, manifestText, parseManifest, PROVISIONING_DIR, toPosix } from './output.js';
import type { Plan } from './plan.js';

export interface Change {
  kind: 'missing' | 'stale' | 'removed';
  /** Relative to the project root, `/`-separated. */
  path: string;
  text?: string;
}

export interface Sync {
  /** What the build changes; `--check` lists them. The manifest is one of the files. */
  changes: Change[];
  /** Hand-written files in the way of an output, unusable manifest entries. */
  issues: Issue[];
  /** Files left alone on the first build with a manifest (migration), for the summary. */
  notes: string[];
  /** `*.tmp` files a killed build left beside dashcode's files (relative to the root). */
  staleTemps: string[];
  /** The manifest written before any other change: old and new files together, so a killed build loses no record. */
  interimManifest: string;
  /** The manifest after the build, relative to the root. */
  manifest: { path: string; text: string };
}

export interface SyncOptions {
  outDir: string;
  /** A build of named dashboards only: nothing is removed. */
  partial: boolean;
}

export async function compareWithDisk(root: string, plan: Plan, options: SyncOptions): Promise<Sync> {
  const out = toPosix(path.normalize(options.outDir)).replace(/\/$/, '');
  const outAbs = path.resolve(root, out);
  const manifestPath = `${out}/${MANIFEST}`;
  const inOut = (p: string) => p.slice(out.length + 1);
  const provisioningFiles = plan.files.map((f) => inOut(f.path)).filter((f) => f.startsWith(`${PROVISIONING_DIR}/`));
  const provisioningNames = ['datasources', 'dashboards', 'alerting'].map((k) => `${PROVISIONING_DIR}/${k}/dashcode.yaml`);
  const issues: Issue[] = [];
  const notes: string[] = [];
  const changes: Change[] = [];

  const old = parseManifest(await readIfExists(path.join(outAbs, MANIFEST)));
  const recorded = new Set<string>();
  for (const entry of old?.files ?? []) {
    if (isSafeEntry(entry, [...provisioningFiles, ...provisioningNames])) recorded.add(entry);
    else issues.push({ ...issue('output-manifest', [], `ignored manifest entry ${JSON.stringify(entry)}: not a file dashcode could have generated inside ${out}/`, 'warning'), source: { file: manifestPath } });
  }

  const written = new Set<string>();
  for (const f of plan.files) {
    const rel = inOut(f.path);
    const current = await readIfExists(path.join(root, f.path));
    const ours = recorded.has(rel) || (old === undefined && current !== undefined && looksGenerated(current, f.text));
    if (current !== undefined && current !== f.text && !ours) {
      issues.push({ ...issue('output-not-generated', [], `${f.path} exists and dashcode did not write it (${old ? `not in ${manifestPath}` : 'it is not dashcode output'}); move it away or choose another output`), source: { file: f.path } });
      continue;
    }
    written.add(rel);
    if (current === undefined) changes.push({ kind: 'missing', path: f.path, text: f.text });
    else if (current !== f.text) changes.push({ kind: 'stale', path: f.path, text: f.text });
  }

  // While any dashboard fails to load or build, nothing is removed: its old file may be the one it would write.
  const removing = !options.partial && !plan.dashboards.some((d) => !d.output);
  const kept = new Set(written);
  for (const rel of [...recorded].sort()) {
    if (written.has(rel) || !existsSync(path.join(outAbs, rel))) continue;
    if (removing) changes.push({ kind: 'removed', path: `${out}/${rel}` });
    else kept.add(rel);
  }
  if (old === undefined && !options.partial) {
    for (const rel of await walkFiles(outAbs, (_r, name) => name.startsWith('.'))) {
      if (!written.has(rel) && /\.(json|ya?ml)$/.test(rel)) notes.push(`${out}/${rel}: not in the manifest (${manifestPath}), left alone; delete it by hand if an earlier build generated it`);
    }
  }

  const manifest = manifestText([...kept]);
  const currentManifest = await readIfExists(path.join(outAbs, MANIFEST));
  if (currentManifest !== manifest) changes.push({ kind: currentManifest === undefined ? 'missing' : 'stale', path: manifestPath, text: manifest });

  const ownFiles = new Set([...recorded, ...written, MANIFEST]);
  const staleTemps = (await walkFiles(outAbs)).filter((rel) => isStaleTemp(rel, ownFiles)).map((rel) => `${out}/${rel}`);
  return { changes, issues, notes, staleTemps, interimManifest: manifestText([...kept, ...recorded]), manifest: { path: manifestPath, text: manifest } };
}

/**
 * Applies a sync: the interim manifest first, then the writes and deletions,
 * then the final manifest. Every path is checked to resolve inside outDir
 * (a symbolic link inside it may point anywhere).
 */
export async function applySync(root: string, outDir: string, sync: Sync): Promise<void> {
  const outAbs = path.resolve(root, outDir);
  const guard = (rel: string) => {
    const abs = path.resolve(root, rel);
    if (!isInside(realpathSync(outAbs), realNearest(abs))) throw new Error(`refusing to touch ${rel}: it resolves outside ${outDir}/`);
    return abs;
  };
  // Nothing to change: nothing written, the manifest included (a rewrite of the same text would still move its
  // mtime, and the build cache would read it again on the next `build --check`).
  if (sync.changes.length === 0 && sync.staleTemps.length === 0) return;
  await writeFileAtomic(path.join(outAbs, MANIFEST), sync.interimManifest);
  for (const c of sync.changes) {
    const abs = guard(c.path);
    if (c.kind === 'removed') await rm(abs, { force: true });
    else await writeFileAtomic(abs, c.text!);
  }
  for (const t of sync.staleTemps) await rm(guard(t), { force: true });
}

/** A file without a manifest that is what this build would write there: same dashboard uid, or a dashcode YAML header. */
function looksGenerated(current: string, planned: string): boolean {
  if (planned.startsWith('# Generated by dashcode')) return current.startsWith('# Generated by dashcode');
  try {
    const a = JSON.parse(current) as { uid?: unknown };
    const b = JSON.parse(planned) as { uid?: unknown };
    return typeof a.uid === 'string' && a.uid === b.uid;
  } catch {
    return false;
  }
}

/** writeFileAtomic's temp name, `<file>.<pid>.<base36 time>.tmp`, for one of dashcode's files, from a process that is gone. */
function isStaleTemp(rel: string, own: ReadonlySet<string>): boolean {
  const m = /^(.+)\.(\d+)\.[0-9a-z]+\.tmp$/.exec(rel);
  if (!m || !own.has(m[1]!)) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false; // still running: another build is writing it
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function realNearest(abs: string): string {
  let dir = abs;
  while (!existsSync(dir)) dir = path.dirname(dir);
  return path.join(realpathSync(dir), path.relative(dir, abs));
}
