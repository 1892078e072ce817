/**
 * package.json points users at the project (docs/packaging.md, "Where the
 * project lives"): repository, homepage and bugs, in the forms npm
 * normalises to (so `npm publish` and `npm pkg fix` change nothing).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;

describe('package.json project links', () => {
  it('names the repository, homepage and issue tracker', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/dashcode/dashcode.git' });
    expect(pkg.homepage).toBe('https://github.com/dashcode/dashcode#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/dashcode/dashcode/issues' });
  });
});
