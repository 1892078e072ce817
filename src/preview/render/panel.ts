/**
 * One grid item as positioned HTML: a row header, or a panel with its title
 * and a body drawn for its type. A failed query shows its error in place of
 * the visualisation, as Grafana does; a query that was not run (no backend
 * given) says so.
 */
import { rowCount } from '../data/frames.js';
import { gridBox } from '../layout.js';
import { panelFrames, type PanelPreview } from '../model.js';
import type { ChartSpec } from './chart-spec.js';
import { alertMarksHtml, barRegions, timeRegions } from './alert-marks.js';
import { barChart, barFrame, histogramChart, timeChart, type RenderedChart } from './charts.js';
import { esc } from './html.js';
import { pieHtml } from './pie.js';
import { barGaugeHtml, displayValues, gaugeHtml, statHtml } from './single-values.js';
import { tableHtml } from './table.js';
import { textPanelHtml } from './text.js';
import { RegexBudgetError } from '../../check/run/regex-budget.js';
import { count as countOf } from '../../model/count.js';

export interface RenderContext {
  range: { fromMs: number; toMs: number };
  /** Charts collected for the page's script. */
  charts: ChartSpec[];
}

/** Panel types that show no query data. */
const NO_DATA_PANELS = new Set(['text', 'news', 'dashlist', 'welcome', 'alertlist', 'annolist']);

export function renderGridItem(p: PanelPreview, ctx: RenderContext): string {
  const box = gridBox(p.item.gridPos);
  const style = `left:${box.leftPct.toFixed(4)}%;top:${box.topPx}px;width:calc(${box.widthPct.toFixed(4)}% - 8px);height:${box.heightPx}px`;
  const title = typeof p.item.panel.title === 'string' ? p.item.panel.title : '';
  if (p.item.kind === 'row') {
    const collapsed = p.item.collapsed === true;
    const count = collapsed ? ` <span class="row-count">(${countOf(p.item.hiddenPanels ?? 0, 'panel')})</span>` : '';
    return `<div class="grid-row${collapsed ? ' collapsed' : ''}" style="${style}" data-row="${esc(title)}"><span class="row-chevron">${collapsed ? '▸' : '▾'}</span><span class="row-title">${esc(title)}</span>${count}</div>`;
  }
  const type = String(p.item.panel.type ?? 'unknown');
  const description = typeof p.item.panel.description === 'string' && p.item.panel.description ? `<span class="panel-info" title="${esc(p.item.panel.description)}">i</span>` : '';
  const header = `<div class="panel-header"><span class="panel-title">${esc(title)}</span>${description}</div>`;
  return `<section class="panel" style="${style}" data-panel-type="${esc(type)}" data-title="${esc(title)}">${header}<div class="panel-body">${panelBody(p, type, ctx)}${alertMarksHtml(p.alerts)}</div></section>`;
}

function panelBody(p: PanelPreview, type: string, ctx: RenderContext): string {
  const panel = p.item.panel;
  if (NO_DATA_PANELS.has(type)) return type === 'text' ? textPanelHtml(panel) : notice(`a ${type} panel has no preview`);
  const errors = p.results.filter((r) => r.state === 'error');
  if (errors.length > 0) {
    const many = p.results.length > 1;
    return errorBox('Query error', errors.map((e) => `${many && e.refId ? `<b>${esc(e.refId)}:</b> ` : ''}${esc(e.message)}`));
  }
  if (p.results.length === 0) return notice('this panel has no queries');
  const skipped = p.results.filter((r) => r.state === 'skipped');
  if (skipped.length === p.results.length) return notice(unique(skipped.map((s) => s.message)).join('; '));
  const frames = panelFrames(p);
  if (rowCount(frames) === 0) return '<div class="no-data">No data</div>';
  try {
    return drawn(panel, type, frames, p, ctx);
  } catch (err) {
    if (!(err instanceof RegexBudgetError)) throw err;
    return errorBox('Regex error', [esc(err.message)]);
  }
}

/** A red box in place of the panel; `items` are HTML. */
function errorBox(title: string, items: readonly string[]): string {
  return `<div class="panel-error" role="alert"><div class="panel-error-title">${title}</div><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul></div>`;
}

function drawn(panel: PanelPreview['item']['panel'], type: string, frames: ReturnType<typeof panelFrames>, p: PanelPreview, ctx: RenderContext): string {
  const id = `chart-${ctx.charts.length}`;
  switch (type) {
    case 'timeseries':
    case 'trend':
      return chart(withAlerts(timeChart(panel, frames, id, ctx.range), p.alerts && timeRegions(p.alerts, ctx.range.toMs)), ctx);
    case 'barchart':
      return chart(withAlerts(barChart(panel, frames, id), p.alerts && barRegions(barFrame(frames), p.alerts)), ctx);
    case 'table':
      return tableHtml(panel, frames);
    case 'stat':
      return statHtml(panel, displayValues(panel, frames));
    case 'gauge':
      return gaugeHtml(panel, displayValues(panel, frames));
    case 'bargauge':
      return barGaugeHtml(panel, displayValues(panel, frames));
    case 'piechart':
      return pieHtml(panel, displayValues(panel, frames));
    case 'histogram':
      return chart(histogramChart(panel, frames, id), ctx);
    default:
      return notice(`the preview does not draw ${type} panels; the queries returned ${rowCount(frames)} rows`);
  }
}

function chart(rendered: RenderedChart<ChartSpec> | undefined, ctx: RenderContext): string {
  if (!rendered) return '<div class="no-data">No data (no numeric field to draw)</div>';
  ctx.charts.push(rendered.spec);
  return `<div class="chart-wrap legend-${rendered.legendPlacement}"><div class="chart" id="${rendered.spec.id}" data-chart="${rendered.spec.kind}"></div>${rendered.legend}</div>`;
}

function withAlerts<S extends ChartSpec>(rendered: RenderedChart<S> | undefined, alerts: ChartSpec['alerts']): RenderedChart<S> | undefined {
  return rendered && alerts?.length ? { ...rendered, spec: { ...rendered.spec, alerts } } : rendered;
}

function notice(text: string): string {
  return `<div class="panel-notice">${esc(text)}</div>`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
