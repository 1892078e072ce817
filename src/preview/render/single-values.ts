/**
 * Stat, gauge and bar gauge panels: each number field reduced to one value
 * (reduceOptions.calcs, default lastNotNull; reduceOptions.values shows every
 * row instead), formatted with its unit and coloured by its thresholds.
 * Drawn as HTML and SVG here; they need no script.
 */
import { readThresholds, resolveColor, thresholdColor, type Thresholds } from '../colors.js';
import type { Frame } from '../data/frames.js';
import { reduceValues } from '../data/reduce.js';
import { formatParts } from '../units/index.js';
import { fieldSettings } from './field-config.js';
import { esc } from './html.js';
import { withinRegexBudget } from '../../check/run/regex-budget.js';

type Obj = Record<string, unknown>;

export interface DisplayValue {
  name: string;
  value: number | null;
  unit?: string;
  decimals?: number;
  thresholds: Thresholds;
  min?: number;
  max?: number;
  /** The field over time, for the stat panel's sparkline. */
  sparkline?: Array<[number, number]>;
}

export function displayValues(panel: Obj, frames: Frame[]): DisplayValue[] {
  const options = (panel.options as Obj | undefined) ?? {};
  const reduce = (options.reduceOptions as Obj | undefined) ?? {};
  const calc = Array.isArray(reduce.calcs) && typeof reduce.calcs[0] === 'string' ? reduce.calcs[0] : 'lastNotNull';
  const pick = typeof reduce.fields === 'string' && reduce.fields ? safeRegex(reduce.fields) : undefined;
  const out: DisplayValue[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === 'time');
    const label = frame.fields.find((f) => f.type === 'string');
    const numeric = frame.fields.filter((f) => f.type === 'number');
    for (const field of pick ? withinRegexBudget(() => numeric.filter((f) => pick.test(f.name)), 'the field filter (reduceOptions.fields)') : numeric) {
      const s = fieldSettings(panel, field, frame.refId);
      const base = { unit: s.unit, decimals: s.decimals, thresholds: readThresholds({ thresholds: s.thresholds }), min: s.min, max: s.max };
      if (reduce.values === true) {
        field.values.forEach((v, i) => out.push({ ...base, name: label ? String(label.values[i] ?? '') : (s.displayName ?? field.name), value: typeof v === 'number' ? v : null }));
        continue;
      }
      const sparkline = time ? (time.values.map((t, i) => [Number(t), field.values[i]]).filter(([, v]) => typeof v === 'number') as Array<[number, number]>) : undefined;
      out.push({ ...base, name: s.displayName ?? field.name, value: reduceValues(field.values, calc), sparkline });
    }
  }
  // Without a min/max, Grafana scales gauges to the values shown.
  const shown = out.map((d) => d.value).filter((v): v is number => v !== null);
  for (const d of out) {
    d.min ??= d.unit === 'percent' ? 0 : d.unit === 'percentunit' ? 0 : Math.min(0, ...shown);
    d.max ??= d.unit === 'percent' ? 100 : d.unit === 'percentunit' ? 1 : Math.max(...shown, d.min + 1e-9);
  }
  return out;
}

function colorOf(d: DisplayValue): string {
  return d.value === null ? '#ccccdc' : thresholdColor(d.value, d.thresholds, { min: d.min ?? 0, max: d.max ?? 100 });
}

function valueHtml(d: DisplayValue): string {
  if (d.value === null) return '<span class="value-text">No data</span>';
  const p = formatParts(d.value, d.unit, d.decimals);
  return `${p.prefix ? `<span class="value-unit">${esc(p.prefix)}</span>` : ''}<span class="value-text">${esc(p.text)}</span>${p.suffix ? `<span class="value-unit">${esc(p.suffix)}</span>` : ''}`;
}

export function statHtml(panel: Obj, values: DisplayValue[]): string {
  const options = (panel.options as Obj | undefined) ?? {};
  const colorMode = typeof options.colorMode === 'string' ? options.colorMode : 'value';
  const showNames = options.textMode === 'value_and_name' || options.textMode === 'name' || (options.textMode !== 'value' && values.length > 1);
  const graph = options.graphMode !== 'none';
  const boxes = values.map((d) => {
    const color = colorOf(d);
    const style = colorMode === 'background' || colorMode === 'background_solid' ? `background:${color};color:#fff` : colorMode === 'none' ? '' : `color:${color}`;
    const spark = graph && d.sparkline && d.sparkline.length > 1 ? sparklineSvg(d.sparkline, color) : '';
    return `<div class="stat" style="${style}">${spark}<div class="stat-inner">${showNames ? `<div class="stat-name" title="${esc(d.name)}">${esc(d.name)}</div>` : ''}<div class="stat-value">${valueHtml(d)}</div></div></div>`;
  });
  return `<div class="values values-${values.length > 1 && wideLayout(panel) ? 'row' : 'auto'}">${boxes.join('')}</div>`;
}

function wideLayout(panel: Obj): boolean {
  const pos = panel.gridPos as { w?: number; h?: number } | undefined;
  return (pos?.w ?? 12) * 2 >= (pos?.h ?? 8);
}

/** A filled area under the line, behind the value, as Grafana's graphMode "area". */
function sparklineSvg(points: Array<[number, number]>, color: string): string {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const px = (x: number) => (x1 === x0 ? 0 : ((x - x0) / (x1 - x0)) * 100);
  const py = (y: number) => (y1 === y0 ? 50 : 100 - ((y - y0) / (y1 - y0)) * 90);
  const line = points.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x).toFixed(2)},${py(y).toFixed(2)}`).join('');
  return `<svg class="sparkline" viewBox="0 0 100 100" preserveAspectRatio="none"><path d="${line}L100,100L0,100Z" fill="${esc(color)}" fill-opacity="0.18"/><path d="${line}" fill="none" stroke="${esc(color)}" stroke-width="1.5" vector-effect="non-scaling-stroke"/></svg>`;
}

/**
 * Grafana's gauge: a 240° arc filled up to the value in its threshold colour,
 * with the threshold bands as a thin outer ring (showThresholdMarkers).
 */
export function gaugeHtml(panel: Obj, values: DisplayValue[]): string {
  const options = (panel.options as Obj | undefined) ?? {};
  const markers = options.showThresholdMarkers !== false;
  const gauges = values.map((d) => {
    const min = d.min ?? 0;
    const max = d.max ?? 100;
    const fraction = d.value === null || max === min ? 0 : clamp01((d.value - min) / (max - min));
    const start = -120;
    const sweep = 240;
    const arc = (r: number, from: number, to: number, color: string, width: number) =>
      to > from ? `<path d="${arcPath(100, 105, r, start + from * sweep, start + to * sweep)}" stroke="${esc(color)}" stroke-width="${width}" fill="none"/>` : '';
    let bands = '';
    if (markers) {
      const steps = d.thresholds.steps;
      steps.forEach((s, i) => {
        const lo = s.value === null ? 0 : clamp01(bandFraction(s.value, d.thresholds.mode, min, max));
        const next = steps[i + 1];
        const hi = next ? clamp01(bandFraction(next.value ?? min, d.thresholds.mode, min, max)) : 1;
        bands += arc(88, lo, hi, resolveColor(s.color), 6);
      });
    }
    const p = d.value === null ? { prefix: '', text: 'No data', suffix: '' } : formatParts(d.value, d.unit, d.decimals);
    const name = values.length > 1 ? `<div class="gauge-name" title="${esc(d.name)}">${esc(d.name)}</div>` : '';
    const svg = `<svg class="gauge" viewBox="0 0 200 160" preserveAspectRatio="xMidYMid meet">${bands}${arc(74, 0, 1, 'rgba(204,204,220,0.1)', 18)}${arc(74, 0, fraction, colorOf(d), 18)}<text x="100" y="118" class="gauge-value" fill="${esc(colorOf(d))}">${esc(p.prefix + p.text + p.suffix)}</text></svg>`;
    return `<div class="gauge-box">${name}${svg}</div>`;
  });
  return `<div class="values values-row">${gauges.join('')}</div>`;
}

function bandFraction(value: number, mode: Thresholds['mode'], min: number, max: number): number {
  return mode === 'percentage' ? value / 100 : max === min ? 0 : (value - min) / (max - min);
}

/** SVG arc on a circle around (cx, cy); angles in degrees, 0 at the top, clockwise. */
function arcPath(cx: number, cy: number, r: number, fromDeg: number, toDeg: number): string {
  const point = (deg: number) => {
    const rad = ((deg - 90) * Math.PI) / 180;
    return `${(cx + r * Math.cos(rad)).toFixed(2)},${(cy + r * Math.sin(rad)).toFixed(2)}`;
  };
  const large = toDeg - fromDeg > 180 ? 1 : 0;
  return `M${point(fromDeg)}A${r},${r} 0 ${large} 1 ${point(toDeg)}`;
}

/** Grafana's bar gauge: one bar per value, the value in its threshold colour at the end. */
export function barGaugeHtml(panel: Obj, values: DisplayValue[]): string {
  const options = (panel.options as Obj | undefined) ?? {};
  const mode = typeof options.displayMode === 'string' ? options.displayMode : 'gradient';
  const bars = values.map((d) => {
    const min = d.min ?? 0;
    const max = d.max ?? 100;
    const fraction = d.value === null ? 0 : max === min ? 1 : clamp01((d.value - min) / (max - min));
    const color = colorOf(d);
    const base = resolveColor(d.thresholds.steps[0]?.color);
    const fill = mode === 'gradient' ? `linear-gradient(90deg, ${base}55, ${color})` : mode === 'lcd' ? `repeating-linear-gradient(90deg, ${color} 0 10px, transparent 10px 13px)` : color;
    return `<div class="bargauge"><div class="bargauge-name" title="${esc(d.name)}">${esc(d.name)}</div><div class="bargauge-line"><div class="bargauge-track"><div class="bargauge-fill" style="width:${(fraction * 100).toFixed(2)}%;background:${fill}"></div></div><div class="bargauge-value" style="color:${color}">${valueHtml(d)}</div></div></div>`;
  });
  return `<div class="bargauges">${bars.join('')}</div>`;
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

function safeRegex(text: string): RegExp | undefined {
  try {
    const m = /^\/(.*)\/([a-z]*)$/.exec(text);
    return m ? new RegExp(m[1]!, m[2]) : new RegExp(text);
  } catch {
    return undefined;
  }
}
