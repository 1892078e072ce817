/**
 * uPlot is the page's first script (its IIFE build, inlined by render/page.ts),
 * so the charts script finds it as a global rather than bundling a second copy.
 * Only its types are imported here.
 */
import type UPlot from 'uplot';

/** The global uPlot constructor and its static helpers (join, rangeNum, paths, tzDate). */
export const uplot = (): typeof UPlot => (globalThis as unknown as { uPlot: typeof UPlot }).uPlot;
export type { UPlot };
