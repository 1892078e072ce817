/**
 * Lint and check (parse level: no database, no Prometheus) over the public dashboard
 * corpus in test/fixtures/public/, as one line per finding, so every finding can be
 * given a verdict once (test/fidelity/verdicts.tsv) and precision cannot regress.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkDashboard } from '../../src/check/run/index.js';
import { renderPath } from '../../src/model/issue-path.js';
import { lintDashboard } from '../../src/lint/index.js';
import { repoRoot } from '../support/shared.js';

export const CORPUS = path.join(repoRoot, 'test/fixtures/public');

export interface CorpusFinding {
  /** `lint` or `check`. */
  kind: string;
  file: string;
  severity: 'error' | 'warning';
  /** Lint rule code, or `check-<status>`. */
  code: string;
  path: string;
}

export const keyOf = (f: CorpusFinding): string => [f.kind, f.file, f.severity, f.code, f.path].join('\t');

export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) out.push(path.relative(CORPUS, p).split(path.sep).join('/'));
    }
  };
  walk(CORPUS);
  return out;
}

export async function corpusFindings(): Promise<CorpusFinding[]> {
  const out: CorpusFinding[] = [];
  for (const file of corpusFiles()) {
    const json = JSON.parse(readFileSync(path.join(CORPUS, file), 'utf8')) as Record<string, unknown>;
    for (const i of lintDashboard(json, { file })) out.push({ kind: 'lint', file, severity: i.severity === 'error' ? 'error' : 'warning', code: i.code, path: renderPath(i.path) });
    const c = await checkDashboard(json, { now: new Date('2026-01-01T00:00:00Z') });
    for (const q of c.queries) {
      if (q.status === 'error' || q.status === 'wrong-shape' || q.status === 'empty') out.push({ kind: 'check', file, severity: 'error', code: `check-${q.status}`, path: q.path });
    }
    for (const v of c.variables) if (v.status === 'error') out.push({ kind: 'check', file, severity: 'error', code: 'check-variable-error', path: `templating ${v.name}` });
  }
  return out;
}
