/**
 * The browser for the preview tests: Debian's Chromium at /usr/bin/chromium
 * (never a downloaded one). Outside CI a missing browser skips those tests
 * with a printed reason; under CI=true it is a failure, because `.ci/run` must
 * install it (apt-get install chromium).
 */
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { DEFAULT_CHROMIUM } from '../../src/preview/index.js';

export const chromiumPath = process.env.DASHCODE_CHROMIUM ?? DEFAULT_CHROMIUM;
export const hasChromium = existsSync(chromiumPath);

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!hasChromium) {
  if (process.env.CI === 'true') {
    describe('Chromium under CI', () => {
      it('is installed', () => {
        throw new Error(`no Chromium at ${chromiumPath} under CI=true: .ci/run must apt-get install chromium`);
      });
    });
  } // else: skipped; test/support/announce-skips.ts prints the reason once per run
}
