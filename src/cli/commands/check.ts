import path from 'node:path';
import { formatIssues } from '../../validate/issues.js';
import { EXIT } from '../exit.js';
import { needsHint } from '../hints.js';
import { dataOption, parseBackendArgs, prometheusBackend, prometheusLimits, queryDatabase, startEmbeddedEarly } from '../database.js';
import type { CheckConfig } from '../../config/config.js';
import { redactSecrets, urlSecrets } from '../../secrets/redact.js';
import { dashboardFiles, readDashboards } from '../dashboard-files.js';
import { UsageError, type Io } from '../io.js';
import { unknownVariableNames, variableValuesOption } from '../variable-values.js';
import type { Command } from '../run.js';

const usage = `Usage: dashcode check [paths...] [options]

Runs every query of every dashboard the way Grafana would (variables
selected and interpolated, macros expanded, over the dashboard's time range)
against real engines, and reports per query: ok, empty, wrong shape (the
result does not fit the panel), or the backend's error with its position.
Paths: dashboard JSON files or folders (default: generated/). Works on any
dashboard JSON, hand-written ones included.

Database (SQL queries), opened only when a dashboard has one:
  (default)              embedded PostgreSQL (PGlite) in memory, with the
                         schema and fixtures declared in dashcode.config.ts
                         (check.postgres), cached as a snapshot
  --data config|seed|none|csv:DIR
                         what to put in the in-memory database: the declared
                         config (default), dashcode's own metrics schema with
                         seeded data or a MetricsRecorder CSV export, or nothing;
                         given, it wins over DATABASE_URL and PG*
  --pglite DIR           a PGlite database persisted by \`dashcode db\` instead
  --database-url URL     a real PostgreSQL server instead (or DATABASE_URL, or
                         the PG* variables alone, e.g. PGHOST)
  --query-timeout SEC    per-query timeout, SQL and PromQL (default 10)
  --max-rows N           rows read per query (default 100000)
  --max-response-bytes N the most of one answer that is read, an SQL result
                         or a Prometheus response (default 134217728,
                         128 MiB); a larger one is an error
                         Every query runs alone, read-only, in one statement:
                         dashcode never changes a database (docs/security.md)
Prometheus (PromQL queries; without it they are only parsed):
  --prometheus-url URL   run PromQL against this Prometheus (default:
                         check.prometheus.url of dashcode.config.ts)
  --scrape-interval DUR  the datasource's scrape interval (default 15s)
Time range and variables:
  --from TIME --to TIME  override the dashboards' range (now-7d, ISO, epoch ms)
  --var NAME=VALUE       select VALUE for variable NAME instead of its saved
                         value, as var-NAME=VALUE in a dashboard URL does
                         (repeat for several values; All is $__all)
Grafana:
  --grafana-version V    the Grafana release to imitate where releases differ
                         (e.g. 12.3.0; default: grafanaVersion in
                         dashcode.config.ts, else the current release)
Output:
  --format text|json     (default text)
  --allow-empty          empty results are not failures
  --verbose              print every expanded query

Exit codes: 0 every query ok, 1 a query is broken (error, wrong shape, or
empty unless --allow-empty; a database that cannot be reached) or a file
is not a dashboard (not JSON, say), 2 usage or internal error.`;

export const checkCommand: Command = {
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseBackendArgs(args, {
      format: { type: 'string' },
      'allow-empty': { type: 'boolean' },
      verbose: { type: 'boolean' },
      'grafana-version': { type: 'string' },
    });
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
    const data = dataOption(values.data);
    prometheusLimits(values); // --query-timeout, --max-rows, --max-response-bytes: usage errors before any work
    const variableValues = variableValuesOption(values.var);
    const inputs = positionals.length > 0 ? positionals : ['generated'];
    // Alerting provisioning YAML (given, or generated/provisioning/alerting/ by default): its rule queries are checked too.
    const alertingFiles = await alertingYamlFiles(io.cwd, positionals.length > 0 ? positionals : ['generated/provisioning/alerting']);
    const files = (await dashboardFiles(io.cwd, inputs.filter((i) => !/\.ya?ml$/.test(i)))).filter((f) => !/\.ya?ml$/.test(f));
    if (files.length === 0 && alertingFiles.length === 0) {
      io.stderr('dashcode check: no dashboard JSON found\n');
      return EXIT.findings;
    }

    // Every file is read before the database starts: a file that is not a dashboard is reported by name, at once.
    const { dashboards, issues: inputIssues } = await readDashboards(io.cwd, files);
    if (inputIssues.length > 0) io.stderr(`${formatIssues(inputIssues)}\n`);
    if (dashboards.length === 0 && alertingFiles.length === 0) return EXIT.findings;
    const unknown = unknownVariableNames(variableValues, dashboards);
    if (unknown.length > 0) throw new UsageError(`--var ${unknown.join(', ')}: no dashboard checked has a variable of that name`);

    // A panel or alert rule with an SQL query will need the database: PGlite's worker thread starts now, while this thread
    // reads the config (which says what to load into it), loads the checker and checks the variables.
    // Without one it is never started.
    const { hasSqlQuery } = await import('../../check/run/extract.js');
    const hasSqlRuleQuery = alertingFiles.length > 0 ? (await import('../../alerting/check.js')).hasSqlRuleQuery : () => false;
    const sql = dashboards.some(({ json }) => hasSqlQuery(json as Record<string, unknown>)) || alertingFiles.some((a) => hasSqlRuleQuery(a.doc));
    if (sql) await startEmbeddedEarly(values, io);
    const { loadLintSettings } = await import('../../lint/settings.js');
    const settings = await loadLintSettings(io.cwd);
    const grafanaVersion = await grafanaVersionOption(values['grafana-version'], settings.project.grafanaVersion);
    const config = checkConfigOf(settings, io);
    const db = queryDatabase(values, io, { data, check: config });
    if (sql) db.start();
    const { checkDashboard, formatCheckReport, isBroken, summarize } = await import('../../check/run/index.js');
    const prometheusUrl = (values['prometheus-url'] as string | undefined) ?? config.prometheus?.url;
    const prometheus = prometheusBackend(values, prometheusUrl);
    const secrets = [...db.secrets, ...urlSecrets(prometheusUrl)];
    const checks = [];
    const started = performance.now();
    try {
      for (const { file, json } of dashboards) {
        checks.push(
          await checkDashboard(json, {
            file,
            sql: db.runner,
            prometheus,
            from: values.from as string | undefined,
            to: values.to as string | undefined,
            grafanaVersion,
            variableValues,
          }),
        );
      }
      if (alertingFiles.length > 0) {
        const { checkAlerting } = await import('../../alerting/check.js');
        const { parseTime } = await import('../../check/run/time-range.js');
        const at = parseTime((values.to as string | undefined) ?? 'now', new Date(), true) ?? new Date();
        for (const a of alertingFiles) checks.push(await checkAlerting(a.doc, { file: a.file, at, sql: db.runner, prometheus }));
      }
    } finally {
      await db.close();
    }
    const ms = Math.round(performance.now() - started);
    const out =
      format === 'json'
        ? `${JSON.stringify({ database: db.description(), databaseStarted: db.started(), ms, summary: summarize(checks), dashboards: checks }, null, 2)}\n`
        : `${formatCheckReport(checks, values.verbose === true, needsHint)}checked on ${db.description()} in ${ms} ms (setup ${db.setupMs()} ms)\n`;
    io.stdout(redactSecrets(out, secrets));
    const broken = checks.some((c) => c.queries.some((q) => isBroken(q) && !(q.status === 'empty' && values['allow-empty'])) || c.variables.some((v) => v.status === 'error'));
    return broken || inputIssues.length > 0 ? EXIT.findings : EXIT.ok;
  },
};

/** `--grafana-version`, else the config's `grafanaVersion`, else the current release. */
async function grafanaVersionOption(flag: unknown, configured: string | undefined): Promise<string> {
  const { CURRENT_GRAFANA_VERSION, parseGrafanaVersion } = await import('../../check/interpolate/grafana-version.js');
  let version = typeof flag === 'string' ? flag : undefined;
  let where = '--grafana-version';
  if (version === undefined) {
    version = configured;
    where = 'grafanaVersion in dashcode.config';
  }
  if (version === undefined) return CURRENT_GRAFANA_VERSION;
  if (!parseGrafanaVersion(version)) throw new UsageError(`${where} must be a Grafana release such as 12.3.1, got "${version}"`);
  return version;
}

/** The `check` section of dashcode.config.ts (none without a config file). */
export async function projectCheckConfig(io: Io): Promise<CheckConfig> {
  const { loadLintSettings } = await import('../../lint/settings.js');
  return checkConfigOf(await loadLintSettings(io.cwd), io);
}

function checkConfigOf(settings: Awaited<ReturnType<typeof import('../../lint/settings.js').loadLintSettings>>, io: Io): CheckConfig {
  for (const i of settings.issues.filter((i) => /cannot load/.test(i.message))) io.stderr(`dashcode: ${i.source?.file ?? 'config'}: ${i.message}\n`);
  return settings.project.check;
}

/** Alerting provisioning files among `inputs` (YAML files, or YAML in folders); missing default folders are fine. */
export async function alertingYamlFiles(cwd: string, inputs: readonly string[]): Promise<Array<{ file: string; doc: unknown }>> {
  const { readdir, readFile, stat } = await import('node:fs/promises');
  const candidates: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isDirectory()) for (const e of (await readdir(abs)).sort()) { if (/\.ya?ml$/.test(e)) candidates.push(path.join(input, e)); }
    else if (info && /\.ya?ml$/.test(input)) candidates.push(input);
  }
  if (candidates.length === 0) return [];
  const { alertingDocumentOf } = await import('../../lint/provisioning.js');
  const out: Array<{ file: string; doc: unknown }> = [];
  for (const file of candidates) {
    const doc = await alertingDocumentOf(await readFile(path.resolve(cwd, file), 'utf8'));
    if (doc) out.push({ file, doc });
  }
  return out;
}
