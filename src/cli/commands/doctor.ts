import path from 'node:path';
import { parseOptions } from '../options.js';
import { EXIT } from '../exit.js';
import { UsageError, type Io } from '../io.js';
import type { Command } from '../run.js';

const usage = `Usage: dashcode doctor [--provisioning DIR] [--timeout MS] [--format text|json]

Reads the datasource provisioning files (default:
generated/provisioning/datasources), validates them, expands environment
references the way Grafana does, and tests each datasource: PostgreSQL login
and database (and whether the metrics tables exist), Prometheus and Tempo
readiness and build info. One line per finding, each saying what to fix.
Secrets are used to connect and never printed.

Exit codes: 0 all datasources reachable, 1 a finding, 2 usage error.`;

export const doctorCommand: Command = {
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const { values } = parseOptions({ args, options: { provisioning: { type: 'string' }, timeout: { type: 'string' }, format: { type: 'string' } } });
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
    const { doctor } = await import('../../doctor/doctor.js');
    const dir = path.resolve(io.cwd, values.provisioning ?? 'generated/provisioning/datasources');
    const findings = await doctor(dir, { env: io.env, timeoutMs: values.timeout ? Number(values.timeout) : undefined });
    if (format === 'json') io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
    else for (const f of findings) io.stdout(`${f.level === 'ok' ? '✓' : f.level === 'error' ? '✖' : '⚠'} ${f.subject}: ${f.message} [${f.code}]\n`);
    return findings.some((f) => f.level === 'error') ? EXIT.findings : EXIT.ok;
  },
};
