/**
 * `benchmark_summary_*.csv` is derived data (the recorder joins benchmarks with
 * model measurements and aggregates device samples with pandas), so it is never
 * loaded. It is read to cross-check the export: a truncated or mismatched
 * device file shows up as a count or mean that disagrees, and the load fails
 * naming the summary cell.
 *
 * Compared: columns also in benchmarks_* (same text), measurement keys (same
 * number, when the benchmark has one model row), device_measurement_count
 * (non-empty cpu_util samples, as pandas counts) and <column>_mean/_max/_std
 * (std with ddof=1, all rounded to 3 decimals by the recorder). Other columns are
 * ignored so a newer recorder adding aggregates does not break loading.
 */
import type { CsvField } from './csv.js';
import { show, type CsvRow, type CsvTable, type Problems } from './csv-tables.js';

const DEVICE_COLUMNS = ['cpu_util', 'mem_megabytes', 'gpu_util', 'gpu_mem_megabytes'] as const;
const BENCHMARK_COLUMNS = ['repository', 'branch', 'commit_id', 'commit_message', 'metadata', 'created_at'] as const;
/** Half a unit in the third decimal, plus room for summation order. */
const ROUNDING = 0.0005 + 1e-9;

export interface ExportIndex {
  benchmarks: ReadonlyMap<string, { file: string; row: CsvRow }>;
  device: ReadonlyMap<string, Record<(typeof DEVICE_COLUMNS)[number], number | null>[]>;
  model: ReadonlyMap<string, { row: CsvRow }[]>;
  modelKeys: ReadonlySet<string>;
}

export function crossCheckSummary(summary: CsvTable, index: ExportIndex, problems: Problems): number {
  let checked = 0;
  for (const row of summary.rows) {
    const idCell = row.cells.get('benchmark_id');
    if (!idCell) continue;
    const bench = index.benchmarks.get(idCell.value);
    if (!bench) {
      problems.add(summary.file, idCell, 'csv-summary', `benchmark_id ${show(idCell.value)} is in the summary but in no benchmarks_*.csv`);
      continue;
    }
    checked++;
    const mismatch = (cell: CsvField, name: string, expected: string) =>
      problems.add(summary.file, cell, 'csv-summary', `${name} is ${show(cell.value)} in the summary but ${expected} in the data`);

    for (const name of BENCHMARK_COLUMNS) {
      const cell = row.cells.get(name);
      const actual = bench.row.cells.get(name)?.value;
      if (cell && actual !== undefined && cell.value !== actual) mismatch(cell, name, `${show(actual)} (${bench.file}:${bench.row.line})`);
    }

    const models = index.model.get(idCell.value) ?? [];
    const model = models.length === 1 ? models[0] : undefined;
    if (model) {
      for (const key of index.modelKeys) {
        const cell = row.cells.get(key);
        const actual = model.row.cells.get(key)?.value;
        if (cell && actual !== undefined && !sameNumber(cell.value, actual)) mismatch(cell, key, show(actual));
      }
    }

    const samples = index.device.get(idCell.value) ?? [];
    const count = row.cells.get('device_measurement_count');
    const expectedCount = samples.filter((s) => s.cpu_util !== null).length;
    if (count && count.value !== '' && Number(count.value) !== expectedCount) mismatch(count, 'device_measurement_count', String(expectedCount));
    for (const column of DEVICE_COLUMNS) {
      const values = samples.map((s) => s[column]).filter((v): v is number => v !== null);
      const stats = { mean: mean(values), max: values.length ? values.reduce((a, b) => (b > a ? b : a)) : NaN, std: std(values) };
      for (const [agg, expected] of Object.entries(stats)) {
        const cell = row.cells.get(`${column}_${agg}`);
        if (!cell || cell.value === '') continue;
        const given = Number(cell.value);
        if (!(Math.abs(given - expected) <= ROUNDING + 1e-12 * Math.abs(expected))) {
          mismatch(cell, `${column}_${agg}`, Number.isNaN(expected) ? 'undefined (no samples)' : expected.toFixed(3));
        }
      }
    }
  }
  return checked;
}

function sameNumber(a: string, b: string): boolean {
  return a === b || (a !== '' && b !== '' && Number(a) === Number(b));
}

function mean(v: number[]): number {
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN;
}

/** pandas' default: sample standard deviation (ddof=1); NaN below two samples. */
function std(v: number[]): number {
  if (v.length < 2) return NaN;
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
}
