/**
 * From CSV text to typed rows of one MetricsRecorder table, collecting every
 * problem with its file, line and column instead of stopping at the first.
 */
import type { IssueCode } from '../model/issue-codes.js';
import { parseCsv, type CsvField } from './csv.js';

export interface CsvProblem {
  readonly file: string;
  /** Absent for problems about the whole file or directory. */
  readonly line?: number;
  readonly column?: number;
  /** Stable code, e.g. `csv-number`, `csv-syntax`, `csv-unknown-benchmark`. */
  readonly code: IssueCode;
  readonly message: string;
}

/** `device_measurements_x.csv:17:38: cpu_util "abc" is not a number` */
export function problemText(p: CsvProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return `${where}: ${p.message}`;
}

/** One data row: its cells by header name (header names are unique, checked). */
export interface CsvRow {
  readonly line: number;
  readonly cells: ReadonlyMap<string, CsvField>;
}

export interface CsvTable {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: CsvRow[];
}

export interface TableSpec {
  /** Columns that must be present. */
  readonly required: readonly string[];
  /** Whether columns beyond `required` are allowed (model measurements' keys, the summary's aggregates). */
  readonly extraAllowed: boolean;
}

export class Problems {
  readonly list: CsvProblem[] = [];
  add(file: string, at: { line: number; column: number } | undefined, code: IssueCode, message: string): void {
    this.list.push(at ? { file, line: at.line, column: at.column, code, message } : { file, code, message });
  }
}

export function readTable(file: string, text: string, spec: TableSpec, problems: Problems): CsvTable {
  const { records, errors } = parseCsv(text);
  for (const e of errors) problems.add(file, e, 'csv-syntax', e.message);
  const [header, ...data] = records;
  if (!header) {
    problems.add(file, undefined, 'csv-empty', `the file is empty (expected a header line: ${spec.required.join(',')})`);
    return { file, columns: [], rows: [] };
  }
  const columns = header.fields.map((f) => f.value);
  const seen = new Set<string>();
  header.fields.forEach((f) => {
    if (seen.has(f.value)) problems.add(file, f, 'csv-header', `column "${f.value}" appears twice in the header`);
    else if (f.value === '') problems.add(file, f, 'csv-header', 'the header has an empty column name');
    else if (!spec.extraAllowed && !spec.required.includes(f.value)) {
      problems.add(file, f, 'csv-header', `unknown column "${f.value}" (expected ${spec.required.join(',')})`);
    }
    seen.add(f.value);
  });
  for (const name of spec.required) {
    if (!seen.has(name)) problems.add(file, header.fields[0], 'csv-header', `the header has no column "${name}"`);
  }

  const rows: CsvRow[] = [];
  for (const record of data) {
    if (record.fields.length !== columns.length) {
      const extra = record.fields[columns.length];
      problems.add(
        file,
        extra ?? { line: record.line, column: 1 },
        'csv-field-count',
        `the line has ${record.fields.length} fields, the header has ${columns.length}`,
      );
      continue;
    }
    const cells = new Map<string, CsvField>();
    record.fields.forEach((f, i) => cells.set(columns[i] ?? '', f));
    rows.push({ line: record.line, cells });
  }
  return { file, columns, rows };
}

/** Quoted for messages, shortened so one bad cell cannot flood the report. */
export function show(value: string): string {
  const v = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return JSON.stringify(v);
}

// `\d+(?:\.\d*)?`, not `\d+\.?\d*`: without a point the two digit runs could split a long number every way (quadratic).
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite decimal number, or null for an empty cell (pandas writes NaN/None as empty). */
export function numberCell(file: string, column: string, f: CsvField, problems: Problems): number | null | undefined {
  if (f.value === '') return null;
  const n = NUMBER.test(f.value) ? Number(f.value) : NaN;
  if (!Number.isFinite(n)) {
    problems.add(file, f, 'csv-number', `${column} ${show(f.value)} is not a number`);
    return undefined;
  }
  return n;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const UTC_OFFSET = /^(Z|[+-]00(:?00)?)$/;

/**
 * `datetime.utcnow().isoformat()` as the recorder writes it, returned as
 * PostgreSQL `timestamp` text with all six fractional digits kept. A UTC offset
 * is accepted only if it is zero: the columns hold UTC without a zone, and
 * PostgreSQL would silently drop any other offset.
 */
export function timestampCell(file: string, column: string, f: CsvField, problems: Problems): string | undefined {
  const m = TIMESTAMP.exec(f.value);
  if (!m) {
    const msg = f.value === '' ? `${column} is empty` : `${column} ${show(f.value)} is not a timestamp (expected e.g. 2025-07-29T20:08:07.875408)`;
    problems.add(file, f, 'csv-timestamp', msg);
    return undefined;
  }
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as string[];
  if (zone !== undefined && !UTC_OFFSET.test(zone)) {
    problems.add(file, f, 'csv-timestamp', `${column} ${show(f.value)} has UTC offset ${zone}; the column is UTC without a time zone: convert to UTC first`);
    return undefined;
  }
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  const valid =
    date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) &&
    date.getUTCHours() === Number(h) && date.getUTCMinutes() === Number(mi) && date.getUTCSeconds() === Number(s);
  if (!valid) {
    problems.add(file, f, 'csv-timestamp', `${column} ${show(f.value)} is not a valid date and time`);
    return undefined;
  }
  return `${y}-${mo}-${d} ${h}:${mi}:${s}${frac ? `.${frac}` : ''}`;
}

/** The recorder's `metadata` column: json.dumps of a dict. Empty means NULL. */
export function jsonObjectCell(file: string, column: string, f: CsvField, problems: Problems): Record<string, unknown> | null | undefined {
  if (f.value === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(f.value);
  } catch (e) {
    problems.add(file, f, 'csv-json', `${column} is not valid JSON (${(e as Error).message})`);
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.add(file, f, 'csv-json', `${column} must be a JSON object, got ${show(f.value)}`);
    return undefined;
  }
  return parsed as Record<string, unknown>;
}

/**
 * The reference export has `repository=`, `brnach=`, `commit_id=`, `commit_msg=`:
 * the CI passed `name=$VALUE` with an empty value. Such a bare `name=` is no
 * data, so it is stored as NULL (counted in the report). Anything after the `=`
 * is kept verbatim: we cannot tell a label from a real value.
 */
export const PLACEHOLDER = /^[A-Za-z_]+=$/;
