/**
 * Issue 16: the preview formats every unit exactly as Grafana does. The
 * port (src/preview/units) against @grafana/data itself (a devDependency
 * pinned to the @grafana/schema version), for every id Grafana's unit picker
 * lists, every custom `<key>:<argument>` form, and a spread of values and
 * decimals, then a fast-check property over random doubles.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UNIT_IDS } from '../../src/model/units.js';
import { getValueFormat, type Formatted } from '../../src/preview/units/index.js';
import { LOCAL_DATE_TIME, LOCAL_TIME } from '../../src/preview/units/table.js';

// Previews show times in UTC; Grafana's default ("browser") time zone is the process's.
process.env.TZ = 'UTC';
// @grafana/data reads navigator.languages (Node 20 has no navigator) and its ES-module build does not load in Node.
(globalThis as { navigator?: unknown }).navigator ??= { language: 'en-US', languages: ['en-US'] };
type GrafanaFormatter = (value: number, decimals?: number) => Formatted;
const grafana = createRequire(import.meta.url)('@grafana/data') as {
  getValueFormat(id: string): GrafanaFormatter;
  getValueFormatterIndex(): Record<string, GrafanaFormatter>;
  localTimeFormat(options: Intl.DateTimeFormatOptions, locale?: string): string;
};

const NOW = Date.UTC(2026, 11, 5, 9, 30, 15, 250);
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterAll(() => void vi.useRealTimers());

const DATE_UNITS = new Set(['dateTimeAsIso', 'dateTimeAsIsoNoDateIfToday', 'dateTimeAsUS', 'dateTimeAsUSNoDateIfToday', 'dateTimeAsLocal', 'dateTimeAsLocalNoDateIfToday', 'dateTimeAsSystem', 'dateTimeFromNow']);
const isDate = (id: string) => DATE_UNITS.has(id) || id.startsWith('time:');
// `locale` and `currency:financial:` format with the default locale in Grafana and en-US in the preview.
const defaultLocaleIsEnUs = new Intl.NumberFormat().resolvedOptions().locale === 'en-US';

const NUMBERS = [0, -0, 1, -1, 0.5, 2.25, 2.5, 3.14159, -3.14159, 12.3456, 99.95, 100, 999.5, 1000, 1023, 1024, 1536, 4096.5, 59.999, 60, 90, 3600, 3725, 86399, 86400, 604800, 31536000, 1e6, 123456789, -987654.321, 0.001, 0.000_123, 1.5e-7, 1e-12, 1e15, 1e21, 1e300, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const DATES = [0, 1e12, NOW, NOW - 5_000, NOW - 90_000, NOW - 3 * 3600_000, NOW - 36 * 3600_000, NOW + 10 * 86400_000, NOW - 45 * 86400_000, NOW - 400 * 86400_000, NOW + 3 * 365 * 86400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(1999, 0, 1, 0, 0, 0, 7), -1e11];
const DECIMALS = [undefined, 0, 1, 2, 3, 5];

const CUSTOM = ['suffix: tok/s', 'suffix:req', 'prefix:$', 'prefix:', 'si:B', 'si:kB', 'si:mW', 'si:µs', 'si:μA', 'si:', 'count:req', 'currency:€', 'currency:financial:€', 'currency:financial:kr:suffix', 'currency:financial:', 'bool:up/down', 'bool:ok', 'farenheit', 'secs', 'percnt', 'tok/s', 'time:YYYY-MM-DD', 'time:MMM Do YYYY, h:mm:ss a', 'time:dddd [week] Q DDDD HH:mm:ss.SSS Z X', 'time:HH\\h mm\\m', 'time:x'];

const norm = (f: Formatted) => ({ prefix: f.prefix ?? '', text: f.text, suffix: f.suffix ?? '' });

function compare(id: string, values: readonly number[]) {
  const ours = getValueFormat(id);
  const theirs = grafana.getValueFormat(id);
  const mismatches: string[] = [];
  for (const v of values) {
    for (const d of DECIMALS) {
      const want = norm(theirs(v, d));
      const got = norm(ours(v, d));
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${id}(${v}, ${d}): ${JSON.stringify(got)} ≠ Grafana ${JSON.stringify(want)}`);
    }
  }
  return mismatches;
}

const skipLocale = (id: string) => !defaultLocaleIsEnUs && (id === 'locale' || id.startsWith('currency:financial:'));

describe('units as @grafana/data 13.2.3 formats them', () => {
  const grafanaIds = Object.keys(grafana.getValueFormatterIndex());

  it('knows every id the builders accept and every id Grafana lists', () => {
    for (const id of UNIT_IDS) expect(grafanaIds, id).toContain(id);
    // And the other way: a unit Grafana lists must compile (`lengthcm` was missing). `farenheit` is
    // Grafana's alias for an old misspelling, accepted at run time only (src/model/units.ts).
    expect(grafanaIds.filter((id) => !(UNIT_IDS as readonly string[]).includes(id))).toEqual(['farenheit']);
    expect(grafanaIds.length).toBeGreaterThan(250);
  });

  it('every listed id, for numbers from tiny to huge, negative, 0 and infinite, with and without decimals', () => {
    const mismatches = grafanaIds.filter((id) => !isDate(id) && !skipLocale(id)).flatMap((id) => compare(id, NUMBERS));
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('every date unit and time:<pattern>, in UTC, including today and fromNow', () => {
    const ids = [...DATE_UNITS, ...CUSTOM.filter((c) => c.startsWith('time:'))];
    expect(ids.flatMap((id) => compare(id, DATES)).slice(0, 20)).toEqual([]);
  });

  it('custom units (prefix:, suffix:, si:, count:, currency:, bool:), the farenheit alias and unknown ids', () => {
    const ids = CUSTOM.filter((c) => !c.startsWith('time:') && !skipLocale(c));
    expect(ids.flatMap((id) => compare(id, NUMBERS)).slice(0, 20)).toEqual([]);
  });

  it("ids named like Object's members are unknown ids (Grafana's index is a plain object and answers with Object's own)", () => {
    expect(norm(getValueFormat('constructor')(1))).toEqual({ prefix: '', text: '1', suffix: ' constructor' });
    expect(norm(getValueFormat('__proto__')(1))).toEqual({ prefix: '', text: '1', suffix: ' __proto__' });
  });

  it('dateTimeAsLocal uses the patterns Grafana derives for an en-US browser', () => {
    const full = grafana.localTimeFormat({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }, 'en-US');
    expect(full).toBe(LOCAL_DATE_TIME);
    expect(grafana.localTimeFormat({ hour: '2-digit', minute: '2-digit', second: '2-digit' }, 'en-US')).toBe(LOCAL_TIME);
  });

  it('property: any double, any listed or custom unit, decimals 0–6 or automatic', () => {
    const ids = [...grafanaIds.filter((id) => !isDate(id) && !skipLocale(id)), ...CUSTOM.filter((c) => !c.startsWith('time:') && !skipLocale(c))];
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.oneof(fc.double({ noNaN: true }), fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.integer()), fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }), (id, v, d) => {
        expect(norm(getValueFormat(id)(v, d)), `${id}(${v}, ${d})`).toEqual(norm(grafana.getValueFormat(id)(v, d)));
      }),
      { numRuns: 3000 },
    );
  });

  it('property: dates from 1900 to 2200 in every date unit', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DATE_UNITS, 'time:YYYY-MM-DD HH:mm:ss.SSS', 'clockms', 'clocks'), fc.integer({ min: -2.2e12, max: 7.2e12 }), (id, v) => {
        expect(norm(getValueFormat(id)(v)), `${id}(${v})`).toEqual(norm(grafana.getValueFormat(id)(v)));
      }),
      { numRuns: 1000 },
    );
  });
});
