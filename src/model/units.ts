/**
 * Grafana unit ids (`fieldConfig.defaults.unit`).
 *
 * The list mirrors `getCategories()` in Grafana's
 * packages/grafana-data/src/valueFormats/categories.ts, in the same order, so a
 * diff against a newer Grafana is a line-by-line read. Grafana itself never
 * rejects a unit: `getValueFormat` renders an unknown id as a plain suffix. That
 * is why a typo like "secs" silently shows "5 secs" instead of "5 s"; dashcode
 * treats unknown ids as findings and suggests the closest id.
 *
 * Two look-alike characters matter here: Grafana spells microseconds, µfarad and
 * µhenry with U+00B5 MICRO SIGN, but conμgm3, conμgNm3 and currencyμBTC with
 * U+03BC GREEK SMALL LETTER MU. The escapes below keep that visible.
 */

export const UNIT_IDS = [
  // Misc
  'none', 'string', 'short', 'sishort', 'percent', 'percentunit', 'humidity', 'dB', 'candela', 'hex0x', 'hex',
  'sci', 'locale', 'pixel',
  // Acceleration
  'accMS2', 'accFS2', 'accG',
  // Angle
  'degree', 'radian', 'grad', 'arcmin', 'arcsec',
  // Area
  'areaM2', 'areaF2', 'areaMI2', 'acres', 'hectares',
  // Computation
  'flops', 'mflops', 'gflops', 'tflops', 'pflops', 'eflops', 'zflops', 'yflops',
  // Concentration
  'ppm', 'conppb', 'conngm3', 'conngNm3', 'con\u03bcgm3', 'con\u03bcgNm3', 'conmgm3', 'conmgNm3', 'congm3', 'congNm3',
  'conmgdL', 'conmmolL',
  // Currency
  'currencyUSD', 'currencyGBP', 'currencyEUR', 'currencyJPY', 'currencyRUB', 'currencyUAH', 'currencyBRL',
  'currencyDKK', 'currencyISK', 'currencyNOK', 'currencySEK', 'currencyCZK', 'currencyCHF', 'currencyPLN',
  'currencyBTC', 'currencymBTC', 'currency\u03bcBTC', 'currencyZAR', 'currencyINR', 'currencyKRW', 'currencyIDR',
  'currencyPHP', 'currencyVND', 'currencyTRY', 'currencyMYR', 'currencyXPF', 'currencyBGN', 'currencyPYG',
  'currencyUYU', 'currencyILS',
  // Data
  'bytes', 'decbytes', 'bits', 'decbits', 'kbytes', 'deckbytes', 'mbytes', 'decmbytes', 'gbytes', 'decgbytes',
  'tbytes', 'dectbytes', 'pbytes', 'decpbytes',
  // Data rate
  'pps', 'binBps', 'Bps', 'binbps', 'bps', 'KiBs', 'Kibits', 'KBs', 'Kbits', 'MiBs', 'Mibits', 'MBs', 'Mbits',
  'GiBs', 'Gibits', 'GBs', 'Gbits', 'TiBs', 'Tibits', 'TBs', 'Tbits', 'PiBs', 'Pibits', 'PBs', 'Pbits',
  // Date & time
  'dateTimeAsIso', 'dateTimeAsIsoNoDateIfToday', 'dateTimeAsUS', 'dateTimeAsUSNoDateIfToday', 'dateTimeAsLocal',
  'dateTimeAsLocalNoDateIfToday', 'dateTimeAsSystem', 'dateTimeFromNow',
  // Energy
  'watt', 'kwatt', 'megwatt', 'gwatt', 'mwatt', 'Wm2', 'voltamp', 'kvoltamp', 'voltampreact', 'kvoltampreact',
  'watth', 'watthperkg', 'kwatth', 'kwattm', 'mwatth', 'amph', 'kamph', 'mamph', 'joule', 'ev', 'amp', 'kamp',
  'mamp', 'volt', 'kvolt', 'mvolt', 'dBm', 'mohm', 'ohm', 'kohm', 'Mohm', 'farad', '\u00b5farad', 'nfarad',
  'pfarad', 'ffarad', 'henry', 'mhenry', '\u00b5henry', 'lumens',
  // Flow
  'flowgpm', 'flowcms', 'flowcfs', 'flowcfm', 'litreh', 'flowlpm', 'flowmlpm', 'lux',
  // Force
  'forceNm', 'forcekNm', 'forceN', 'forcekN',
  // Hash rate
  'Hs', 'KHs', 'MHs', 'GHs', 'THs', 'PHs', 'EHs',
  // Mass
  'massmg', 'massg', 'masslb', 'masskg', 'masst',
  // Length
  'lengthmm', 'lengthcm', 'lengthin', 'lengthft', 'lengthm', 'lengthkm', 'lengthmi',
  // Pressure
  'pressurembar', 'pressurebar', 'pressurekbar', 'pressurepa', 'pressurehpa', 'pressurekpa', 'pressurehg',
  'pressurepsi',
  // Radiation
  'radbq', 'radci', 'radgy', 'radrad', 'radsv', 'radmsv', 'radusv', 'radrem', 'radexpckg', 'radr', 'radsvh',
  'radmsvh', 'radusvh',
  // Rotational speed
  'rotrpm', 'rothz', 'rotkhz', 'rotmhz', 'rotghz', 'rotrads', 'rotdegs',
  // Temperature
  'celsius', 'fahrenheit', 'kelvin',
  // Time
  'hertz', 'ns', '\u00b5s', 'ms', 's', 'm', 'h', 'd', 'dtdurationms', 'dtdurations', 'dthms', 'dtdhms', 'timeticks',
  'clockms', 'clocks',
  // Throughput
  'cps', 'ops', 'reqps', 'rps', 'wps', 'iops', 'eps', 'mps', 'recps', 'rowsps', 'cpm', 'opm', 'reqpm', 'rpm', 'wpm',
  'epm', 'mpm', 'recpm', 'rowspm',
  // Velocity
  'velocityms', 'velocitykmh', 'velocitymph', 'velocityknot',
  // Volume
  'mlitre', 'litre', 'm3', 'Nm3', 'dm3', 'gallons',
  // Boolean
  'bool', 'bool_yes_no', 'bool_on_off',
] as const;

/** A unit id Grafana lists in its unit picker. */
export type KnownUnit = (typeof UNIT_IDS)[number];

/**
 * A custom unit `<key>:<argument>` that `getValueFormat` parses (see
 * CUSTOM_UNIT_PREFIXES below): `suffix:req`, `si:B`, `currency:financial:€`.
 */
export type CustomUnit = `${(typeof CUSTOM_UNIT_PREFIXES)[number]}:${string}`;

/**
 * Any unit Grafana renders as meant: a listed id (these autocomplete) or a
 * custom `<key>:<argument>` form. The type is closed, so a typo such as
 * `'percnt'` is a compile error rather than a build finding. The legacy
 * `farenheit` alias is accepted at run time only. Values read from JSON (the
 * importer) are checked with `isKnownUnit` before they are typed `Unit`.
 */
export type Unit = KnownUnit | CustomUnit;

import { closestMatch } from './closest-match.js';

export const GRAFANA_UNITS: ReadonlySet<string> = new Set<string>(UNIT_IDS);

/**
 * Prefixes `getValueFormat` (valueFormats.ts) parses as `<key>:<argument>`:
 * prefix/suffix text, time:<moment format>, si:<SI-prefixed symbol>,
 * count:<symbol>, currency:<symbol> (also currency:financial:<symbol>[:suffix]),
 * bool:<true text>[/<false text>].
 */
export const CUSTOM_UNIT_PREFIXES = ['prefix', 'suffix', 'time', 'si', 'count', 'currency', 'bool'] as const;

/** Old ids Grafana still resolves (the `farenheit` misspelling is aliased in buildFormats). */
const LEGACY_ALIASES: ReadonlySet<string> = new Set(['farenheit']);

/**
 * True when Grafana renders `unit` as the unit the author meant: a listed id, a
 * legacy alias, or a custom `<key>:<argument>` form with a non-empty argument.
 * An empty argument (`suffix:`) is rejected: Grafana accepts it, but it is
 * almost always an unfinished edit.
 */
export function isKnownUnit(unit: string): boolean {
  if (GRAFANA_UNITS.has(unit) || LEGACY_ALIASES.has(unit)) return true;
  const colon = unit.indexOf(':');
  if (colon <= 0 || colon === unit.length - 1) return false;
  return (CUSTOM_UNIT_PREFIXES as readonly string[]).includes(unit.slice(0, colon));
}

/**
 * Words people type for a unit, mapped to Grafana's id. Edit distance alone
 * cannot get from "secs" to "s" or from "us" to "µs".
 */
const COMMON_SPELLINGS: Readonly<Record<string, KnownUnit>> = {
  sec: 's', secs: 's', second: 's', seconds: 's',
  msec: 'ms', msecs: 'ms', millis: 'ms', millisecond: 'ms', milliseconds: 'ms',
  us: '\u00b5s', '\u03bcs': '\u00b5s', usec: '\u00b5s', micros: '\u00b5s', microsecond: '\u00b5s', microseconds: '\u00b5s',
  nsec: 'ns', nanos: 'ns', nanosecond: 'ns', nanoseconds: 'ns',
  min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  day: 'd', days: 'd',
  '%': 'percent', pct: 'percent', percentage: 'percent', ratio: 'percentunit', fraction: 'percentunit',
  byte: 'bytes', kb: 'deckbytes', mb: 'decmbytes', gb: 'decgbytes', tb: 'dectbytes',
  kib: 'kbytes', mib: 'mbytes', gib: 'gbytes', tib: 'tbytes',
  'b/s': 'Bps', 'bytes/s': 'Bps', 'bytes/sec': 'Bps',
  'req/s': 'reqps', 'requests/s': 'reqps', qps: 'reqps',
  'ops/s': 'ops', number: 'none',
  celcius: 'celsius', degc: 'celsius', degf: 'fahrenheit',
  watts: 'watt', volts: 'volt', amps: 'amp', hz: 'hertz',
  boolean: 'bool',
};

/**
 * The known id closest to `unit`, for messages like
 * `unknown unit "secs" (did you mean "s"?)`. Undefined when `unit` is already
 * known or nothing is close enough to be a plausible typo.
 */
export function suggestUnit(unit: string): KnownUnit | undefined {
  if (isKnownUnit(unit)) return undefined;
  const lower = unit.trim().toLowerCase();
  // Own keys only: a plain-object lookup would answer "__proto__" or "constructor" with Object's members.
  const spelled = Object.hasOwn(COMMON_SPELLINGS, lower) ? COMMON_SPELLINGS[lower] : undefined;
  if (spelled !== undefined) return spelled;
  // Case slips ("MS", "bPS") before typos; ties go to the earlier id in Grafana's order.
  const sameLetters = UNIT_IDS.find((id) => id.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  return closestMatch(unit, UNIT_IDS);
}

export { closestMatch, editDistance } from './closest-match.js';
