/**
 * Grafana's time units (ns … d, durations, clocks, dates), ported from
 * @grafana/data 13.2.3 packages/grafana-data/src/valueFormats/dateTimeFormatters.ts.
 */
import { formatDate, fromNow } from './dates.js';
import { toFixed, toFixedScaled, type Formatted, type Formatter } from './numbers.js';

/** Steps as [below this magnitude, divide by, suffix]; the first step is unscaled and never pluralised. */
type Steps = ReadonlyArray<readonly [number, number, string]>;

function stepped(steps: Steps, last: readonly [number, string]): Formatter {
  return (size, decimals) => {
    const abs = Math.abs(size);
    for (let i = 0; i < steps.length; i++) {
      const [below, divisor, suffix] = steps[i]!;
      if (abs < below) return i === 0 ? { text: toFixed(size, decimals), suffix } : toFixedScaled(size / divisor, decimals, suffix);
    }
    return toFixedScaled(size / last[0], decimals, last[1]);
  };
}

export const toNanoSeconds = stepped([[1000, 1, ' ns'], [1e6, 1000, ' µs'], [1e9, 1e6, ' ms'], [6e10, 1e9, ' s'], [3.6e12, 6e10, ' min'], [8.64e13, 3.6e12, ' hour']], [8.64e13, ' day']);
export const toMicroSeconds = stepped([[1000, 1, ' µs'], [1e6, 1000, ' ms']], [1e6, ' s']);
export const toMilliSeconds = stepped([[1000, 1, ' ms'], [60000, 1000, ' s'], [3600000, 60000, ' min'], [86400000, 3600000, ' hour'], [31536000000, 86400000, ' day']], [31536000000, ' year']);
export const toMinutes = stepped([[60, 1, ' min'], [1440, 60, ' hour'], [10080, 1440, ' day'], [604800, 10080, ' week']], [5.25948e5, ' year']);
export const toHours = stepped([[24, 1, ' hour'], [168, 24, ' day'], [8760, 168, ' week']], [8760, ' year']);

export function toSeconds(size: number, decimals?: number): Formatted {
  if (size === 0) return { text: '0', suffix: ' s' };
  const abs = Math.abs(size);
  if (abs < 0.000001) return toFixedScaled(size * 1e9, decimals, ' ns');
  if (abs < 0.001) return toFixedScaled(size * 1e6, decimals, ' µs');
  if (abs < 1) return toFixedScaled(size * 1e3, decimals, ' ms');
  if (abs < 60) return { text: toFixed(size, decimals), suffix: ' s' };
  if (abs < 3600) return toFixedScaled(size / 60, decimals, ' min');
  if (abs < 86400) return toFixedScaled(size / 3600, decimals, ' hour');
  if (abs < 604800) return toFixedScaled(size / 86400, decimals, ' day');
  if (abs < 31536000) return toFixedScaled(size / 604800, decimals, ' week');
  return toFixedScaled(size / 3.15569e7, decimals, ' year');
}

export function toDays(size: number, decimals?: number): Formatted {
  const abs = Math.abs(size);
  if (abs < 7) return toFixedScaled(size, decimals, ' day');
  if (abs < 365) return toFixedScaled(size / 7, decimals, ' week');
  return toFixedScaled(size / 365, decimals, ' year');
}

export const toTimeTicks: Formatter = (size, decimals) => toSeconds(size / 100, decimals);

const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond'] as const;
type Interval = (typeof UNITS)[number];
const INTERVALS_IN_SECONDS: Record<Interval, number> = { year: 31536000, month: 2592000, week: 604800, day: 86400, hour: 3600, minute: 60, second: 1, millisecond: 0.001 };

function withAgo(v: Formatted): Formatted {
  v.suffix = (v.suffix ?? '') + ' ago';
  return v;
}

/** `1 hour, 2 minutes`: whole units from the largest, `decimals` more after the first. */
function toDuration(size: number, decimals: number | undefined, timeScale: Interval): Formatted {
  if (size === 0) return { text: '0', suffix: ' ' + timeScale + 's' };
  if (size < 0) return withAgo(toDuration(-size, decimals, timeScale));
  size *= INTERVALS_IN_SECONDS[timeScale] * 1000;
  const strings: string[] = [];
  let decrementDecimals = false;
  let decimalsCount = decimals ?? 0;
  for (let i = 0; i < UNITS.length && decimalsCount >= 0; i++) {
    const interval = INTERVALS_IN_SECONDS[UNITS[i]!] * 1000;
    const value = size / interval;
    if (value >= 1 || decrementDecimals) {
      decrementDecimals = true;
      const floor = Math.floor(value);
      strings.push(floor + ' ' + UNITS[i] + (floor !== 1 ? 's' : ''));
      size = size % interval;
      decimalsCount--;
    }
  }
  return { text: strings.join(', ') };
}

export const toDurationInMilliseconds: Formatter = (size, decimals) => toDuration(size, decimals, 'millisecond');
export const toDurationInSeconds: Formatter = (size, decimals) => toDuration(size, decimals, 'second');

const two = (n: number) => (n > 9 ? '' + n : '0' + n);

export function toDurationInHoursMinutesSeconds(size: number): Formatted {
  if (size < 0) return withAgo(toDurationInHoursMinutesSeconds(-size));
  return { text: [two(Math.floor(size / 3600)), two(Math.floor((size % 3600) / 60)), two(Math.floor((size % 3600) % 60))].join(':') };
}

export function toDurationInDaysHoursMinutesSeconds(size: number): Formatted {
  if (size < 0) return withAgo(toDurationInDaysHoursMinutesSeconds(-size));
  const numDays = Math.floor(size / (24 * 3600));
  return { text: (numDays > 0 ? numDays + ' d ' : '') + toDurationInHoursMinutesSeconds(size - numDays * 24 * 3600).text };
}

function toClock(size: number, decimals?: number): Formatted {
  if (size < 1000) return { text: formatDate(size, 'SSS\\m\\s') };
  if (size < 60000) return { text: formatDate(size, decimals === 0 ? 'ss\\s' : 'ss\\s:SSS\\m\\s') };
  if (size < 3600000) return { text: formatDate(size, decimals === 0 ? 'mm\\m' : decimals === 1 ? 'mm\\m:ss\\s' : 'mm\\m:ss\\s:SSS\\m\\s') };
  const hours = `${Math.floor(size / 3600000)}h`;
  const format = decimals === 0 ? '' : decimals === 1 ? 'mm\\m' : decimals === 2 ? 'mm\\m:ss\\s' : 'mm\\m:ss\\s:SSS\\m\\s';
  return { text: format ? `${hours}:${formatDate(size, format)}` : hours };
}

export const toClockMilliseconds: Formatter = (size, decimals) => toClock(size, decimals);
export const toClockSeconds: Formatter = (size, decimals) => toClock(size * 1000, decimals);

// "Now" for the units that depend on it (…IfToday, dateTimeFromNow). A page is rendered at the
// preview's query time, not the wall clock, so the same preview renders the same bytes (withNow).
let renderNow: number | undefined;
const currentNow = (): number => renderNow ?? Date.now();

/** Runs `render` (synchronous) with `now` as the time the now-dependent units format against. */
export function withNow<T>(now: number, render: () => T): T {
  const outer = renderNow;
  renderNow = now;
  try {
    return render();
  } finally {
    renderNow = outer;
  }
}

/** `time:<pattern>` and the dateTimeAs* units; with `todayPattern`, today's dates show only that. */
export function toDateTimeValueFormatter(pattern: string, todayPattern?: string, now: () => number = currentNow): Formatter {
  return (value) => {
    if (todayPattern && formatDate(value, 'YYYY-MM-DD') === formatDate(now(), 'YYYY-MM-DD')) return { text: formatDate(value, todayPattern) };
    return { text: formatDate(value, pattern) };
  };
}

export const dateTimeFromNow = (now: () => number = currentNow): Formatter => (value) => ({ text: fromNow(value, now()) });
