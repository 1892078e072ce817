import path from 'node:path';
import { parseOptions } from '../options.js';
import { EXIT } from '../exit.js';
import { chooseDatabase, DatabaseConnectError, openChosen } from '../database.js';
import { UsageError, type Io } from '../io.js';
import type { Command } from '../run.js';

const usage = `Usage: dashcode db <init|load-csv DIR|load-results DIR|seed> [options]

The benchmark metrics database (schema: docs/database.md).
  init           apply the migrations (idempotent)
  load-csv DIR   load a MetricsRecorder CSV export (benchmarks_*.csv,
                 device_measurements_*.csv, model_measurements_*.csv) in one
                 transaction; loading twice adds nothing; a bad file loads
                 nothing and names file:line:column
  load-results DIR
                 load transformers benchmark_v2 result files
                 (<model>_benchmark_<timestamp>.json, anywhere under DIR), one
                 transaction per file; loading twice adds nothing; a bad file
                 loads nothing and names file and JSON path
  seed           add deterministic sample data (several branches, commits,
                 runs, device samples) ending at the current hour

Options:
  --database-url URL   a PostgreSQL server (default: DATABASE_URL, or the PG*
                       variables alone, e.g. PGHOST; else PGlite)
  --pglite DIR         embedded PGlite persisted in DIR
  --seed N             PRNG seed for \`seed\` (default 1)

Exit codes: 0 ok, 1 bad input (e.g. a malformed CSV) or a database that cannot
be reached or refuses the login, 2 usage error.`;

export const dbCommand: Command = {
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseOptions({ args, allowPositionals: true, options: { 'database-url': { type: 'string' }, pglite: { type: 'string' }, seed: { type: 'string' } } });
    const [action, dir] = parsed.positionals;
    if (action !== 'init' && action !== 'load-csv' && action !== 'load-results' && action !== 'seed') throw new UsageError(`expected init, load-csv, load-results or seed, got ${action ?? 'nothing'}`);
    if (action === 'load-csv' && !dir) throw new UsageError('load-csv needs the folder of the CSV export');
    if (action === 'load-results' && !dir) throw new UsageError('load-results needs the folder of the benchmark_v2 results');
    const choice = chooseDatabase(parsed.values, io);
    if (!choice.server && !choice.pgliteDir) io.stderr('note: no --database-url or --pglite: using an in-memory PGlite, which is gone when this command ends\n');
    const db = await import('../../db/index.js');
    let opened: Awaited<ReturnType<typeof openChosen>>;
    try {
      opened = await openChosen(choice);
    } catch (err) {
      if (!(err instanceof DatabaseConnectError)) throw err;
      io.stderr(`dashcode db: ${err.message}\n`);
      return EXIT.findings;
    }
    const { engine, description } = opened;
    try {
      const migrated = await db.migrate(engine);
      if (action === 'init') {
        io.stdout(`${description}: ${migrated.applied.length > 0 ? `applied migrations ${migrated.applied.join(', ')}` : 'schema already up to date'}\n`);
        return EXIT.ok;
      }
      if (action === 'seed') {
        const r = await db.seed(engine, { seed: parsed.values.seed ? Number(parsed.values.seed) : undefined });
        io.stdout(`${description}: seeded ${r.benchmarks} runs, ${r.deviceMeasurements} device samples, ${r.modelMeasurements} model measurements (${r.from.toISOString()} → ${r.to.toISOString()})\n`);
        return EXIT.ok;
      }
      if (action === 'load-results') return await loadResults(db, engine, description, dir!, io);
      try {
        const r = await db.loadCsvDir(engine, path.resolve(io.cwd, dir!));
        io.stdout(
          `${description}: loaded ${dir}: inserted ${r.inserted.benchmarks} benchmarks, ${r.inserted.deviceMeasurements} device and ${r.inserted.modelMeasurements} model measurements; ` +
            `skipped ${r.skipped.benchmarks + r.skipped.deviceMeasurements + r.skipped.modelMeasurements} rows already present; ${r.placeholders} placeholder value(s) stored as NULL\n`,
        );
        return EXIT.ok;
      } catch (err) {
        if (err instanceof db.CsvLoadError) {
          io.stderr(`${err.message}\nnothing was loaded\n`);
          return EXIT.findings;
        }
        throw err;
      }
    } finally {
      await engine.close();
    }
  },
};

/** `db load-results`: every good file loads; each bad file is listed with its problems and exits 1. */
async function loadResults(db: typeof import('../../db/index.js'), engine: import('../../db/index.js').SqlEngine, description: string, dir: string, io: Io): Promise<number> {
  const summary = (r: import('../../db/index.js').ResultsLoadReport) =>
    `${description}: loaded ${r.files.filter((f) => f.loaded).length} of ${r.files.length} result file(s) from ${dir}: inserted ${r.inserted.runs} runs, ${r.inserted.iterations} iterations, ${r.inserted.gpuSamples} GPU samples; skipped ${r.skipped.runs} runs already present\n`;
  try {
    io.stdout(summary(await db.loadResultsDir(engine, path.resolve(io.cwd, dir))));
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof db.ResultsLoadError)) throw err;
    if (err.report && err.report.files.length > 0) io.stdout(summary(err.report));
    const bad = err.report?.files.filter((f) => !f.loaded).map((f) => f.file) ?? [];
    io.stderr(`${err.message}\n${bad.length > 0 ? `not loaded: ${bad.join(', ')}` : 'nothing was loaded'}\n`);
    return EXIT.findings;
  }
}
