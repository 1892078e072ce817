import path from 'node:path';

/** `file` relative to `root`, with `/` separators, as issues and outputs name files. */
export function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** A platform path with `/` separators (Windows' `\` replaced), as issues and outputs name files. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
