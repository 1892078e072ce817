#!/usr/bin/env node
// In a checkout (src/ present) run the TypeScript sources through tsx, so the
// repo always runs what is in src/; an installed package runs the compiled dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
if (existsSync(src)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(src);
} else {
  await import('../dist/cli/main.js');
}
