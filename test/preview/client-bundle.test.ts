/**
 * Issue 16: the page's browser code is TypeScript (src/preview/browser),
 * bundled by esbuild into a committed module. The committed bundle must be
 * what the generator makes from today's sources, and be safe to inline.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHARTS_SCRIPT, LIVE_RELOAD_SCRIPT } from '../../src/preview/render/client-bundle.generated.js';

describe('the preview page script bundle', () => {
  it('is up to date with src/preview/browser (else: npm run gen:preview-client)', async () => {
    // @ts-expect-error: a plain-JS build script without types
    const { generate, OUT } = (await import('../../scripts/gen-preview-client.mjs')) as { generate(): Promise<string>; OUT: string };
    expect(readFileSync(OUT, 'utf8')).toBe(await generate());
  });

  it('has no __name shim or other helper, and nothing that ends its <script> early', () => {
    for (const script of [CHARTS_SCRIPT, LIVE_RELOAD_SCRIPT]) {
      expect(script).not.toContain('__name');
      expect(script).not.toMatch(/<\/script|<!--/i);
    }
  });

  it('formats with the bundled unit port (a unit the old embedded formatter did not know)', () => {
    expect(CHARTS_SCRIPT).toContain('°C');
    expect(CHARTS_SCRIPT).toContain('data-charts-drawn');
  });
});
