/**
 * Grafana's dashboard time strings: `now`, `now-6h`, `now-7d/d`, `now/d`,
 * absolute ISO dates, or epoch milliseconds.
 * (grafana-data/src/datetime/datemath.ts: units s m h d w M y, rounding `/unit`.)
 */
const UNIT_MS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

export function parseTime(text: string, now: Date, roundUp = false): Date | undefined {
  const t = text.trim();
  if (/^\d{10,}$/.test(t)) return new Date(Number(t));
  if (!t.startsWith('now')) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  let date = new Date(now.getTime());
  const ops = /([+-]\d+[smhdwMy]|\/[smhdwMy])/g;
  const rest = t.slice(3);
  if (rest.replace(ops, '') !== '') return undefined;
  for (const [op] of rest.matchAll(ops)) {
    const unit = op.slice(-1);
    if (op.startsWith('/')) date = round(date, unit, roundUp);
    else date = shift(date, Number(op.slice(0, -1)), unit);
  }
  return date;
}

function shift(d: Date, n: number, unit: string): Date {
  const out = new Date(d.getTime());
  if (unit === 'M') out.setUTCMonth(out.getUTCMonth() + n);
  else if (unit === 'y') out.setUTCFullYear(out.getUTCFullYear() + n);
  else out.setTime(out.getTime() + n * UNIT_MS[unit]!);
  return out;
}

function round(d: Date, unit: string, up: boolean): Date {
  const out = new Date(d.getTime());
  switch (unit) {
    case 'y':
      out.setUTCMonth(0, 1);
    // falls through
    case 'M':
      out.setUTCDate(1);
    // falls through
    case 'd':
      out.setUTCHours(0, 0, 0, 0);
      break;
    case 'w':
      out.setUTCDate(out.getUTCDate() - out.getUTCDay());
      out.setUTCHours(0, 0, 0, 0);
      break;
    default:
      out.setTime(Math.floor(out.getTime() / UNIT_MS[unit]!) * UNIT_MS[unit]!);
  }
  if (!up) return out;
  const next = shift(out, 1, unit === 'w' ? 'w' : unit);
  return new Date(next.getTime() - 1);
}

/** The time range a dashboard is run over, by check and preview alike. */
export interface DashboardRange {
  /** As given (for reports): the explicit option, else the dashboard's `time`, else Grafana's default `now-6h` → `now`. */
  fromText: string;
  toText: string;
  /** Undefined when either end cannot be read; `error` then says so. */
  range?: { from: Date; to: Date };
  error?: string;
}

export function dashboardRange(dashboard: Record<string, unknown>, options: { from?: string; to?: string; now: Date }): DashboardRange {
  const time = (dashboard.time as { from?: string; to?: string } | undefined) ?? {};
  const fromText = options.from ?? time.from ?? 'now-6h';
  const toText = options.to ?? time.to ?? 'now';
  const from = parseTime(fromText, options.now);
  const to = parseTime(toText, options.now, true);
  if (!from || !to) return { fromText, toText, error: `cannot read the time range ${fromText} → ${toText}` };
  return { fromText, toText, range: { from, to } };
}
