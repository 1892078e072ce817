/**
 * Values as Grafana shows them (fieldConfig.defaults.unit and decimals): a
 * port of @grafana/data's getValueFormat, checked against @grafana/data
 * itself for every unit id (test/preview/units-grafana.test.ts). Loading
 * @grafana/data at run time would cost about a second and its 199 packages;
 * see docs/preview.md.
 *
 * This folder is also bundled into the page's script (src/preview/browser),
 * so chart axes format exactly like the values rendered on the server: it
 * must stay free of Node APIs and DOM APIs.
 */
import { toDateTimeValueFormatter } from './durations.js';
import { booleanValueFormatter, currency, fullCurrency, getOffsetFromSIPrefix, SIPrefix, simpleCountUnit, toFixedUnit, type Formatter } from './numbers.js';
import { FORMATTERS } from './table.js';

export type { Formatted, Formatter } from './numbers.js';

export interface FormattedParts {
  prefix: string;
  text: string;
  suffix: string;
}

/**
 * Grafana's getValueFormat (valueFormats.ts): a listed id, the `farenheit`
 * alias, a custom `<key>:<argument>` unit, or else the id itself as a suffix
 * (so a typo shows).
 */
export function getValueFormat(id?: string | null): Formatter {
  if (!id) return toFixedUnit('');
  if (Object.hasOwn(FORMATTERS, id)) return FORMATTERS[id]!;
  if (id === 'farenheit') return FORMATTERS.fahrenheit!;
  const colon = id.indexOf(':');
  if (colon > 0) {
    const key = id.substring(0, colon);
    const sub = id.substring(colon + 1);
    if (key === 'prefix') return toFixedUnit(sub, true);
    if (key === 'suffix') return toFixedUnit(sub, false);
    if (key === 'time') return toDateTimeValueFormatter(sub);
    if (key === 'si') {
      const offset = getOffsetFromSIPrefix(sub.charAt(0));
      return SIPrefix(offset === 0 ? sub : sub.substring(1), offset);
    }
    if (key === 'count') return simpleCountUnit(sub);
    if (key === 'currency') {
      const keySplit = sub.split(':');
      if (keySplit[0] === 'financial' && keySplit.length >= 2) {
        const symbol = keySplit[1];
        return symbol ? fullCurrency(symbol, keySplit[2] === 'suffix') : toFixedUnit('');
      }
      return currency(sub);
    }
    if (key === 'bool') {
      const slash = sub.indexOf('/');
      return slash >= 0 ? booleanValueFormatter(sub.substring(0, slash), sub.substring(slash + 1)) : booleanValueFormatter(sub, '-');
    }
  }
  return toFixedUnit(id);
}

/**
 * The value as Grafana would display it, split so a stat can size the unit
 * smaller. No value shows nothing and NaN shows `NaN`, as Grafana's display
 * processor does before it calls the formatter.
 */
export function formatParts(value: number | null | undefined, unit?: string, decimals?: number): FormattedParts {
  if (value === null || value === undefined) return { prefix: '', text: '', suffix: '' };
  if (Number.isNaN(value)) return { prefix: '', text: 'NaN', suffix: '' };
  const f = getValueFormat(unit)(value, decimals ?? undefined);
  return { prefix: f.prefix ?? '', text: f.text, suffix: f.suffix ?? '' };
}

/** `12.5 ms`, `45.3%`, `1.20 MiB`, `21.5 °C`. */
export function formatValue(value: number | null | undefined, unit?: string, decimals?: number): string {
  const p = formatParts(value, unit, decimals);
  return `${p.prefix}${p.text}${p.suffix}`;
}

