// Plain JavaScript on purpose: used by the TypeScript hooks (ts-hooks.js) and
// the in-thread project loader (native-loader.js). Types: self-resolve.d.ts.
// The one home of what `dashcode` means to a module of dashcode's own checkout.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `dashcode` or `dashcode/<entry>`. */
export const SELF = /^dashcode(?:\/([a-z-]+))?$/;

/**
 * The folder of the running library's modules (no trailing separator): a
 * checkout's src/, an installed package's dist/. Its modules are the library,
 * never a project's, in a module graph that contains them.
 */
export const LIBRARY_DIR = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

/**
 * When the checkout's CLI runs from its bundle (src/cli/bundle.js), the
 * library's entry points in src/ (through `dashcode`, or a path to
 * src/index.ts as test projects write it) mean the bundle's: one copy of the
 * library, not a second one loaded module by module. The bundle entry's URL
 * for `file` (absolute path), or undefined.
 */
export function bundledEntry(file, bundle) {
  const rel = path.relative(path.join(bundle.root, 'src'), file).replaceAll(path.sep, '/');
  const entry = /^(index|entries\/[a-z-]+)\.ts$/.exec(rel)?.[1];
  if (!entry) return undefined;
  // `entries`: where the entry points are, when not beside the modules (the one-script CLI's shims, bin/dashcode.js).
  return entryUrl(bundle.entries ?? bundle.dir, entry);
}

/** The URL of entry point `entry` (`index`, `entries/check`) in `dir`, if it is there. */
function entryUrl(dir, entry) {
  const target = path.join(dir, `${entry}.js`);
  return existsSync(target) ? pathToFileURL(target).href : undefined;
}

/**
 * When the CLI runs from its one script (bin/dashcode.js: an installed
 * package's dist/cli-script/, or a checkout's bundle), `dashcode` and
 * `dashcode/<entry>` imported by a project module mean the script's library
 * (the shims in `bundle.entries`): one copy of the library, not a second one
 * loaded module by module from dist/. Only when the name, resolved from that
 * module, is the running package (`bundle.root`): a project that installs
 * another dashcode gets that one. The shim's URL, or undefined.
 */
export function scriptEntry(specifier, parent, bundle) {
  const self = SELF.exec(specifier);
  if (!self || bundle.entries === undefined || packageRootFrom(path.dirname(parent)) !== real(bundle.root)) return undefined;
  return entryUrl(bundle.entries, self[1] ? `entries/${self[1]}` : 'index');
}

const reals = new Map();
function real(dir) {
  if (!reals.has(dir)) {
    try {
      reals.set(dir, realpathSync(dir));
    } catch {
      reals.set(dir, dir);
    }
  }
  return reals.get(dir);
}

const packageRoots = new Map();
/** The real folder `dashcode` resolves to from `dir`, or undefined. */
function packageRootFrom(dir) {
  if (!packageRoots.has(dir)) {
    let root;
    try {
      root = path.dirname(realpathSync(createRequire(path.join(dir, 'x.js')).resolve('dashcode/package.json')));
    } catch {
      root = undefined;
    }
    packageRoots.set(dir, root);
  }
  return packageRoots.get(dir);
}

/**
 * Inside dashcode's own checkout, `dashcode` and `dashcode/<entry>` (how this
 * repo's dashboards import the library, as a user's would) mean the sources,
 * never a dist/ that may be stale or not built yet; tsconfig `paths` say the
 * same for tsc and vitest. In any other package the name resolves through
 * node_modules. The source file `specifier` means for a module at `file`, or undefined.
 */
export function selfSource(specifier, file) {
  const self = SELF.exec(specifier);
  if (!self || file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
  const root = selfRoot(file);
  const target = root && path.join(root, self[1] ? `src/entries/${self[1]}.ts` : 'src/index.ts');
  return target && existsSync(target) ? target : undefined;
}

const selfRoots = new Map();
function selfRoot(file) {
  let dir = path.dirname(file);
  for (;;) {
    if (selfRoots.has(dir)) return selfRoots.get(dir);
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      let root;
      try {
        root = JSON.parse(readFileSync(pkg, 'utf8')).name === 'dashcode' && existsSync(path.join(dir, 'src/index.ts')) ? dir : undefined;
      } catch {
        root = undefined;
      }
      selfRoots.set(dir, root);
      return root;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
