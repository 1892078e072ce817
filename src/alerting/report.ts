/** Text and JSON for a backtest: per rule, when it would have fired, with the values. */
import type { BacktestResult } from './engine/backtest.js';
import type { Labels } from './engine/values.js';
import { count } from '../model/count.js';

export interface RuleBacktest {
  readonly group: string;
  readonly interval: string;
  readonly uid: string;
  readonly title: string;
  readonly from: Date;
  readonly to: Date;
  /** Why the rule was not run (a PromQL rule without a Prometheus). */
  readonly skipped?: string;
  readonly result?: BacktestResult;
}

const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 16)}Z`;
const labels = (l: Labels) => `{${Object.keys(l).sort().map((k) => `${k}=${JSON.stringify(l[k])}`).join(', ')}}`;
const value = (v: number | null) => (v === null ? 'null' : Number.isInteger(v) ? String(v) : v.toPrecision(4));

export function formatBacktest(rules: readonly RuleBacktest[]): string {
  const out: string[] = [];
  for (const r of rules) {
    const head = `${r.title} [${r.uid}] (group ${r.group}, every ${r.interval}, ${iso(r.from.getTime())} → ${iso(r.to.getTime())})`;
    if (r.skipped || !r.result) {
      out.push(`- ${head}: not run: ${r.skipped ?? 'no result'}`);
      continue;
    }
    const res = r.result;
    out.push(`${res.firing.length > 0 ? '!' : '✓'} ${head}: ${res.evaluations} evaluations, ${res.firing.length === 0 ? 'never fired' : `fired ${count(res.firing.length, 'time')}`}`);
    for (const f of res.firing) {
      const vals = Object.entries(f.values).map(([k, v]) => `${k}=${value(v)}`).join(' ');
      out.push(`    FIRING ${iso(f.from)} → ${f.to === undefined ? 'still firing' : iso(f.to)}  ${labels(f.labels)}  ${vals}`);
    }
    const errors = res.transitions.filter((t) => t.to === 'Error' || t.reason === 'Error');
    for (const e of errors.slice(0, 3)) out.push(`    ERROR  ${iso(e.at)}  ${e.error ?? ''}`);
    if (errors.length > 3) out.push(`    … ${errors.length - 3} more errors`);
    const noData = res.transitions.filter((t) => t.to === 'NoData').length;
    if (noData > 0) out.push(`    (no data ${count(noData, 'time')}; the rule's noDataState decides what that means)`);
  }
  return `${out.join('\n')}\n`;
}
