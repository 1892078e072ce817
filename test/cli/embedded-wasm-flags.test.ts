/**
 * The V8 flags the CLI sets before the embedded PGlite compiles (cli/wasm-flags.js,
 * issue 15). `v8.setFlagsFromString` ignores a flag this V8 does not know, so a
 * Node upgrade that renamed one would silently bring the slow path back: each
 * flag must be one `node --v8-options` lists.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WASM_FLAGS, EMBEDDED_WASM_FLAGS } from '../../src/cli/wasm-flags.js';

describe('EMBEDDED_WASM_FLAGS', () => {
  const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });

  it.each([...EMBEDDED_WASM_FLAGS, ...DEFAULT_WASM_FLAGS])('%s is a flag of this V8', (flag) => {
    const name = flag.replace(/^--(no-)?/, '').replace(/=.*$/, '');
    expect(known).toMatch(new RegExp(`^\\s*--${name.replace(/[-]/g, '[-_]')}\\s`, 'm'));
  });
});
