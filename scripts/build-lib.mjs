// Builds dist/: tsc for the TypeScript sources, then copies the ajv validators
// that scripts/gen-validators.ts generated as plain JS (tsc does not emit them).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
mkdirSync('dist/validate/generated', { recursive: true });
for (const f of readdirSync('src/validate/generated')) cpSync(`src/validate/generated/${f}`, `dist/validate/generated/${f}`);
for (const f of ['fast-path.js', 'fast-path.d.ts']) cpSync(`src/cli/${f}`, `dist/cli/${f}`);
for (const f of ['walk.js', 'walk.d.ts', 'cache.js', 'cache.d.ts', 'ts-loader.js', 'ts-loader.d.ts', 'ts-hooks.js', 'native-import.cjs']) cpSync(`src/files/${f}`, `dist/files/${f}`);
