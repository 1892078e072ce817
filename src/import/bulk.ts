/**
 * Importing a whole Grafana setup at once: many dashboards (one module
 * each) and the datasource provisioning files. Datasources are resolved
 * against the project's datasources module first, then the provisioning
 * files, then declared as external; every addition is collected once (by
 * uid) for the datasources module, shared by all dashboards. Pure: the
 * caller reads and writes the files.
 */
import type { Issue } from '../model/issue.js';
import { isObject } from '../diff/json.js';
import type { KnownDatasource, NewDatasource } from './datasources.js';
import { importDashboard, type ImportOptions, type ImportResult } from './import.js';
import { datasourcesFromProvisioning, type ProvisioningFile } from './provisioning.js';

export interface BulkInput {
  /** The input file, relative, for messages and the module name. */
  file: string;
  json: unknown;
}

export interface BulkOptions extends Pick<ImportOptions, 'library' | 'datasourcesModule' | 'printWidth'> {
  /** Exports of the existing datasources module. */
  datasources?: readonly KnownDatasource[];
  /** Names the existing datasources module binds (new exports avoid them). */
  datasourcesModuleNames?: ReadonlySet<string>;
  provisioning?: readonly ProvisioningFile[];
  /** Module names already taken in the dashboards directory (compared case-insensitively). */
  takenModules?: ReadonlySet<string>;
}

export interface BulkDashboard {
  file: string;
  /** The module's base name (no extension), unique in the batch and against `takenModules`. */
  moduleName: string;
  result: ImportResult;
}

export interface BulkResult {
  dashboards: BulkDashboard[];
  /** To append to the datasources module, in order: the provisioned ones first, then externals. */
  newDatasources: NewDatasource[];
  /** Issues of the provisioning files. */
  issues: Issue[];
}

export async function importDashboards(inputs: readonly BulkInput[], options: BulkOptions = {}): Promise<BulkResult> {
  const names = new Set(options.datasourcesModuleNames ?? []);
  const existing = [...(options.datasources ?? [])];
  for (const d of existing) names.add(d.exportName);
  const provisioned = datasourcesFromProvisioning(options.provisioning ?? [], new Set(existing.map((d) => d.uid)), names);
  const added: NewDatasource[] = [...provisioned.datasources];
  const modules = moduleNames(inputs.map((i) => i.file), options.takenModules ?? new Set());
  const dashboards: BulkDashboard[] = [];
  const takenUids = new Set(inputs.map((i) => (isObject(i.json) && typeof i.json.uid === 'string' ? i.json.uid : '')).filter((u) => u !== ''));
  for (const [i, input] of inputs.entries()) {
    const result = await importDashboard(input.json, {
      file: input.file,
      library: options.library,
      datasourcesModule: options.datasourcesModule,
      printWidth: options.printWidth,
      datasources: [...existing, ...added],
      datasourcesModuleNames: names,
      takenUids,
    });
    // A dashboard that is not imported adds nothing to the datasources module.
    if (result.code !== '') {
      for (const n of result.newDatasources) {
        names.add(n.exportName);
        added.push(n);
      }
    }
    dashboards.push({ file: input.file, moduleName: modules[i]!, result });
  }
  return { dashboards, newDatasources: added, issues: provisioned.issues };
}

/**
 * A module name per input file, deterministic and safe: the file's base
 * name with anything but `[A-Za-z0-9_-]` replaced, at most 80 characters;
 * a name already taken (case-insensitively, for case-insensitive file
 * systems) gets `-2`, `-3`, ... in input order.
 */
export function moduleNames(files: readonly string[], taken: ReadonlySet<string>): string[] {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  return files.map((f) => {
    const base = baseModuleName(f);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** `exports/My Dashboard (v2).json` → `My-Dashboard-v2`. */
export function baseModuleName(file: string): string {
  const base = file.split(/[\\/]/).pop()!.replace(/\.json$/i, '');
  const safe = base
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 80);
  // Reserved device names on Windows, and names the build would treat specially.
  return safe === '' || /^(con|prn|aux|nul|com\d|lpt\d|index)$/i.test(safe) ? `dashboard${safe === '' ? '' : `-${safe}`}` : safe;
}
