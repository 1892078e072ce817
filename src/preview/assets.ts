/**
 * uPlot's browser build and stylesheet, read from the installed `uplot`
 * package so pages inline the exact pinned version and need no network.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface UplotAssets {
  js: string;
  css: string;
}

let cached: Promise<UplotAssets> | undefined;

export function loadUplotAssets(): Promise<UplotAssets> {
  cached ??= (async () => {
    // uplot's package.json has no "exports" map, so its dist files resolve directly.
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('uplot/dist/uPlot.iife.min.js'));
    const [js, css] = await Promise.all([readFile(path.join(dist, 'uPlot.iife.min.js'), 'utf8'), readFile(path.join(dist, 'uPlot.min.css'), 'utf8')]);
    return { js, css };
  })();
  return cached;
}
