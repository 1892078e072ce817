/**
 * Loads a MetricsRecorder CSV export (the recorder's fallback when no database
 * is reachable) into the metrics tables.
 *
 * - All or nothing: every file is read and checked first, then written in one
 *   transaction. Any problem and nothing is written; the error lists every
 *   problem as `file:line:column: message` (at most MAX_PROBLEMS).
 * - Idempotent: see write.ts (existing benchmarks and their measurements are
 *   skipped), so loading the same export twice adds nothing.
 * - `model_measurements_*` is flattened (one column per key): every column but
 *   benchmark_id and time folds back into the `measurements` object; empty cells
 *   are left out, like keys the run did not measure.
 * - `repository=`-style placeholders become NULL (see PLACEHOLDER).
 * - `benchmark_summary_*` is only cross-checked (see summary-check.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlEngine } from './engine.js';
import { decodeCsv, type CsvField } from './csv.js';
import { issue, type Issue } from '../model/issue.js';
import {
  PLACEHOLDER,
  Problems,
  jsonObjectCell,
  numberCell,
  problemText,
  readTable,
  show,
  timestampCell,
  type CsvProblem,
  type CsvRow,
  type CsvTable,
} from './csv-tables.js';
import { crossCheckSummary, type ExportIndex } from './summary-check.js';
import { writeMetrics, type BenchmarkRow, type DeviceRow, type ModelRow, type RowCounts } from './write.js';
import { setOwn } from '../model/own.js';

const MAX_PROBLEMS = 100;

const KINDS = {
  benchmarks: { required: ['benchmark_id', 'repository', 'branch', 'commit_id', 'commit_message', 'metadata', 'created_at'], extraAllowed: false },
  device_measurements: { required: ['benchmark_id', 'cpu_util', 'mem_megabytes', 'gpu_util', 'gpu_mem_megabytes', 'time'], extraAllowed: false },
  model_measurements: { required: ['benchmark_id', 'time'], extraAllowed: true },
  benchmark_summary: { required: ['benchmark_id'], extraAllowed: true },
} as const;
type Kind = keyof typeof KINDS;
const FILE = /^(benchmarks|device_measurements|model_measurements|benchmark_summary)_.*\.csv$/;

export interface LoadReport {
  dir: string;
  /** File names read, by kind, sorted. */
  files: Record<Kind, string[]>;
  /** Files in the directory that are not part of an export (left alone). */
  ignored: string[];
  /** Data rows in the files. */
  read: RowCounts;
  /** Rows written by this call. */
  inserted: RowCounts;
  /** Rows already in the database (same benchmark_id), not written again. */
  skipped: RowCounts;
  /** `name=` placeholder cells stored as NULL. */
  placeholders: number;
  /** Summary rows whose figures matched the data. */
  summaryRowsChecked: number;
}

/** The export has problems; nothing was written. `message` lists them one per line. */
export class CsvLoadError extends Error {
  override readonly name = 'CsvLoadError';
  readonly problems: readonly CsvProblem[];
  constructor(found: readonly CsvProblem[]) {
    // In reading order: by file, then line, then column.
    const problems = [...found].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
    const shown = problems.slice(0, MAX_PROBLEMS).map(problemText);
    if (problems.length > MAX_PROBLEMS) shown.push(`... and ${problems.length - MAX_PROBLEMS} more problems`);
    super(shown.join('\n'));
    this.problems = problems;
  }

  /** As Issues, for formatIssues: source.file is `file:line:column`. */
  get issues(): Issue[] {
    return this.problems.map((p) => ({
      ...issue(p.code, [], p.message),
      source: { file: p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}` },
    }));
  }
}

export async function loadCsvDir(engine: SqlEngine, dir: string): Promise<LoadReport> {
  const problems = new Problems();
  const { files, ignored } = await listExport(dir, problems);
  const tables = {} as Record<Kind, CsvTable[]>;
  for (const kind of Object.keys(KINDS) as Kind[]) {
    tables[kind] = [];
    for (const name of files[kind]) {
      const bytes = await readFile(path.join(dir, name)).catch((e: Error) => {
        problems.add(name, undefined, 'csv-read', `cannot read the file: ${e.message}`);
        return new Uint8Array();
      });
      const { text, errors } = decodeCsv(bytes);
      for (const e of errors) problems.add(name, e, 'csv-encoding', e.message);
      tables[kind].push(errors.length > 0 ? { file: name, columns: [], rows: [] } : readTable(name, text, KINDS[kind], problems));
    }
  }

  const data = convert(tables, problems);

  let summaryRowsChecked = 0;
  const result = await engine.transaction(async (tx) => {
    try {
      await checkReferences(tx, data, problems);
    } catch (e) {
      // e.g. no tables yet: the file problems are what the person needs first.
      if (problems.list.length === 0) throw e;
    }
    // With rows already rejected the summary can only disagree, echoing those problems.
    if (problems.list.length === 0) {
      summaryRowsChecked = tables.benchmark_summary.reduce((n, t) => n + crossCheckSummary(t, data.index, problems), 0);
    }
    if (problems.list.length > 0) throw new CsvLoadError(problems.list);
    return writeMetrics(tx, data.rows);
  });
  return {
    dir,
    files,
    ignored,
    read: { benchmarks: data.rows.benchmarks.length, deviceMeasurements: data.rows.device.length, modelMeasurements: data.rows.model.length },
    ...result,
    placeholders: data.placeholders,
    summaryRowsChecked,
  };
}

async function listExport(dir: string, problems: Problems): Promise<{ files: Record<Kind, string[]>; ignored: string[] }> {
  const files: Record<Kind, string[]> = { benchmarks: [], device_measurements: [], model_measurements: [], benchmark_summary: [] };
  const ignored: string[] = [];
  let names: string[] = [];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name).sort();
  } catch (e) {
    problems.add(dir, undefined, 'csv-read', `cannot read the directory: ${(e as Error).message}`);
    throw new CsvLoadError(problems.list);
  }
  for (const name of names) {
    const kind = FILE.exec(name)?.[1] as Kind | undefined;
    if (kind) files[kind].push(name);
    else ignored.push(name);
  }
  if (files.benchmarks.length === 0) {
    problems.add(dir, undefined, 'csv-no-export', 'no MetricsRecorder export here: expected benchmarks_*.csv (with device_measurements_*.csv, model_measurements_*.csv)');
  }
  return { files, ignored };
}

interface Converted {
  rows: { benchmarks: BenchmarkRow[]; device: DeviceRow[]; model: ModelRow[] };
  index: ExportIndex;
  /** First row of each benchmark_id referenced by measurements, for reference problems. */
  references: Map<string, { file: string; row: CsvRow; count: number }>;
  placeholders: number;
}

function convert(tables: Record<Kind, CsvTable[]>, problems: Problems): Converted {
  const rows: Converted['rows'] = { benchmarks: [], device: [], model: [] };
  const benchmarks = new Map<string, { file: string; row: CsvRow }>();
  const device = new Map<string, DeviceRow[]>();
  const model = new Map<string, { row: CsvRow }[]>();
  const modelKeys = new Set<string>();
  const references: Converted['references'] = new Map();
  let placeholders = 0;

  const idOf = (file: string, row: CsvRow): string | undefined => {
    const cell = row.cells.get('benchmark_id');
    if (!cell) return undefined;
    if (cell.value === '') problems.add(file, cell, 'csv-benchmark-id', 'benchmark_id is empty');
    return cell.value || undefined;
  };
  const text = (row: CsvRow, column: string): string | null => {
    const v = row.cells.get(column)?.value ?? '';
    if (PLACEHOLDER.test(v)) {
      placeholders++;
      return null;
    }
    return v === '' ? null : v;
  };
  const reference = (file: string, row: CsvRow, id: string) => {
    const ref = references.get(id);
    if (ref) ref.count++;
    else references.set(id, { file, row, count: 1 });
  };

  for (const t of tables.benchmarks) {
    for (const row of t.rows) {
      const id = idOf(t.file, row);
      const metadata = cell(row, 'metadata', (f) => jsonObjectCell(t.file, 'metadata', f, problems));
      const created = cell(row, 'created_at', (f) => timestampCell(t.file, 'created_at', f, problems));
      if (id === undefined || metadata === undefined || created === undefined) continue;
      const first = benchmarks.get(id);
      if (first) {
        problems.add(t.file, row.cells.get('benchmark_id'), 'csv-duplicate', `benchmark_id ${show(id)} already appears at ${first.file}:${first.row.line}`);
        continue;
      }
      benchmarks.set(id, { file: t.file, row });
      rows.benchmarks.push({
        benchmark_id: id,
        repository: text(row, 'repository'),
        branch: text(row, 'branch'),
        commit_id: text(row, 'commit_id'),
        commit_message: text(row, 'commit_message'),
        metadata,
        created_at: created,
      });
    }
  }

  for (const t of tables.device_measurements) {
    for (const row of t.rows) {
      const id = idOf(t.file, row);
      const num = (c: string) => cell(row, c, (f) => numberCell(t.file, c, f, problems));
      const r = { cpu_util: num('cpu_util'), mem_megabytes: num('mem_megabytes'), gpu_util: num('gpu_util'), gpu_mem_megabytes: num('gpu_mem_megabytes') };
      const time = cell(row, 'time', (f) => timestampCell(t.file, 'time', f, problems));
      if (id === undefined || time === undefined || Object.values(r).some((v) => v === undefined)) continue;
      const d = { benchmark_id: id, ...(r as Record<keyof typeof r, number | null>), time };
      rows.device.push(d);
      pushTo(device, id, d);
      reference(t.file, row, id);
    }
  }

  for (const t of tables.model_measurements) {
    const keys = t.columns.filter((c) => c !== 'benchmark_id' && c !== 'time');
    keys.forEach((k) => modelKeys.add(k));
    for (const row of t.rows) {
      const id = idOf(t.file, row);
      const time = cell(row, 'time', (f) => timestampCell(t.file, 'time', f, problems));
      const measurements: Record<string, number> = {};
      let ok = true;
      for (const key of keys) {
        const v = cell(row, key, (f) => numberCell(t.file, key, f, problems));
        if (v === undefined) ok = false;
        else if (v !== null) setOwn(measurements, key, v);
      }
      if (id === undefined || time === undefined || !ok) continue;
      rows.model.push({ benchmark_id: id, measurements, time });
      pushTo(model, id, { row });
      reference(t.file, row, id);
    }
  }

  return { rows, index: { benchmarks, device, model, modelKeys }, references, placeholders };
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Runs `parse` on the cell if the column exists (a missing column was already reported). */
function cell<T>(row: CsvRow, column: string, parse: (f: CsvField) => T | undefined): T | undefined {
  const f = row.cells.get(column);
  return f ? parse(f) : undefined;
}

/** Measurements must belong to a benchmark of this export or one already in the database. */
async function checkReferences(tx: SqlEngine, data: Converted, problems: Problems): Promise<void> {
  const inExport = new Set(data.rows.benchmarks.map((b) => b.benchmark_id));
  const missing = [...data.references.keys()].filter((id) => !inExport.has(id));
  if (missing.length === 0) return;
  const { rows } = await tx.query<{ benchmark_id: string }>('SELECT benchmark_id FROM benchmarks WHERE benchmark_id = ANY($1::text[])', [missing]);
  const inDb = new Set(rows.map((r) => r.benchmark_id));
  for (const id of missing) {
    if (inDb.has(id)) continue;
    const ref = data.references.get(id);
    if (!ref) continue;
    const more = ref.count > 1 ? ` (${ref.count} rows)` : '';
    problems.add(ref.file, ref.row.cells.get('benchmark_id'), 'csv-unknown-benchmark', `benchmark_id ${show(id)} is in no benchmarks_*.csv of this export and not in the database${more}`);
  }
}
