/**
 * Reads what `dashcode lint` was pointed at: dashboard JSON and provisioning
 * YAML, from files or (recursively) directories. In a directory, JSON that is
 * not a dashboard and YAML that is not provisioning (docker-compose.yml,
 * prometheus.yml) are skipped; a file named explicitly is always linted.
 */
import { walkFiles } from '../files/walk.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Issue } from '../model/issue.js';
import { looksLikeDashboard } from './dashboard/model.js';
import { notDashboard, readJsonFile } from '../files/json-file.js';
import { provisioningKind } from './provisioning.js';
import type { RepoDashboard, RepoProvisioning } from './repo.js';

export interface LintInputs {
  dashboards: RepoDashboard[];
  provisioning: RepoProvisioning[];
  /** Files that could not be parsed (`lint-parse`). */
  issues: Issue[];
}

export class MissingPathError extends Error {}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/**
 * `label(abs)` names a file in issues (relative to the working directory).
 * Throws MissingPathError for a path that does not exist.
 */
export async function readLintInputs(paths: readonly string[], label: (abs: string) => string): Promise<LintInputs> {
  const out: LintInputs = { dashboards: [], provisioning: [], issues: [] };
  const seen = new Set<string>();
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info) throw new MissingPathError(`no such file or directory: ${p}`);
    const explicit = info.isFile();
    for (const file of explicit ? [p] : await walk(p)) {
      if (seen.has(file)) continue;
      seen.add(file);
      await readOne(file, label(file), explicit, out);
    }
  }
  return out;
}

async function readOne(file: string, name: string, explicit: boolean, out: LintInputs): Promise<void> {
  const isJson = file.endsWith('.json');
  const isYaml = /\.ya?ml$/.test(file);
  if (!isJson && !isYaml) {
    if (explicit) out.issues.push(parseIssue(name, 'not a .json dashboard or a .yaml provisioning file'));
    return;
  }
  if (isJson) {
    // The one JSON-file reader: not JSON, a BOM, too deep, or (named on the command line) not a dashboard is a finding.
    const read = await readJsonFile(file, name);
    if (read.issue) out.issues.push(parseIssue(name, read.issue.message));
    else if (looksLikeDashboard(read.json)) out.dashboards.push({ file: name, json: read.json });
    else if (explicit) out.issues.push(parseIssue(name, notDashboard(read.json, name, { apiResponse: true })?.message ?? `${name} is not a Grafana dashboard`));
    return;
  }
  let doc: unknown;
  try {
    doc = parseYaml(await readFile(file, 'utf8'));
  } catch (err) {
    out.issues.push(parseIssue(name, `cannot parse: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`));
    return;
  }
  const kind = provisioningKind(doc);
  if (kind) out.provisioning.push({ file: name, kind, doc });
  else if (explicit) out.issues.push(parseIssue(name, 'not a Grafana provisioning file (no datasources or providers)'));
}

function parseIssue(file: string, message: string): Issue {
  return { code: 'lint-parse', path: [], message, severity: 'error', source: { file } };
}

/** Files under `dir` (absolute paths, sorted), leaving out hidden files and folders, node_modules and .git. */
export async function walk(dir: string): Promise<string[]> {
  const rels = await walkFiles(dir, (_rel, name) => name.startsWith('.') || SKIP_DIRS.has(name));
  return rels.filter((rel) => !rel.split('/').at(-1)!.startsWith('.')).map((rel) => path.join(dir, rel));
}
