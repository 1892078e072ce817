// Plain JavaScript, like walk.js. Node's builtins for the modules bin/dashcode.js
// loads before a build-cache hit (fast-path.js, walk.js, cache.js), taken with
// require(): an ES-module import of node:fs makes a facade that reads every one
// of its exports, and reading fs.ReadStream loads Node's whole streams stack,
// about 6 ms of a 150 ms `dashcode build --check` on a 2-core machine.
// require() reads nothing until used. Types: builtins.d.ts.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** node:fs */
export const fs = require('node:fs');
/** node:path */
export const path = require('node:path');
