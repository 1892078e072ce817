/**
 * The page's charts script: draws every chart spec (embedded as JSON in
 * #preview-charts, see render/chart-spec.ts) with uPlot, sized to its panel,
 * and redraws on resize. Values and axes are formatted by the same unit
 * formatter the server uses (../units), bundled in.
 *
 * When it is done it sets `data-charts-drawn` on <body>, which the screenshot
 * and the browser tests wait for.
 */
import type { BarChartSpec, ChartSpec, TimeChartSpec } from '../render/chart-spec.js';
import { formatParts } from '../units/index.js';
import { drawAlertRegions } from './alert-regions.js';
import { stackSeries } from './stacking.js';
import { uplot, type UPlot } from './uplot-global.js';

const THEME = { text: '#ccccdc', grid: 'rgba(204,204,220,0.08)', font: '12px Inter, Helvetica, Arial, sans-serif' };

/** Every chart: no legend or cursor (the page draws its own legend; a screenshot has no pointer). */
const STATIC_PLOT = { legend: { show: false }, cursor: { show: false } } as const;

interface Size {
  width: number;
  height: number;
}

interface Built {
  opts: UPlot.Options;
  data: UPlot.AlignedData;
}

function fmt(v: number, unit: string | undefined, decimals: number | undefined): string {
  const p = formatParts(v, unit, decimals);
  return p.prefix + p.text + p.suffix;
}

// Grafana's axis decimals: as many as the tick step has.
function stepDecimals(step: number): number {
  const t = String(Math.round(step * 1e6) / 1e6);
  return t.indexOf('.') < 0 ? 0 : t.split('.')[1]!.length;
}

function alpha(color: string, a: number): string {
  if (/^#[0-9a-f]{6}$/i.test(color)) return color + Math.round(a * 255).toString(16).padStart(2, '0');
  return color;
}

// Wide enough for the longest tick label (uPlot's fixed default cuts "100.00 ms").
function fitLabels(u: UPlot, values: string[], axisIdx: number, cycleNum: number): number {
  const axis = u.axes[axisIdx]! as UPlot.Axis & { _size: number; ticks: { size: number }; gap: number; font: [string] };
  if (cycleNum > 1) return axis._size;
  let size = axis.ticks.size + axis.gap + 4;
  const longest = (values ?? []).reduce((a, b) => (b != null && String(b).length > a.length ? String(b) : a), '');
  if (longest) {
    u.ctx.font = axis.font[0];
    size += u.ctx.measureText(longest).width / devicePixelRatio;
  }
  return Math.ceil(size);
}

function yAxis(spec: ChartSpec): UPlot.Axis {
  return {
    stroke: THEME.text,
    font: THEME.font,
    size: fitLabels,
    grid: { stroke: THEME.grid, width: 1 },
    ticks: { stroke: THEME.grid, width: 1 },
    values: (_u, splits, _axisIdx, _space, incr) => {
      // As Grafana's axis: the tick step's decimals, else the field's, else automatic.
      let d: number | undefined = stepDecimals(incr);
      if (!(d > 0)) d = spec.decimals != null ? spec.decimals : undefined;
      return splits.map((v) => (v == null ? '' : fmt(v, spec.unit, d)));
    },
  };
}

// includeZero: bars grow from 0, so their axis always shows it (Grafana's bar chart does too).
function yScale(spec: ChartSpec, includeZero: boolean): UPlot.Scale {
  return {
    range: (_u, min, max) => {
      if (min == null || max == null) return [spec.min != null ? spec.min : 0, spec.max != null ? spec.max : 1];
      if (includeZero) {
        min = Math.min(0, min);
        max = Math.max(0, max);
      }
      const r = uplot().rangeNum(min, max, 0.1, true);
      return [spec.min != null ? spec.min : r[0], spec.max != null ? spec.max : r[1]];
    },
  };
}

function timeOpts(spec: TimeChartSpec, size: Size): Built {
  const uPlot = uplot();
  const data = uPlot.join(spec.series.map((s) => [s.x, s.y] as UPlot.AlignedData)) as Array<Array<number | null | undefined>>;
  const bands = stackSeries(spec.series, data);
  const series: UPlot.Series[] = [
    {},
    ...spec.series.map((s) => {
      const points: UPlot.Series.Points = spec.showPoints === 'always' ? { show: true } : spec.showPoints === 'never' ? { show: false } : {};
      const out: UPlot.Series = { label: s.name, stroke: s.color, width: s.lineWidth, points, spanGaps: false };
      if (s.fillOpacity > 0) out.fill = alpha(s.color, s.fillOpacity);
      if (spec.drawStyle === 'bars') out.paths = uPlot.paths.bars!({ size: [0.8, 40] });
      if (spec.drawStyle === 'points') {
        out.paths = () => null;
        out.points = { show: true };
      }
      return out;
    }),
  ];
  return {
    opts: {
      ...STATIC_PLOT,
      ...size,
      bands,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      scales: { x: { time: true, range: [spec.from, spec.to] }, y: yScale(spec, spec.drawStyle === 'bars') },
      axes: [{ stroke: THEME.text, font: THEME.font, grid: { stroke: THEME.grid, width: 1 }, ticks: { stroke: THEME.grid, width: 1 } }, yAxis(spec)],
      series,
      hooks: { drawClear: [(u) => drawAlertRegions(u, spec.alerts)] },
    },
    data: data as UPlot.AlignedData,
  };
}

/** One drawn bar series: where each bar starts on the x scale, and its (stacked) values. */
interface BarSeries {
  x0: number[];
  values: Array<number | null>;
}

function barOpts(spec: BarChartSpec, size: Size): Built {
  const uPlot = uplot();
  const n = spec.labels.length;
  const xs = spec.labels.map((_, i) => i);
  const groups = spec.stacked ? 1 : spec.series.length;
  const slot = spec.groupWidth / groups;
  const bar = slot * spec.barWidth;
  const values = spec.series.map((s) => s.values.slice());
  if (spec.stacked) values.forEach((v, i) => {
    if (i > 0) values[i] = v.map((x, j) => (x == null ? null : x + (values[i - 1]![j] || 0)));
  });
  const order = spec.series.map((_, i) => i);
  // Stacked bars are drawn tallest first so each lower segment stays visible.
  if (spec.stacked) order.reverse();
  const drawn: BarSeries[] = [];
  const series: UPlot.Series[] = [
    {},
    ...order.map((i) => {
      const s = spec.series[i]!;
      const slotIndex = spec.stacked ? 0 : i;
      const x0 = xs.map((x) => x - spec.groupWidth / 2 + slotIndex * slot + (slot - bar) / 2);
      drawn.push({ x0, values: values[i]! });
      return {
        label: s.name,
        stroke: s.color,
        fill: alpha(s.color, s.fillOpacity),
        width: 1,
        points: { show: false },
        paths: uPlot.paths.bars!({ disp: { x0: { unit: 1, values: () => x0 }, size: { unit: 1, values: () => x0.map(() => bar) } } }),
      };
    }),
  ];
  const rotation = spec.rotation || 0;
  const longest = spec.labels.reduce((m, l) => Math.max(m, l.length), 0);
  const xSize = rotation ? Math.min(size.height / 3, 14 + Math.abs(Math.sin((rotation * Math.PI) / 180)) * longest * 6.5) : 30;
  return {
    opts: {
      ...STATIC_PLOT,
      ...size,
      scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: yScale(spec, true) },
      axes: [
        {
          stroke: THEME.text,
          font: THEME.font,
          grid: { show: false },
          ticks: { show: false },
          size: xSize,
          rotate: rotation,
          splits: (u) => labelSplits(u, xs, longest, rotation),
          values: (_u, splits) => splits.map((i) => (spec.labels[i] != null ? spec.labels[i]! : '')),
        },
        yAxis(spec),
      ],
      series,
      hooks: {
        drawClear: [(u) => drawAlertRegions(u, spec.alerts)],
        draw: [(u) => {
          if (spec.showValue !== 'never') drawBarValues(u, spec, bar, drawn);
        }],
      },
    },
    data: [xs, ...order.map((i) => values[i]!)] as UPlot.AlignedData,
  };
}

// Every k-th category label, so labels never overlap (a histogram has dozens).
function labelSplits(u: UPlot, xs: number[], longest: number, rotation: number): number[] {
  const plotWidth = u.bbox.width / devicePixelRatio || u.width;
  const needed = rotation ? 16 : longest * 7 + 10;
  const step = Math.max(1, Math.ceil(needed / (plotWidth / Math.max(1, xs.length))));
  return xs.filter((x) => x % step === 0);
}

// Values above the bars, as Grafana's showValue (auto: only where they fit).
function drawBarValues(u: UPlot, spec: BarChartSpec, bar: number, drawn: readonly BarSeries[]): void {
  const ctx = u.ctx;
  const width = u.valToPos(bar, 'x', true) - u.valToPos(0, 'x', true);
  ctx.save();
  ctx.font = `${Math.round(11 * devicePixelRatio)}px Inter, Helvetica, Arial, sans-serif`;
  ctx.fillStyle = THEME.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (const s of drawn) {
    s.values.forEach((v, i) => {
      if (v == null) return;
      const text = fmt(v, spec.unit, spec.decimals);
      if (spec.showValue === 'auto' && ctx.measureText(text).width > width + 4 * devicePixelRatio) return;
      ctx.fillText(text, u.valToPos(s.x0[i]! + bar / 2, 'x', true), u.valToPos(v, 'y', true) - 3 * devicePixelRatio);
    });
  }
  ctx.restore();
}

const plots: Array<{ el: HTMLElement; plot: UPlot }> = [];

const sizeOf = (el: HTMLElement): Size => ({ width: Math.max(50, el.clientWidth), height: Math.max(40, el.clientHeight) });

function drawAll(): void {
  const specs = JSON.parse(document.getElementById('preview-charts')?.textContent ?? '[]') as ChartSpec[];
  const UPlotCtor = uplot();
  for (const spec of specs) {
    const el = document.getElementById(spec.id);
    if (!el) continue;
    try {
      const built = spec.kind === 'bars' ? barOpts(spec, sizeOf(el)) : timeOpts(spec, sizeOf(el));
      plots.push({ el, plot: new UPlotCtor(built.opts, built.data, el) });
    } catch (err) {
      const message = String((err instanceof Error && err.message) || err).replace(/[<&]/g, '');
      el.innerHTML = `<div class="panel-error">cannot draw this chart: ${message}</div>`;
    }
  }
  document.body.setAttribute('data-charts-drawn', String(plots.length));
}

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    for (const p of plots) p.plot.setSize(sizeOf(p.el));
  }, 100);
});

drawAll();
