/**
 * Fuzz: dashboards mutated at random (keys deleted, values replaced by random
 * JSON of any type, containers swapped) go into import and diff. Nothing may
 * throw; problems come back as issues. `import-internal` is the importer's
 * own "this is a bug" issue, so it must never appear either.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffDashboards, semanticEqual } from '../../src/diff/diff.js';
import { formatDiffs } from '../../src/diff/format.js';
import { diffDashboardSets } from '../../src/diff/sets.js';
import { importDashboard } from '../../src/import/import.js';
import type { Json } from '../../src/model/loose.js';
import { hasShared, sharedPath } from '../support/shared.js';
import { REFERENCE_DASHBOARDS } from './support/reference.js';
import { grafanaDashboard, KNOWN } from './support/arbitraries.js';

type Mutation = { at: number; op: 'delete' | 'replace' | 'wrap' | 'empty' | 'stringify'; value: Json };

/** Every container path in a JSON tree, parents before children. */
function paths(v: Json, base: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [base];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...base, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...base, k]));
  return out;
}

/**
 * Replacements are copies: fast-check hands out one instance of each constant, and the same object placed
 * twice, once inside itself, made a cyclic document, which no JSON file can be (diff's sortKeys then
 * overflowed the stack: seed 381370748).
 */
function mutate(root: Json, mutations: Mutation[]): Json {
  let doc = structuredClone(root);
  for (const m of mutations) {
    const all = paths(doc);
    const target = all[m.at % all.length]!;
    if (target.length === 0) {
      doc = m.op === 'replace' ? structuredClone(m.value) : m.op === 'wrap' ? [doc] : doc;
      continue;
    }
    const parent = target.slice(0, -1).reduce<Json>((v, k) => (v as Record<string, Json>)[k as string]!, doc) as Record<string | number, Json>;
    const key = target.at(-1)!;
    const current = parent[key]!;
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.op === 'replace') parent[key] = structuredClone(m.value);
    else if (m.op === 'wrap') parent[key] = [current];
    else if (m.op === 'empty') parent[key] = Array.isArray(current) ? [] : current !== null && typeof current === 'object' ? {} : '';
    else parent[key] = JSON.stringify(current) ?? null;
  }
  return doc;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'wrap', 'empty', 'stringify'),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, fc.constantFrom<Json>(null, '', 0, -1, 1e300, '${x}', '`', [], {}, 'row', '-- Mixed --', { uid: '$ds' })),
});

const references: Json[] = hasShared ? REFERENCE_DASHBOARDS.map((f) => JSON.parse(readFileSync(sharedPath(f), 'utf8')) as Json) : [];
const base: fc.Arbitrary<Json> = references.length > 0 ? fc.oneof(fc.constantFrom(...references), grafanaDashboard() as fc.Arbitrary<Json>) : (grafanaDashboard() as fc.Arbitrary<Json>);
const mutated = fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([doc, ms]) => ({ original: doc, mutated: mutate(doc, ms) }));

/** `FUZZ_RUNS=5000 npx vitest run test/import/fuzz.test.ts` for a longer hunt. */
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
const TIMEOUT = RUNS ? RUNS * 100 : undefined;

describe('fuzz: mutated dashboards', () => {
  it('import never throws and reports problems as issues', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async ({ mutated: doc }) => {
        const result = await importDashboard(doc, { datasources: KNOWN, file: 'fuzz.json' });
        expect(result.issues.filter((i) => i.code === 'import-internal')).toEqual([]);
        if (result.code === '') expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
        else expect(result.code).toMatch(/^export default dashboard\(/m);
      }),
      { numRuns: RUNS ?? 250 },
    );
  }, TIMEOUT);

  it('diff never throws, is empty against itself, and renders in every format', () => {
    fc.assert(
      fc.property(mutated, ({ original, mutated: doc }) => {
        const changes = diffDashboards(original, doc);
        expect(Array.isArray(changes)).toBe(true);
        expect(diffDashboards(doc, doc)).toEqual([]);
        expect(semanticEqual(doc, doc)).toBe(true);
        expect(semanticEqual(original, doc)).toBe(changes.length === 0);
        const sets = diffDashboardSets(new Map([['a.json', original]]), new Map([['a.json', doc]]));
        for (const format of ['text', 'markdown', 'json'] as const) expect(typeof formatDiffs(sets, format)).toBe('string');
      }),
      { numRuns: RUNS ?? 400 },
    );
  }, TIMEOUT);

  it('not a dashboard at all: a clear error, no code', async () => {
    for (const doc of [null, 42, 'dashboard', [], [{}], { foo: 1 }, { panels: 'x', title: 't' }]) {
      const result = await importDashboard(doc, { file: 'x.json' });
      expect(result.code).toBe('');
      expect(result.issues[0]).toMatchObject({ severity: 'error' });
      expect(result.issues[0]!.message).toContain('x.json');
    }
  });

  it('legacy rows (schemaVersion < 16): a clear error naming what to do', async () => {
    const result = await importDashboard({ title: 'Old', schemaVersion: 14, rows: [{ panels: [] }] }, { file: 'old.json' });
    expect(result.code).toBe('');
    expect(result.issues).toMatchObject([{ code: 'import-legacy-rows', severity: 'error' }]);
    expect(result.issues[0]!.message).toMatch(/old\.json.*legacy "rows".*Grafana 5/);
  });
});
