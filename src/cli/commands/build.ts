import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadProject } from '../../project/load.js';
import { planBuild, type Plan } from '../../project/plan.js';
import { EXIT, formatIssues, hasErrors } from '../../validate/issues.js';
import { UsageError, type Io } from '../io.js';
import { readIfExists, writeFileAtomic } from '../write.js';
import type { Command } from '../run.js';

const usage = `Usage: dashcode build [--check] [--root DIR] [dashboards/x.ts ...]

Compiles every dashboard module (dashboards/*.ts) to <outDir>/<name>.json and
the datasources to Grafana provisioning YAML under <outDir>/provisioning/.
Each file is written atomically; a dashboard with errors writes nothing.

Options:
  --check      write nothing; exit 1 listing files that are stale, missing or
               no longer generated (0 when generated/ is up to date)
  --root DIR   project root (default: the current directory)
  -h, --help   this help

Exit codes: 0 ok, 1 errors or stale files, 2 usage or internal error.`;

export const buildCommand: Command = {
  summary: 'compile dashboards and provisioning to generated/ (--check: verify only)',
  usage,
  async run(args: string[], io: Io): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { check: { type: 'boolean' }, root: { type: 'string' } } });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const root = path.resolve(io.cwd, parsed.values.root ?? '.');
    const project = await loadProject(root, parsed.positionals);
    if (project.dashboards.length === 0 && project.issues.length === 0) {
      io.stderr(`dashcode build: no dashboards found in ${project.config.dashboardsDir}/\n`);
      return EXIT.findings;
    }
    const plan = planBuild(project);
    const partial = parsed.positionals.length > 0;
    const changes = await compare(root, project.config.outDir, plan, partial);

    if (plan.issues.length > 0) io.stderr(`${formatIssues(plan.issues)}\n`);
    const failed = hasErrors(plan.issues);

    if (parsed.values.check) {
      for (const c of changes) io.stdout(`${c.kind.padEnd(8)} ${c.path}\n`);
      const stale = changes.length > 0;
      io.stdout(
        stale
          ? `${changes.length} generated file(s) out of date: run \`npm run build:dashboards\`\n`
          : `${plan.files.length} generated file(s) up to date\n`,
      );
      return stale || failed ? EXIT.findings : EXIT.ok;
    }

    for (const c of changes) {
      const abs = path.join(root, c.path);
      if (c.kind === 'removed') await rm(abs, { force: true });
      else await writeFileAtomic(abs, c.text!);
    }
    const changed = new Set(changes.map((c) => c.path));
    for (const d of plan.dashboards) {
      if (d.output) {
        const state = changed.has(d.output) ? 'written' : 'unchanged';
        io.stdout(`✓ ${d.file} → ${d.output} (${d.panels} panels, ${d.variables} variables, ${state})${d.warnings ? `, ${d.warnings} warning(s)` : ''}\n`);
        for (const e of d.escapeHatches) io.stdout(`  raw escape hatch: ${e}\n`);
      } else {
        io.stdout(`✖ ${d.file}: ${d.errors} error(s), nothing written\n`);
      }
    }
    for (const c of changes.filter((c) => !c.path.endsWith('.json') || c.kind === 'removed')) {
      if (c.path.endsWith('.yaml') || c.kind === 'removed') io.stdout(`  ${c.kind} ${c.path}\n`);
    }
    return failed ? EXIT.findings : EXIT.ok;
  },
};

interface Change {
  kind: 'missing' | 'stale' | 'removed';
  path: string;
  text?: string;
}

/** Differences between the plan and the disk. Generated files no dashboard produces any more are `removed`. */
async function compare(root: string, outDir: string, plan: Plan, partial: boolean): Promise<Change[]> {
  const changes: Change[] = [];
  for (const f of plan.files) {
    const current = await readIfExists(path.join(root, f.path));
    if (current === undefined) changes.push({ kind: 'missing', path: f.path, text: f.text });
    else if (current !== f.text) changes.push({ kind: 'stale', path: f.path, text: f.text });
  }
  if (partial) return changes;
  const planned = new Set(plan.files.map((f) => f.path));
  // Files of dashboards that failed to build are kept, not removed: the error says why they are not refreshed.
  const failedOutputs = new Set(plan.dashboards.filter((d) => !d.output && d.title).map((d) => d.file));
  for (const existing of await generatedFiles(path.join(root, outDir))) {
    const rel = `${outDir}/${existing}`;
    if (!planned.has(rel) && failedOutputs.size === 0) changes.push({ kind: 'removed', path: rel });
  }
  return changes;
}

async function generatedFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (sub: string) => {
    let entries;
    try {
      entries = await readdir(path.join(dir, sub), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else if (/\.(json|ya?ml)$/.test(e.name)) out.push(rel);
    }
  };
  await walk('');
  return out.sort();
}
