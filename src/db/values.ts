/**
 * Value conventions shared by both engines, so a query returns the same
 * JavaScript values on PGlite and on a real server:
 *
 * - `timestamp without time zone` → `Date`, read as UTC (the metrics database
 *   stores UTC wall-clock times; `pg` would otherwise read them as *local* time).
 *   Dates keep milliseconds: PostgreSQL's microseconds are truncated on read.
 *   `infinity`/BC values stay strings.
 * - `timestamptz` → `Date` (the drivers' default).
 * - `date` → `'YYYY-MM-DD'` string (a calendar day has no instant).
 * - `int8`, `numeric` → `number` when that is exact (safe integers, ≤ 15 significant
 *   digits), else the server's string; `NaN` stays a string.
 * - `json`/`jsonb` → parsed values.
 * - Parameters: a `Date` is sent as an ISO string (UTC); PostgreSQL ignores the
 *   `Z` for `timestamp without time zone`, so the UTC wall-clock time is stored.
 */

export const OID = { int8: 20, numeric: 1700, timestamp: 1114, timestamptz: 1184, date: 1082 } as const;

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;

export function parseTimestamp(text: string): Date | string {
  const m = TIMESTAMP.exec(text);
  if (!m) return text;
  const d = new Date(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(d.getTime()) ? text : d;
}

export function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

export function parseNumeric(text: string): number | string {
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  // 15 significant digits always survive a round trip through a double. Trailing zeros counted off by hand:
  // /0+$/ tries every zero of a long run as a start (quadratic on 1.000…01).
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  return end <= 15 ? n : text;
}

/** Custom text parsers by type OID; anything else uses the driver's default. */
export const PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  [OID.int8]: parseInt8,
  [OID.numeric]: parseNumeric,
  [OID.timestamp]: parseTimestamp,
  [OID.date]: (text) => text,
};

export function prepareParams(params: readonly unknown[] | undefined): unknown[] | undefined {
  return params?.map((p) => (p instanceof Date ? p.toISOString() : p));
}
