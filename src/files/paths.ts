import path from 'node:path';

/** `file` relative to `root`, with `/` separators, as issues and outputs name files. */
export function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** A platform path with `/` separators (Windows' `\` replaced), as issues and outputs name files. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Whether `child` is strictly below `parent` (not `parent` itself), both platform paths. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  // `..` as a whole segment climbs out; a name that only starts with two dots (`..orders.json`) is inside.
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
