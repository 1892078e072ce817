/** Grafana's dark theme, as far as a static page needs it. */
export const PAGE_CSS = `
:root { color-scheme: dark; --bg: #111217; --panel: #181b1f; --border: rgba(204,204,220,0.12); --text: #ccccdc; --muted: rgba(204,204,220,0.65); --error: #F2495C; }
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.4 Inter, Helvetica, Arial, sans-serif; }
.topbar { display: flex; align-items: baseline; justify-content: space-between; gap: 16px; padding: 12px 16px 4px; }
.topbar h1 { font-size: 20px; font-weight: 500; margin: 0; }
.range { color: var(--muted); font-size: 13px; white-space: nowrap; }
.range-abs { opacity: 0.8; }
.variables { display: flex; flex-wrap: wrap; gap: 8px; padding: 6px 16px; }
.variable { display: inline-flex; border: 1px solid var(--border); border-radius: 2px; font-size: 13px; overflow: hidden; }
.variable-label { background: #22252b; padding: 3px 8px; font-weight: 500; }
.variable-value { padding: 3px 8px; max-width: 420px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.variable-error { border-color: var(--error); }
.grid { position: relative; margin: 8px 8px 8px 16px; }
.panel, .grid-row { position: absolute; }
.panel { display: flex; flex-direction: column; background: var(--panel); border: 1px solid var(--border); border-radius: 2px; overflow: hidden; }
.panel-header { flex: 0 0 32px; display: flex; align-items: center; gap: 6px; padding: 0 8px; min-width: 0; }
.panel-title { font-weight: 500; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.panel-info { flex: 0 0 auto; width: 14px; height: 14px; border-radius: 50%; border: 1px solid var(--muted); color: var(--muted); font-size: 10px; line-height: 12px; text-align: center; font-style: italic; }
.panel-body { flex: 1 1 auto; min-height: 0; position: relative; padding: 0 8px 8px; display: flex; flex-direction: column; }
.grid-row { display: flex; align-items: center; gap: 6px; font-size: 16px; font-weight: 500; padding: 0 2px; border-bottom: 1px solid transparent; }
.grid-row.collapsed { border-bottom-color: var(--border); }
.row-chevron { width: 14px; color: var(--muted); }
.row-count { color: var(--muted); font-size: 13px; font-weight: 400; }
.panel-error { flex: 1 1 auto; overflow: auto; border: 1px solid var(--error); background: rgba(242,73,92,0.12); color: #ffb3bb; border-radius: 2px; padding: 8px 10px; font-size: 13px; white-space: pre-wrap; word-break: break-word; }
.panel-error-title { font-weight: 600; color: var(--error); margin-bottom: 4px; }
.panel-error ul { margin: 0; padding-left: 18px; }
.dashboard-error { margin: 8px 16px; }
.panel-notice, .no-data { flex: 1 1 auto; display: flex; align-items: center; justify-content: center; text-align: center; color: var(--muted); padding: 8px; font-size: 13px; }
.no-data { font-size: 16px; }
.chart-wrap { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
.chart-wrap.legend-right { flex-direction: row; }
.chart { flex: 1 1 auto; min-height: 0; min-width: 0; overflow: hidden; }
.legend { flex: 0 0 auto; font-size: 12px; color: var(--text); overflow: hidden; }
.legend-list { display: flex; flex-wrap: wrap; gap: 2px 14px; padding-top: 4px; max-height: 40%; }
.legend-item { display: inline-flex; align-items: center; white-space: nowrap; }
.legend-calcs { color: var(--muted); margin-left: 6px; }
.legend-right .legend { max-width: 45%; padding-left: 8px; overflow: auto; }
.legend-table { border-collapse: collapse; align-self: flex-start; }
.legend-table th { color: #6e9fff; font-weight: 500; text-align: right; padding: 2px 6px; }
.legend-table td { text-align: right; padding: 2px 6px; white-space: nowrap; }
.legend-table td.legend-name { text-align: left; max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
.swatch { display: inline-block; width: 14px; height: 4px; border-radius: 2px; margin-right: 6px; }
.table-wrap { flex: 1 1 auto; overflow: auto; min-height: 0; }
.data-table { border-collapse: collapse; width: 100%; font-size: 13px; }
.data-table th { position: sticky; top: 0; background: var(--panel); text-align: left; font-weight: 500; color: #6e9fff; padding: 4px 8px; border-bottom: 1px solid var(--border); white-space: nowrap; }
.data-table td { padding: 3px 8px; border-bottom: 1px solid rgba(204,204,220,0.07); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 480px; }
.data-table td.num { text-align: right; }
.table-more { color: var(--muted); font-size: 12px; padding: 4px 8px; }
.values { flex: 1 1 auto; display: flex; gap: 8px; min-height: 0; }
.values-auto { flex-direction: column; }
.values-row { flex-direction: row; }
.stat { position: relative; flex: 1 1 0; min-width: 0; min-height: 0; display: flex; align-items: center; justify-content: center; container-type: size; border-radius: 2px; overflow: hidden; }
.stat-inner { position: relative; text-align: center; line-height: 1.1; max-width: 100%; padding: 0 4px; }
.stat-name { font-size: clamp(12px, min(9cqh, 4cqw), 22px); color: var(--text); margin-bottom: 2px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.stat-value { font-weight: 500; font-size: max(14px, min(45cqh, 22cqw)); white-space: nowrap; }
.value-unit { font-size: 0.7em; }
.sparkline { position: absolute; left: 0; right: 0; bottom: 0; width: 100%; height: 45%; }
.gauge-box { flex: 1 1 0; min-width: 0; min-height: 0; display: flex; flex-direction: column; }
.gauge { flex: 1 1 auto; min-height: 0; width: 100%; }
.gauge-value { font-size: 30px; font-weight: 500; text-anchor: middle; }
.gauge-name { flex: 0 0 auto; text-align: center; font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bargauges { flex: 1 1 auto; display: flex; flex-direction: column; justify-content: space-evenly; gap: 6px; min-height: 0; }
.bargauge { display: flex; flex-direction: column; min-height: 0; flex: 1 1 0; max-height: 64px; }
.bargauge-name { font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bargauge-line { flex: 1 1 auto; min-height: 14px; display: flex; align-items: stretch; gap: 8px; }
.bargauge-track { position: relative; flex: 1 1 auto; background: rgba(204,204,220,0.06); border-radius: 2px; }
.bargauge-fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 2px; }
.bargauge-value { flex: 0 0 auto; min-width: 72px; align-self: center; text-align: right; font-size: 18px; font-weight: 500; white-space: nowrap; }
.text-panel { overflow: auto; font-size: 14px; }
.text-panel h1, .text-panel h2, .text-panel h3 { font-weight: 500; margin: 0.3em 0; }
.text-panel p { margin: 0 0 0.6em; }
.text-panel code { background: #22252b; padding: 0 4px; border-radius: 2px; }
.text-panel a { color: #6e9fff; }
.pie-wrap { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
.pie { flex: 1 1 auto; min-height: 0; width: 100%; }
.footer { color: var(--muted); font-size: 12px; padding: 8px 16px 16px; }
.u-legend { display: none; }
`;
