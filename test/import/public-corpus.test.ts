/**
 * The public corpus (test/fixtures/public/, see SOURCES.md), bulk-imported
 * unmodified with its datasource provisioning YAML into a scratch project,
 * then built with no edits. What does not build, and every semantic
 * difference between a built dashboard and its input (after the legacy
 * panel migration), is kept as data in public-corpus.expected.json: a
 * change in either direction fails the test (UPDATE_GOLDEN=1 rewrites it).
 * Dashboards in the pre-5 `rows` layout are not importable (listed there too).
 */
import { mkdirSync, statSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from '../../src/cli/commands/import.js';
import type { Io } from '../../src/cli/io.js';
import { diffDashboards } from '../../src/diff/diff.js';
import { describeChange } from '../../src/diff/format.js';
import { migrateLegacyDashboard } from '../../src/import/legacy.js';
import type { JsonObject } from '../../src/model/loose.js';
import { loadProject } from '../../src/project/load.js';
import { planBuild } from '../../src/project/plan.js';
import { repoRoot } from '../support/shared.js';

const CORPUS = path.join(repoRoot, 'test/fixtures/public');
const GOLDEN = path.join(repoRoot, 'test/import/public-corpus.expected.json');

/** Folders of the corpus and the pre-5 (`rows`) dashboards import refuses. */
function corpusInputs(): { importable: string[]; legacyRows: string[] } {
  const importable: string[] = [];
  const legacyRows: string[] = [];
  for (const dir of readdirSync(CORPUS).sort()) {
    const abs = path.join(CORPUS, dir);
    if (dir === 'LICENSES' || !statSync(abs).isDirectory()) continue;
    for (const f of readdirSync(abs).filter((f) => f.endsWith('.json')).sort()) {
      const json = JSON.parse(readFileSync(path.join(abs, f), 'utf8')) as JsonObject;
      const rows = Array.isArray(json.rows) && (!Array.isArray(json.panels) || Number(json.schemaVersion ?? 0) < 16);
      (rows ? legacyRows : importable).push(`${dir}/${f}`);
    }
  }
  return { importable, legacyRows };
}

interface Outcome {
  /** Build issue codes with counts (errors only), empty when the dashboard builds. */
  buildErrors: string[];
  /** Semantic differences between the built JSON and the (migrated) input. */
  differences: string[];
}

describe('bulk import of the public dashboard corpus', () => {
  let project: string;
  const { importable, legacyRows } = corpusInputs();
  const outcomes: Record<string, Outcome> = {};
  let importOut = '';
  let importCode = -1;

  beforeAll(async () => {
    project = mkdtempSync(path.join(tmpdir(), 'dashcode-corpus-'));
    writeFileSync(path.join(project, 'package.json'), '{ "name": "adopter", "type": "module" }\n');
    mkdirSync(path.join(project, 'dashboards'));
    const lib = path.relative(path.join(project, 'dashboards'), path.join(repoRoot, 'src/index.js')).split(path.sep).join('/');
    const io: Io = { cwd: project, env: {}, stdout: (t) => void (importOut += t), stderr: () => undefined };
    importCode = await importCommand.run([...importable.map((f) => path.join(CORPUS, f)), '--provisioning', path.join(CORPUS, 'opentelemetry-demo/provisioning/datasources'), '--library', lib], io);
  }, 300_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('imports 10+ unmodified real dashboards, one module each, datasources into the datasources module', () => {
    expect(importCode).toBe(0);
    expect(importable.length).toBeGreaterThanOrEqual(10);
    expect(readdirSync(path.join(project, 'dashboards')).filter((f) => f.endsWith('.ts'))).toHaveLength(importable.length);
    const ds = readFileSync(path.join(project, 'datasources/index.ts'), 'utf8');
    // From the provisioning YAML: a Prometheus builder; the types without one as external references.
    expect(ds).toMatch(/export const prometheus = prometheusDatasource\(\{/);
    expect(ds).toMatch(/export const jaeger = externalDatasource\(\{ type: 'jaeger', uid: 'webstore-traces', name: 'Jaeger' \}\);/);
    expect(importOut).toContain('datasources/index.ts: created with');
  });

  it('builds with no edits; what does not build and every difference is the recorded list', async () => {
    const loaded = await loadProject(project);
    const plan = planBuild(loaded);
    const built = new Map(plan.files.map((f) => [f.path, f.text]));
    for (const input of importable) {
      const moduleFile = `dashboards/${path.basename(input, '.json')}.ts`;
      const issues = [...plan.issues, ...loaded.issues].filter((i) => i.severity === 'error' && i.source?.file === moduleFile);
      const counts = new Map<string, number>();
      for (const i of issues) counts.set(i.code, (counts.get(i.code) ?? 0) + 1);
      const output = [...built.keys()].find((k) => k.endsWith(`/${path.basename(input)}`) || k === path.basename(input));
      const original = migrateLegacyDashboard(JSON.parse(readFileSync(path.join(CORPUS, input), 'utf8')) as JsonObject).dashboard;
      const differences = output && issues.length === 0 ? diffDashboards(original, JSON.parse(built.get(output)!) as JsonObject).map(describeChange) : [];
      outcomes[input] = { buildErrors: [...counts].sort().map(([c, n]) => `${c} ×${n}`), differences };
    }
    // The datasources module (and anything else not one dashboard's) builds clean.
    const modules = new Set(importable.map((input) => `dashboards/${path.basename(input, '.json')}.ts`));
    expect([...plan.issues, ...loaded.issues].filter((i) => i.severity === 'error' && !modules.has(i.source?.file ?? '')).map((i) => `${i.source?.file}: ${i.message}`)).toEqual([]);
    // Why each dashboard that does not build, or differs, does: written by hand, kept by UPDATE_GOLDEN.
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as { reasons?: Record<string, string> };
    const reasons = golden.reasons ?? {};
    const actual = { legacyRowsNotImported: legacyRows, dashboards: outcomes, reasons };
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
    const listed = Object.entries(outcomes).filter(([, o]) => o.buildErrors.length > 0 || o.differences.length > 0).map(([k]) => k);
    expect(Object.keys(reasons).sort()).toEqual(listed.sort());
    expect(Object.values(reasons).every((r) => r.trim() !== '')).toBe(true);
    // Every importable dashboard builds as imported, and at least one is semantically equal with nothing listed.
    const building = Object.values(outcomes).filter((o) => o.buildErrors.length === 0);
    expect(building.length).toBe(importable.length);
    expect(building.some((o) => o.differences.length === 0)).toBe(true);
  }, 300_000);
});
