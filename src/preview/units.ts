/**
 * Grafana's unit formatting (fieldConfig.defaults.unit), as its valueFormats
 * package does it: auto decimals, SI/binary scaling, time units that step up
 * from ns to years, `suffix:`/`prefix:` custom units, and unknown ids shown as
 * a plain suffix.
 *
 * `formatParts` must stay self-contained (no reference to anything outside its
 * own body): the preview page embeds its source text so chart axes in the
 * browser format exactly like the values rendered here.
 */

export interface FormattedParts {
  prefix: string;
  text: string;
  suffix: string;
}

/** `12.5 ms`, `45.3%`, `1.20 MiB`: the value as Grafana would display it. */
export function formatValue(value: number | null | undefined, unit?: string, decimals?: number): string {
  const p = formatParts(value, unit, decimals);
  return `${p.prefix}${p.text}${p.suffix}`;
}

export function formatParts(value: number | null | undefined, unit?: string, decimals?: number): FormattedParts {
  if (value === null || value === undefined || Number.isNaN(value)) return { prefix: '', text: value === null || value === undefined ? '' : 'NaN', suffix: '' };

  // Grafana's getDecimalsForValue: two significant digits, three above 2.25×10^n.
  function autoDecimals(v: number): number {
    if (v % 1 === 0) return 0;
    let dec = -Math.floor(Math.log10(Math.abs(v))) + 1;
    if (Math.abs(v) / Math.pow(10, -dec) > 2.25) dec += 1;
    return Math.max(0, dec);
  }

  function toFixed(v: number, dec?: number): string {
    if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
    const d = dec === undefined || dec === null ? autoDecimals(v) : Math.max(0, dec);
    if (v === 0) return v.toFixed(d);
    const factor = Math.pow(10, d);
    const rounded = String(Math.round(v * factor) / factor);
    if (rounded.includes('e')) return rounded;
    const dot = rounded.indexOf('.');
    const precision = dot === -1 ? 0 : rounded.length - dot - 1;
    // Pad with zeros up to the wanted decimals, as Grafana does (1.5 → "1.50" with 2).
    return precision < d ? `${precision ? rounded : `${rounded}.`}${'0'.repeat(d - precision)}` : rounded;
  }

  function plain(v: number, suffix = '', prefix = ''): FormattedParts {
    return { prefix, text: toFixed(v, decimals), suffix };
  }

  // Steps of `factor`; `offset` is the index of the unit the raw value is in.
  function scaled(v: number, factor: number, units: string[], offset = 0): FormattedParts {
    if (!Number.isFinite(v)) return { prefix: '', text: toFixed(v), suffix: units[offset] ?? '' };
    // The epsilon keeps exact powers (1e6 → 2 steps of 1000) from flooring one step short.
    const power = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)) / Math.log10(factor) + 1e-9);
    const index = Math.min(Math.max(offset + power, 0), units.length - 1);
    return { prefix: '', text: toFixed(v / Math.pow(factor, index - offset), decimals), suffix: units[index] ?? '' };
  }

  // Time units as [from this size on, suffix, divisor (default: the size)], ascending.
  function stepped(v: number, steps: Array<[number, string, number?]>): FormattedParts {
    let chosen = steps[0]!;
    for (const step of steps) if (Math.abs(v) >= step[0]) chosen = step;
    return plain(v / (chosen[2] ?? chosen[0]), chosen[1]);
  }

  const SI = ['f', 'p', 'n', 'µ', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
  const BIN = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'];
  const si = (base: string, offset = 0) => scaled(value, 1000, SI.map((p) => ` ${p}${base}`), SI.indexOf('') + offset);
  const bin = (base: string, offset = 0) => scaled(value, 1024, BIN.map((p) => ` ${p}${base}`), offset);
  const NS: Array<[number, string, number?]> = [[1, ' ns'], [1e3, ' µs'], [1e6, ' ms'], [1e9, ' s'], [60e9, ' min'], [3600e9, ' hour'], [86400e9, ' day']];

  switch (unit ?? '') {
    case '':
    case 'none':
      return plain(value);
    case 'string':
      return { prefix: '', text: String(value), suffix: '' };
    case 'short':
      return scaled(value, 1000, ['', ' K', ' Mil', ' Bil', ' Tri', ' Quadr', ' Quint', ' Sext', ' Sept']);
    case 'percent':
      return plain(value, '%');
    case 'percentunit':
      return { prefix: '', text: toFixed(value * 100, decimals), suffix: '%' };
    case 'ns':
      return stepped(value, NS);
    case 'µs':
    case 'us':
      return stepped(value, [[1, ' µs'], [1e3, ' ms'], [1e6, ' s']]);
    case 'ms':
      return stepped(value, [[1, ' ms'], [1e3, ' s'], [60e3, ' min'], [3600e3, ' hour'], [86400e3, ' day'], [31536e6, ' year']]);
    case 's':
      if (value === 0) return { prefix: '', text: '0', suffix: ' s' };
      if (Math.abs(value) < 1) return stepped(value * 1e9, NS.slice(0, 3));
      return stepped(value, [[1, ' s'], [60, ' min'], [3600, ' hour'], [86400, ' day'], [604800, ' week'], [31536000, ' year', 3.15569e7]]);
    case 'm':
      return stepped(value, [[1, ' min'], [60, ' hour'], [1440, ' day'], [10080, ' week'], [604800, ' year', 5.25948e5]]);
    case 'h':
      return stepped(value, [[1, ' hour'], [24, ' day'], [168, ' week'], [8760, ' year']]);
    case 'd':
      return stepped(value, [[1, ' day'], [7, ' week'], [365, ' year']]);
    case 'bytes':
      return bin('B');
    case 'bits':
      return bin('b');
    case 'kbytes':
      return bin('B', 1);
    case 'mbytes':
      return bin('B', 2);
    case 'gbytes':
      return bin('B', 3);
    case 'decbytes':
      return si('B');
    case 'decbits':
      return si('b');
    case 'deckbytes':
      return si('B', 1);
    case 'decmbytes':
      return si('B', 2);
    case 'decgbytes':
      return si('B', 3);
    case 'Bps':
      return si('B/s');
    case 'bps':
      return si('bps');
    case 'reqps':
      return plain(value, ' req/s');
    case 'ops':
      return plain(value, ' ops/s');
    default: {
      const colon = (unit ?? '').indexOf(':');
      const key = colon > 0 ? unit!.slice(0, colon) : '';
      const rest = colon > 0 ? unit!.slice(colon + 1) : '';
      if (key === 'suffix') return plain(value, ` ${rest}`);
      if (key === 'prefix') return plain(value, '', rest);
      if (key === 'count') {
        const p = scaled(value, 1000, ['', 'K', 'M', 'B', 'T']);
        return { ...p, suffix: `${p.suffix} ${rest}` };
      }
      if (key === 'si') {
        const first = rest.charAt(0);
        const offset = SI.includes(first) ? SI.indexOf(first) - SI.indexOf('') : 0;
        return si(offset === 0 ? rest : rest.slice(1), offset);
      }
      // Grafana shows an unknown unit id as a suffix, so a typo is visible.
      return plain(value, ` ${unit}`);
    }
  }
}

