/**
 * Go's time and number formatting, as Grafana's backend uses it when it writes
 * macro output into a query. The text must match byte for byte, so these follow
 * the Go standard library (time.Duration.String, time.ParseDuration, strconv 'g')
 * and grafana-plugin-sdk-go backend/gtime/gtime.go.
 */

const NS_PER_MS = 1_000_000n;

/** Go `time.Duration.String()` for a duration in milliseconds: `1m0s`, `2m15s`, `500ms`, `0s`. */
export function goDurationString(ms: number): string {
  let ns = BigInt(Math.round(ms * 1e6));
  const neg = ns < 0n;
  if (neg) ns = -ns;
  let out: string;
  if (ns < 1_000_000_000n) {
    // Below one second Go picks the largest sub-second unit that fits (time/time.go format()).
    if (ns === 0n) return '0s';
    if (ns < 1000n) out = `${ns}ns`;
    else if (ns < NS_PER_MS) out = fracUnit(ns, 3) + 'µs';
    else out = fracUnit(ns, 6) + 'ms';
  } else {
    const secs = ns / 1_000_000_000n;
    const frac = ns % 1_000_000_000n;
    const s = (secs % 60n).toString() + fraction(frac, 9) + 's';
    const mins = secs / 60n;
    if (mins === 0n) out = s;
    else {
      const hours = mins / 60n;
      out = hours === 0n ? `${mins}m${s}` : `${hours}h${mins % 60n}m${s}`;
    }
  }
  return neg ? '-' + out : out;
}

function fracUnit(ns: bigint, prec: number): string {
  const div = 10n ** BigInt(prec);
  return (ns / div).toString() + fraction(ns % div, prec);
}

/** `.5` for 500000000 at precision 9; trailing zeros dropped, nothing for zero (Go fmtFrac). */
function fraction(v: bigint, prec: number): string {
  if (v === 0n) return '';
  return '.' + v.toString().padStart(prec, '0').replace(/0+$/, '');
}

const GO_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3, // U+00B5
  'μs': 1e-3, // U+03BC
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go `time.ParseDuration`, in milliseconds; undefined where Go returns an error. */
export function parseGoDuration(input: string): number | undefined {
  let s = input;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  const part = /^(\d*)(?:\.(\d*))?([^\d.]+)/;
  while (s !== '') {
    const m = part.exec(s);
    if (!m) return undefined;
    const [whole, int = '', frac, unit = ''] = m;
    if (int === '' && (frac === undefined || frac === '')) return undefined; // ".s" or "s"
    const scale = GO_UNITS[unit];
    if (scale === undefined) return undefined;
    total += Number(`${int || '0'}.${frac ?? ''}0`) * scale;
    s = s.slice(whole.length);
  }
  return sign * total;
}

const DAY_MS = 86_400_000;

/**
 * gtime.ParseInterval: `Nd`/`Nw` are whole days; `NM`/`Ny` are calendar months and years
 * counted from `now` in UTC (Go's AddDate); everything else is time.ParseDuration.
 */
export function parseGtimeInterval(input: string, now: Date): number | undefined {
  const m = /^(\d+)([dwMy])$/.exec(input);
  if (!m) return parseGoDuration(input);
  const n = Number(m[1]);
  const unit = m[2];
  const t = now.getTime();
  if (unit === 'd') return n * DAY_MS;
  if (unit === 'w') return n * 7 * DAY_MS;
  const d = new Date(t);
  const shifted =
    unit === 'M'
      ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds())
      : Date.UTC(d.getUTCFullYear() + n, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return shifted - t;
}

/** gtime.ParseDuration: like ParseInterval but with fixed lengths (M = 730.5h, y = 365.25d). */
export function parseGtimeDuration(input: string): number | undefined {
  const m = /^(\d+)([dwMy])$/.exec(input);
  if (!m) return parseGoDuration(input);
  const n = Number(m[1]);
  const year = 365.25 * DAY_MS;
  switch (m[2]) {
    case 'd':
      return n * DAY_MS;
    case 'w':
      return n * 7 * DAY_MS;
    case 'M':
      return n * (year / 12);
    default:
      return n * year;
  }
}

/** gtime.ParseIntervalStringToTimeDuration: strips one `<` and one `>`, bare numbers are seconds. */
export function parseIntervalString(input: string): number | undefined {
  const s = input.replace('<', '').replace('>', '');
  return parseGtimeDuration(/^\d+$/.test(s) ? s + 's' : s);
}

/** gtime.FormatInterval: the largest unit that fits, truncated (`61s` -> `1m`, `24h` -> `1d`). */
export function formatGtimeInterval(ms: number): string {
  const units: Array<[string, number]> = [
    ['y', 365 * DAY_MS],
    ['d', DAY_MS],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  for (const [unit, size] of units) {
    if (ms >= size) return `${Math.trunc(ms / size)}${unit}`;
  }
  return '1ms';
}


/** `t.UTC().Format(time.RFC3339Nano)` for a millisecond Date: fraction trimmed of zeros, `Z`. */
export function rfc3339Nano(d: Date): string {
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ for years 0..9999
  const [main = '', rest = ''] = iso.split('.');
  const frac = rest.replace('Z', '').replace(/0+$/, '');
  return frac ? `${main}.${frac}Z` : `${main}Z`;
}

/** Go `d.Seconds()`: whole seconds plus the nanosecond remainder / 1e9, as float64 (time.go). */
export function goSeconds(ms: number): number {
  const ns = Math.round(ms * 1e6);
  const sec = Math.trunc(ns / 1e9);
  return sec + (ns - sec * 1e9) / 1e9;
}

/** Go `t.Unix()`: seconds, rounded down (also before 1970). */
export function goUnix(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

/** Go `t.UnixNano()` (exceeds 2^53, hence bigint). */
export function goUnixNano(d: Date): bigint {
  return BigInt(d.getTime()) * NS_PER_MS;
}

/**
 * Go `fmt.Sprintf("%v", f)` for a float64 (strconv.FormatFloat(f, 'g', -1, 64)):
 * shortest round-trip digits, exponent form when the exponent is < -4 or >= 6
 * (strconv/ftoa.go uses 6 as the threshold for the shortest precision), so
 * 1036800 prints as `1.0368e+06` and 0.02 as `0.02`.
 */
export function goFormatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant = '', expStr = '0'] = x.toExponential().split('e'); // shortest round-trip digits
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let body: string;
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    body = `${m}e${exp < 0 ? '-' : '+'}${e}`;
  } else if (exp < 0) {
    body = '0.' + '0'.repeat(-exp - 1) + digits;
  } else {
    const intLen = exp + 1;
    body = digits.length <= intLen ? digits.padEnd(intLen, '0') : `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  }
  return neg ? '-' + body : body;
}

/**
 * Go `fmt.Sprintf("%.3f", f)`. Both round the exact binary value to nearest; they differ
 * only on exact ties (Go: half to even, JS: up), which need sub-millisecond intervals.
 */
export function goFixed3(x: number): string {
  return x.toFixed(3);
}
