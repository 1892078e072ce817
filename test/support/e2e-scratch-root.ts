/**
 * vitest globalSetup of `npm run test:e2e`: the scratch repositories, packed
 * tarballs and installs (about 250 MB a run) go into one folder that is
 * removed at the end, as `npm test`'s do (scratch-root.ts). Nothing is linked
 * into it: a scratch repository must set itself up as a user's does.
 */
import { scratchTmpdir } from './scratch-tmpdir.js';

export default function e2eScratchRoot(): () => void {
  return scratchTmpdir('dashcode-e2e-');
}
