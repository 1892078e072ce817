/** A uPlot drawClear hook: shades a chart's backtested alert regions behind its series (render/alert-marks.ts). */
import type { AlertRegion } from '../render/chart-spec.js';
import type { UPlot } from './uplot-global.js';

export function drawAlertRegions(u: UPlot, regions: readonly AlertRegion[] | undefined): void {
  if (!regions || regions.length === 0) return;
  const ctx = u.ctx;
  const box = u.bbox;
  ctx.save();
  for (const r of regions) {
    const x0 = Math.max(box.left, u.valToPos(r.from, 'x', true));
    const x1 = Math.min(box.left + box.width, u.valToPos(r.to, 'x', true));
    if (!(x1 >= x0)) continue;
    ctx.fillStyle = r.color;
    ctx.fillRect(x0, box.top, Math.max(x1 - x0, 2 * devicePixelRatio), box.height);
  }
  ctx.restore();
}
