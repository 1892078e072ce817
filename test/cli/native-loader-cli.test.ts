/**
 * `dashcode build` as a process loads a project's modules with the in-thread
 * loader (src/files/native-loader.js), from the checkout's bundle, sucrase
 * bundled in. What the hooks did must still hold there: a module reads files
 * beside itself through import.meta.url, `./x.js` means x.ts (in a dynamic
 * import() too), and an edited helper (transpiled afresh) is seen by the next build.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { DATASOURCES, tempProject } from '../support/temp-project.js';

const build = (dir: string) => spawnSync(process.execPath, [path.join(repoRoot, 'bin/dashcode.js'), 'build'], { cwd: dir, encoding: 'utf8' });

describe('the CLI process loads project modules without the TypeScript hooks', () => {
  it('reads a file beside a module through import.meta.url, and sees an edited helper on the next build', () => {
    const dir = tempProject({
      'datasources/index.ts': DATASOURCES,
      'dashboards/_title.ts': "export const suffix: string = 'first';\n",
      'dashboards/_lazy.ts': "export const prefix: string = 'Lazy';\n",
      'dashboards/title.txt': 'Title from a text file\n',
      'dashboards/one.ts': `import { readFileSync } from 'node:fs';
import { dashboard, sql, sqlQuery, tablePanel } from DASHCODE;
import { db } from '../datasources/index.js';
import { suffix } from './_title.js';
const title: string = readFileSync(new URL('./title.txt', import.meta.url), 'utf8').trim();
// As dashcode.config.ts's setup imports the database code: a relative import() of TypeScript.
const { prefix } = await import('./_lazy.js');
export default dashboard({ uid: 'one', title: prefix + ' ' + title + ' ' + suffix, panels: [tablePanel({ title: 'Runs', queries: [sqlQuery({ datasource: db, sql: sql\`SELECT 1\` })] })] });
`,
    });
    const first = build(dir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(readFileSync(path.join(dir, 'generated/one.json'), 'utf8')).toContain('"title": "Lazy Title from a text file first"');

    // Text no earlier run has transpiled (the transpile cache is shared with the checkout): sucrase must run.
    const edited = `edited ${process.pid} ${Date.now()}`;
    writeFileSync(path.join(dir, 'dashboards/_title.ts'), `export const suffix: string = '${edited}';\n`);
    const second = build(dir);
    expect(second.stderr).toBe('');
    expect(second.status).toBe(0);
    expect(readFileSync(path.join(dir, 'generated/one.json'), 'utf8')).toContain(`"title": "Lazy Title from a text file ${edited}"`);
  });
});
