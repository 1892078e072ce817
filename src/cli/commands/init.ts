import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, readIfExists } from '../../files/atomic.js';
import { EXIT } from '../exit.js';
import type { Io } from '../io.js';
import { parseOptions } from '../options.js';
import type { Command } from '../run.js';
import { BUILD_SCRIPT, CONFIG, DATASOURCES, EXAMPLE_DASHBOARD, GITIGNORE_LINES, WORKFLOW } from './init-templates.js';

const usage = `Usage: dashcode init [--root DIR]

Sets up dashcode in a repository: dashboards/example.ts (one example
dashboard), datasources/index.ts, dashcode.config.ts, a "build:dashboards"
script in package.json, .gitignore entries and a CI workflow
(.github/workflows/dashboards.yml).

It never overwrites anything: an existing file, or an existing
"build:dashboards" script, is left as it is and listed as skipped. Running it
again changes nothing.

Options:
  --root DIR   the repository (default: the current directory)
  -h, --help   this help

Exit codes: 0 ok (something may have been skipped), 2 usage or internal error.`;

/** One line of init's report. */
interface Step {
  action: 'created' | 'updated' | 'skipped';
  path: string;
  why?: string;
}

const FILES: ReadonlyArray<readonly [string, string]> = [
  ['dashcode.config.ts', CONFIG],
  ['datasources/index.ts', DATASOURCES],
  ['dashboards/example.ts', EXAMPLE_DASHBOARD],
  ['.github/workflows/dashboards.yml', WORKFLOW],
];

export const initCommand: Command = {
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseOptions({ args, options: { root: { type: 'string' } } });
    const root = path.resolve(io.cwd, parsed.values.root ?? '.');
    const steps: Step[] = [];
    for (const [rel, text] of FILES) steps.push(await createFile(root, rel, text));
    steps.push(await addBuildScript(root));
    steps.push(await addGitignoreLines(root));

    for (const s of steps) io.stdout(`${s.action.padEnd(8)} ${s.path}${s.why ? ` (${s.why})` : ''}\n`);
    const created = steps.filter((s) => s.action !== 'skipped').length;
    io.stdout(
      created === 0
        ? 'Nothing to do: dashcode is already set up here.\n'
        : '\nNext: `npx dashcode build` writes generated/, `npx dashcode lint` and `npx dashcode check` review it.\n',
    );
    return EXIT.ok;
  },
};

/** Creates `rel` with `text` unless anything exists at that path (exclusive create: no race overwrites either). */
async function createFile(root: string, rel: string, text: string): Promise<Step> {
  const file = path.join(root, rel);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, text, { flag: 'wx' });
    return { action: 'created', path: rel };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { action: 'skipped', path: rel, why: 'already exists' };
    throw err;
  }
}

/**
 * Adds `"build:dashboards": "dashcode build"` to package.json's scripts,
 * keeping the file's indentation, line endings and key order (as npm itself
 * rewrites package.json). A file whose layout JSON.stringify would not
 * reproduce (comments are not JSON; hand-aligned values are) is left alone
 * with the line to add, rather than reformatted.
 */
async function addBuildScript(root: string): Promise<Step> {
  const rel = 'package.json';
  const file = path.join(root, rel);
  const original = await readIfExists(file);
  if (original === undefined) return { action: 'skipped', path: rel, why: 'no package.json: run `npm init -y`, then `npx dashcode init` again' };
  const manual = `add "build:dashboards": "${BUILD_SCRIPT}" to its "scripts" by hand`;
  let pkg: unknown;
  try {
    pkg = JSON.parse(original.replace(/^\uFEFF/, ''));
  } catch {
    return { action: 'skipped', path: rel, why: `not valid JSON; ${manual}` };
  }
  if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg)) return { action: 'skipped', path: rel, why: `not a JSON object; ${manual}` };
  const obj = pkg as Record<string, unknown>;
  const scripts = obj.scripts;
  if (scripts !== undefined && (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts))) return { action: 'skipped', path: rel, why: `"scripts" is not an object; ${manual}` };
  if (scripts && Object.hasOwn(scripts, 'build:dashboards')) return { action: 'skipped', path: rel, why: 'already has a "build:dashboards" script' };

  const layout = detectLayout(original);
  if (render(pkg, layout) !== original) return { action: 'skipped', path: rel, why: `its formatting would change; ${manual}` };
  const updated = { ...obj, scripts: { ...(scripts as Record<string, unknown> | undefined), 'build:dashboards': BUILD_SCRIPT } };
  await writeFileAtomic(file, render(updated, layout));
  return { action: 'updated', path: rel, why: `added script "build:dashboards": "${BUILD_SCRIPT}"` };
}

interface Layout {
  bom: string;
  indent: string;
  eol: string;
  finalNewline: boolean;
}

function detectLayout(text: string): Layout {
  const body = text.replace(/^\uFEFF/, '');
  return {
    bom: text.startsWith('\uFEFF') ? '\uFEFF' : '',
    indent: /^[{[][ \t]*\r?\n([ \t]+)\S/.exec(body)?.[1] ?? '  ',
    eol: body.includes('\r\n') ? '\r\n' : '\n',
    finalNewline: /\n$/.test(body),
  };
}

function render(value: unknown, l: Layout): string {
  const json = JSON.stringify(value, null, l.indent).replace(/\n/g, l.eol);
  return `${l.bom}${json}${l.finalNewline ? l.eol : ''}`;
}

/** Appends the missing GITIGNORE_LINES; existing lines (and the file's line endings) are kept. */
async function addGitignoreLines(root: string): Promise<Step> {
  const rel = '.gitignore';
  const file = path.join(root, rel);
  const original = (await readIfExists(file)) ?? '';
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const have = new Set(original.split(/\r?\n/).map((l) => l.trim()));
  const missing = GITIGNORE_LINES.filter((l) => !have.has(l) && !have.has(l.replace(/\/$/, '')) && !have.has(`/${l}`));
  if (missing.length === 0) return { action: 'skipped', path: rel, why: 'already ignores node_modules/ and /preview/' };
  const sep = original === '' || original.endsWith('\n') ? '' : eol;
  await writeFileAtomic(file, `${original}${sep}${missing.join(eol)}${eol}`);
  return { action: original === '' ? 'created' : 'updated', path: rel, why: `added ${missing.join(', ')}` };
}
