import path from 'node:path';
import { isInside, toPosix } from '../../files/paths.js';
import { parseOptions } from '../options.js';
import type { Issue } from '../../model/issue.js';
import { EXIT } from '../exit.js';
import { UsageError, type Io } from '../io.js';
import type { Command } from '../run.js';

const usage = `Usage: dashcode lint [--strict] [--format text|json|github] [--root DIR] [--prometheus-url URL] [paths...]

Lints dashboard JSON and Grafana provisioning YAML (files, or directories
searched recursively; default: the generated folder, generated/). Dashboard
datasource references are checked against the datasources provisioned by the
YAML files linted alongside. Rules and their documentation: docs/rules/.
Configure severities and exclusions in dashcode.config.ts (lint) or
dashcode.lint.json.

Options:
  --strict        treat warnings as errors
  --format F      text (default), json, or github (workflow annotations)
  --root DIR      project root holding dashcode.config.ts (default: .)
  --prometheus-url URL
                  read metric types from this Prometheus' metadata API, so
                  promql-rate-counter knows counters without a _total suffix
  -h, --help      this help

Exit codes: 0 no findings (or only warnings), 1 errors (or warnings with
--strict), 2 usage or internal error.`;

export const lintCommand: Command = {
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseOptions({ args, allowPositionals: true, options: { strict: { type: 'boolean' }, format: { type: 'string' }, root: { type: 'string' }, 'prometheus-url': { type: 'string' } } });
    const { LINT_FORMATS, formatLintReport, summarize } = await import('../../lint/format.js');
    const format = parsed.values.format ?? 'text';
    if (!(LINT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${LINT_FORMATS.join(', ')}, got "${format}"`);
    const root = path.resolve(io.cwd, parsed.values.root ?? '.');

    const { loadLintSettings } = await import('../../lint/settings.js');
    const { readLintInputs, walk, MissingPathError } = await import('../../lint/files.js');
    const { lintRepo } = await import('../../lint/repo.js');
    const { applySeverities } = await import('../../lint/report.js');
    const settings = await loadLintSettings(root);
    const outDir = path.resolve(root, settings.project.outDir);
    const targets = parsed.positionals.length > 0 ? parsed.positionals.map((p) => path.resolve(io.cwd, p)) : [outDir];
    const label = (abs: string): string => toPosix(path.relative(io.cwd, abs)) || '.';

    let inputs;
    try {
      inputs = await readLintInputs(targets, label);
    } catch (err) {
      if (err instanceof MissingPathError) throw new UsageError(err.message);
      throw err;
    }
    // Provider files in the generated tree point at where Grafana mounts it (dashboardsPath).
    const mount = { containerPath: settings.project.provisioning.dashboardsPath, localDir: toPosix(path.relative(root, outDir)) || '.' };
    const provisioning = inputs.provisioning.map((p) => (isInside(outDir, path.resolve(io.cwd, p.file)) ? { ...p, mounts: [mount] } : p));
    const generatedFiles = (await walk(outDir).catch(() => [] as string[])).map((f) => toPosix(path.relative(root, f)));

    let metricTypes: Map<string, string> | undefined;
    const promUrl = parsed.values['prometheus-url'];
    if (promUrl) {
      const client = await import('../../check/prometheus-client.js');
      try {
        metricTypes = await client.metricTypes(promUrl);
      } catch (err) {
        throw new UsageError(`--prometheus-url: cannot read metric metadata: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    let issues: Issue[] = [
      ...settings.issues,
      ...applySeverities(inputs.issues, settings.config),
      ...lintRepo({ dashboards: inputs.dashboards, provisioning, root, generatedFiles, config: settings.config, ...(metricTypes ? { metricTypes } : {}) }),
    ];
    if (parsed.values.strict === true) issues = issues.map((i) => (i.severity === 'warning' ? { ...i, severity: 'error' as const } : i));

    const files = inputs.dashboards.length + inputs.provisioning.length;
    const summary = summarize(issues, files);
    io.stdout(formatLintReport(issues, format as 'text' | 'json' | 'github', summary));
    return summary.errors > 0 ? EXIT.findings : EXIT.ok;
  },
};
