// Builds dist/, the published library and CLI, in two module formats:
//
// - dist/**.js: ES modules, emitted by tsc file by file (with .d.ts types),
//   plus the ajv validators scripts/gen-validators.ts generated as plain JS
//   (tsc does not emit them) and the CLI's plain-JS fast path.
// - dist/cjs/: CommonJS, for `require('dashcode')` and for TypeScript
//   dashboards that tsx compiles to CommonJS in a package without
//   "type": "module". One esbuild bundle per entry point (package.json
//   "exports"); dependencies stay external. dist/cjs/package.json says
//   "type": "commonjs", and the .d.ts files are copied beside the bundles so
//   that TypeScript sees CommonJS types under the `require` condition.
//
// Both formats build plain frozen objects recognised by their `kind` field,
// never by identity (instanceof, symbols), so a dashboard made by the
// CommonJS copy is accepted by the ES-module CLI that loads it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { LIBRARY_ENTRIES as ENTRIES, SCRIPT, importMetaUrlPlugin, makeScript, moduleBuildOptions, zodEnglishOnlyPlugin } from '../src/cli/bundle.js';

const require = createRequire(import.meta.url);

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// The plain-JavaScript modules tsc does not emit (the CLI's fast path and loaders, the ajv validators), with
// their hand-written types: every one in src/, found rather than listed, so a new one cannot be left out of
// the package. Not bundle.js: it builds a checkout's CLI bundle and is used from src/ only.
const CHECKOUT_ONLY = new Set([path.join('cli', 'bundle.js')]);
for (const file of readdirSync('src', { recursive: true })) {
  if (!/\.c?js$/.test(file) || CHECKOUT_ONLY.has(file)) continue;
  mkdirSync(path.dirname(`dist/${file}`), { recursive: true });
  cpSync(`src/${file}`, `dist/${file}`);
  const types = file.replace(/\.c?js$/, '.d.ts');
  if (existsSync(`src/${types}`)) cpSync(`src/${types}`, `dist/${types}`);
}

// CommonJS. `import.meta.url` becomes the bundle's own file URL (createRequire and tsx's parent URL use it).
const esbuild = require('esbuild');
esbuild.buildSync({
  entryPoints: ENTRIES.map((e) => `src/${e}.ts`),
  outbase: 'src',
  outdir: 'dist/cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  define: { 'import.meta.url': '__dashcodeModuleUrl' },
  banner: { js: "const __dashcodeModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');
// The bundled ts-loader requires './native-import.cjs' relative to each bundle's own file (import.meta.url above).
for (const dir of new Set(ENTRIES.map((e) => path.dirname(`dist/cjs/${e}.js`)))) cpSync('src/files/native-import.cjs', `${dir}/native-import.cjs`);
for (const file of readdirSync('dist', { recursive: true })) {
  if (!file.endsWith('.d.ts') || file.startsWith(`cjs${path.sep}`)) continue;
  mkdirSync(path.dirname(`dist/cjs/${file}`), { recursive: true });
  cpSync(`dist/${file}`, `dist/cjs/${file}`);
}

// The CLI and its library as one CommonJS script, with a small ES module per library entry point in shim/
// re-exporting the script's, exactly as a checkout's CLI bundle has them (src/cli/bundle.js makeScript).
// bin/dashcode.js runs it with V8's code cache (src/cli/code-cache.js), kept in the project's
// node_modules/.cache/dashcode: module by module, a build of one dashboard spent about 250 ms of its 530
// resolving, reading and compiling some 300 modules (docs/packaging.md, "How an installed package runs its CLI").
// Each source's import.meta.url means its compiled copy in dist/, found from the script's own folder.
{
  const src = path.resolve('src');
  const scriptDir = path.resolve('dist/cli-script');
  // Relative to the script's own URL, which makeScript's banner defines first thing (a module's own `require` may shadow Node's).
  const distUrl = (file) => {
    const rel = path.relative(scriptDir, path.resolve('dist', path.relative(src, file)).replace(/\.([cm]?)ts$/, '.$1js'));
    return `new URL(${JSON.stringify(rel.split(path.sep).join('/'))}, __dashcodeScriptUrl).href`;
  };
  const plugins = [importMetaUrlPlugin(src, distUrl), zodEnglishOnlyPlugin()];
  // Only for the entry points' export names (makeScript's shims): nothing is written.
  const { metafile } = await esbuild.build({ ...moduleBuildOptions(src, path.join(tmpdir(), 'dashcode-build-lib'), plugins), write: false });
  mkdirSync(scriptDir, { recursive: true });
  await makeScript(esbuild, src, scriptDir, metafile, plugins);
  // What the code cache's file is named by (bin/dashcode.js): V8 checks only a script's length against a cache.
  const key = createHash('sha256').update(readFileSync(path.join(scriptDir, SCRIPT))).digest('hex').slice(0, 16);
  writeFileSync(path.join(scriptDir, 'key'), `${key}\n`);
}
