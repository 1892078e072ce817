/**
 * Grafana's number formatters, ported from @grafana/data 13.2.3
 * packages/grafana-data/src/valueFormats/baseFormatters.ts, symbolFormatters.ts
 * and arithmeticFormatters.ts. Same names, same arithmetic (including its
 * floating-point quirks), so every output matches Grafana's byte for byte;
 * test/preview/units-grafana.test.ts compares them. Locale-dependent output
 * (`locale`, `currency:financial:`, infinities) is fixed to en-US so a page
 * is the same on every machine.
 */

/** Grafana's FormattedValue: prefix, number text and suffix, shown joined. */
export interface Formatted {
  text: string;
  prefix?: string;
  suffix?: string;
}

/** `(value, decimals) → Formatted`: a ValueFormatter without the time-zone arguments. */
export type Formatter = (value: number, decimals?: number) => Formatted;

const LOCALE = 'en-US';

const infinity = (v: number) => v.toLocaleString(LOCALE);

export function toFixed(value: number, decimals?: number): string {
  if (value === Number.NEGATIVE_INFINITY || value === Number.POSITIVE_INFINITY) return infinity(value);
  if (decimals === null || decimals === undefined) decimals = getDecimalsForValue(value);
  if (value === 0) return value.toFixed(decimals);
  const factor = decimals ? Math.pow(10, Math.max(0, decimals)) : 1;
  const formatted = String(Math.round(value * factor) / factor);
  if (formatted.indexOf('e') !== -1) return formatted;
  const decimalPos = formatted.indexOf('.');
  const precision = decimalPos === -1 ? 0 : formatted.length - decimalPos - 1;
  if (precision < decimals) return (precision ? formatted : formatted + '.') + String(factor).slice(1, decimals - precision + 1);
  return formatted;
}

// Two significant digits, three from 2.25×10^n on; integers none.
function getDecimalsForValue(value: number): number {
  const absValue = Math.abs(value);
  const log10 = Math.floor(Math.log(absValue) / Math.LN10);
  let dec = -log10 + 1;
  const magn = Math.pow(10, -dec);
  const norm = absValue / magn;
  if (norm > 2.25) ++dec;
  if (value % 1 === 0) dec = 0;
  return Math.max(0, dec);
}

const PLURAL: ReadonlySet<string> = new Set([' min', ' hour', ' day', ' week', ' year']);

export function toFixedScaled(value: number, decimals: number | undefined, ext: string): Formatted {
  return { text: toFixed(value, decimals), suffix: Math.abs(value) > 1 && PLURAL.has(ext) ? `${ext}s` : ext };
}

export function toFixedUnit(unit: string, asPrefix?: boolean): Formatter {
  return (size, decimals) => {
    const text = toFixed(size, decimals);
    if (!unit) return { text };
    return asPrefix ? { text, prefix: unit } : { text, suffix: ' ' + unit };
  };
}

export function booleanValueFormatter(t: string, f: string): Formatter {
  return (value) => ({ text: value ? t : f });
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
const logb = (b: number, x: number) => Math.log10(x) / Math.log10(b);

export function scaledUnits(factor: number, extArray: readonly string[], offset = 0): Formatter {
  return (size, decimals) => {
    if (size === Number.NEGATIVE_INFINITY || size === Number.POSITIVE_INFINITY || Number.isNaN(size)) return { text: infinity(size) };
    const siIndex = size === 0 ? 0 : Math.floor(logb(factor, Math.abs(size)));
    const suffix = extArray[clamp(offset + siIndex, 0, extArray.length - 1)];
    const scaled: Formatted = { text: toFixed(size / factor ** clamp(siIndex, -offset, extArray.length - offset - 1), decimals) };
    // Grafana sets `suffix` even when the index is out of the array (undefined); count units append to it.
    scaled.suffix = suffix as string;
    return scaled;
  };
}

export function locale(value: number, decimals?: number): Formatted {
  return { text: value.toLocaleString(LOCALE, { maximumFractionDigits: decimals ?? undefined }) };
}

export function simpleCountUnit(symbol: string): Formatter {
  const scaler = scaledUnits(1000, ['', 'K', 'M', 'B', 'T']);
  return (size, decimals) => {
    const v = scaler(size, decimals);
    v.suffix += ' ' + symbol;
    return v;
  };
}

export function stringFormater(value: number): Formatted {
  return { text: `${value}` };
}

export function currency(symbol: string, asSuffix?: boolean): Formatter {
  const scaler = scaledUnits(1000, ['', 'K', 'M', 'B', 'T']);
  return (value, decimals) => {
    const isNegative = value < 0;
    const scaled = scaler(isNegative ? Math.abs(value) : value, decimals);
    if (asSuffix) scaled.suffix = scaled.suffix !== undefined ? `${scaled.suffix}${symbol}` : undefined;
    else scaled.prefix = symbol;
    if (isNegative) scaled.prefix = `-${scaled.prefix?.length ? scaled.prefix : ''}`;
    return scaled;
  };
}

/** `currency:financial:<symbol>[:suffix]`: the full number, grouped, no K/M/B scaling. */
export function fullCurrency(symbol: string, asSuffix?: boolean): Formatter {
  const defaultFormatter = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 0, maximumFractionDigits: 1 });
  return (value, decimals) => {
    const formatter = decimals !== undefined && decimals !== null ? new Intl.NumberFormat(LOCALE, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : defaultFormatter;
    return { prefix: asSuffix ? '' : symbol, suffix: asSuffix ? symbol : '', text: formatter.format(value) };
  };
}

const SI_PREFIXES = ['f', 'p', 'n', 'µ', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const SI_BASE_INDEX = SI_PREFIXES.indexOf('');
const BIN_PREFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'];

export function getOffsetFromSIPrefix(c: string): number {
  const charIndex = SI_PREFIXES.findIndex((prefix) => prefix.normalize('NFKD') === c.normalize('NFKD'));
  return charIndex < 0 ? 0 : charIndex - SI_BASE_INDEX;
}

export function binaryPrefix(unit: string, offset = 0): Formatter {
  return scaledUnits(1024, BIN_PREFIXES.map((p) => ' ' + p + unit), offset);
}

export function SIPrefix(unit: string, offset = 0): Formatter {
  return scaledUnits(1000, SI_PREFIXES.map((p) => ' ' + p + unit), SI_BASE_INDEX + offset);
}

export function toPercent(size: number, decimals?: number): Formatted {
  return { text: toFixed(size, decimals), suffix: '%' };
}

export function toPercentUnit(size: number, decimals?: number): Formatted {
  return { text: toFixed(100 * size, decimals), suffix: '%' };
}

export function toHex(value: number, decimals?: number): Formatted {
  return { text: parseFloat(toFixed(value, decimals)).toString(16).toUpperCase() };
}

export function toHex0x(value: number, decimals?: number): Formatted {
  const asHex = toHex(value, decimals);
  asHex.text = asHex.text.substring(0, 1) === '-' ? '-0x' + asHex.text.substring(1) : '0x' + asHex.text;
  return asHex;
}

export function sci(value: number, decimals?: number): Formatted {
  return { text: value.toExponential(decimals ?? undefined) };
}
