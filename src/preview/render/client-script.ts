/**
 * The page's only script: draws every chart spec (embedded as JSON in
 * #preview-charts) with uPlot, sized to its panel, and redraws on resize.
 * Plain browser JavaScript kept as text (the project's TypeScript has no DOM
 * types); the unit formatter is the very function the server uses, embedded
 * from its source so axes and values format alike.
 *
 * When it is done it sets `data-charts-drawn` on <body>, which the screenshot
 * and the browser tests wait for.
 */
import { formatParts } from '../units.js';
import { ALERT_MARKS_SCRIPT } from './alert-marks.js';

const DRAW_CHARTS = String.raw`
var THEME = { text: '#ccccdc', grid: 'rgba(204,204,220,0.08)', font: '12px Inter, Helvetica, Arial, sans-serif' };

function fmt(v, unit, decimals) {
  var p = formatParts(v, unit, decimals);
  return p.prefix + p.text + p.suffix;
}

// Grafana's axis decimals: as many as the tick step has.
function stepDecimals(step) {
  var t = String(Math.round(step * 1e6) / 1e6);
  return t.indexOf('.') < 0 ? 0 : t.split('.')[1].length;
}

function alpha(color, a) {
  if (/^#[0-9a-f]{6}$/i.test(color)) return color + Math.round(a * 255).toString(16).padStart(2, '0');
  return color;
}

// Wide enough for the longest tick label (uPlot's fixed default cuts "100.00 ms").
function fitLabels(u, values, axisIdx, cycleNum) {
  var axis = u.axes[axisIdx];
  if (cycleNum > 1) return axis._size;
  var size = axis.ticks.size + axis.gap + 4;
  var longest = (values || []).reduce(function (a, b) { return b != null && String(b).length > a.length ? String(b) : a; }, '');
  if (longest) {
    u.ctx.font = axis.font[0];
    size += u.ctx.measureText(longest).width / devicePixelRatio;
  }
  return Math.ceil(size);
}

function yAxis(spec) {
  return {
    stroke: THEME.text, font: THEME.font, size: fitLabels,
    grid: { stroke: THEME.grid, width: 1 }, ticks: { stroke: THEME.grid, width: 1 },
    values: function (u, splits, axisIdx, space, incr) {
      // As Grafana's axis: the tick step's decimals, else the field's, else automatic.
      var d = stepDecimals(incr);
      if (!(d > 0)) d = spec.decimals != null ? spec.decimals : undefined;
      return splits.map(function (v) { return v == null ? '' : fmt(v, spec.unit, d); });
    },
  };
}

// includeZero: bars grow from 0, so their axis always shows it (Grafana's bar chart does too).
function yScale(spec, includeZero) {
  return {
    range: function (u, min, max) {
      if (min == null || max == null) return [spec.min != null ? spec.min : 0, spec.max != null ? spec.max : 1];
      if (includeZero) { min = Math.min(0, min); max = Math.max(0, max); }
      var r = uPlot.rangeNum(min, max, 0.1, true);
      return [spec.min != null ? spec.min : r[0], spec.max != null ? spec.max : r[1]];
    },
  };
}

function timeOpts(spec, size) {
  var tables = spec.series.map(function (s) { return [s.x, s.y]; });
  var data = uPlot.join(tables);
  var stacks = {};
  var bands = [];
  spec.series.forEach(function (s, i) {
    if (!s.stack) return;
    var ys = data[i + 1];
    var below = stacks[s.stack];
    if (below != null) {
      data[i + 1] = ys.map(function (v, j) { return v === undefined ? undefined : (v || 0) + (data[below][j] || 0); });
      bands.push({ series: [i + 1, below] });
    }
    stacks[s.stack] = i + 1;
  });
  var series = [{}].concat(spec.series.map(function (s) {
    var points = spec.showPoints === 'always' ? { show: true } : spec.showPoints === 'never' ? { show: false } : {};
    var out = { label: s.name, stroke: s.color, width: s.lineWidth, points: points, spanGaps: false };
    if (s.fillOpacity > 0) out.fill = alpha(s.color, s.fillOpacity);
    if (spec.drawStyle === 'bars') out.paths = uPlot.paths.bars({ size: [0.8, 40] });
    if (spec.drawStyle === 'points') { out.paths = function () { return null; }; out.points = { show: true }; }
    return out;
  }));
  return {
    opts: {
      width: size.width, height: size.height, legend: { show: false }, cursor: { show: false }, bands: bands,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); },
      scales: { x: { time: true, range: [spec.from, spec.to] }, y: yScale(spec, spec.drawStyle === 'bars') },
      axes: [{ stroke: THEME.text, font: THEME.font, grid: { stroke: THEME.grid, width: 1 }, ticks: { stroke: THEME.grid, width: 1 } }, yAxis(spec)],
      series: series,
      hooks: { drawClear: [function (u) { drawAlertRegions(u, spec.alerts); }] },
    },
    data: data,
  };
}

function barOpts(spec, size) {
  var n = spec.labels.length;
  var xs = spec.labels.map(function (_, i) { return i; });
  var k = spec.series.length;
  var groups = spec.stacked ? 1 : k;
  var slot = spec.groupWidth / groups;
  var bar = slot * spec.barWidth;
  var values = spec.series.map(function (s) { return s.values.slice(); });
  if (spec.stacked) values.forEach(function (v, i) { if (i > 0) values[i] = v.map(function (x, j) { return x == null ? null : x + (values[i - 1][j] || 0); }); });
  var order = spec.series.map(function (_, i) { return i; });
  // Stacked bars are drawn tallest first so each lower segment stays visible.
  if (spec.stacked) order.reverse();
  var series = [{}].concat(order.map(function (i) {
    var s = spec.series[i];
    var slotIndex = spec.stacked ? 0 : i;
    var x0 = xs.map(function (x) { return x - spec.groupWidth / 2 + slotIndex * slot + (slot - bar) / 2; });
    return {
      label: s.name, stroke: s.color, fill: alpha(s.color, s.fillOpacity), width: 1, points: { show: false },
      paths: uPlot.paths.bars({ disp: { x0: { unit: 1, values: function () { return x0; } }, size: { unit: 1, values: function () { return x0.map(function () { return bar; }); } } } }),
      _x0: x0, _values: values[i],
    };
  }));
  var rotation = spec.rotation || 0;
  var longest = spec.labels.reduce(function (m, l) { return Math.max(m, l.length); }, 0);
  var xSize = rotation ? Math.min(size.height / 3, 14 + Math.abs(Math.sin(rotation * Math.PI / 180)) * longest * 6.5) : 30;
  return {
    opts: {
      width: size.width, height: size.height, legend: { show: false }, cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: yScale(spec, true) },
      axes: [
        { stroke: THEME.text, font: THEME.font, grid: { show: false }, ticks: { show: false }, size: xSize, rotate: rotation,
          splits: function (u) { return labelSplits(u, xs, longest, rotation); },
          values: function (u, splits) { return splits.map(function (i) { return spec.labels[i] != null ? spec.labels[i] : ''; }); } },
        yAxis(spec),
      ],
      series: series,
      hooks: { drawClear: [function (u) { drawAlertRegions(u, spec.alerts); }], draw: [function (u) { if (spec.showValue !== 'never') drawBarValues(u, spec, bar); }] },
    },
    data: [xs].concat(order.map(function (i) { return values[i]; })),
  };
}

// Every k-th category label, so labels never overlap (a histogram has dozens).
function labelSplits(u, xs, longest, rotation) {
  var plotWidth = u.bbox.width / devicePixelRatio || u.width;
  var needed = rotation ? 16 : longest * 7 + 10;
  var step = Math.max(1, Math.ceil(needed / (plotWidth / Math.max(1, xs.length))));
  return xs.filter(function (x) { return x % step === 0; });
}

// Values above the bars, as Grafana's showValue (auto: only where they fit).
function drawBarValues(u, spec, bar) {
  var ctx = u.ctx;
  var width = u.valToPos(bar, 'x', true) - u.valToPos(0, 'x', true);
  ctx.save();
  ctx.font = Math.round(11 * devicePixelRatio) + 'px Inter, Helvetica, Arial, sans-serif';
  ctx.fillStyle = THEME.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  u.series.forEach(function (s, si) {
    if (si === 0) return;
    s._values.forEach(function (v, i) {
      if (v == null) return;
      var text = fmt(v, spec.unit, spec.decimals);
      if (spec.showValue === 'auto' && ctx.measureText(text).width > width + 4 * devicePixelRatio) return;
      ctx.fillText(text, u.valToPos(s._x0[i] + bar / 2, 'x', true), u.valToPos(v, 'y', true) - 3 * devicePixelRatio);
    });
  });
  ctx.restore();
}

var plots = [];

function drawAll() {
  var specs = JSON.parse(document.getElementById('preview-charts').textContent);
  specs.forEach(function (spec) {
    var el = document.getElementById(spec.id);
    if (!el) return;
    try {
      var size = { width: Math.max(50, el.clientWidth), height: Math.max(40, el.clientHeight) };
      var built = spec.kind === 'bars' ? barOpts(spec, size) : timeOpts(spec, size);
      plots.push({ el: el, plot: new uPlot(built.opts, built.data, el) });
    } catch (err) {
      el.innerHTML = '<div class="panel-error">cannot draw this chart: ' + String(err && err.message || err).replace(/[<&]/g, '') + '</div>';
    }
  });
  document.body.setAttribute('data-charts-drawn', String(plots.length));
}

var resizeTimer;
window.addEventListener('resize', function () {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(function () {
    plots.forEach(function (p) { p.plot.setSize({ width: Math.max(50, p.el.clientWidth), height: Math.max(40, p.el.clientHeight) }); });
  }, 100);
});

drawAll();
`;

/**
 * tsx (the CLI's loader) compiles with keepNames, which wraps inner functions
 * in `__name(fn, "name")`; the page defines it so the embedded formatter runs
 * however the server was loaded.
 */
export function clientScript(): string {
  return `(function () {\n'use strict';\nvar __name = function (f) { return f; };\nvar formatParts = ${formatParts.toString()};\n${ALERT_MARKS_SCRIPT}\n${DRAW_CHARTS}\n})();`;
}

/** Served pages only: reload when the server says the previews were rebuilt. */
export const LIVE_RELOAD_SCRIPT = `(function () {
  var source = new EventSource('/__preview/events');
  source.addEventListener('rebuilt', function () { location.reload(); });
})();`;
