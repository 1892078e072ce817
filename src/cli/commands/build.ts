import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseOptions } from '../options.js';
import type { Plan } from '../../project/plan.js';
import { fingerprintInputs, generatedFiles, hashText, peekOutDir, tryCachedBuild, writeCache } from '../fast-path.js';
import { EXIT, formatIssues, hasErrors } from '../../validate/issues.js';
import { UsageError, type Io } from '../io.js';
import { readIfExists, writeFileAtomic } from '../../files/atomic.js';
import type { Command } from '../run.js';

const usage = `Usage: dashcode build [--check] [--no-cache] [--validate full] [--root DIR] [dashboards/x.ts ...]

Compiles every dashboard module (dashboards/*.ts) to <outDir>/<name>.json and
the datasources to Grafana provisioning YAML under <outDir>/provisioning/.
Each file is written atomically; a dashboard with errors writes nothing.

Options:
  --check      write nothing; exit 1 listing files that are stale, missing or
               no longer generated (0 when generated/ is up to date)
  --root DIR   project root (default: the current directory)
  --no-cache   always load and compile every dashboard (by default an
               unchanged project, with unchanged generated files, is answered
               from node_modules/.cache/dashcode without loading TypeScript)
  --validate full
               validate every dashboard's whole output against the schema
               (by default only what did not come through a typed builder:
               raw, pluginPanel, imported verbatim parts); implies --no-cache
  -h, --help   this help

Exit codes: 0 ok, 1 errors or stale files, 2 usage or internal error.`;

export const buildCommand: Command = {
  summary: 'compile dashboards and provisioning to generated/ (--check: verify only)',
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseOptions({ args, allowPositionals: true, options: { check: { type: 'boolean' }, root: { type: 'string' }, 'no-cache': { type: 'boolean' }, validate: { type: 'string' } } });
    const validate = parsed.values.validate;
    if (validate !== undefined && validate !== 'full') throw new UsageError(`--validate takes "full", got ${JSON.stringify(validate)}`);
    const root = path.resolve(io.cwd, parsed.values.root ?? '.');
    const check = parsed.values.check === true;
    const partial = parsed.positionals.length > 0;
    // The cache remembers builds validated the default way: a full validation always compiles.
    const useCache = !partial && parsed.values['no-cache'] !== true && validate === undefined;

    if (useCache) {
      const cached = await tryCachedBuild(['build', ...(check ? ['--check'] : []), '--root', root], io);
      if (cached !== undefined) return cached;
    }
    const fingerprint = useCache ? await fingerprintInputs(root, peekOutDir(root)) : undefined;

    // Loaded only when the cache misses: these pull in the whole library and tsx.
    const { loadProject } = await import('../../project/load.js');
    const { planBuild } = await import('../../project/plan.js');
    const project = await loadProject(root, parsed.positionals);
    if (project.dashboards.length === 0 && project.issues.length === 0) {
      io.stderr(`dashcode build: no dashboards found in ${project.config.dashboardsDir}/\n`);
      return EXIT.findings;
    }
    const plan = planBuild(project, { validate: validate === 'full' ? 'full' : undefined });
    const changes = await compare(root, project.config.outDir, plan, partial);
    const issuesText = plan.issues.length > 0 ? `${formatIssues(plan.issues)}\n` : '';
    io.stderr(issuesText);
    const failed = hasErrors(plan.issues);

    if (check) {
      // --check removes nothing: a file no dashboard generates any more is an orphan the build would delete.
      for (const c of changes) io.stdout(c.kind === 'removed' ? `orphan   ${c.path} (no dashboard generates it; the build deletes it)\n` : `${c.kind.padEnd(8)} ${c.path}\n`);
      const stale = changes.length > 0;
      io.stdout(
        stale
          ? `${changes.length} generated file(s) out of date: run \`npx dashcode build\`\n`
          : `${plan.files.length} generated file(s) up to date\n`,
      );
      if (!stale && !failed && fingerprint) await remember(root, fingerprint, plan, issuesText);
      return stale || failed ? EXIT.findings : EXIT.ok;
    }

    for (const c of changes) {
      const abs = path.join(root, c.path);
      if (c.kind === 'removed') await rm(abs, { force: true });
      else await writeFileAtomic(abs, c.text!);
    }
    io.stdout(summary(plan, changes));
    if (!failed && fingerprint) await remember(root, fingerprint, plan, issuesText);
    return failed ? EXIT.findings : EXIT.ok;
  },
};

async function remember(root: string, inputs: string, plan: Plan, stderr: string): Promise<void> {
  const files = Object.fromEntries(plan.files.map((f) => [f.path, hashText(f.text)]));
  await writeCache(root, { version: 1, inputs, files, stdout: summary(plan, []), stderr });
}

function summary(plan: Plan, changes: readonly Change[]): string {
  const changed = new Set(changes.map((c) => c.path));
  let out = '';
  for (const d of plan.dashboards) {
    if (d.output) {
      const state = changed.has(d.output) ? 'written' : 'unchanged';
      out += `✓ ${d.file} → ${d.output} (${d.panels} panels, ${d.variables} variables, ${state})${d.warnings ? `, ${d.warnings} warning(s)` : ''}\n`;
      for (const e of d.escapeHatches) out += `  raw escape hatch: ${e}\n`;
    } else {
      out += `✖ ${d.file}: ${d.errors} error(s), nothing written\n`;
    }
  }
  for (const c of changes) {
    if (c.path.endsWith('.yaml') || c.kind === 'removed') out += `  ${c.kind === 'removed' ? 'removed' : 'wrote'} ${c.path}\n`;
  }
  return out;
}

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
  // While any dashboard fails to load or build, nothing is removed: its old file may be the one it would write.
  if (plan.dashboards.some((d) => !d.output)) return changes;
  for (const existing of await generatedFiles(path.join(root, outDir))) {
    const rel = `${outDir}/${existing}`;
    if (!planned.has(rel)) changes.push({ kind: 'removed', path: rel });
  }
  return changes;
}
