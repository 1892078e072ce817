/**
 * What unit a query's values are in, guessed from names: Prometheus and the
 * benchmark tables put the unit in the name (`ttft_milliseconds_bucket`,
 * `gpu_mem_megabytes`, `time_to_first_token_secs`, `cpu_util`). Only times,
 * sizes and percentages: those are the values that read wrong without a unit.
 */
import { histogramQuantileCalls, parsePromQL, walkPromQL } from '../../languages/promql/index.js';
import { lexSql } from '../../languages/sql/lexer.js';

export interface InferredUnit {
  /** The name the unit was read from. */
  readonly name: string;
  /** The Grafana unit to suggest. */
  readonly unit: string;
}

const SUFFIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/_(secs|seconds)$/, 's'],
  [/_(ms|milliseconds)$/, 'ms'],
  [/_(us|microseconds)$/, 'µs'],
  [/_(ns|nanoseconds)$/, 'ns'],
  [/_bytes$/, 'bytes'],
  [/_(kilobytes|kb)$/, 'deckbytes'],
  [/_(megabytes|mb)$/, 'decmbytes'],
  [/_(gigabytes|gb)$/, 'decgbytes'],
  [/_(util|utilization|utilisation|percent|percentage|pct)$/, 'percent'],
];

export function unitOfName(name: string): InferredUnit | undefined {
  const lower = name.toLowerCase();
  for (const [pattern, unit] of SUFFIXES) if (pattern.test(lower)) return { name, unit };
  return undefined;
}

/**
 * Names in the SELECT list (columns, aliases, JSON keys like
 * `measurements->>'time_to_first_token_secs'`); the WHERE clause is not
 * output. Columns in `hidden` (hidden by an override or a transformation) are
 * not shown, so they need no unit.
 */
export function inferSqlUnit(sql: string, hidden: ReadonlySet<string> = new Set()): InferredUnit | undefined {
  for (const item of selectItems(sql)) {
    if (item.name !== undefined && hidden.has(item.name)) continue;
    for (const m of item.text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
      const found = unitOfName(m[0]);
      if (found) return found;
    }
  }
  return undefined;
}

interface SelectItem {
  readonly text: string;
  /** The output column name: the alias, else the column's own name. */
  readonly name?: string;
}

/** The SELECT list split at top-level commas, up to the FROM at the same bracket depth. */
function selectItems(sql: string): SelectItem[] {
  const segments = lexSql(sql);
  // Comments blanked; strings kept, since JSON keys ('…_secs') name the value.
  let code = '';
  for (const s of segments) code += s.kind === 'comment' ? ' '.repeat(s.to - s.from) : sql.slice(s.from, s.to);
  const start = /\bselect\b/i.exec(code);
  if (!start) return [];
  const items: string[] = [];
  let depth = 0;
  let itemStart = start.index + 6;
  let i = itemStart;
  let seg = 0;
  for (; i < code.length; i++) {
    const c = code[i];
    while (seg < segments.length - 1 && (segments[seg]?.to ?? 0) <= i) seg++;
    if (segments[seg]?.kind !== 'code') continue;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === ',') {
      items.push(code.slice(itemStart, i));
      itemStart = i + 1;
    } else if (depth === 0 && /^from\b/i.test(code.slice(i, i + 5)) && /\W/.test(code[i - 1] ?? ' ')) break;
  }
  items.push(code.slice(itemStart, i));
  return items.map((text) => {
    const name = outputName(text.trim());
    return name === undefined ? { text } : { text, name };
  });
}

function outputName(item: string): string | undefined {
  const alias = /\bas\s+("(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*$/i.exec(item);
  if (alias?.[1]) return alias[1].startsWith('"') ? alias[1].slice(1, -1).replace(/""/g, '"') : alias[1];
  const column = /(?:^|\.)("(?:[^"]|"")+"|[A-Za-z_][\w$]*)$/.exec(item);
  if (column?.[1]) return column[1].startsWith('"') ? column[1].slice(1, -1) : column[1];
  return undefined;
}

/**
 * Metric names: gauges and `_sum` series carry their unit; `_bucket` series
 * only inside histogram_quantile (elsewhere they count observations);
 * `_count` and `_total` count things.
 */
export function inferPromUnit(expr: string): InferredUnit | undefined {
  const parsed = parsePromQL(expr);
  if (!parsed.ok) return undefined;
  const quantiled = new Set(histogramQuantileCalls(expr, parsed.tree).flatMap((c) => c.metrics));
  for (const s of walkPromQL(parsed.tree, expr).selectors) {
    const name = s.name;
    if (name === undefined || /_(count|total|created)$/.test(name)) continue;
    if (name.endsWith('_bucket') && !quantiled.has(name)) continue;
    const found = unitOfName(name.replace(/_(bucket|sum)$/, ''));
    if (found) return { name, unit: found.unit };
  }
  return undefined;
}
