import type { Needs } from '../model/needs.js';

/** How the CLI supplies what a library result needs (src/model/needs.ts). */
const HINTS: Readonly<Record<Needs, string>> = {
  prometheus: 'give --prometheus-url',
  chromium: 'pass its path with --chromium',
  variable: 'choose one with --var NAME=VALUE',
};

export function needsHint(needs: Needs): string {
  return HINTS[needs];
}
