import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readDashboardFile } from '../files/json-file.js';
import type { Issue } from '../model/issue.js';
import { UsageError } from './io.js';

/** Dashboard JSON files named on the command line: files as given, folders expanded to their `*.json`, sorted. */
export async function dashboardFiles(cwd: string, inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let info;
    try {
      info = await stat(abs);
    } catch {
      throw new UsageError(`no such file or folder: ${input}`);
    }
    if (info.isDirectory()) {
      for (const e of (await readdir(abs)).sort()) if (e.endsWith('.json')) out.push(path.join(input, e));
    } else out.push(input);
  }
  return out;
}

export interface DashboardInput {
  file: string;
  json: Record<string, unknown>;
}

/**
 * The dashboards in `files` (named as given), read with the one JSON-file
 * reader: a file that is not JSON or not a dashboard is an issue naming it,
 * and the other files are still read.
 */
export async function readDashboards(cwd: string, files: readonly string[]): Promise<{ dashboards: DashboardInput[]; issues: Issue[] }> {
  const dashboards: DashboardInput[] = [];
  const issues: Issue[] = [];
  for (const file of files) {
    const read = await readDashboardFile(path.resolve(cwd, file), file);
    if (read.issue) issues.push(read.issue);
    else dashboards.push({ file, json: read.json as Record<string, unknown> });
  }
  return { dashboards, issues };
}
