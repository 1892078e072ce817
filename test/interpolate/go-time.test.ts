// Go formatting the backend macros rely on (Go standard library behaviour).
import { describe, expect, it } from 'vitest';
import { goFormatFloat, parseGoDuration, parseIntervalString, rfc3339Nano } from '../../src/check/interpolate/go-time.js';

describe('Go helpers', () => {
  it('%v of a float64 (strconv g, shortest): exponent below 1e-4 and from 1e6', () => {
    const cases: Array<[number, string]> = [
      [300, '300'],
      [0.02, '0.02'],
      [86400, '86400'],
      [604800, '604800'],
      [1036800, '1.0368e+06'],
      [2592000, '2.592e+06'],
      [1e6, '1e+06'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5, '1.5'],
      [31536000, '3.1536e+07'],
    ];
    for (const [x, s] of cases) expect(goFormatFloat(x)).toBe(s);
  });

  it('time.ParseDuration', () => {
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('2m0s')).toBe(120_000);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(parseGoDuration('300ms')).toBe(300);
    expect(parseGoDuration('0')).toBe(0);
    for (const bad of ['', '5', '1d', 'abc', '.s', '5a3d']) expect(parseGoDuration(bad)).toBeUndefined();
  });

  it('gtime.ParseIntervalStringToTimeDuration (gtime_test.go)', () => {
    expect(parseIntervalString('10')).toBe(10_000);
    expect(parseIntervalString('<10s>')).toBe(10_000);
    expect(parseIntervalString('1M')).toBe(730.5 * 3_600_000);
    expect(parseIntervalString('1y')).toBe(365.25 * 86_400_000);
    expect(parseIntervalString('')).toBeUndefined();
  });

  it('RFC3339Nano in UTC: fraction trimmed, omitted when zero', () => {
    expect(rfc3339Nano(new Date('2024-01-01T00:00:00.000Z'))).toBe('2024-01-01T00:00:00Z');
    expect(rfc3339Nano(new Date('2024-01-01T00:00:00.120Z'))).toBe('2024-01-01T00:00:00.12Z');
  });
});
