import path from 'node:path';
import { hasErrors } from '../../model/issue.js';
import { formatIssues } from '../../validate/issues.js';
import { EXIT } from '../exit.js';
import { dataOption, parseBackendArgs, prometheusBackend, prometheusLimits, queryDatabase } from '../database.js';
import { projectCheckConfig } from './check.js';
import { redactSecrets, urlSecrets } from '../../secrets/redact.js';
import { UsageError, type Io } from '../io.js';
import type { Command } from '../run.js';
import type { RuleBacktest } from '../../alerting/report.js';

const usage = `Usage: dashcode alert backtest [options]

Evaluates every alert rule of alerts/ at its group's interval over a past
time range, on the data already in the database and Prometheus, the way
Grafana's alerting would (queries, reduce/math/threshold/resample
expressions, \`for\` pending periods, keepFiringFor, no-data and error
states), and prints when each rule would have fired, with the values.

Options:
  --from TIME --to TIME  range to replay (default now-30d .. now; now-7d, ISO, epoch ms)
  --group NAME           only this rule group (repeatable as a comma list)
  --rule UID             only this rule (comma list)
  --root DIR             project root (default: the current directory)
  --format text|json     (default text)
Database and Prometheus: as for \`dashcode check\`
  --data seed|none|csv:DIR, --pglite DIR, --database-url URL,
  --query-timeout SEC, --max-rows N,
  --prometheus-url URL, --scrape-interval DUR, --max-response-bytes N
A rule with a PromQL query is reported "not run" without --prometheus-url.

Exit codes: 0 every rule evaluated, 1 a rule failed to load or hit errors,
2 usage or internal error.`;

export const alertCommand: Command = {
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const [sub, ...rest] = args;
    if (sub !== 'backtest') throw new UsageError(sub === undefined ? 'missing subcommand (backtest)' : `unknown subcommand "${sub}"`);
    const { values } = parseBackendArgs(
      rest,
      { group: { type: 'string' }, rule: { type: 'string' }, root: { type: 'string' }, format: { type: 'string' } },
      false,
    );
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
    const data = dataOption(values.data);
    prometheusLimits(values); // --query-timeout, --max-rows, --max-response-bytes: usage errors before any work
    const { parseTime } = await import('../../check/run/time-range.js');
    const now = new Date();
    const from = parseTime((values.from as string | undefined) ?? 'now-30d', now);
    const to = parseTime((values.to as string | undefined) ?? 'now', now, true);
    if (!from || !to) throw new UsageError('--from/--to must be now-7d, an ISO date or epoch milliseconds');
    if (from >= to) throw new UsageError('--from must be before --to');
    const only = (v: unknown) => (typeof v === 'string' ? new Set(v.split(',').map((s) => s.trim())) : undefined);
    const groups = only(values.group);
    const uids = only(values.rule);

    const root = path.resolve(io.cwd, (values.root as string | undefined) ?? '.');
    const { loadProject } = await import('../../project/load.js');
    const project = await loadProject(root);
    const loadErrors = project.issues.filter((i) => i.severity === 'error');
    if (loadErrors.length > 0) io.stderr(`${formatIssues(loadErrors)}\n`);
    const selected = (project.alerting.groups ?? [])
      .filter((g) => !groups || groups.has(g.name))
      .flatMap((g) => g.rules.filter((r) => !uids || uids.has(r.uid)).map((rule) => ({ group: g, rule })));
    const specIssues = selected.flatMap(({ rule }) => rule.issues.map((i) => ({ ...i, source: { file: project.config.alertsModule } })));
    if (hasErrors(specIssues)) {
      io.stderr(`${formatIssues(specIssues)}\n`);
      return EXIT.findings;
    }
    if (selected.length === 0) {
      io.stderr(`dashcode alert backtest: no alert rules${groups || uids ? ' match --group/--rule' : ` in ${project.config.alertsModule}`}\n`);
      return EXIT.findings;
    }

    const { backtestRule } = await import('../../alerting/engine/backtest.js');
    const { alertQueryRunner } = await import('../../alerting/runners.js');
    const { formatBacktest } = await import('../../alerting/report.js');
    // The same database as check: read-only, one statement per query, a timeout and a row cap; started only for SQL.
    const config = await projectCheckConfig(io);
    const db = queryDatabase(values, io, { data, check: config });
    const prometheusUrl = (values['prometheus-url'] as string | undefined) ?? config.prometheus?.url;
    const prometheus = prometheusBackend(values, prometheusUrl);
    const run = alertQueryRunner({ sql: db.runner, prometheus });
    const results: RuleBacktest[] = [];
    try {
      for (const { group, rule } of selected) {
        const base = { group: group.name, interval: group.interval, uid: rule.uid, title: rule.title, from, to };
        const promql = rule.nodes.some((n) => n.kind === 'alert-query' && n.query.text.language === 'promql');
        if (promql && !prometheus) {
          results.push({ ...base, skipped: 'PromQL needs --prometheus-url' });
          continue;
        }
        results.push({ ...base, result: await backtestRule(rule, { interval: group.interval, from, to, run }) });
      }
    } finally {
      await db.close();
    }
    const secrets = [...db.secrets, ...urlSecrets(prometheusUrl)];
    io.stdout(redactSecrets(format === 'json' ? `${JSON.stringify({ from, to, rules: results }, null, 2)}\n` : formatBacktest(results), secrets));
    const errored = results.some((r) => r.result?.transitions.some((t) => t.to === 'Error'));
    return loadErrors.length > 0 || errored ? EXIT.findings : EXIT.ok;
  },
};
