import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../../files/atomic.js';
import path from 'node:path';
import { formatIssues } from '../../validate/issues.js';
import { EXIT } from '../exit.js';
import { needsHint } from '../hints.js';
import { dataOption, parseBackendArgs, prometheusBackend, prometheusLimits, queryDatabase, startEmbeddedEarly } from '../database.js';
import { alertingYamlFiles, projectCheckConfig } from './check.js';
import { dashboardFiles, readDashboards } from '../dashboard-files.js';
import { unknownVariableNames, variableValuesOption } from '../variable-values.js';
import type { GivenVariableValues } from '../../check/run/variables.js';
import { UsageError, type Io } from '../io.js';
import { untilStopped } from '../until-stopped.js';
import type { Command } from '../run.js';
import { count } from '../../model/count.js';

const usage = `Usage: dashcode preview [dashboard.json|folder ...] [options]

Draws each dashboard (default: every generated/*.json) as a self-contained
HTML page laid out on Grafana's 24-column grid: charts (uPlot), tables,
stat/gauge/bar gauge values with threshold colours, text panels, and failed
queries as red error boxes. The queries run as in \`dashcode check\`.

Output:
  --out DIR              where pages (and PNGs) go (default preview/)
  --png                  also screenshot each page: <name>.png, 1920 px wide,
                         full page, with headless Chromium
  --chromium PATH        the browser for --png (default /usr/bin/chromium)
Serve:
  --serve                serve the pages on http://127.0.0.1:PORT instead of
                         writing them; stop with Ctrl-C
  --watch                with --serve: rebuild and reload open pages when
                         generated/ changes; a change in dashboards/ runs
                         \`dashcode build\` first
  --port N               (default 0: a free port)
Database (SQL queries), as for \`dashcode check\` (read-only, opened only
when a dashboard has SQL; --query-timeout SEC, --max-rows N,
--max-response-bytes N):
  (default)              embedded PostgreSQL (PGlite) in memory, with the
                         schema and fixtures of dashcode.config.ts
  --data config|seed|none|csv:DIR
                         what to put in the in-memory database (default config)
  --pglite DIR           a PGlite database persisted by \`dashcode db\`
  --database-url URL     a real PostgreSQL server (or PGHOST etc.), read-only
Prometheus (PromQL queries; without it those panels say so):
  --prometheus-url URL   --scrape-interval DUR (default 15s)
  --max-response-bytes N the most of one answer read, SQL or Prometheus
                         (default 128 MiB)
Time range and variables:
  --from TIME --to TIME  override the dashboards' range (now-7d, ISO, epoch ms)
  --var NAME=VALUE       select VALUE for variable NAME, as var-NAME=VALUE in
                         a dashboard URL does (repeat for several values)
Alert rules:
  --alerts PATH|none     alerting provisioning (file or folder; default
                         generated/provisioning/alerting): a rule linked to a
                         panel is backtested over the range and where it would
                         have fired is shaded on that panel

Exit codes: 0 written, 1 a panel's query failed (the page shows it) or a
file is not a dashboard (not JSON, say), 2 usage error, missing browser or
internal error.`;

interface Options {
  out: string;
  png: boolean;
  chromium?: string;
  serve: boolean;
  watch: boolean;
  port: number;
  data: string;
  databaseUrl?: string;
  pglite?: string;
  prometheusUrl?: string;
  from?: string;
  to?: string;
  variableValues?: GivenVariableValues;
  alerts: string;
}

export const previewCommand: Command = {
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const { options, inputs, values } = parse(args);
    if (values.alerts !== undefined && options.alerts !== 'none' && !existsSync(path.resolve(io.cwd, options.alerts))) throw new UsageError(`--alerts: ${options.alerts} does not exist (give alerting provisioning YAML, a folder of it, or none)`);
    const files = await dashboardFiles(io.cwd, inputs.length > 0 ? inputs : ['generated']);
    if (files.length === 0) {
      io.stderr('dashcode preview: no dashboard JSON found\n');
      return EXIT.findings;
    }
    // Read every file before the database starts: a file that is not a dashboard is reported by name, at once.
    const first = await readDashboards(io.cwd, files);
    if (first.issues.length > 0) io.stderr(`${formatIssues(first.issues)}\n`);
    if (first.dashboards.length === 0) return EXIT.findings;
    const unknown = unknownVariableNames(options.variableValues, first.dashboards);
    if (unknown.length > 0) throw new UsageError(`--var ${unknown.join(', ')}: no dashboard previewed has a variable of that name`);
    // As check does: a dashboard with an SQL query starts PGlite's worker now, while the renderer and the config load.
    const { hasSqlQuery } = await import('../../check/run/extract.js');
    if (first.dashboards.some(({ json }) => hasSqlQuery(json as Record<string, unknown>))) await startEmbeddedEarly(values, io);
    const preview = await import('../../preview/index.js');
    const { provisionedRules } = await import('../../alerting/read.js');
    const config = await projectCheckConfig(io);
    const db = queryDatabase(values, io, { data: options.data, check: config });
    options.prometheusUrl ??= config.prometheus?.url;
    const prometheus = prometheusBackend(values, options.prometheusUrl);
    try {
      const buildPages = async (liveReload: boolean) => {
        const pages: Array<{ name: string; file: string; page: Awaited<ReturnType<typeof preview.previewPage>> }> = [];
        // Read again on each build: with --watch a file may have changed (and may be broken now).
        const { dashboards, issues } = liveReload ? await readDashboards(io.cwd, files) : first;
        if (liveReload && issues.length > 0) io.stderr(`${formatIssues(issues)}\n`);
        const alertRules = options.alerts === 'none' ? [] : (await alertingYamlFiles(io.cwd, [options.alerts])).flatMap((a) => provisionedRules(a.doc));
        for (const { file, json } of dashboards) {
          const page = await preview.previewPage(json, {
            file,
            sql: db.runner,
            prometheus,
            from: options.from,
            to: options.to,
            variableValues: options.variableValues,
            alertRules,
            liveReload,
          });
          pages.push({ name: preview.pageName(file), file, page });
        }
        return pages;
      };
      if (options.serve) return await serve(io, options, files, buildPages, preview, db.description());

      // The browser first: a missing Chromium fails before minutes of queries, not after.
      let shooter: Awaited<ReturnType<typeof preview.openScreenshotter>> | undefined;
      if (options.png) {
        try {
          shooter = await preview.openScreenshotter({ executablePath: options.chromium });
        } catch (err) {
          if (!(err instanceof preview.BrowserUnavailableError)) throw err;
          io.stderr(`dashcode preview: --png: ${err.message}${err.needs ? ` (${needsHint(err.needs)})` : ''}\n`);
          return EXIT.usage;
        }
      }
      const outDir = path.resolve(io.cwd, options.out);
      let failed = 0;
      let pages: Awaited<ReturnType<typeof buildPages>>;
      try {
        await mkdir(outDir, { recursive: true });
        pages = await buildPages(false);
        for (const { name, page } of pages) {
          const html = path.join(outDir, `${name}.html`);
          await writeFileAtomic(html, page.html);
          const errors = preview.failedPanels(page.preview).length;
          failed += errors;
          const panels = page.preview.panels.filter((p) => p.item.kind === 'panel').length;
          io.stdout(`wrote ${path.relative(io.cwd, html)} (${count(panels, 'panel')}${errors ? `, ${errors} with query errors` : ''})\n`);
          const needs = [...new Set(page.preview.panels.flatMap((p) => p.results.flatMap((r) => (r.state === 'skipped' && r.needs ? [r.needs] : []))))];
          for (const n of needs) io.stdout(`  some panels were not drawn: ${needsHint(n)}\n`);
          if (shooter) {
            const png = path.join(outDir, `${name}.png`);
            const { charts } = await shooter.capture(html, png);
            io.stdout(`wrote ${path.relative(io.cwd, png)} (${charts} charts)\n`);
          }
        }
      } finally {
        await shooter?.close();
      }
      const entries = pages.map(({ name, page }) => ({ name, title: page.preview.title, errors: preview.failedPanels(page.preview).length, png: options.png }));
      await writeFileAtomic(path.join(outDir, 'index.html'), preview.renderIndex(entries));
      io.stdout(`queried on ${db.description()}\n`);
      return failed > 0 || first.issues.length > 0 ? EXIT.findings : EXIT.ok;
    } finally {
      await db.close();
    }
  },
};

type PreviewModule = typeof import('../../preview/index.js');
type BuildPages = (liveReload: boolean) => Promise<Array<{ name: string; page: { html: string; preview: import('../../preview/index.js').DashboardPreview } }>>;

/** Serves until SIGINT/SIGTERM; the pages live in memory, nothing is written. */
async function serve(io: Io, options: Options, files: string[], buildPages: BuildPages, preview: PreviewModule, database: string): Promise<number> {
  const watchDirs = options.watch ? unique(files.map((f) => path.dirname(path.resolve(io.cwd, f)))) : [];
  const sourceDir = path.resolve(io.cwd, 'dashboards');
  const server = await preview.startPreviewServer({
    port: options.port,
    watchDirs,
    sourceDirs: options.watch && existsSync(sourceDir) ? [sourceDir] : [],
    beforeRebuild: () => runBuild(io.cwd),
    async build() {
      const pages = await buildPages(true);
      const map = new Map(pages.map(({ name, page }) => [name, page.html]));
      map.set('index', preview.renderIndex(pages.map(({ name, page }) => ({ name, title: page.preview.title, errors: preview.failedPanels(page.preview).length })), { liveReload: true }));
      return map;
    },
    onEvent(e) {
      if (e.kind === 'rebuilt') io.stdout(`rebuilt ${e.pages - 1} page(s) in ${e.ms} ms\n`);
      else if (e.kind === 'error') io.stderr(`dashcode preview: ${e.message}\n`);
    },
  });
  io.stdout(`serving ${files.length} preview(s) at ${server.url} (queried on ${database})${options.watch ? ', watching for changes' : ''}; Ctrl-C stops\n`);
  await untilStopped(io);
  await server.close();
  io.stdout('stopped\n');
  return EXIT.ok;
}

/**
 * `dashcode build`, in this process: the project loader reads the changed modules as a new module graph
 * (files/native-loader.js), and unchanged dashboards come from the build cache, as in `build --watch`.
 */
async function runBuild(cwd: string): Promise<void> {
  const { buildCommand } = await import('./build.js');
  let output = '';
  const collect = (t: string) => void (output += t);
  const code = await buildCommand.run([], { stdout: collect, stderr: collect, cwd, env: process.env });
  if (code !== EXIT.ok) throw new Error(`dashcode build failed (exit ${code}):\n${output.trim()}`);
}

function parse(args: string[]): { options: Options; inputs: string[]; values: Record<string, unknown> } {
  const { values, positionals } = parseBackendArgs(args, {
    out: { type: 'string' },
    png: { type: 'boolean' },
    chromium: { type: 'string' },
    serve: { type: 'boolean' },
    watch: { type: 'boolean' },
    port: { type: 'string' },
    alerts: { type: 'string' },
  });
  const data = dataOption(values.data);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${String(values.port)}"`);
  if (values.watch && !values.serve) throw new UsageError('--watch works with --serve');
  if (values.serve && values.png) throw new UsageError('--png writes files; it does not combine with --serve');
  prometheusLimits(values); // --query-timeout, --max-rows, --max-response-bytes: usage errors before any work
  return {
    inputs: positionals,
    values,
    options: {
      out: (values.out as string | undefined) ?? 'preview',
      png: values.png === true,
      chromium: values.chromium as string | undefined,
      serve: values.serve === true,
      watch: values.watch === true,
      port,
      data,
      databaseUrl: values['database-url'] as string | undefined,
      pglite: values.pglite as string | undefined,
      prometheusUrl: values['prometheus-url'] as string | undefined,
      from: values.from as string | undefined,
      to: values.to as string | undefined,
      variableValues: variableValuesOption(values.var),
      alerts: (values.alerts as string | undefined) ?? 'generated/provisioning/alerting',
    },
  };
}


function unique(items: string[]): string[] {
  return [...new Set(items)];
}
