/**
 * Generates src/import/option-shapes.generated.ts: the shapes of the panel
 * option and field-config types the builders accept (from @grafana/schema),
 * so `dashcode import` can tell, without TypeScript at run time, which
 * options of an imported panel would not type-check and must go to `raw`.
 *
 *   npx tsx test/import/support/generate-option-shapes.ts          # rewrite
 *   (test/import/option-shapes.test.ts fails when the file is stale)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const OUTPUT = path.join(root, 'src/import/option-shapes.generated.ts');

/** What each panel builder types as `options` and `custom`, plus the shared field properties. */
const PANELS: Record<string, { module: string; options: string; custom?: string }> = {
  barchart: { module: 'barchart/options.js', options: 'BarchartOptions', custom: 'BarchartFieldConfig' },
  bargauge: { module: 'bargauge/options.js', options: 'BargaugeOptions' },
  gauge: { module: 'gauge/options.js', options: 'GaugeOptions' },
  heatmap: { module: 'heatmap/options.js', options: 'HeatmapOptions', custom: 'HeatmapFieldConfig' },
  histogram: { module: 'histogram/options.js', options: 'HistogramOptions', custom: 'HistogramFieldConfig' },
  piechart: { module: 'piechart/options.js', options: 'PiechartOptions', custom: 'PiechartFieldConfig' },
  stat: { module: 'stat/options.js', options: 'StatOptions' },
  table: { module: 'table/options.js', options: 'TableOptions', custom: 'TableFieldConfig' },
  text: { module: 'text/options.js', options: 'TextOptions' },
  timeseries: { module: 'timeseries/options.js', options: 'TimeseriesOptions', custom: 'TimeseriesFieldConfig' },
  traces: { module: 'traces/options.js', options: 'TracesOptions' },
};

export type Shape = 'any' | 'never' | 'string' | 'number' | 'boolean' | 'null' | { lit: Array<string | number | boolean> } | { arr: Shape } | { obj: Record<string, Shape>; idx?: Shape } | { or: Shape[] } | { ref: string };

/** The generated module, formatted like the rest of the sources. */
export async function generateOptionShapes(): Promise<string> {
  const prettier = await import('prettier');
  return prettier.format(rawOptionShapes(), { parser: 'typescript', singleQuote: true, printWidth: 120 });
}

function rawOptionShapes(): string {
  const entry = path.join(root, 'src/import/__option_shapes_entry__.ts');
  const lines = Object.entries(PANELS).map(([, p], i) => `import type { ${p.options} as O${i}${p.custom ? `, ${p.custom} as C${i}` : ''} } from './../panels/${p.module}';`);
  lines.push("import type { FieldColor, ValueMapping } from '@grafana/schema';");
  lines.push(`export interface Targets {`);
  Object.entries(PANELS).forEach(([type, p], i) => {
    lines.push(`  ${JSON.stringify(`${type}.options`)}: O${i};`);
    if (p.custom) lines.push(`  ${JSON.stringify(`${type}.custom`)}: C${i};`);
  });
  lines.push('  color: FieldColor;', '  mapping: ValueMapping;', '}');
  const source = lines.join('\n');

  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error('cannot read tsconfig.json');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === entry ? source : readFile(f));
  host.fileExists = ((exists) => (f: string) => path.resolve(f) === entry || exists(f))(host.fileExists.bind(host));
  host.getSourceFile = (f, lang, onError, create) => (path.resolve(f) === entry ? ts.createSourceFile(f, source, lang) : getSourceFile(f, lang, onError, create));
  const program = ts.createProgram([entry], { ...config.options, noEmit: true }, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(entry)!;
  const targets = file.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Targets')!;
  const targetsType = checker.getTypeAtLocation(targets);

  const defs: Record<string, Shape> = {};
  const names = new Map<ts.Type, string>();
  const usedNames = new Set<string>();

  const shapeOf = (type: ts.Type): Shape => {
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'any';
    if (f & ts.TypeFlags.Never) return 'never';
    if (f & ts.TypeFlags.Boolean) return 'boolean';
    if (f & ts.TypeFlags.StringLiteral) return { lit: [(type as ts.StringLiteralType).value] };
    if (f & ts.TypeFlags.NumberLiteral) return { lit: [(type as ts.NumberLiteralType).value] };
    if (f & ts.TypeFlags.BooleanLiteral) return { lit: [(type as unknown as { intrinsicName: string }).intrinsicName === 'true'] };
    if (f & ts.TypeFlags.String) return 'string';
    if (f & ts.TypeFlags.Number) return 'number';
    if (f & ts.TypeFlags.Null) return 'null';
    if (f & ts.TypeFlags.TemplateLiteral) return 'never';
    if (type.isUnion()) return union(type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void))).map(shapeOf));
    if (checker.isTupleType(type)) return 'never';
    if (checker.isArrayType(type)) return { arr: shapeOf(checker.getTypeArguments(type as ts.TypeReference)[0]!) };
    if (f & ts.TypeFlags.Object || type.isIntersection()) {
      if (type.getCallSignatures().length > 0) return 'never';
      const named = type.aliasSymbol?.name ?? type.getSymbol()?.name;
      const nameable = named && named !== '__type' && named !== '__object' && !type.aliasTypeArguments;
      if (nameable) {
        const existing = names.get(type);
        if (existing) return { ref: existing };
        let name = named;
        for (let n = 2; usedNames.has(name); n++) name = `${named}${n}`;
        usedNames.add(name);
        names.set(type, name);
        defs[name] = objectShape(type);
        return { ref: name };
      }
      return objectShape(type);
    }
    return 'never';
  };
  const objectShape = (type: ts.Type): Shape => {
    const obj: Record<string, Shape> = {};
    for (const p of checker.getPropertiesOfType(type)) obj[p.name] = shapeOf(checker.getNonNullableType(checker.getTypeOfSymbol(p)));
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    return index ? { obj, idx: shapeOf(index.type) } : { obj };
  };
  const union = (members: Shape[]): Shape => {
    const lits: Array<string | number | boolean> = [];
    const rest: Shape[] = [];
    for (const m of members) {
      if (typeof m === 'object' && 'lit' in m) lits.push(...m.lit);
      else if (typeof m === 'object' && 'or' in m) rest.push(...m.or);
      else rest.push(m);
    }
    if (rest.includes('any')) return 'any';
    const out: Shape[] = [...rest];
    const kept = lits.filter((l) => !rest.includes(typeof l as Shape));
    if (kept.length > 0) out.push({ lit: [...new Set(kept)] });
    if (out.length === 1) return out[0]!;
    return { or: out.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) };
  };

  const roots: Record<string, Shape> = {};
  for (const p of checker.getPropertiesOfType(targetsType)) roots[p.name] = shapeOf(checker.getTypeOfSymbol(p));
  const sortedDefs = Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));
  return `/**
 * Generated by test/import/support/generate-option-shapes.ts from @grafana/schema: do not edit.
 * The shapes of the option types the panel builders accept, for src/import/option-fit.ts.
 */
import type { Shape } from './option-fit.js';

export const OPTION_SHAPES: Record<string, Shape> = ${JSON.stringify(roots)};

export const SHAPE_DEFS: Record<string, Shape> = ${JSON.stringify(sortedDefs)};
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(OUTPUT, await generateOptionShapes());
  console.log(`wrote ${path.relative(root, OUTPUT)}`);
}
