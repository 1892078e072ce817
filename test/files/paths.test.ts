/** src/files/paths.ts: `isInside`, which the build's writes, lint and the preview server ask before touching a path. */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInside } from '../../src/files/paths.js';

describe('isInside', () => {
  const root = path.resolve('/project/generated');
  it.each([
    ['a file below', path.join(root, 'a.json'), true],
    ['a file in a sub-folder', path.join(root, 'provisioning', 'x.yaml'), true],
    ['a name that starts with two dots', path.join(root, '..orders.json'), true],
    ['a folder that starts with two dots', path.join(root, '..d', 'x.json'), true],
    ['the folder itself', root, false],
    ['its parent', path.dirname(root), false],
    ['a sibling', path.resolve('/project/dashboards/a.ts'), false],
    ['a sibling whose name extends it', path.resolve('/project/generated-old/a.json'), false],
    ['a path climbing out', path.join(root, '..', 'x.json'), false],
  ])('%s', (_, child, inside) => {
    expect(isInside(root, child)).toBe(inside);
  });

  it('agrees with "the path starts with the folder and a separator" for any names', () => {
    const segment = fc.stringMatching(/^[a-z.]{1,6}$/).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), (parts) => {
        const child = path.join(root, ...parts);
        expect(isInside(root, child)).toBe(child.startsWith(root + path.sep));
      }),
    );
  });
});
