import { describe, expect, it } from 'vitest';
import { formatParts, formatValue } from '../../src/preview/units/index.js';

// Grafana 13 pluralises scaled time suffixes above 1 (baseFormatters.ts appendPluralIf): "2 hours".
describe('formatValue: Grafana units', () => {
  it.each([
    // [value, unit, decimals, expected]
    [0.4567, 's', undefined, '457 ms'],
    [0.000_123, 's', undefined, '123 µs'],
    [0.000_000_5, 's', undefined, '500 ns'],
    [0, 's', undefined, '0 s'],
    [12.3456, 's', undefined, '12.3 s'],
    [90, 's', undefined, '1.50 mins'],
    [7200, 's', undefined, '2 hours'],
    [2 * 86400, 's', undefined, '2 days'],
    [1.5, 's', 2, '1.50 s'],
    [250, 'ms', undefined, '250 ms'],
    [1500, 'ms', undefined, '1.50 s'],
    [90_000, 'ms', undefined, '1.50 mins'],
    [999, 'µs', undefined, '999 µs'],
    [1500, 'µs', undefined, '1.50 ms'],
    [2_500_000, 'µs', undefined, '2.50 s'],
    [800, 'ns', undefined, '800 ns'],
    [1500, 'ns', undefined, '1.50 µs'],
    [45.678, 'percent', undefined, '45.7%'],
    [100, 'percent', undefined, '100%'],
    [0.732, 'percentunit', undefined, '73.2%'],
    [0.5, 'percentunit', 1, '50.0%'],
    [1024, 'bytes', undefined, '1 KiB'],
    [1536, 'bytes', undefined, '1.50 KiB'],
    [15 * 1024 ** 3, 'bytes', undefined, '15 GiB'],
    [512, 'bytes', undefined, '512 B'],
    [1500, 'decbytes', undefined, '1.50 kB'],
    [2_000_000, 'decbytes', undefined, '2 MB'],
    [512, 'mbytes', undefined, '512 MiB'],
    [2048, 'mbytes', undefined, '2 GiB'],
    [9230, 'decmbytes', undefined, '9.23 GB'],
    [850, 'decmbytes', undefined, '850 MB'],
    [1234, 'short', undefined, '1.23 K'],
    [2_500_000, 'short', undefined, '2.50 Mil'],
    [42, 'short', undefined, '42'],
    [1_000_000, 'short', undefined, '1 Mil'],
    [0.7123, 'none', 2, '0.71'],
    [3.14159, 'none', undefined, '3.14'],
    [1250.5, 'suffix: tok/s', 0, '1251  tok/s'],
    [12, 'prefix:$', undefined, '$12'],
    [5, 'secs', undefined, '5 secs'],
    [0.12345, undefined, undefined, '0.123'],
    // Issue 16: units the old partial port showed as their id.
    [21.5, 'celsius', undefined, '21.5 °C'],
    [12.3, 'currencyUSD', undefined, '$12.3'],
    [3725, 'dtdurations', undefined, '1 hour'],
    [3725, 'dtdurations', 1, '1 hour, 2 minutes'],
    [-3725, 'dthms', undefined, '01:02:05 ago'],
  ] as const)('%s %s (decimals %s) → %s', (value, unit, decimals, expected) => {
    expect(formatValue(value, unit, decimals)).toBe(expected);
  });

  it('splits prefix, number and suffix so a stat can size the unit smaller', () => {
    expect(formatParts(0.4567, 's')).toEqual({ prefix: '', text: '457', suffix: ' ms' });
    expect(formatParts(12, 'prefix:€')).toEqual({ prefix: '€', text: '12', suffix: '' });
  });

  it('shows nothing for a missing value and says NaN for NaN', () => {
    expect(formatValue(null, 's')).toBe('');
    expect(formatValue(Number.NaN, 's')).toBe('NaN');
  });

  it('negative values scale on their magnitude', () => {
    expect(formatValue(-1500, 'ms')).toBe('-1.50 s');
    expect(formatValue(-2048, 'bytes')).toBe('-2 KiB');
  });
});
