// Plain JavaScript, like walk.js: the build cache (src/cli/fast-path.js) loads
// it only when a file must be read, so an up-to-date build never loads
// node:crypto (about 6 ms of start-up). Types: hash-text.d.ts.
import { createHash } from 'node:crypto';

/** The sha256 of a text or buffer, as hex. */
export function hashText(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** An incremental sha256 for a fingerprint made of many parts. */
export function newHash() {
  return createHash('sha256');
}
