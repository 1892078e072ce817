import { existsSync, readFileSync } from 'node:fs';
import { toPosix } from '../../files/paths.js';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isDatasource } from '../../datasources/datasource.js';
import { importDashboards, type BulkInput } from '../../import/bulk.js';
import { appendDatasources, builderLibraryOf, moduleBindings } from '../../import/datasources-module.js';
import type { ImportResult, KnownDatasource } from '../../import/import.js';
import type { ProvisioningFile } from '../../import/provisioning.js';
import { writeFileAtomic } from '../../files/atomic.js';
import { readDashboardFile } from '../../files/json-file.js';
import { hasErrors, type Issue } from '../../model/issue.js';
import { formatIssues } from '../../validate/issues.js';
import { EXIT } from '../exit.js';
import { dashboardFiles } from '../dashboard-files.js';
import { UsageError, type Io } from '../io.js';
import { parseOptions } from '../options.js';
import type { Command } from '../run.js';
import { parse as parseYaml } from 'yaml';

const usage = `Usage: dashcode import <dashboard.json | folder>... [--provisioning DIR] [--datasources datasources/index.ts]
       dashcode import <dashboard.json> -o dashboards/<name>.ts | -o -

Turns Grafana dashboard JSON files (schemaVersion 27+; a folder means its
*.json files) into dashcode modules that use the builders, one per dashboard
in dashboards/ (named after the file; a name taken twice gets -2, -3, ...).
Legacy graph, singlestat and table panels are migrated as Grafana migrates
them on load. Datasources are referenced through the exports of the
datasources module; those it lacks are appended to it: the ones found in the
provisioning YAML (--provisioning) with their builders, the others as
externalDatasource (referenced, never provisioned). Existing code in the
datasources module is never rewritten. Fields the builders do not model are
kept through \`raw\` (or \`withFields\`) and listed, never dropped silently.
Files are written atomically: never half a file.

Options:
  -o, --out FILE       output module, for a single dashboard ("-" prints it)
  --out-dir DIR        folder for the modules (default: dashboards)
  --datasources FILE   the datasources module (default: datasources/index.ts)
  --provisioning DIR   Grafana datasource provisioning YAML (a folder or a file)
  --library SPEC       what the modules import dashcode as (default: "dashcode",
                       or the relative src/index.js inside dashcode's own repository)
  --force              overwrite existing dashboard modules
  -h, --help           this help

Exit codes: 0 written (warnings are printed), 1 an input cannot be imported or
an output exists (then nothing is written), 2 usage or internal error.`;

interface Output {
  input: string;
  out?: string;
  result: ImportResult;
}

export const importCommand: Command = {
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseOptions({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        'out-dir': { type: 'string' },
        datasources: { type: 'string' },
        provisioning: { type: 'string' },
        library: { type: 'string' },
        force: { type: 'boolean' },
      },
    });
    if (parsed.positionals.length === 0) throw new UsageError('expected dashboard JSON files or folders');
    // A missing input is a finding about that file (exit 1), like an unreadable one, not a usage error.
    const missing = parsed.positionals.filter((p) => !existsSync(path.resolve(io.cwd, p)));
    for (const m of missing) io.stderr(`dashcode import: cannot read ${m}: ENOENT\n`);
    const inputs = await dashboardFiles(io.cwd, parsed.positionals.filter((p) => !missing.includes(p)));
    if (missing.length > 0) {
      io.stderr('dashcode import: nothing written\n');
      return EXIT.findings;
    }
    const single = parsed.values.out;
    if (single !== undefined && (inputs.length !== 1 || parsed.values['out-dir'] !== undefined)) {
      throw new UsageError('-o names the module of a single dashboard; use --out-dir for several');
    }
    if (inputs.length === 0) {
      io.stderr(`dashcode import: no *.json files in ${parsed.positionals.join(', ')}\n`);
      return EXIT.findings;
    }
    const toStdout = single === '-';
    const outDir = single && !toStdout ? path.dirname(path.resolve(io.cwd, single)) : path.resolve(io.cwd, parsed.values['out-dir'] ?? 'dashboards');
    const dsFile = path.resolve(io.cwd, parsed.values.datasources ?? 'datasources/index.ts');
    const dsText = existsSync(dsFile) ? await readFile(dsFile, 'utf8') : undefined;
    const known = dsText !== undefined ? await loadDatasources(dsFile, io) : [];
    if (known === undefined) return EXIT.findings;

    let failed = false;
    const jsons: BulkInput[] = [];
    for (const input of inputs) {
      // The one JSON-file reader: not JSON, a BOM, too deep or not a dashboard is a finding naming the file.
      const read = await readDashboardFile(path.resolve(io.cwd, input), input, { apiResponse: true });
      if (read.issue) {
        io.stderr(`${formatIssues([read.issue])}\ndashcode import: ${input} was not imported\n`);
        failed = true;
      } else jsons.push({ file: input, json: read.json });
    }
    const provisioning = parsed.values.provisioning ? await readProvisioning(path.resolve(io.cwd, parsed.values.provisioning), io) : [];
    if (provisioning === undefined) return EXIT.findings;

    const bulk = await importDashboards(jsons, {
      datasources: known,
      datasourcesModuleNames: dsText === undefined ? new Set() : moduleBindings(dsText),
      provisioning,
      datasourcesModule: moduleSpecifier(outDir, dsFile),
      library: parsed.values.library ?? libraryFor(io.cwd, outDir),
    });
    if (bulk.issues.length > 0) io.stderr(`${formatIssues(bulk.issues)}\n`);
    if (hasErrors(bulk.issues)) failed = true;

    const outputs: Output[] = [];
    for (const d of bulk.dashboards) {
      if (d.result.issues.length > 0) io.stderr(`${formatIssues(d.result.issues)}\n`);
      if (hasErrors(d.result.issues) || d.result.code === '') {
        io.stderr(`dashcode import: ${d.file} was not imported\n`);
        failed = true;
        continue;
      }
      const out = toStdout ? undefined : single ? path.resolve(io.cwd, single) : path.join(outDir, `${d.moduleName}.ts`);
      if (out && existsSync(out) && !parsed.values.force) {
        io.stderr(`dashcode import: ${path.relative(io.cwd, out)} already exists; pass --force to overwrite it\n`);
        failed = true;
        continue;
      }
      outputs.push({ input: d.file, out, result: d.result });
    }
    // All or nothing: a batch with a failed input writes no file, so fixing it and rerunning starts from the same state.
    if (failed) {
      io.stderr('dashcode import: nothing written\n');
      return EXIT.findings;
    }

    const report = toStdout ? io.stderr : io.stdout;
    if (bulk.newDatasources.length > 0 && toStdout) {
      // -o - writes no file: the datasources the module needs are shown for the datasources module instead.
      report(`  add to ${path.relative(io.cwd, dsFile)} (not written with -o -):\n${appendDatasources('', bulk.newDatasources, 'dashcode').trim()}\n`);
    } else if (bulk.newDatasources.length > 0) {
      // --library is relative to the dashboards folder; the datasources module may sit elsewhere.
      const given = parsed.values.library?.startsWith('.') ? moduleSpecifier(path.dirname(dsFile), path.resolve(outDir, parsed.values.library)) : parsed.values.library;
      const library = (dsText !== undefined ? builderLibraryOf(dsText) : undefined) ?? given ?? libraryFor(io.cwd, path.dirname(dsFile));
      await mkdir(path.dirname(dsFile), { recursive: true });
      await writeFileAtomic(dsFile, appendDatasources(dsText, bulk.newDatasources, library));
      report(`✓ ${path.relative(io.cwd, dsFile)}: ${dsText === undefined ? 'created with' : 'appended'} ${bulk.newDatasources.length} datasource(s)\n`);
      for (const n of bulk.newDatasources) report(`    ${n.exportName}: uid ${n.uid} (${n.type}${n.spec.external ? ', external: not provisioned here' : ''})\n`);
    }
    for (const o of outputs) {
      if (!o.out) io.stdout(o.result.code);
      else {
        await mkdir(path.dirname(o.out), { recursive: true });
        await writeFileAtomic(o.out, o.result.code);
        io.stdout(`✓ ${o.input} → ${path.relative(io.cwd, o.out)}\n`);
      }
      if (o.result.unmodelled.length > 0) {
        report('  not modelled by the builders (kept through raw/withFields, or dropped as noted):\n');
        for (const u of o.result.unmodelled) report(`    ${u}\n`);
      }
      const warnings = o.result.issues.filter((i) => i.severity === 'warning').length;
      if (warnings > 0) report(`  ${warnings} warning(s): see above\n`);
    }
    return EXIT.ok;
  },
};

/** The provisioning folder's `*.yaml` / `*.yml` files (or the one file), parsed; undefined (after a message) when one cannot be. */
async function readProvisioning(dir: string, io: Io): Promise<ProvisioningFile[] | undefined> {
  let files: string[];
  try {
    const info = await stat(dir);
    files = info.isDirectory() ? (await readdir(dir)).filter((f) => /\.ya?ml$/i.test(f)).sort().map((f) => path.join(dir, f)) : [dir];
  } catch {
    throw new UsageError(`no such provisioning folder or file: ${path.relative(io.cwd, dir)}`);
  }
  const out: ProvisioningFile[] = [];
  for (const file of files) {
    const shown = path.relative(io.cwd, file);
    try {
      out.push({ file: shown, doc: parseYaml(await readFile(file, 'utf8')) as unknown });
    } catch (err) {
      io.stderr(`dashcode import: ${shown} is not valid YAML: ${(err as Error).message.split('\n')[0]}\n`);
      return undefined;
    }
  }
  return out;
}

/** The import specifier from `fromDir` to a TypeScript module, as NodeNext wants it (`.js`). */
function moduleSpecifier(fromDir: string, file: string): string {
  const rel = toPosix(path.relative(fromDir, file)).replace(/\.(m?)ts$/, '.$1js');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** Inside dashcode's own repository the examples import the sources; elsewhere the package. */
function libraryFor(cwd: string, outDir: string): string {
  const pkg = path.join(cwd, 'package.json');
  const src = path.join(cwd, 'src/index.ts');
  if (!existsSync(pkg) || !existsSync(src)) return 'dashcode';
  try {
    const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name;
    return name === 'dashcode' ? moduleSpecifier(outDir, src) : 'dashcode';
  } catch {
    return 'dashcode';
  }
}

/** The datasources module's exports that are datasources; undefined (after a message) when it cannot load. */
async function loadDatasources(file: string, io: Io): Promise<KnownDatasource[] | undefined> {
  if (!existsSync(file)) {
    io.stderr(`dashcode import: datasources module ${path.relative(io.cwd, file)} does not exist\n`);
    return undefined;
  }
  // The build's own module loader (esbuild transform, cached per content hash; a timeout): no second TypeScript runtime.
  const { importUserModule } = await import('../../config/modules.js');
  const issues: Issue[] = [];
  const mod = await importUserModule(file, { root: io.cwd, issues });
  if (!mod) {
    io.stderr(`${formatIssues(issues)}\ndashcode import: cannot load ${path.relative(io.cwd, file)}\n`);
    return undefined;
  }
  const known: KnownDatasource[] = [];
  for (const [exportName, value] of Object.entries(mod)) {
    if (exportName === 'default' || !isDatasource(value)) continue;
    known.push({ exportName, uid: value.uid, type: value.type, name: value.name, isDefault: value.isDefault, spec: value });
  }
  return known;
}

