/**
 * The page's scripts, bundled from the TypeScript in src/preview/browser
 * (type-checked with the DOM library) by scripts/gen-preview-client.mjs. The
 * charts script draws every chart spec with uPlot and formats values with the
 * server's own unit formatter (src/preview/units), bundled in.
 */
import { CHARTS_SCRIPT, LIVE_RELOAD_SCRIPT } from './client-bundle.generated.js';

export function clientScript(): string {
  return CHARTS_SCRIPT;
}

/** Served pages only: reload when the server says the previews were rebuilt. */
export { LIVE_RELOAD_SCRIPT };
