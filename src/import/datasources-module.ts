/**
 * Merging imported datasources into the project's datasources module as
 * text: new `export const`s are appended at the end and the builder names
 * they need are imported in one added import line. Nothing the user wrote
 * is rewritten, reordered or dropped; existing exports win (matched by uid
 * before this is called).
 */
import { printStatement } from './print.js';
import { stringLiteral } from './code.js';
import type { NewDatasource } from './datasources.js';

/** Names a module binds at top level (imports and declarations), found lexically. */
export function moduleBindings(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\bimport\s+(?:type\s+)?\{([^}]*)\}\s*from/g)) {
    for (const spec of m[1]!.split(',')) {
      const local = spec.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()?.trim();
      if (local) names.add(local);
    }
  }
  for (const m of text.matchAll(/\bimport\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s*(?:,|from)/g)) names.add(m[1]!);
  for (const m of text.matchAll(/\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  return names;
}

/**
 * The module text with `additions` appended. `text` undefined: a new module.
 * `library` is what the added import line imports the builders from.
 */
export function appendDatasources(text: string | undefined, additions: readonly NewDatasource[], library: string): string {
  if (additions.length === 0 && text !== undefined) return text;
  const bound = moduleBindings(text ?? '');
  const needed = [...new Set(additions.flatMap((a) => a.imports))].filter((n) => !bound.has(n)).sort();
  const importLine = needed.length > 0 ? printStatement(`import { ${needed.join(', ')} } from ${stringLiteral(library)};`) : undefined;
  const exports = additions.map((a) => {
    const comment = a.comment ? `/** ${a.comment.replace(/\*\//g, '*\\/')} */\n` : '';
    return `${comment}${printStatement(`export const ${a.exportName} = ${a.code};`)}`;
  });
  if (text === undefined) {
    const header = '/**\n * The datasources this repository references. Each has one stable uid,\n * defined here and nowhere else: dashboards import these objects.\n */';
    return `${[header, ...(importLine ? [importLine] : []), '', exports.join('\n\n')].join('\n')}\n`;
  }
  let out = text;
  if (importLine) {
    const imports = [...out.matchAll(/^import\s[^;]*?from\s*(['"])[^'"\n]*\1\s*;?[^\S\n]*$/gm)];
    const last = imports[imports.length - 1];
    const at = last ? last.index! + last[0].length : 0;
    out = last ? `${out.slice(0, at)}\n${importLine}${out.slice(at)}` : `${importLine}\n${out}`;
  }
  if (!out.endsWith('\n')) out += '\n';
  return `${out}\n${exports.join('\n\n')}\n`;
}

const BUILDERS = /\b(env|postgresDatasource|prometheusDatasource|tempoDatasource|externalDatasource)\b/;

/** What the module imports the builders from (`dashcode`, `../src/index.js`), if it imports any. */
export function builderLibraryOf(text: string): string | undefined {
  for (const m of text.matchAll(/\bimport\s+\{([^}]*)\}\s*from\s*(['"])([^'"\n]*)\2/g)) if (BUILDERS.test(m[1]!)) return m[3];
  return undefined;
}
