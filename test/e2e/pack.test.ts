/**
 * How other repositories use dashcode: `npm pack` the package, install the
 * tarball into a scratch project, import it from plain `.mjs` (no tsx, no
 * TypeScript), build a dashboard and get valid JSON.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('npm pack → install → import from plain ESM', () => {
  it('builds a valid dashboard from the installed tarball', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'dashcode-pack-'));
    npm(['pack', '--pack-destination', scratch, '--silent'], repoRoot);
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'))!;
    expect(tarball).toMatch(/^dashcode-\d+\.\d+\.\d+\.tgz$/);

    writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', private: true }));
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', path.join(scratch, tarball)], scratch);
    writeFileSync(
      path.join(scratch, 'use.mjs'),
      `import { buildDashboard, dashboard, env, postgresDatasource, sql, sqlQuery, tablePanel } from 'dashcode';
const db = postgresDatasource({ name: 'DB', uid: 'db', url: env('U'), user: env('N'), password: env('P'), database: 'metrics' });
const spec = dashboard({ uid: 'consumer', title: 'Consumer', panels: [tablePanel({ title: 'Runs', queries: [sqlQuery({ datasource: db, sql: sql\`SELECT 1\` })] })] });
const r = buildDashboard(spec, { datasources: [db] });
process.stdout.write(JSON.stringify({ issues: r.issues, text: r.text }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: scratch, encoding: 'utf8' }));
    expect(out.issues).toEqual([]);
    const json = JSON.parse(out.text);
    expect(json.uid).toBe('consumer');
    expect(json.panels[0].targets[0]).toMatchObject({ rawSql: 'SELECT 1', refId: 'A', datasource: { uid: 'db' } });

    const schema = execFileSync(process.execPath, ['-e', "console.log(Object.keys(JSON.parse(require('fs').readFileSync(require.resolve('dashcode/schemas/provisioning.json')))).join(','))"], { cwd: scratch, encoding: 'utf8' });
    expect(schema).toContain('definitions');
  }, 240_000);
});
