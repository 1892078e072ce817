import path from 'node:path';

/** `file` relative to `root`, with `/` separators, as issues and outputs name files. */
export function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
