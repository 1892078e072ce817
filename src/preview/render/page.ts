/**
 * The preview page: one self-contained HTML file (CSS, uPlot, the chart data
 * and the drawing script all inline) that looks like the dashboard in
 * Grafana's dark theme: title bar with time range and variables, then the
 * 24-column grid.
 */
import type { DashboardPreview } from '../model.js';
import type { UplotAssets } from '../assets.js';
import { clientScript, LIVE_RELOAD_SCRIPT } from './client-script.js';
import { withContentSecurityPolicy } from './csp.js';
import { esc, formatTime, scriptJson } from './html.js';
import { renderGridItem, type RenderContext } from './panel.js';
import { PAGE_CSS } from './page-css.js';
import { ALERT_MARKS_CSS } from './alert-marks.js';
import { withNow } from '../units/durations.js';

export interface PageOptions {
  /** Add the script that reloads the page when a served preview is rebuilt. */
  liveReload?: boolean;
}

export function renderPage(preview: DashboardPreview, uplot: UplotAssets, options: PageOptions = {}): string {
  // Units such as dateTimeFromNow format against the time the page was queried, so a preview is reproducible.
  return withNow(preview.generatedAt, () => renderAt(preview, uplot, options));
}

function renderAt(preview: DashboardPreview, uplot: UplotAssets, options: PageOptions): string {
  const ctx: RenderContext = { range: { fromMs: preview.range.fromMs, toMs: preview.range.toMs }, charts: [] };
  const items = preview.panels.map((p) => renderGridItem(p, ctx)).join('\n');
  const variables = preview.variables
    .filter((v) => !v.hidden)
    .map((v) => `<span class="variable${v.error ? ' variable-error' : ''}" title="${esc(v.error ?? '')}"><span class="variable-label">${esc(v.label)}</span><span class="variable-value">${esc(v.value || '(none)')}</span></span>`)
    .join('');
  const range = `${esc(preview.range.from)} → ${esc(preview.range.to)} <span class="range-abs">(${esc(formatTime(preview.range.fromMs))} → ${esc(formatTime(preview.range.toMs))} UTC)</span>`;
  const error = preview.error ? `<div class="panel-error dashboard-error" role="alert">${esc(preview.error)}</div>` : '';
  return withContentSecurityPolicy(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="dashcode preview">
<title>${esc(preview.title)} · dashcode preview</title>
<style>${uplot.css}</style>
<style>${PAGE_CSS}${ALERT_MARKS_CSS}</style>
</head>
<body>
<header class="topbar">
  <h1>${esc(preview.title)}</h1>
  <div class="range">${range}</div>
</header>
${variables ? `<nav class="variables">${variables}</nav>` : ''}
${error}
<main class="grid" style="height:${preview.heightPx}px">
${items}
</main>
<footer class="footer">dashcode preview${preview.file ? ` of ${esc(preview.file)}` : ''} · queried ${esc(formatTime(preview.generatedAt))} UTC</footer>
<script type="application/json" id="preview-charts">${scriptJson(ctx.charts)}</script>
<script>${uplot.js.replace(/<\/script/gi, '<\\/script')}</script>
<script>${clientScript()}</script>
${options.liveReload ? `<script>${LIVE_RELOAD_SCRIPT}</script>` : ''}
</body>
</html>
`);
}
