import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
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
