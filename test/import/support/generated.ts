/**
 * Running generated modules the way a user would: written to disk, loaded
 * as `dashcode build` does, compiled with `compileDashboard`, and type-checked with tsc's
 * strict options (one TypeScript program for many files, as tsc is slow to start).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type ts from 'typescript';
import { compileDashboard } from '../../../src/compile/compile.js';
import { appendDatasources } from '../../../src/import/datasources-module.js';
import { importDashboard, type ImportOptions, type ImportResult } from '../../../src/import/import.js';
import type { DashboardSpec } from '../../../src/dashboards/dashboard.js';
import type { JsonObject } from '../../../src/model/loose.js';
import { repoRoot } from '../../support/shared.js';
import { importTypeScript } from '../../support/ts-module.js';

/** A scratch directory outside the repository (so `npm run typecheck` never sees stray files). */
export class Scratch {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'dashcode-import-'));
  private n = 0;

  constructor() {
    writeFileSync(path.join(this.dir, 'package.json'), '{ "type": "module" }\n');
  }

  /** How a module in this directory imports dashcode's sources. */
  get library(): string {
    return path.relative(this.dir, path.join(repoRoot, 'src/index.js')).split(path.sep).join('/');
  }

  write(code: string, name = `dashboard${++this.n}.ts`): string {
    const file = path.join(this.dir, name);
    writeFileSync(file, code);
    return file;
  }

  /**
   * Imports `original` and writes the module next to its own datasources
   * module: `datasourcesText` (default empty) with the datasources the
   * import added appended, as `dashcode import` does.
   */
  async importTo(original: unknown, options: ImportOptions = {}, datasourcesText = ''): Promise<{ result: ImportResult; file: string }> {
    const n = ++this.n;
    const result = await importDashboard(original, { ...options, library: this.library, datasourcesModule: `./datasources${n}.js` });
    this.write(appendDatasources(datasourcesText, result.newDatasources, this.library), `datasources${n}.ts`);
    return { result, file: this.write(result.code, `dashboard${n}.ts`) };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Loads a generated module as `dashcode build` would (test/support/ts-module.ts) and compiles its default export. */
export async function rebuild(file: string): Promise<JsonObject> {
  const mod = (await importTypeScript(file)) as { default: DashboardSpec };
  return compileDashboard(mod.default).json;
}

/**
 * A compiler host that keeps each parsed file while its text stays the same: every program here reads
 * the whole library and its packages' types again, and parsing them was ~0.9 s of each ~1 s call.
 */
const parsedFiles = new Map<string, { text: string; source: ts.SourceFile | undefined }>();
function host(ts: typeof import('typescript'), options: ts.CompilerOptions): ts.CompilerHost {
  const base = ts.createCompilerHost(options);
  return {
    ...base,
    getSourceFile(fileName, languageVersion, onError, shouldCreate) {
      const text = ts.sys.readFile(fileName);
      const known = parsedFiles.get(fileName);
      if (text !== undefined && known?.text === text) return known.source;
      const source = base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (text !== undefined) parsedFiles.set(fileName, { text, source });
      return source;
    },
  };
}

/**
 * tsc's diagnostics for `files` under the repository's strict compiler options, as `file(line): message`.
 * TypeScript is imported here, not at the top: it takes ~0.7 s to load, and most files that import this module never call it.
 */
export async function typeErrors(files: readonly string[]): Promise<string[]> {
  const ts = (await import('typescript')).default;
  const configPath = path.join(repoRoot, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error('cannot read tsconfig.json');
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, rootDir: undefined, typeRoots: [path.join(repoRoot, 'node_modules/@types')] };
  const program = ts.createProgram([...files], options, host(ts, options));
  const wanted = new Set(files.map((f) => path.resolve(f)));
  // The wanted files' diagnostics only: checking (and emitting declarations for) the whole library they import took most of the time.
  return [...wanted]
    .flatMap((f) => {
      const source = program.getSourceFile(f);
      if (!source) throw new Error(`tsc did not read ${f}`);
      return ts.getPreEmitDiagnostics(program, source);
    })
    .filter((d) => d.file && wanted.has(path.resolve(d.file.fileName)))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${path.basename(d.file!.fileName)}(${line + 1}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}
