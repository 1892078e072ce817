/**
 * The metrics schema as data: what `migrate` creates and verifies, and what
 * other layers (query checks, docs) can read without a database.
 */
import type { SqlEngine } from './engine.js';
import { issue, type Issue } from '../model/issue.js';
import { joinPath } from '../model/issue-path.js';

/** information_schema.columns.data_type of each column. */
export const METRICS_TABLES = {
  benchmarks: {
    benchmark_id: 'text',
    repository: 'text',
    branch: 'text',
    commit_id: 'text',
    commit_message: 'text',
    metadata: 'jsonb',
    created_at: 'timestamp without time zone',
  },
  device_measurements: {
    measurement_id: 'integer',
    benchmark_id: 'text',
    cpu_util: 'double precision',
    mem_megabytes: 'double precision',
    gpu_util: 'double precision',
    gpu_mem_megabytes: 'double precision',
    time: 'timestamp without time zone',
  },
  model_measurements: {
    measurement_id: 'integer',
    benchmark_id: 'text',
    measurements: 'jsonb',
    time: 'timestamp without time zone',
  },
} as const;

export type MetricsTable = keyof typeof METRICS_TABLES;

/** The keys of model_measurements.measurements (seconds), in the recorder's order. */
export const MODEL_MEASUREMENT_KEYS = [
  'model_load_time',
  'first_eager_forward_pass_time_secs',
  'second_eager_forward_pass_time_secs',
  'first_eager_generate_time_secs',
  'second_eager_generate_time_secs',
  'time_to_first_token_secs',
  'time_to_second_token_secs',
  'time_to_third_token_secs',
  'time_to_next_token_mean_secs',
  'first_compile_generate_time_secs',
  'second_compile_generate_time_secs',
  'third_compile_generate_time_secs',
  'fourth_compile_generate_time_secs',
] as const;

/** Types that hold the same values for our purposes (upstream's init_db.sql used varchar). */
const COMPATIBLE: Record<string, readonly string[]> = {
  text: ['text', 'character varying'],
  integer: ['integer', 'bigint'],
};

/**
 * Compares the current schema (first on search_path) with METRICS_TABLES.
 * Extra tables and columns are fine: the recorder or a person may add some.
 */
export async function schemaIssues(engine: SqlEngine): Promise<Issue[]> {
  const { rows } = await engine.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1::text[])`,
    [Object.keys(METRICS_TABLES)],
  );
  const actual = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.data_type]));
  const tables = new Set(rows.map((r) => r.table_name));
  const issues: Issue[] = [];
  for (const [table, columns] of Object.entries(METRICS_TABLES)) {
    if (!tables.has(table)) {
      issues.push(issue('db-schema-missing-table', [table], `table ${table} does not exist in the current schema`));
      continue;
    }
    for (const [column, expected] of Object.entries(columns)) {
      const found = actual.get(`${table}.${column}`);
      if (found === undefined) {
        issues.push(issue('db-schema-missing-column', joinPath(table, column), `column ${table}.${column} (${expected}) does not exist${hintOldLayout(table)}`));
      } else if (!(COMPATIBLE[expected] ?? [expected]).includes(found)) {
        issues.push(issue('db-schema-column-type', joinPath(table, column), `column ${table}.${column} is ${found}, expected ${expected}${hintOldLayout(table, column)}`));
      }
    }
  }
  return issues;
}

function hintOldLayout(table: string, column?: string): string {
  if (column === 'benchmark_id' || (column === undefined && (table === 'benchmarks' || table === 'model_measurements'))) {
    return ': this looks like the older layout (integer benchmark_id, gpu_name, one column per measurement); see docs/database.md';
  }
  return '';
}
