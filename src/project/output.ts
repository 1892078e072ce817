/**
 * The rules that keep the build inside its own files (docs/security.md, "The
 * build touches only its own files"): where outDir may be, what a module's
 * `export const output` may name, and the manifest of generated files that is
 * the only list the build ever deletes from.
 */
import { toPosix } from '../files/paths.js';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isModuleFile, walkFiles } from '../files/walk.js';
import type { ResolvedConfig } from '../config/config.js';
import { issue, type Issue } from '../model/issue.js';

/**
 * The manifest, relative to outDir. In a hidden folder because Grafana's file
 * provider skips hidden folders but reads every other `*.json` as a dashboard
 * (validateWalkablePath in pkg/services/provisioning/dashboards/file_reader.go).
 */
export const MANIFEST = '.dashcode/manifest.json';
/** Provisioning files, relative to outDir; dashboards may not write under this folder. */
export const PROVISIONING_DIR = 'provisioning';

/**
 * Problems with outDir, `config`'s relative to `root`. The build writes nothing
 * at all while there are any. Refused: the project root, anything outside it
 * (an ancestor or a sibling), a folder holding package.json or module sources,
 * or one that holds the dashboards or datasources.
 */
export async function checkOutDir(root: string, config: ResolvedConfig, configFile = 'dashcode.config.ts'): Promise<Issue[]> {
  const outDir = config.outDir;
  const refuse = (why: string): Issue[] => [{ ...issue('config-out-dir', ['outDir'], `outDir ${JSON.stringify(outDir)} ${why}; dashcode writes only into a folder of its own inside the project`), source: { file: configFile } }];
  if (typeof outDir !== 'string' || outDir.trim() === '') return refuse('is empty');
  const abs = path.resolve(root, outDir);
  const rel = path.relative(root, abs);
  if (rel === '') return refuse('is the project root');
  if (rel.startsWith('..') || path.isAbsolute(rel)) return refuse(path.relative(abs, root).startsWith('..') ? 'is outside the project root' : 'is an ancestor of the project root');
  const first = rel.split(path.sep)[0]!;
  if (first === 'node_modules' || first.startsWith('.')) return refuse('is inside node_modules or a hidden folder');
  for (const [what, p] of [['dashboards', config.dashboardsDir], ['datasources module', config.datasourcesModule]] as const) {
    const inside = path.relative(abs, path.resolve(root, p));
    if (inside === '' || !(inside.startsWith('..') || path.isAbsolute(inside))) return refuse(`holds the ${what} (${p})`);
  }
  if (!existsSync(abs)) return [];
  // A symbolic link may point anywhere: judge where it really is.
  const real = path.relative(realpathSync(root), realpathSync(abs));
  if (real === '' || real.startsWith('..') || path.isAbsolute(real)) return refuse('is a link to a folder outside the project');
  const files = await walkFiles(abs, (_rel, name) => name === 'node_modules');
  const foreign = files.find((f) => path.posix.basename(f) === 'package.json' || isModuleFile(f));
  if (foreign) return refuse(`holds ${toPosix(path.join(outDir, foreign))}, which dashcode did not generate`);
  return [];
}

/**
 * A module's `export const output`, normalized relative to outDir (`./x.json`
 * → `x.json`), or an `output-path` message. Only plain relative `*.json` paths
 * without `..`, hidden segments or backslashes, outside provisioning/.
 */
export function resolveOutput(output: unknown): { path: string } | { problem: string } {
  if (typeof output !== 'string') return { problem: `export const output must be a string, got ${typeof output}` };
  const bad = (why: string) => ({ problem: `output ${JSON.stringify(output)} ${why}` });
  if (output.trim() === '') return bad('is empty');
  if (/[\\\0:]/.test(output) || path.posix.isAbsolute(output) || path.win32.isAbsolute(output)) return bad('must be a relative path inside outDir, not an absolute path (no \\, : or NUL)');
  const segments = output.split('/');
  if (segments.includes('..')) return bad('must not contain ".." segments: it stays inside outDir');
  const normalized = path.posix.normalize(output);
  if (normalized.endsWith('/')) return bad('names a folder');
  if (normalized.split('/').some((s) => s.startsWith('.'))) return bad('must not have hidden segments (Grafana skips hidden folders; .dashcode/ is the manifest\'s)');
  if (!normalized.endsWith('.json')) return bad('must end in .json (Grafana\'s file provider reads only *.json)');
  if (normalized.split('/')[0] === PROVISIONING_DIR) return bad(`is under ${PROVISIONING_DIR}/, which holds the provisioning files`);
  return { path: normalized };
}

/** Whether a manifest entry may be touched: the same rules as an output, or one of the provisioning files. */
export function isSafeEntry(entry: unknown, provisioningFiles: readonly string[]): entry is string {
  if (typeof entry !== 'string') return false;
  if (provisioningFiles.includes(entry)) return true;
  const r = resolveOutput(entry);
  return 'path' in r && r.path === entry;
}

export function manifestText(files: readonly string[]): string {
  const sorted = [...new Set(files)].sort();
  return `${JSON.stringify({ generator: 'dashcode', version: 1, note: 'Files dashcode generated in this folder; the build deletes only these. Do not edit.', files: sorted }, null, 2)}\n`;
}

/** The files a manifest lists, or undefined when there is none (or it is not a dashcode manifest). */
export function parseManifest(text: string | undefined): { files: unknown[] } | undefined {
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as { generator?: unknown; files?: unknown };
    if (json && json.generator === 'dashcode' && Array.isArray(json.files)) return { files: json.files };
  } catch {
    // An unreadable manifest is treated like a missing one: nothing is deleted.
  }
  return undefined;
}

export { toPosix } from '../files/paths.js';
