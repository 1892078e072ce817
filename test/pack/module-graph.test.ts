/**
 * `import 'dashcode'` loads the builders and the compiler only: not the query
 * parsers, the file system, the database drivers, prettier or the TypeScript
 * loader. Each tool has its own entry point (package.json "exports").
 *
 * The graph is read from the sources: every static `import`/`export ... from`
 * that survives compilation (`import type` and `export type` are erased; with
 * verbatimModuleSyntax everything else is kept), followed from the entry
 * point. Dynamic `import()` is lazy and not followed. The e2e test measures the
 * same thing on the installed package by recording what Node actually loads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

/** Bare specifiers (packages and node: builtins) statically reachable from `entry`, and the number of source modules. */
function staticGraph(entry: string): { modules: string[]; external: Set<string> } {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const node of source.statements) {
      let spec: ts.Expression | undefined;
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) spec = node.moduleSpecifier;
      if (ts.isExportDeclaration(node) && !node.isTypeOnly) spec = node.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const text = spec.text;
      if (text.startsWith('.')) {
        const target = path.resolve(path.dirname(file), text);
        visit(/\.js$/.test(target) && !existsTs(target) ? target : target.replace(/\.js$/, '.ts'));
      } else {
        external.add(text.startsWith('node:') ? text : text.split('/').slice(0, text.startsWith('@') ? 2 : 1).join('/'));
      }
    }
  };
  visit(path.join(repoRoot, entry));
  return { modules: [...seen], external };
}

function existsTs(jsPath: string): boolean {
  try {
    readFileSync(jsPath.replace(/\.js$/, '.ts'));
    return true;
  } catch {
    return false;
  }
}

/** What the root entry must never load eagerly. */
const HEAVY = [
  '@prometheus-io/lezer-promql',
  '@grafana/lezer-traceql',
  '@lezer/lr',
  '@lezer/common',
  'pg',
  '@electric-sql/pglite',
  'prettier',
  'tsx',
  'esbuild',
  'diff',
  'yaml',
  'uplot',
  'playwright-core',
];
const FILE_SYSTEM = ['node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:child_process', 'node:http', 'node:net'];

describe("the root entry's module graph", () => {
  const graph = staticGraph('src/index.ts');

  it('excludes the parsers, the database drivers, prettier, tsx and the file system', () => {
    const loaded = [...graph.external].sort();
    expect(loaded.filter((m) => HEAVY.includes(m) || FILE_SYSTEM.includes(m))).toEqual([]);
  });

  it('excludes every tool folder (check, lint, diff, import, preview, db, cli, project)', () => {
    const tools = graph.modules.map((f) => path.relative(path.join(repoRoot, 'src'), f)).filter((f) => /^(check|lint|diff|import|preview|db|cli|project|doctor)\//.test(f));
    expect(tools).toEqual([]);
  });

  it('the walker sees what it claims to: the check entry does reach the PromQL parser', () => {
    const check = staticGraph('src/entries/check.ts');
    expect(check.external).toContain('@prometheus-io/lezer-promql');
  });
});
