/**
 * The `${var:format}` formats, ported from @grafana/scenes
 * packages/scenes/src/variables/interpolation/formatRegistry.ts. Grafana core uses the
 * same registry (public/app/features/templating/formatVariableValue.ts imports it from
 * @grafana/scenes), so dashboards behave alike with or without scenes.
 */
import { escapeHtml } from '../../model/html.js';
import { formatMomentUTC } from './date-format.js';

export type FormatValue = string | number | boolean | Array<string | number>;

/** What a formatter may ask of the variable (scenes `FormatVariable`). */
export interface FormatVariable {
  name: string;
  /** `getValueText()`: `All`, `a + b`, the option text. */
  text(): string;
  /** `urlSync.getUrlState()`; absent for constants and scoped variables. */
  urlState?: () => Record<string, string | string[]>;
}

type Formatter = (value: FormatValue, args: string[], variable: FormatVariable) => string;

const str = (v: unknown): string => String(v);

/** formatRegistry.ts luceneEscape: numbers (anything `+value` accepts) pass unchanged. */
function luceneEscape(value: string): string {
  if (!Number.isNaN(+value)) return value;
  return value.replace(/([!*+\-=<>\s&|()[\]{}^~?:\\/"])/g, '\\$1');
}

/** @grafana/data text/string.ts escapeRegex. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

/** RFC 3986: encodeURIComponent plus ! ' ( ) * (formatRegistry.ts encodeURIComponentStrict). */
export function encodeURIComponentStrict(value: unknown): string {
  return encodeURIComponent(str(value)).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function encodeURIStrict(value: unknown): string {
  return encodeURI(str(value)).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}


/** @grafana/data utils/url.ts encodeURIComponentAsAngularJS(val, true), used by urlUtil.toUrlParams. */
function encodeAngular(value: string): string {
  return encodeURIComponent(value)
    .replace(/%40/gi, '@')
    .replace(/%3A/gi, ':')
    .replace(/%24/g, '$')
    .replace(/%2C/gi, ',')
    .replace(/%3B/gi, ';');
}

/** urlUtil.toUrlParams for a flat map of string or string[] values. */
export function toUrlParams(params: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    for (const item of Array.isArray(v) ? v : [v]) parts.push(`${encodeAngular(k)}=${encodeAngular(item)}`);
  }
  return parts.join('&');
}

// sqlstring: `'` doubled; scenes also turns `"` into `\"` (SQL_ESCAPE_MAP), which a
// standard-conforming PostgreSQL string keeps as two characters.
function sqlString(v: unknown): string {
  return `'${str(v).replace(/'|"/g, (m) => (m === "'" ? "''" : '\\"'))}'`;
}

const FORMATS: Record<string, Formatter> = {
  lucene: (value) => {
    if (typeof value === 'string') return luceneEscape(value);
    if (Array.isArray(value)) {
      if (value.length === 0) return '__empty__';
      return '(' + value.map((v) => '"' + luceneEscape(str(v)) + '"').join(' OR ') + ')';
    }
    return luceneEscape(str(value));
  },
  raw: (value) => str(value),
  regex: (value) => {
    if (typeof value === 'string') return escapeRegex(value);
    if (Array.isArray(value)) {
      const escaped = value.map((v) => escapeRegex(str(v)));
      return escaped.length === 1 ? (escaped[0] ?? '') : '(' + escaped.join('|') + ')';
    }
    return escapeRegex(str(value));
  },
  pipe: (value) => (Array.isArray(value) ? value.join('|') : str(value)),
  distributed: (value, _args, variable) => {
    if (!Array.isArray(value)) return str(value);
    return value.map((v, i) => (i === 0 ? str(v) : `${variable.name}=${str(v)}`)).join(',');
  },
  csv: (value) => (Array.isArray(value) ? value.join(',') : str(value)),
  html: (value) => escapeHtml(Array.isArray(value) ? value.join(', ') : str(value)),
  // A string is inserted as-is (not quoted); anything else is JSON.
  json: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  // Like glob, but URL-escaped: even one value of an array gets braces.
  percentencode: (value) => encodeURIComponentStrict(Array.isArray(value) ? '{' + value.join(',') + '}' : value),
  singlequote: (value) => {
    const q = (v: unknown): string => `'${str(v).replace(/'/g, "\\'")}'`;
    return Array.isArray(value) ? value.map(q).join(',') : q(value);
  },
  doublequote: (value) => {
    const q = (v: unknown): string => `"${str(v).replace(/"/g, '\\"')}"`;
    return Array.isArray(value) ? value.map(q).join(',') : q(value);
  },
  sqlstring: (value) => (Array.isArray(value) ? value.map(sqlString).join(',') : sqlString(value)),
  join: (value, args) => (Array.isArray(value) ? value.join(args[0] ?? ',') : str(value)),
  date: (value, args) => {
    const nr = typeof value === 'number' ? value : typeof value === 'string' ? parseInt(value, 10) : NaN;
    if (Number.isNaN(nr)) return 'NaN';
    const arg = args[0] ?? 'iso';
    switch (arg) {
      case 'ms':
        return str(value);
      case 'seconds':
        return `${Math.round(nr / 1000)}`;
      case 'iso':
        return new Date(nr).toISOString();
      default:
        return formatMomentUTC(nr, args.length > 1 ? args.join(':') : arg);
    }
  },
  glob: (value) => (Array.isArray(value) && value.length > 1 ? '{' + value.join(',') + '}' : str(value)),
  text: (_value, _args, variable) => variable.text(),
  queryparam: (value, _args, variable) => {
    if (variable.urlState) return toUrlParams(variable.urlState());
    const one = (v: unknown): string => `var-${variable.name}=${encodeURIComponentStrict(v)}`;
    return Array.isArray(value) ? value.map(one).join('&') : one(value);
  },
  customqueryparam: (value, args, variable) => {
    const name = encodeURIComponentStrict(args[0] || variable.name);
    const prefix = encodeURIComponentStrict(args[1] || '');
    const one = (v: unknown): string => `${name}=${prefix}${encodeURIComponentStrict(v)}`;
    return Array.isArray(value) ? value.map(one).join('&') : one(value);
  },
  uriencode: (value) => encodeURIStrict(Array.isArray(value) ? '{' + value.join(',') + '}' : value),
};

/** Format ids Grafana knows; anything else falls back to `glob` (with a console error in Grafana). */
export const FORMAT_IDS: readonly string[] = Object.keys(FORMATS);

export function isKnownFormat(id: string): boolean {
  return Object.hasOwn(FORMATS, id);
}

/**
 * sceneInterpolator formatValue for a named format: `id:arg1:arg2` splits at `:`;
 * no format means glob; an unknown id means glob.
 */
export function applyFormat(value: FormatValue, format: string | undefined, variable: FormatVariable): string {
  let id = format || 'glob';
  let args: string[] = [];
  const parts = id.split(':');
  if (parts.length > 1) {
    id = parts[0] ?? '';
    args = parts.slice(1);
  }
  const formatter = FORMATS[id] ?? FORMATS.glob;
  return (formatter as Formatter)(value, args, variable);
}
