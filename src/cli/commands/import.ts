import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseOptions } from '../options.js';
import { pathToFileURL } from 'node:url';
import { isDatasource } from '../../datasources/datasource.js';
import { importDashboard, type KnownDatasource } from '../../import/import.js';
import { EXIT, formatIssues, hasErrors } from '../../validate/issues.js';
import { UsageError, type Io } from '../io.js';
import { writeFileAtomic } from '../../files/atomic.js';
import { readDashboardFile } from '../../files/json-file.js';
import type { Command } from '../run.js';

const usage = `Usage: dashcode import <dashboard.json> [-o dashboards/<name>.ts] [--datasources datasources/index.ts]

Turns a Grafana dashboard JSON file (schemaVersion 27+) into a dashcode module
that uses the builders. Datasources are referenced through the exports of the
datasources module; a uid it lacks gets a definition stub in the generated
module, listed below, to move there. Fields the builders do not model are kept
through \`raw\` (or \`withFields\`) and listed, never dropped silently. The file
is written atomically: never half a file.

Options:
  -o, --out FILE       output module (default: dashboards/<input name>.ts; "-" prints it)
  --datasources FILE   the datasources module (default: datasources/index.ts if present)
  --library SPEC       what the module imports dashcode as (default: "dashcode",
                       or the relative src/index.js inside dashcode's own repository)
  --force              overwrite an existing output file
  -h, --help           this help

Exit codes: 0 written (warnings are printed), 1 the input cannot be imported or
the output exists, 2 usage or internal error.`;

export const importCommand: Command = {
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseOptions({
      args,
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, datasources: { type: 'string' }, library: { type: 'string' }, force: { type: 'boolean' } },
    });
    if (parsed.positionals.length !== 1) throw new UsageError(`expected one dashboard JSON file, got ${parsed.positionals.length}`);
    const inputArg = parsed.positionals[0]!;
    const input = path.resolve(io.cwd, inputArg);

    const read = await readDashboardFile(input, inputArg, { apiResponse: true });
    if (read.issue) {
      io.stderr(`${formatIssues([read.issue])}\ndashcode import: ${inputArg} was not imported\n`);
      return EXIT.findings;
    }
    const json = read.json;

    const toStdout = parsed.values.out === '-';
    const out = toStdout ? undefined : path.resolve(io.cwd, parsed.values.out ?? path.join('dashboards', `${moduleName(input)}.ts`));
    if (out && existsSync(out) && !parsed.values.force) {
      io.stderr(`dashcode import: ${path.relative(io.cwd, out)} already exists; pass --force to overwrite it\n`);
      return EXIT.findings;
    }
    const outDir = out ? path.dirname(out) : path.join(io.cwd, 'dashboards');

    const dsFile = parsed.values.datasources ? path.resolve(io.cwd, parsed.values.datasources) : path.join(io.cwd, 'datasources/index.ts');
    const known = parsed.values.datasources || existsSync(dsFile) ? await loadDatasources(dsFile, io) : [];
    if (known === undefined) return EXIT.findings;

    const result = await importDashboard(json, {
      file: inputArg,
      datasources: known,
      datasourcesModule: moduleSpecifier(outDir, dsFile),
      library: parsed.values.library ?? libraryFor(io.cwd, outDir),
      prettier: await prettierConfig(out ?? path.join(outDir, 'dashboard.ts')),
    });
    if (result.issues.length > 0) io.stderr(`${formatIssues(result.issues)}\n`);
    if (hasErrors(result.issues) || result.code === '') {
      io.stderr(`dashcode import: ${inputArg} was not imported\n`);
      return EXIT.findings;
    }
    if (toStdout) io.stdout(result.code);
    else {
      await writeFileAtomic(out!, result.code);
      io.stdout(`✓ ${inputArg} → ${path.relative(io.cwd, out!)}\n`);
    }
    const report = toStdout ? io.stderr : io.stdout;
    if (result.datasourceStubs.length > 0) {
      report(`  datasources to move into ${path.relative(io.cwd, dsFile)} (stubs were generated in the module):\n`);
      for (const s of result.datasourceStubs) report(`    ${s.identifier}: uid ${s.uid} (${s.type})\n`);
    }
    if (result.unmodelled.length > 0) {
      report('  not modelled by the builders (kept through raw/withFields, or dropped as noted):\n');
      for (const u of result.unmodelled) report(`    ${u}\n`);
    }
    const warnings = result.issues.filter((i) => i.severity === 'warning').length;
    if (warnings > 0) report(`  ${warnings} warning(s): see above\n`);
    return EXIT.ok;
  },
};

/** `grafana_dashboard.json` → `grafana_dashboard`: a file name the project loader accepts. */
function moduleName(input: string): string {
  const base = path.basename(input).replace(/\.json$/i, '');
  return base.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[-_]+/, '') || 'dashboard';
}

/** The import specifier from `fromDir` to a TypeScript module, as NodeNext wants it (`.js`). */
function moduleSpecifier(fromDir: string, file: string): string {
  const rel = path.relative(fromDir, file).split(path.sep).join('/').replace(/\.(m?)ts$/, '.$1js');
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
  let mod: Record<string, unknown>;
  try {
    const { tsImport } = await import('tsx/esm/api');
    mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
  } catch (err) {
    io.stderr(`dashcode import: cannot load ${path.relative(io.cwd, file)}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    return undefined;
  }
  const known: KnownDatasource[] = [];
  for (const [exportName, value] of Object.entries(mod)) {
    if (exportName === 'default' || !isDatasource(value)) continue;
    known.push({ exportName, uid: value.uid, type: value.type, name: value.name, isDefault: value.isDefault, spec: value });
  }
  return known;
}

async function prettierConfig(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const prettier = await import('prettier');
    return ((await prettier.resolveConfig(file)) as Record<string, unknown> | null) ?? undefined;
  } catch {
    return undefined;
  }
}
