/**
 * Table panels: the first frame (options.frameIndex) as an HTML table, hidden
 * columns (custom.hidden overrides) left out, times in UTC, numbers with their
 * unit. Long results are cut, with the count of rows left out.
 */
import type { Frame } from '../data/frames.js';
import { formatValue } from '../units/index.js';
import { fieldSettings } from './field-config.js';
import { esc, formatTime } from './html.js';

type Obj = Record<string, unknown>;

/** A preview is for looking, not for reading every row; Grafana scrolls instead. */
export const MAX_TABLE_ROWS = 200;

export function tableHtml(panel: Obj, frames: Frame[]): string {
  const options = (panel.options as Obj | undefined) ?? {};
  const frame = frames[typeof options.frameIndex === 'number' ? options.frameIndex : 0] ?? frames[0];
  if (!frame) return '';
  const columns = frame.fields
    .map((field) => ({ field, settings: fieldSettings(panel, field, frame.refId) }))
    .filter((c) => c.settings.custom.hidden !== true);
  const rows = frame.fields[0]?.values.length ?? 0;
  const shown = Math.min(rows, MAX_TABLE_ROWS);
  const head = options.showHeader === false ? '' : `<thead><tr>${columns.map((c) => `<th>${esc(c.settings.displayName ?? c.field.name)}</th>`).join('')}</tr></thead>`;
  const body: string[] = [];
  for (let i = 0; i < shown; i++) {
    const cells = columns.map(({ field, settings }) => {
      const v = field.values[i] ?? null;
      if (v === null) return '<td></td>';
      if (field.type === 'time' && typeof v === 'number') return `<td>${esc(formatTime(v))}</td>`;
      if (field.type === 'number' && typeof v === 'number') return `<td class="num">${esc(formatValue(v, settings.unit, settings.decimals))}</td>`;
      return `<td>${esc(v)}</td>`;
    });
    body.push(`<tr>${cells.join('')}</tr>`);
  }
  const more = rows > shown ? `<div class="table-more">${rows - shown} more rows not shown</div>` : '';
  return `<div class="table-wrap"><table class="data-table">${head}<tbody>${body.join('')}</tbody></table>${more}</div>`;
}
