/**
 * Alert rules backtested on a panel, drawn on it: on a time axis, each firing
 * span as a shaded region (its Pending part lighter, as Grafana colours the
 * state annotations of a linked rule); on a bar chart whose rows carry a
 * time, the bars the rule fired on. Below the chart, one line per rule names
 * it, with its spans in the tooltip. Rule titles and labels come from
 * provisioning files, so everything is escaped; the regions are plain numbers
 * and fixed colours.
 */
import type { RuleMarks } from '../../alerting/marks.js';
import type { Frame } from '../data/frames.js';
import type { AlertRegion } from './chart-spec.js';
import { esc, formatTime } from './html.js';
import { count } from '../../model/count.js';

export type { AlertRegion } from './chart-spec.js';

const FIRING = 'rgba(242,73,92,0.22)';
const PENDING = 'rgba(255,152,48,0.14)';

/** Regions on a time axis: [start, firing) pending, [firing, end) firing; an open span runs to the range's end. */
export function timeRegions(marks: readonly RuleMarks[], rangeEndMs: number): AlertRegion[] {
  return marks.flatMap((m) =>
    m.spans.flatMap((s) => {
      const end = (s.to ?? rangeEndMs) / 1000;
      const pending = s.firingFrom > s.from ? [{ from: s.from / 1000, to: s.firingFrom / 1000, color: PENDING }] : [];
      return [...pending, { from: s.firingFrom / 1000, to: end, color: FIRING }];
    }),
  );
}

/**
 * The bars a rule fired on: a bar whose row time is data some Pending or
 * Firing evaluation saw as new, i.e. inside (start − interval, end − interval]
 * of a span. Rows without a time (no time field besides the x field) are never marked.
 */
export function barRegions(frame: Frame | undefined, marks: readonly RuleMarks[]): AlertRegion[] {
  const time = frame?.fields.find((f) => f.type === 'time');
  if (!time) return [];
  const out: AlertRegion[] = [];
  time.values.forEach((v, i) => {
    if (typeof v !== 'number') return;
    const hit = marks.some((m) => m.spans.some((s) => v > s.from - m.intervalMs && (s.to === undefined || v <= s.to - m.intervalMs)));
    if (hit) out.push({ from: i - 0.5, to: i + 0.5, color: FIRING });
  });
  return out;
}

const iso = (ms: number) => formatTime(ms).slice(0, 16);
const labelText = (l: Readonly<Record<string, string>>) => `{${Object.keys(l).sort().map((k) => `${k}="${l[k]}"`).join(', ')}}`;

/** One line per linked rule: its title, how often it fired, and (tooltip) each span with its instance. */
export function alertMarksHtml(marks: readonly RuleMarks[] | undefined): string {
  if (!marks || marks.length === 0) return '';
  const lines = marks.map((m) => {
    let text: string;
    let detail: string[] = [];
    if (m.skipped) text = `not backtested: ${m.skipped}`;
    else if (m.spans.length === 0) text = 'would not have fired in this range';
    else {
      const starts = new Set(m.spans.map((s) => s.firingFrom));
      text = `would have fired ${starts.size}× (${count(m.spans.length, 'instance span')}), first at ${iso(Math.min(...starts))} UTC`;
      detail = m.spans.map((s) => `${iso(s.from)} → ${s.to === undefined ? 'still firing' : iso(s.to)} (firing from ${iso(s.firingFrom)}) ${labelText(s.labels)}`);
    }
    if (m.error) detail.push(`some evaluations failed: ${m.error}`);
    const cls = m.spans.length > 0 ? 'alert-mark alert-mark-fired' : 'alert-mark';
    return `<div class="${cls}" data-alert-rule="${esc(m.uid)}" title="${esc(detail.join('\n'))}"><span class="alert-mark-swatch"></span><span class="alert-mark-title">${esc(m.title)}</span> <span class="alert-mark-text">${esc(text)}</span></div>`;
  });
  return `<div class="alert-marks">${lines.join('')}</div>`;
}

export const ALERT_MARKS_CSS = `
.alert-marks { flex: 0 0 auto; font-size: 12px; padding-top: 2px; max-height: 30%; overflow: hidden; }
.alert-mark { display: flex; align-items: center; gap: 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: var(--muted); }
.alert-mark-fired { color: var(--text); }
.alert-mark-swatch { flex: 0 0 auto; width: 10px; height: 10px; border-radius: 2px; background: ${FIRING}; border: 1px solid #F2495C; }
.alert-mark-title { font-weight: 500; }
`;
