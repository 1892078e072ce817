/**
 * Pie chart panels as an SVG pie or donut (options.pieType) with a legend:
 * one slice per reduced value (or per row with reduceOptions.values), in
 * palette order, as Grafana draws them.
 */
import { seriesColor } from '../colors.js';
import { formatValue } from '../units/index.js';
import { esc } from './html.js';
import type { DisplayValue } from './single-values.js';

type Obj = Record<string, unknown>;

export function pieHtml(panel: Obj, values: DisplayValue[]): string {
  const slices = values.filter((v) => v.value !== null && v.value > 0);
  const total = slices.reduce((n, v) => n + v.value!, 0);
  if (total === 0) return '<div class="no-data">No data</div>';
  const donut = ((panel.options as Obj | undefined)?.pieType ?? 'pie') === 'donut';
  let angle = -Math.PI / 2;
  const paths = slices.map((v, i) => {
    const sweep = (v.value! / total) * Math.PI * 2;
    const path = slice(angle, angle + sweep, donut ? 0.55 : 0);
    angle += sweep;
    return `<path d="${path}" fill="${seriesColor(i)}" stroke="#181b1f" stroke-width="0.01"><title>${esc(v.name)}: ${esc(formatValue(v.value, v.unit, v.decimals))}</title></path>`;
  });
  const legend = slices
    .map((v, i) => `<span class="legend-item"><i class="swatch" style="background:${seriesColor(i)}"></i>${esc(v.name)} <span class="legend-calcs">${esc(formatValue(v.value, v.unit, v.decimals))}</span></span>`)
    .join('');
  return `<div class="pie-wrap"><svg class="pie" viewBox="-1.05 -1.05 2.1 2.1" preserveAspectRatio="xMidYMid meet">${paths.join('')}</svg><div class="legend legend-list">${legend}</div></div>`;
}

/** A slice of the unit circle from angle a to b (radians), with a hole of radius `inner`. */
function slice(a: number, b: number, inner: number): string {
  const full = b - a >= Math.PI * 2 - 1e-9;
  if (full) b = a + Math.PI * 2 - 1e-6;
  const large = b - a > Math.PI ? 1 : 0;
  const p = (r: number, t: number) => `${(r * Math.cos(t)).toFixed(4)},${(r * Math.sin(t)).toFixed(4)}`;
  if (inner === 0) return `M0,0L${p(1, a)}A1,1 0 ${large} 1 ${p(1, b)}Z`;
  return `M${p(1, a)}A1,1 0 ${large} 1 ${p(1, b)}L${p(inner, b)}A${inner},${inner} 0 ${large} 0 ${p(inner, a)}Z`;
}
