/**
 * Issue 13 item 1, the user's side: dashboard modules and dashcode.config in
 * every module format, in a package of either "type", are found and loaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { dashboard } from '../../src/index.js';
import { captureIo, DATASOURCES, tempProject } from '../support/temp-project.js';

const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;
type PackageType = 'module' | 'commonjs';

/** CommonJS can't import the ESM library: such a module exports the dashboard's data, which is what a builder returns. */
const isCommonJs = (ext: string, type: PackageType) => ext === '.cjs' || (ext === '.js' && type === 'commonjs');

function dashboardIn(ext: string, type: PackageType, uid: string): string {
  if (isCommonJs(ext, type)) {
    const spec = dashboard({ uid, title: `${uid} dashboard`, panels: [] });
    return `exports.default = ${JSON.stringify(spec)};\n`;
  }
  return `import { dashboard, sql, sqlQuery, tablePanel } from DASHCODE;\nimport { db } from '../datasources/index.ts';\nexport default dashboard({ uid: '${uid}', title: '${uid} dashboard', panels: [tablePanel({ title: 'Runs', queries: [sqlQuery({ datasource: db, sql: sql\`SELECT 1\` })] })] });\n`;
}

function configIn(ext: string, type: PackageType, outDir: string): string {
  return isCommonJs(ext, type) ? `module.exports = { outDir: '${outDir}' };\n` : `export default { outDir: '${outDir}' };\n`;
}

describe.each(['module', 'commonjs'] as const)('a package of "type": "%s"', (type) => {
  it('finds and builds dashboards in every module format', async () => {
    const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'consumer', type }), 'datasources/index.ts': DATASOURCES };
    for (const ext of EXTENSIONS) files[`dashboards/d${ext.replace('.', '-')}${ext}`] = dashboardIn(ext, type, `d${ext.replace('.', '-')}`);
    const dir = tempProject(files);
    const io = captureIo(dir);
    const code = await run(['build', '--no-cache'], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    for (const ext of EXTENSIONS) {
      const out = path.join(dir, `generated/d${ext.replace('.', '-')}.json`);
      expect(existsSync(out), out).toBe(true);
      expect(JSON.parse(readFileSync(out, 'utf8')).uid).toBe(`d${ext.replace('.', '-')}`);
    }
  });

  it.each(EXTENSIONS)('finds and loads dashcode.config%s', async (ext) => {
    const dir = tempProject({
      'package.json': JSON.stringify({ name: 'consumer', type }),
      [`dashcode.config${ext}`]: configIn(ext, type, 'out'),
      'datasources/index.ts': DATASOURCES,
      'dashboards/one.ts': dashboardIn('.ts', type, 'one'),
    });
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache'], io)).toBe(0);
    expect(existsSync(path.join(dir, 'out/one.json'))).toBe(true);
  });
});

it('a TypeScript dashboard may use __dirname and __filename (transpiled to ES modules)', async () => {
  const dir = tempProject({
    'package.json': JSON.stringify({ name: 'consumer', type: 'commonjs' }),
    'datasources/index.ts': DATASOURCES,
    'titles.json': '{ "title": "From a file" }\n',
    'dashboards/one.ts': `import { readFileSync } from 'node:fs';\nimport path from 'node:path';\nimport { dashboard } from DASHCODE;\nconst { title } = JSON.parse(readFileSync(path.join(__dirname, '../titles.json'), 'utf8'));\nexport default dashboard({ uid: path.basename(__filename, '.ts'), title, panels: [] });\n`,
  });
  const io = captureIo(dir);
  expect(await run(['build', '--no-cache'], io)).toBe(0);
  expect(JSON.parse(readFileSync(path.join(dir, 'generated/one.json'), 'utf8'))).toMatchObject({ uid: 'one', title: 'From a file' });
});
