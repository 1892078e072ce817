/**
 * The metrics database layer: engines (embedded PGlite or a real server),
 * migrations, the MetricsRecorder CSV loader and the seed generator.
 * Drivers load on first use, so importing this module is cheap.
 */
export type { SqlEngine, SqlResult, SqlField } from './engine.js';
export { openPglite, pgliteVersion, PgliteLockedError, type PgliteOptions, type PreparedDatabase } from './pglite.js';
export { openPostgres, type PostgresOptions } from './postgres.js';
export { openIsolatedPglite, openIsolatedInMemory, type IsolatedPglite } from './pglite-isolated.js';
export { SqlError, positionToLineColumn, type SqlErrorKind } from './errors.js';
export { migrate, MIGRATIONS, MigrationError, type Migration, type MigrateReport } from './migrations/index.js';
export { METRICS_TABLES, MODEL_MEASUREMENT_KEYS, schemaIssues, type MetricsTable } from './schema.js';
export { loadCsvDir, CsvLoadError, type LoadReport } from './load-csv.js';
export { problemText, type CsvProblem } from './csv-tables.js';
export { parseCsv, formatCsv, type CsvField, type CsvRecord, type CsvSyntaxError } from './csv.js';
export {
  seed,
  generateSeedRows,
  SEED_BASE_TIME,
  SEED_MODELS,
  SEED_GPU,
  SEED_REGRESSION_COMMIT,
  SEED_REGRESSION_FACTOR,
  SEED_REGRESSED_KEYS,
  SEED_NOISE_BOUND_PCT,
  type SeedCommit,
  type SeedOptions,
  type SeedReport,
} from './seed.js';
export { loadResultsDir, writeResults, ResultsLoadError, type ResultsLoadReport, type ResultsCounts } from './load-results.js';
export { parseResultsFile, resultsProblemText, RESULT_FILE, type ResultsProblem, type V2Run } from './load-results-parse.js';
export { generateV2ResultFiles, seedV2Runs, configHash, type ResultFile } from './seed-v2.js';
export type { BenchmarkRow, DeviceRow, ModelRow, MetricsRows, RowCounts } from './write.js';
export { queryReadOnly, readOnlyRunner, DEFAULT_MAX_RESULT_BYTES, DEFAULT_MAX_ROWS, DEFAULT_QUERY_TIMEOUT_MS, type ReadOnlyOptions, type ReadOnlyResult } from './read-only.js';
export { declaresPostgres, declaredFiles, declaredKey, loadDeclared, FixtureError, type DeclaredFiles, type DeclaredPostgres } from './declared.js';
