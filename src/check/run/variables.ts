import { calculateInterval, expandPostgresMacros, interpolateVariables, sqlLegacyQuoting, type ScopedVar, type TimeRange, type VariableValue } from '../interpolate/index.js';
import type { CheckStatus } from './model.js';
import { asArray } from './extract.js';
import { prometheusVariableOptions } from './prom-variables.js';
import { RegexBudgetError, withinRegexBudget } from './regex-budget.js';
import type { PromRunner, SqlRunner } from './runners.js';
import { parseCustomQuery } from '../../diff/custom-query.js';
import { hasOwn } from '../../model/own.js';

type Obj = Record<string, unknown>;

export interface ResolvedVariables {
  values: Map<string, VariableValue>;
  report: Array<{ name: string; value: string | string[]; status: CheckStatus; message?: string; given?: boolean; givenIgnored?: string }>;
}

/**
 * Variable values chosen by the caller, by variable name, as a dashboard URL's
 * `var-<name>=<value>` parameters choose them (a repeated parameter: several
 * values).
 */
export type GivenVariableValues = Readonly<Record<string, string | readonly string[]>>;

export interface ResolveOptions {
  /** The Grafana release to imitate (SQL quoting); default the current one. */
  grafanaVersion?: string;
  /** Values to select instead of the saved ones, applied as Grafana applies URL values on load (see `applyGiven`). */
  given?: GivenVariableValues;
}

/** A variable option as Grafana holds it (scenes VariableValueOption: label = text). */
export interface VariableOption {
  text: string;
  value: string;
}

const ALL = '$__all';
const AUTO = '$__auto';

/**
 * Gives every dashboard variable the value Grafana would select on load, in
 * dashboard order so chained variables see their parents. How each type gets its
 * options follows @grafana/scenes (QueryVariable, CustomVariable, IntervalVariable,
 * TextBoxVariable, ConstantVariable) as public/app/features/dashboard-scene
 * serialization/transformSaveModelToScene.ts builds them from dashboard JSON; which
 * option is selected follows MultiValueVariable.updateValueGivenNewOptions: the saved
 * current value (by value, else by text) if it is still an option, else All when
 * the variable includes All (`defaultToAll`), else the first option.
 * PromQL query variables need a Prometheus and are otherwise left unresolved.
 */
export async function resolveVariables(dashboard: Obj, range: TimeRange, intervalMs: number, sql?: SqlRunner, prom?: PromRunner, options: ResolveOptions = {}): Promise<ResolvedVariables> {
  const values = new Map<string, VariableValue>();
  const report: ResolvedVariables['report'] = [];
  for (const v of asArray((dashboard.templating as Obj | undefined)?.list)) {
    const name = String(v.name ?? '');
    const type = String(v.type ?? '');
    const base: VariableValue = { name, value: '', multi: v.multi === true, includeAll: v.includeAll === true, type };
    if (typeof v.allValue === 'string' && v.allValue) base.allValue = v.allValue;
    if (v.skipUrlSync === true) base.skipUrlSync = true;
    let opts: VariableOption[] = [];
    let status: CheckStatus = 'ok';
    let message: string | undefined;
    if (type === 'query') {
      const r = await queryOptions(v, values, range, intervalMs, sql, prom, options);
      opts = r.options;
      status = r.status;
      message = r.message;
    } else if (type === 'custom') {
      // CustomVariable.getValueOptions: split at `,` not escaped as `\,`; `text : value` pairs.
      opts = parseCustomQuery(interpolateVariables(String(v.query ?? ''), values, { datasource: 'other', range }).text);
    } else if (type === 'interval') {
      const { url, note } = givenFor(v, options.given);
      const selected = typeof url === 'string' ? givenInterval(url, v, range) : intervalValue(v, range);
      values.set(name, { ...base, value: selected.value, text: selected.text });
      report.push({ name, value: selected.value, status, ...note });
      continue;
    } else if (type === 'constant') {
      opts = [option(String(v.query ?? ''))];
    } else if (type === 'textbox') {
      // transformSaveModelToScene: a non-empty current value, else the query (the default);
      // TextBoxVariable.updateFromUrl: a single URL value replaces it.
      const { url, note } = givenFor(v, options.given);
      const current = (v.current as Obj | undefined)?.value;
      const saved = current ? (Array.isArray(current) ? String(current[0]) : String(current)) : String(v.query ?? '');
      const value = typeof url === 'string' ? url : saved;
      values.set(name, { ...base, value, text: value });
      report.push({ name, value, status, ...note });
      continue;
    } else if (type === 'datasource') {
      const current = (v.current as Obj | undefined)?.value;
      opts = current ? [option(String(current))] : [];
    } else {
      continue; // adhoc, groupby: no value to interpolate
    }
    const { url, note } = givenFor(v, options.given);
    const selected = url === undefined ? select(v, opts, base.includeAll === true, base.multi === true) : selectGiven(url, v, opts);
    values.set(name, { ...base, value: selected.value, text: selected.text, options: opts.map((o) => o.value), isAll: isAll(selected.value) });
    report.push({ name, value: selected.value, status, message, ...note });
  }
  return { values, report };
}

/** A value given for a variable: the one Grafana would take (`url`), and what the report says of it. */
interface Given {
  url?: string | readonly string[];
  note: { given?: true; givenIgnored?: string };
}

/**
 * The value given for `v`, if Grafana would take it: a constant or a
 * variable with `skipUrlSync` has no URL key (MultiValueUrlSyncHandler.getKeys
 * returns none; scenes ConstantVariable sets skipUrlSync), and a textbox or
 * interval variable takes a single value only (their updateFromUrl ignores
 * anything but a string). One given and not taken is reported, with why.
 */
function givenFor(v: Obj, given: GivenVariableValues | undefined): Given {
  const name = String(v.name ?? '');
  if (!given || !hasOwn(given, name)) return { note: {} };
  const url = given[name]!;
  const ignored = (why: string): Given => ({ note: { givenIgnored: `${typeof url === 'string' || url.length === 1 ? 'the value given is' : `the ${url.length} values given are`} not taken: ${why}` } });
  if (v.type === 'constant') return ignored('a constant variable has no URL value (scenes ConstantVariable sets skipUrlSync and syncs none)');
  if (v.skipUrlSync === true) return ignored('the variable has skipUrlSync, so Grafana reads no URL value for it');
  if ((v.type === 'textbox' || v.type === 'interval') && typeof url !== 'string') {
    if (url.length !== 1) return ignored(`a ${String(v.type)} variable takes a single value (its updateFromUrl ignores a list), so the saved one stays`);
    return { url: url[0], note: { given: true } };
  }
  return { url, note: { given: true } };
}

/**
 * A multi-value variable (query, custom, datasource) given a URL value, as on
 * a dashboard's first load: MultiValueUrlSyncHandler.updateFromUrl (the
 * legacy `All` text and the custom all value mean All), changeValueTo (text
 * by value, else by label; All last wins, All first with others is dropped),
 * then the first validation, which keeps it even when it is not among the
 * options (skipNextValidation) but corrects a single value's text to its
 * option's label.
 */
function selectGiven(url: string | readonly string[], v: Obj, options: VariableOption[]): { value: string | string[]; text: string | string[] } {
  const includeAll = v.includeAll === true;
  const allValue = typeof v.allValue === 'string' && v.allValue ? v.allValue : undefined;
  let value: string | string[] = typeof url === 'string' ? url : [...url];
  if (includeAll) {
    if (Array.isArray(value) && value[0] === 'All') value = [ALL];
    else if (value === 'All') value = ALL;
  }
  if (allValue !== undefined && allValue === value) value = ALL;
  const textOf = (x: string): string => (x === ALL ? 'All' : (options.find((o) => o.value === x) ?? options.find((o) => o.text === x))?.text ?? x);
  if (!Array.isArray(value)) {
    // findOptionMatchingCurrent: by value, else by label, which selects that option's value.
    const match = value === ALL ? undefined : (options.find((o) => o.value === value) ?? options.find((o) => o.text === value));
    return match ? { value: match.value, text: match.text } : { value, text: textOf(value) };
  }
  if (value.length === 0) {
    // changeValueTo([]): getDefaultMultiState (no defaultToAll in a saved dashboard).
    const first = options[0];
    return first ? { value: [first.value], text: [first.text] } : { value: [], text: [] };
  }
  if (value[value.length - 1] === ALL) value = [ALL];
  else if (value[0] === ALL && value.length > 1) value = value.slice(1);
  return { value, text: value.map(textOf) };
}

const option = (value: string): VariableOption => ({ text: value, value });
const isAll = (v: string | string[]): boolean => v === ALL || (Array.isArray(v) && v[0] === ALL);

async function queryOptions(
  v: Obj,
  values: Map<string, VariableValue>,
  range: TimeRange,
  intervalMs: number,
  sql: SqlRunner | undefined,
  prom: PromRunner | undefined,
  options: ResolveOptions,
): Promise<{ options: VariableOption[]; status: CheckStatus; message?: string }> {
  const dsType = String((v.datasource as Obj | undefined)?.type ?? '');
  const query = typeof v.query === 'string' ? v.query : typeof (v.query as Obj | undefined)?.query === 'string' ? String((v.query as Obj).query) : typeof (v.query as Obj | undefined)?.rawSql === 'string' ? String((v.query as Obj).rawSql) : '';
  let found: Array<{ text: string; value?: string }>;
  if (/postgres/.test(dsType) && sql) {
    const r = await sqlVariableValues(query, values, range, intervalMs, sql, options);
    if (r.error) return { options: [], status: 'error', message: r.error };
    found = r.values;
  } else if (dsType === 'prometheus' && prom) {
    try {
      found = (await prometheusVariableOptions(query, values, range, prom)).map((text) => ({ text }));
    } catch (err) {
      return { options: [], status: 'error', message: err instanceof Error ? err.message : String(err) };
    }
  } else {
    return { options: [], status: 'skipped', message: dsType === 'prometheus' ? 'not resolved: no Prometheus given' : `a ${dsType || 'datasource'} variable query is not run here` };
  }
  let regex: RegExp | undefined;
  if (typeof v.regex === 'string' && v.regex) {
    try {
      regex = stringToJsRegex(interpolateVariables(v.regex, values, { datasource: 'other', range, format: 'regex' }).text);
    } catch (err) {
      return { options: [], status: 'error', message: `regex: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  const matched = (): VariableOption[] => metricNamesToVariableValues(regex, Number(v.sort ?? 0), found);
  let opts: VariableOption[];
  try {
    opts = regex ? withinRegexBudget(matched, `the regex of variable "${String(v.name ?? '')}"`) : matched();
  } catch (err) {
    if (err instanceof RegexBudgetError) return { options: [], status: 'error', message: `regex: ${err.message}` };
    throw err;
  }
  const what = regex ? 'the query returned no values matching the regex' : 'the query returned no values';
  return opts.length === 0 ? { options: [], status: 'empty', message: `${what}: every panel that uses this variable will be empty` } : { options: opts, status: 'ok' };
}

/** @grafana/data stringToJsRegex: `/re/flags`, else the whole text anchored (`^re$`). */
export function stringToJsRegex(str: string): RegExp {
  if (!str.startsWith('/')) return new RegExp(`^${str}$`);
  const m = /^\/(.*?)\/([gimys]*)$/s.exec(str);
  if (!m) throw new Error(`'${str}' is not a valid regular expression.`);
  return new RegExp(m[1] ?? '', m[2]);
}

function allMatches(str: string, regex: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  do {
    m = regex.exec(str);
    if (m) out.push(m);
  } while (regex.global && m && m[0] !== '');
  return out;
}

/**
 * @grafana/scenes variants/query/utils.ts metricNamesToVariableValues: the regex
 * filters values and may extract them (first group, every match of a /g regex, or
 * named `text` / `value` groups); options are then unique by value and sorted.
 */
export function metricNamesToVariableValues(regex: RegExp | undefined, sort: number, items: ReadonlyArray<{ text: string; value?: string }>): VariableOption[] {
  const options: VariableOption[] = [];
  for (const item of items) {
    let text = item.text;
    let value = item.value ?? item.text;
    if (regex) {
      const matches = allMatches(value, regex);
      if (matches.length === 0) continue;
      const valueGroup = matches.find((m) => m.groups?.value);
      const textGroup = matches.find((m) => m.groups?.text);
      const firstMatch = matches.find((m) => m.length > 1);
      if (valueGroup || textGroup) {
        value = valueGroup?.groups?.value ?? textGroup?.groups?.text ?? '';
        text = textGroup?.groups?.text ?? valueGroup?.groups?.value ?? '';
      } else if (matches.length > 1 && firstMatch) {
        for (const m of matches) options.push({ text: m[1] ?? '', value: m[1] ?? '' });
        continue;
      } else if (firstMatch) {
        text = firstMatch[1] ?? '';
        value = firstMatch[1] ?? '';
      }
    }
    options.push({ text, value });
  }
  const seen = new Set<string>();
  return sortVariableValues(
    options.filter((o) => !seen.has(o.value) && seen.add(o.value)),
    sort,
  );
}

/**
 * sortVariableValues (same file): 1/2 alphabetical, 3/4 by the first number in the
 * text, 5/6 case-insensitive, 7/8 natural; even = descending; 0 keeps the order.
 */
export function sortVariableValues(options: VariableOption[], sort: number): VariableOption[] {
  if (!sort) return options;
  const kind = Math.ceil(sort / 2);
  const by = <K>(key: (o: VariableOption) => K): VariableOption[] =>
    options
      .map((o, i) => ({ o, i, k: key(o) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
      .map((x) => x.o);
  let out = options;
  if (kind === 1) out = by((o) => o.text);
  else if (kind === 2) out = by((o) => Number(/.*?(\d+).*/.exec(o.text)?.[1] ?? -1));
  else if (kind === 3) out = by((o) => o.text.toLowerCase());
  else if (kind === 4) {
    const collator = new Intl.Collator(undefined, { sensitivity: 'accent', numeric: true });
    out = [...options].sort((a, b) => collator.compare(a.text, b.text));
  }
  return sort % 2 === 0 ? [...out].reverse() : out;
}


/**
 * Interval variables: the options are the query's comma-separated intervals; a saved
 * `$__auto_interval_x` (or `$__auto`) selects auto (getCurrentValueForOldIntervalModel),
 * which IntervalVariable.getValue computes as rangeUtil.calculateInterval(range,
 * auto_count ?? 30, auto_min ?? '10s').
 */
export function intervalValue(v: Obj, range: TimeRange): { value: string; text: string } {
  const intervals = String(v.query ?? '')
    .split(',')
    .map((s) => s.trim().replace(/["']+/g, ''))
    .filter((s) => s !== '' && !s.startsWith('$__auto_interval_'));
  const raw = (v.current as Obj | undefined)?.value;
  const current = Array.isArray(raw) ? String(raw[0] ?? '') : raw === undefined ? '' : String(raw);
  let selected = intervals.length === 0 ? '' : !current ? intervals[0]! : current.startsWith('$__auto_interval_') || current === AUTO ? AUTO : intervals.includes(current) ? current : intervals[0]!;
  if (selected === AUTO && v.auto !== true) selected = intervals[0] ?? '';
  return selected === AUTO ? autoInterval(v, range) : { value: selected, text: selected };
}

function autoInterval(v: Obj, range: TimeRange): { value: string; text: string } {
  const count = typeof v.auto_count === 'number' && v.auto_count > 0 ? v.auto_count : 30;
  const min = typeof v.auto_min === 'string' && v.auto_min ? v.auto_min : '10s';
  const value = calculateInterval(range, count, min).interval;
  return { value, text: value };
}

/**
 * IntervalVariable.updateFromUrl: a `$__auto_interval_…` value means auto, any
 * other is kept as it is (validateAndUpdate replaces only an empty one), and
 * getValue computes auto whether or not the variable offers it.
 */
function givenInterval(url: string, v: Obj, range: TimeRange): { value: string; text: string } {
  if (url === '') return intervalValue(v, range);
  return url === AUTO || url.startsWith('$__auto_interval_') ? autoInterval(v, range) : { value: url, text: url };
}

function select(v: Obj, options: VariableOption[], includeAll: boolean, multi: boolean): { value: string | string[]; text: string | string[] } {
  const current = v.current as Obj | undefined;
  const wanted = Array.isArray(current?.value) ? current.value.map(String) : current?.value !== undefined ? [String(current.value)] : [];
  const wantedText = Array.isArray(current?.text) ? current.text.map(String) : current?.text !== undefined ? [String(current.text)] : [];
  if (wanted[0] === ALL && includeAll) return multi ? { value: [ALL], text: ['All'] } : { value: ALL, text: 'All' };
  const chosen: VariableOption[] = [];
  wanted.forEach((w, i) => {
    const o = options.find((x) => x.value === w) ?? options.find((x) => x.text === wantedText[i]);
    if (o && !chosen.includes(o)) chosen.push(o);
  });
  if (chosen.length > 0) return multi ? { value: chosen.map((o) => o.value), text: chosen.map((o) => o.text) } : { value: chosen[0]!.value, text: chosen[0]!.text };
  if (includeAll) return multi ? { value: [ALL], text: ['All'] } : { value: ALL, text: 'All' };
  const first = options[0];
  if (!first) return multi ? { value: [], text: [] } : { value: '', text: '' };
  return multi ? { value: [first.value], text: [first.text] } : { value: first.value, text: first.text };
}

/** Scenes' getSearchFilterScopedVar: `$__searchFilter` is the typed text plus `%`, so `%` on load. */
const SEARCH_FILTER = /\$__searchFilter|\$\{__searchFilter\}/;

/**
 * SqlDatasource.metricFindQuery (packages/grafana-sql): the query interpolated with the
 * datasource's formatter and `__searchFilter` = `%`, run as a table, then
 * ResponseParser.transformMetricFindResponse: `__text` and `__value` columns when both
 * exist, else every value of every column as text; all as strings; unique by text.
 */
async function sqlVariableValues(query: string, vars: Map<string, VariableValue>, range: TimeRange, intervalMs: number, sql: SqlRunner, options: ResolveOptions): Promise<{ values: Array<{ text: string; value?: string }>; error?: string }> {
  const scopedVars: Record<string, ScopedVar> = SEARCH_FILTER.test(query) ? { __searchFilter: { value: '%', text: '' } } : {};
  const interpolated = interpolateVariables(query, vars, { datasource: 'postgres', range, scopedVars, sqlLegacyQuoting: sqlLegacyQuoting(options.grafanaVersion) }).text;
  const expanded = expandPostgresMacros(interpolated, { range, intervalMs });
  let r: Awaited<ReturnType<SqlRunner['query']>>;
  try {
    r = await sql.query(expanded.sql);
  } catch (err) {
    return { values: [], error: errorText(err, expanded.sql) };
  }
  const names = r.fields.map((f) => f.name);
  const values: Array<{ text: string; value?: string }> = [];
  if (names.includes('__text') && names.includes('__value')) {
    for (const row of r.rows) values.push({ text: stringify(row.__text), value: stringify(row.__value) });
  } else {
    for (const name of names) for (const row of r.rows) values.push({ text: stringify(row[name]) });
  }
  const seen = new Set<string>();
  return { values: values.filter((v) => !seen.has(v.text) && seen.add(v.text)) };
}

/** `'' + value` as the frame holds it: times are epoch milliseconds, SQL NULL is `null`. */
export function stringify(v: unknown): string {
  if (v instanceof Date) return String(v.getTime());
  if (v === null || v === undefined) return 'null';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function errorText(err: unknown, query: string): string {
  const e = err as { message?: string; position?: number | string };
  const position = Number(e.position);
  if (Number.isFinite(position) && position > 0) {
    const before = query.slice(0, position - 1);
    const line = before.split('\n').length;
    const col = position - before.lastIndexOf('\n') - 1;
    const snippet = query.slice(Math.max(0, position - 21), position + 20).replace(/\s+/g, ' ');
    const message = (e.message ?? String(err)).replace(/ at position \d+$/, '');
    return `${message} at position ${position} (line ${line}, column ${col}: …${snippet}…)`;
  }
  return e.message ?? String(err);
}
