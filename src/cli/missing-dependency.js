// Plain JavaScript (with missing-dependency.d.ts) so bin/dashcode.js can load it before any TypeScript
// loader is registered, like fast-path.js.

/**
 * The one line to print when a stale or incomplete node_modules shows up as
 * ERR_MODULE_NOT_FOUND (ES modules) or MODULE_NOT_FOUND (require): the package
 * (not the file inside it) and the fix. Undefined for any other error.
 */
export function missingDependencyMessage(err) {
  if (!err || (err.code !== 'ERR_MODULE_NOT_FOUND' && err.code !== 'MODULE_NOT_FOUND')) return undefined;
  const what = /Cannot find (?:package|module) '([^']+)'/.exec(String(err.message))?.[1];
  if (what === undefined) return undefined;
  const file = what.startsWith('.') || what.startsWith('/') || what.startsWith('file:') || /^[A-Za-z]:[\\/]/.test(what);
  if (file) return `dashcode: cannot load ${what}: the dashcode installation is incomplete; run \`npm ci\` (or \`npm install\`)\n`;
  const pkg = what.startsWith('@') ? what.split('/').slice(0, 2).join('/') : what.split('/')[0];
  return `dashcode: cannot load ${pkg}: run \`npm ci\` (or \`npm install\`)\n`;
}
