/**
 * The layering of src/ (docs/architecture.md), enforced by reading the import
 * graph. Every relative import specifier of every module under src/ (static,
 * `export ... from`, dynamic `import()`, type-only included: a type import is
 * still a dependency) is resolved to a file, and its folder's layer is
 * compared with the importer's. A module may import its own layer or any
 * lower one; an import upwards fails unless it is in KNOWN_VIOLATIONS below,
 * each with the reason it exists and the issue that removes it. An entry that
 * no longer occurs also fails, so the list only ever shrinks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** Layers, lowest first. Index = rank; a folder may import folders of its own rank or lower. */
const LAYERS: ReadonlyArray<{ name: string; folders: readonly string[] }> = [
  { name: 'model', folders: ['model'] },
  { name: 'languages', folders: ['languages'] },
  { name: 'validate', folders: ['validate', 'files', 'secrets'] },
  { name: 'builders', folders: ['datasources', 'queries', 'variables', 'panels', 'rows', 'dashboards'] },
  { name: 'compile', folders: ['compile', 'config', 'provisioning'] },
  { name: 'tools', folders: ['check', 'lint', 'diff', 'import', 'preview', 'alerting', 'db', 'doctor'] },
  { name: 'library', folders: ['project', 'entries', '(root)'] },
  { name: 'cli', folders: ['cli'] },
];

/**
 * Imports between tools that must not exist even though both sides share a
 * layer: lint must not reach into check for parsers (they belong in
 * languages), and nothing below the CLI reads the database except check,
 * preview and the db commands.
 */
const FORBIDDEN_PEERS: ReadonlyArray<{ from: string; to: string; why: string }> = [
  { from: 'lint', to: 'check', why: 'query-language parsers live in src/languages, below both' },
  { from: 'lint', to: 'db', why: 'lint is static: it never opens a database' },
  { from: 'diff', to: 'db', why: 'diff compares JSON; it never opens a database' },
  { from: 'import', to: 'db', why: 'import emits code; it never opens a database' },
  { from: 'project', to: 'db', why: 'building never touches the database' },
  { from: '(root)', to: 'db', why: 'building never touches the database' },
];

/**
 * Known upward or forbidden imports, `from -> to` as paths under src/. Each is
 * a defect to remove, not a rule: delete the entry with the fix.
 */
const KNOWN_VIOLATIONS: Readonly<Record<string, string>> = {
  // Issue 16, "Cycles": config/ imports a lint type (the rule-severity map keyed by RuleCode); it goes when the
  // rule codes move to the one table of issue codes in model/ (issue 16, "One vocabulary of issues").
  'config/config.ts -> lint/config.ts': 'config imports a lint type',
};

/**
 * Known cycles inside one folder, ` <-> `-joined and sorted; the list only
 * shrinks (a cycle that is gone fails the test until its entry is removed).
 * Cycles across folders are all gone (issue 16: db/engine.ts re-exported the
 * engines that import it; validate/ used provisioning/'s schema-error wording).
 */
const KNOWN_CYCLES: readonly string[] = [
  // The command table in run.ts imports each command; commands import run.ts's Io and usage helpers.
  'cli/commands/alert.ts <-> cli/commands/build.ts <-> cli/commands/check.ts <-> cli/commands/db.ts <-> cli/commands/diff.ts <-> cli/commands/doctor.ts <-> cli/commands/import.ts <-> cli/commands/init.ts <-> cli/commands/lint.ts <-> cli/commands/preview.ts <-> cli/run.ts',
  'db/load-results-parse.ts <-> db/load-results.ts <-> db/seed-v2.ts <-> db/seed.ts',
  'diff/normalize-panels.ts <-> diff/normalize-variables.ts <-> diff/normalize.ts',
  'import/context.ts <-> import/datasources.ts <-> import/query-text.ts',
  'import/option-fit.ts <-> import/option-shapes.generated.ts',
  'project/plan-alerting.ts <-> project/plan.ts',
];

const folderOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '(root)');
const RANK = new Map(LAYERS.flatMap((l, i) => l.folders.map((f) => [f, i] as const)));

function sourceFiles(): string[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .map((f) => f.split(sep).join('/'))
    .filter((f) => /\.(m|c)?ts$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
}

/** Relative import targets of one module, as paths under src/ (or `../…` when they leave it). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    // The package's own name from inside src/ would load dist/ (or, through tsconfig paths, a cycle via index.ts).
    .map((spec) => (spec === 'dashcode' || spec.startsWith('dashcode/') ? `../node_modules/${spec}` : spec))
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.(m|c)?js$/, '.$1ts'));
}

interface Edge { from: string; to: string; problem: string }

/** What is wrong with `from` importing `to` (paths under src/), or undefined when the direction is allowed. */
function problemOf(from: string, to: string): string | undefined {
  if (to.startsWith('../')) return `src/ imports outside src/ (${to.startsWith('../test/') ? 'test code' : to.startsWith('../node_modules/dashcode') ? 'the package by its own name' : 'not part of the package'})`;
  const a = folderOf(from);
  const b = folderOf(to);
  if (a === b) return undefined;
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra === undefined || rb === undefined) return `folder ${ra === undefined ? a : b} has no layer in test/architecture.test.ts and docs/architecture.md`;
  if (rb > ra) return `${LAYERS[ra]!.name} (${a}) imports the higher layer ${LAYERS[rb]!.name} (${b})`;
  const rule = FORBIDDEN_PEERS.find((p) => p.from === a && p.to === b);
  return rule ? `${a} must not import ${b}: ${rule.why}` : undefined;
}

function violations(): Edge[] {
  const out: Edge[] = [];
  for (const from of sourceFiles()) {
    for (const to of importsOf(from)) {
      const problem = problemOf(from, to);
      if (problem !== undefined) out.push({ from, to, problem });
    }
  }
  return out;
}

/**
 * Import cycles between modules (Tarjan's strongly connected components over
 * every relative import, type-only included). A cycle means two modules are
 * one unit split in two files, and it hides a wrong direction: an engine that
 * imports the interface file that re-exports the engine.
 */
export function importCycles(): string[][] {
  const files = sourceFiles();
  const known = new Set(files);
  const edges = new Map(files.map((f) => [f, importsOf(f).filter((t) => known.has(t))]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe('architecture: import directions in src/', () => {
  const found = violations();

  it('has no forbidden import beyond the known, listed ones', () => {
    const unexpected = found.filter((e) => !Object.hasOwn(KNOWN_VIOLATIONS, `${e.from} -> ${e.to}`)).map((e) => `src/${e.from} -> src/${e.to}: ${e.problem}`);
    expect(unexpected).toEqual([]);
  });

  it('lists no violation that has already been fixed', () => {
    const live = new Set(found.map((e) => `${e.from} -> ${e.to}`));
    expect(Object.keys(KNOWN_VIOLATIONS).filter((k) => !live.has(k))).toEqual([]);
  });

  it('names the directions that must never exist', () => {
    expect(problemOf('compile/compile.ts', 'cli/run.ts')).toMatch(/imports the higher layer cli/);
    expect(problemOf('index.ts', 'cli/run.ts')).toMatch(/library .* imports the higher layer cli/);
    expect(problemOf('panels/panel.ts', 'db/engine.ts')).toMatch(/builders .* imports the higher layer tools/);
    expect(problemOf('queries/sql.ts', 'check/run/index.ts')).toMatch(/higher layer tools \(check\)/);
    expect(problemOf('model/units.ts', 'languages/sql/lexer.ts')).toMatch(/higher layer languages/);
    expect(problemOf('project/load.ts', 'db/engine.ts')).toMatch(/building never touches the database/);
    expect(problemOf('lint/rules.ts', 'check/promql/index.ts')).toMatch(/src\/languages/);
    expect(problemOf('compile/compile.ts', '../test/support/fixtures.ts')).toMatch(/test code/);
    expect(problemOf('compile/compile.ts', '../node_modules/dashcode')).toMatch(/its own name/);
    expect(problemOf('brand-new/x.ts', 'model/units.ts')).toMatch(/has no layer/);
    expect(problemOf('cli/run.ts', 'compile/compile.ts')).toBeUndefined();
    expect(problemOf('check/run/index.ts', 'languages/sql/lexer.ts')).toBeUndefined();
  });

  it('sees the import graph (self-check of the parser)', () => {
    // If the parser stopped seeing imports, every rule above would pass vacuously.
    expect(importsOf('cli/run.ts').length).toBeGreaterThan(3);
    expect(importsOf('index.ts')).toContain('compile/compile.ts');
  });
});

describe('architecture: import cycles in src/', () => {
  it('has no import cycle beyond the known, listed ones', () => {
    expect(importCycles().map((c) => c.join(' <-> '))).toEqual(KNOWN_CYCLES);
  });
});

/**
 * Issue 16, "One home for each piece of infrastructure": each of these is
 * written once, in its home, and imported everywhere else. The patterns find a
 * second definition (not a use); generated files are left out.
 */
const HOMES: ReadonlyArray<{ what: string; pattern: RegExp; home: string }> = [
  { what: 'write-then-rename', pattern: /\brename\(/, home: 'files/atomic.js' },
  { what: 'the recursive directory walker', pattern: /readdir\([^)]*recursive|await walk\((child|rel|abs|sub)\)/, home: 'files/walk.js' },
  { what: 'the grid width', pattern: /\bGRID_COLUMNS\s*=/, home: 'model/grid.ts' },
  { what: 'the rectangle-overlap test', pattern: /\.x < \w+\.x \+ \w+\.w/, home: 'model/grid-overlaps.ts' },
  { what: 'the GridPos type', pattern: /\binterface GridPos\b|\btype GridPos\s*=/, home: 'model/grid.ts' },
  { what: 'the JSON-object guard', pattern: /function isObject\b|const isObject\s*=/, home: 'model/loose.ts' },
  { what: "Grafana's escapeHtml", pattern: /&#39;/, home: 'model/html.ts' },
  { what: 'the posix relative path', pattern: /split\((path\.)?sep\)\.join\('\/'\)/, home: 'files/paths.ts' },
  { what: 'the plugin-id alias table', pattern: /postgres: ['A-Z_]/, home: 'model/datasource-plugins.ts' },
  { what: 'the built-in datasource uids', pattern: /'-- (Mixed|Dashboard) --'/, home: 'model/datasource-plugins.ts' },
  { what: "Grafana's interval-rounding table", pattern: /\[1814400000, 604800000\]|\[3 \* WEEK, WEEK\]/, home: 'check/interpolate/round-interval.ts' },
  { what: 'the env-reference grammar', pattern: /ENV_REFERENCE_PATTERN\s*=/, home: 'model/env.ts' },
  { what: 'the DashboardLink shape', pattern: /asDropdown: false/, home: 'model/link.ts' },
  { what: 'the path renderer (a key quoted as `["a.b"]`)', pattern: /\[\$\{JSON\.stringify\(/, home: 'model/issue-path.ts' },
];

describe('architecture: one home for each piece of infrastructure', () => {
  const files = sourceFiles().concat((readdirSync(SRC, { recursive: true }) as string[]).map((f) => f.split(sep).join('/')).filter((f) => /\.(m|c)?js$/.test(f)));
  const texts = files.filter((f) => !f.includes('/generated/') && !f.includes('.generated.')).map((f) => ({ file: f, text: readFileSync(join(SRC, f), 'utf8') }));
  it.each(HOMES)('$what is defined only in $home', ({ pattern, home }) => {
    const at = texts.filter(({ text }) => text.split('\n').some((line) => pattern.test(line) && !/^\s*(\/\/|\*)/.test(line))).map((t) => t.file);
    expect(at).toEqual([home]);
  });
});
