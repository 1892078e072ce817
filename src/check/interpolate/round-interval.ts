/**
 * Grafana rounds a computed interval to a "nice" step in two places, with two tables
 * that share their first 26 rows and differ in the tail and in the bound test:
 *
 * - the frontend, packages/grafana-data/src/datetime/rangeutil.ts `roundInterval`:
 *   strict `<` bounds, 12h up to one day, then 1d up to one week;
 * - the backend, grafana-plugin-sdk-go backend/gtime/gtime.go `RoundInterval`:
 *   `<=` bounds, a 24h step up to one week, 30d only below 42 days.
 *
 * One table, two tails, so the shared rows cannot drift apart.
 */
type Step = readonly [bound: number, value: number];

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** Rows common to both tables, in milliseconds: below `bound`, round to `value`. */
const SHARED_STEPS: readonly Step[] = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, 1000],
  [3500, 2000],
  [7500, 5000],
  [12500, 10000],
  [17500, 15000],
  [25000, 20000],
  [45000, 30000],
  [90000, 60000],
  [210000, 120000],
  [450000, 300000],
  [750000, 600000],
  [1050000, 900000],
  [1500000, 1200000],
  [2700000, 1800000],
  [5400000, 3600000],
  [9000000, 7200000],
  [16200000, 10800000],
  [32400000, 21600000],
  [DAY, 43200000],
];

const FRONTEND_STEPS: readonly Step[] = [...SHARED_STEPS, [WEEK, DAY], [3 * WEEK, WEEK], [6 * WEEK, MONTH]];
const GO_STEPS: readonly Step[] = [...SHARED_STEPS, [2 * DAY, DAY], [WEEK, DAY], [3 * WEEK, WEEK]];

/** rangeutil.roundInterval (frontend). */
export function roundInterval(ms: number): number {
  for (const [bound, value] of FRONTEND_STEPS) if (ms < bound) return value;
  return YEAR;
}

/** gtime.RoundInterval (Go). */
export function goRoundInterval(ms: number): number {
  for (const [bound, value] of GO_STEPS) if (ms <= bound) return value;
  return ms < 6 * WEEK ? MONTH : YEAR;
}
