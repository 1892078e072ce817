/**
 * No prototype pollution (issue 12, item 4). `__proto__`, `constructor` and
 * `prototype` in user JSON are data: every layer keeps them as ordinary keys
 * (or reports them) and none of them changes an object's prototype. Covered:
 * the builders' merge and `raw`, diff, import, lint, check, preview and the
 * CSV loader. After each test nothing in the process is polluted.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkDashboard } from '../../src/check/run/index.js';
import { compileDashboard } from '../../src/compile/compile.js';
import { dashboard } from '../../src/dashboards/dashboard.js';
import { diffDashboards } from '../../src/diff/diff.js';
import { describeChange, formatDiffs } from '../../src/diff/format.js';
import { importDashboard } from '../../src/import/import.js';
import { lintDashboard } from '../../src/lint/index.js';
import type { Json, JsonObject } from '../../src/model/loose.js';
import { deepMerge, mergeIntoFresh } from '../../src/model/merge.js';
import { timeseriesPanel } from '../../src/panels/timeseries/timeseries.js';
import { previewPage } from '../../src/preview/index.js';
import { alertQuery, alertRule, backtestRule, thresholdExpression } from '../../src/alerting/index.js';
import { prometheusDatasource, promql, promQuery } from '../../src/index.js';
import { loadCsvDir, migrate, type SqlEngine } from '../../src/db/index.js';
import { grafanaDashboard } from '../import/support/arbitraries.js';
import { openTestPglite } from '../support/pglite.js';
import { pollutionTraces, PROTO_KEYS } from './support/hostile.js';

const HOSTILE = '{"__proto__": {"polluted": "yes", "isAdmin": true}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"x": 1}}';
const hostile = (): JsonObject => JSON.parse(HOSTILE) as JsonObject;

afterEach(() => {
  expect(pollutionTraces()).toEqual([]);
});

// One PGlite for the file's tests that need a database (each open costs ~0.4 s of CPU); none of them reads another's tables.
let db: SqlEngine | undefined;
const sharedDb = async (): Promise<SqlEngine> => (db ??= await openTestPglite());
afterAll(async () => {
  await db?.close();
});

/** The keys of `o` and its prototype: a key kept as data is an own key, and the prototype is untouched. */
function keptAsData(o: unknown, keys: readonly string[] = ['__proto__', 'constructor', 'prototype']): void {
  expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  for (const k of keys) expect(Object.prototype.hasOwnProperty.call(o, k), `own key ${k}`).toBe(true);
}

describe('the builders: merge and raw', () => {
  it('mergeIntoFresh and deepMerge keep the keys as data and pollute nothing', () => {
    const merged = mergeIntoFresh<JsonObject>({ legend: { show: true } }, hostile());
    keptAsData(merged);
    expect(merged.__proto__).toEqual({ polluted: 'yes', isAdmin: true });
    keptAsData(deepMerge<JsonObject>({}, hostile()));
    // Merging into a base that has the key already merges the two values, still as data.
    const twice = mergeIntoFresh<JsonObject>(JSON.parse('{"__proto__": {"a": 1}}') as JsonObject, JSON.parse('{"__proto__": {"b": 2}}'));
    expect(twice.__proto__).toEqual({ a: 1, b: 2 });
    keptAsData(twice, ['__proto__']);
  });

  it('raw on a panel and a dashboard lands in the JSON as the same keys', () => {
    const panel = timeseriesPanel({ title: 'CPU', queries: [], raw: { options: hostile(), ...hostile() } as never });
    const d = dashboard({ uid: 'pp', title: 'PP', panels: [panel], raw: hostile() as never });
    const { json } = compileDashboard(d);
    keptAsData(json);
    const p = (json.panels as JsonObject[])[0]!;
    keptAsData(p);
    keptAsData(p.options);
    expect(JSON.parse(JSON.stringify(json)).__proto__).toEqual({ polluted: 'yes', isAdmin: true });
  });
});

/** A dashboard whose one panel has a prototype key in its options (the found bug's input). */
function panelWithOptions(options: Json, extra: JsonObject = {}): JsonObject {
  return {
    uid: 'u', title: 'T', schemaVersion: 39,
    panels: [{ type: 'timeseries', title: 'CPU', gridPos: { x: 0, y: 0, w: 12, h: 8 }, datasource: { type: 'prometheus', uid: 'prom' }, options, targets: [{ refId: 'A', expr: 'up', datasource: { type: 'prometheus', uid: 'prom' } }], ...extra }],
  };
}

describe('a prototype polluted by other code', () => {
  it('an enumerable key on Object.prototype is never copied into compiled or printed JSON, nor reported by validation', async () => {
    const { printCanonical } = await import('../../src/compile/serialize.js');
    const { tablePanel } = await import('../../src/panels/table/table.js');
    const make = () =>
      dashboard({
        uid: 'pp',
        title: 'PP',
        panels: [
          timeseriesPanel({ title: 'CPU', queries: [], unit: 'percent', thresholds: { steps: [{ color: 'green' }, { color: 'red', value: 80 }] }, options: { legend: { showLegend: true } } as never, raw: { transparent: true } as never }),
          tablePanel({ title: 'Runs', queries: [] }),
        ],
      });
    const clean = printCanonical(compileDashboard(make()).json);
    const proto = Object.prototype as Record<string, unknown>;
    proto.inheritedByEveryObject = 'leaked';
    try {
      const { json } = compileDashboard(make());
      const owned: string[] = [];
      const visit = (v: unknown, at: string): void => {
        if (typeof v !== 'object' || v === null) return;
        if (Object.hasOwn(v, 'inheritedByEveryObject')) owned.push(at);
        for (const [k, c] of Object.entries(v)) visit(c, `${at}.${k}`);
      };
      visit(json, '$');
      expect(owned).toEqual([]);
      expect(printCanonical(json)).toBe(clean);
      // Validation reads own keys only (ajv's ownProperties): the inherited key is no unknown key of every object.
      const { buildDashboard } = await import('../../src/build.js');
      const built = buildDashboard(make(), { validate: 'full' });
      expect(built.issues).toEqual([]);
      expect(built.text).toBe(clean);
    } finally {
      delete proto.inheritedByEveryObject;
    }
  });
});

describe('diff', () => {
  it('found bug: a __proto__ key in one panel\'s options hides nothing (an added query, a datasource change)', () => {
    const before = panelWithOptions(JSON.parse('{"__proto__": {"legend": {"showLegend": false}}}') as Json);
    const ds = { type: 'prometheus', uid: 'prom-2' };
    const after = panelWithOptions(JSON.parse('{"__proto__": {"legend": {"showLegend": false}}}') as Json, {
      datasource: ds,
      targets: [{ refId: 'A', expr: 'up', datasource: ds }, { refId: 'B', expr: 'rate(x[5m])', datasource: ds }],
    });
    const changes = diffDashboards(before, after).map(describeChange).join('\n');
    expect(changes).toMatch(/query B/);
    expect(changes).toMatch(/prom-2/);
    const markdown = formatDiffs([{ name: 'd.json', title: 'T', uid: 'u', status: 'changed', changes: diffDashboards(before, after) }], 'markdown');
    expect(markdown).toMatch(/rate\(x\[5m\]\)/);
  });

  it('a change under a prototype key is a change; equal documents are equal', () => {
    for (const key of PROTO_KEYS) {
      const a = panelWithOptions(JSON.parse(`{"${key}": {"v": 1}}`) as Json);
      const b = panelWithOptions(JSON.parse(`{"${key}": {"v": 2}}`) as Json);
      expect(diffDashboards(a, a)).toEqual([]);
      expect(diffDashboards(a, b).map(describeChange).join('\n'), key).toMatch(new RegExp(key));
      expect(diffDashboards(a, panelWithOptions({})).length, key).toBeGreaterThan(0);
    }
  });
});

/** A harmless key of the same shape for each hostile key: the hostile key must behave exactly like it. */
const BENIGN: Record<string, string> = { __proto__: '__xroto__', constructor: 'constructxr', prototype: 'prototypx', toString: 'toStrinx', hasOwnProperty: 'hasOwnPropertx', valueOf: 'valueOx' };
const benignName = (key: string) => (Object.prototype.hasOwnProperty.call(BENIGN, key) ? BENIGN[key]! : key);
const unbenign = (text: string) => Object.entries(BENIGN).reduce((t, [hostileKey, benign]) => t.split(benign).join(hostileKey), text);

/**
 * A random dashboard with hostile keys inserted at random places, and the
 * same dashboard with each hostile key replaced by its harmless twin.
 */
function poisoned(): fc.Arbitrary<{ original: JsonObject; poisoned: JsonObject; benign: JsonObject }> {
  return fc.tuple(grafanaDashboard(), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 5 })).map(([original, inserts]) => {
    const insert = (rename: (k: string) => string) => {
      const doc = JSON.parse(JSON.stringify(original)) as JsonObject;
      const objects: JsonObject[] = [];
      const walk = (v: unknown) => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v !== null && typeof v === 'object') {
          objects.push(v as JsonObject);
          Object.values(v).forEach(walk);
        }
      };
      walk(doc);
      for (const [at, key, value] of inserts) {
        const target = objects[at % objects.length]!;
        const inner = Object.create(null) as JsonObject;
        for (const [k, v] of [['polluted', 'yes'], [rename(key), value], [rename('prototype'), { polluted: 'yes' }]] as const) Object.defineProperty(inner, k, { value: v, enumerable: true, writable: true, configurable: true });
        Object.defineProperty(target, rename(key), { value: inner, enumerable: true, writable: true, configurable: true });
      }
      // As a JSON file would arrive: parsed, so `__proto__` is an own property.
      return JSON.parse(JSON.stringify(doc)) as JsonObject;
    };
    return { original, poisoned: insert((k) => k), benign: insert(benignName) };
  });
}

const described = (changes: ReturnType<typeof diffDashboards>) => changes.map(describeChange).sort();

describe('hostile keys anywhere in a dashboard', () => {
  it('diff and import treat them exactly like any other key; lint, check and preview pollute nothing', async () => {
    await fc.assert(
      fc.asyncProperty(poisoned(), async ({ original, poisoned: doc, benign }) => {
        expect(diffDashboards(doc, doc)).toEqual([]);
        expect(described(diffDashboards(original, doc))).toEqual(described(diffDashboards(original, benign)).map(unbenign).sort());
        formatDiffs([{ name: 'd.json', title: 'T', uid: 'u', status: 'changed', changes: diffDashboards(original, doc) }], 'markdown');
        const imported = await importDashboard(doc, { file: 'poisoned.json' });
        const importedBenign = await importDashboard(benign, { file: 'poisoned.json' });
        expect(imported.issues.filter((i) => i.code === 'import-internal')).toEqual([]);
        expect(described(imported.roundTrip)).toEqual(described(importedBenign.roundTrip).map(unbenign).sort());
        lintDashboard(doc);
        await checkDashboard(doc);
        await previewPage(doc);
        expect(pollutionTraces()).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });
});

describe('preview: override property ids are paths into a field\'s config', () => {
  it('an id through __proto__, constructor or prototype sets nothing outside that field\'s config', async () => {
    const engine = await sharedDb();
    const properties = ['__proto__.polluted', 'constructor.prototype.polluted', '__proto__', 'custom.__proto__.polluted', 'prototype.polluted'].map((id) => ({ id, value: 'yes' }));
    const panel = (type: string, id: number) => ({
      id,
      type,
      title: type,
      gridPos: { x: 0, y: id * 8, w: 12, h: 8 },
      datasource: { type: 'grafana-postgresql-datasource', uid: 'pg' },
      targets: [{ refId: 'A', datasource: { type: 'grafana-postgresql-datasource', uid: 'pg' }, rawQuery: true, editorMode: 'code', format: 'table', rawSql: 'SELECT 1 AS v' }],
      fieldConfig: { defaults: { unit: 'short' }, overrides: [{ matcher: { id: 'byName', options: 'v' }, properties }, { matcher: { id: 'byRegexp', options: '.*' }, properties }] },
    });
    const doc = { uid: 'pp-preview', title: 'PP', schemaVersion: 39, panels: ['stat', 'table', 'gauge', 'bargauge'].map(panel) };
    const { html } = await previewPage(doc, { sql: engine });
    expect(html).toContain('data-title="stat"');
  });
});

describe('alerting: a backtest reports each node\'s value under its refId', () => {
  it('a query whose refId is __proto__ or constructor keeps its value under that key, and pollutes nothing', async () => {
    const datasource = prometheusDatasource({ name: 'Prometheus', uid: 'prom', url: 'http://prometheus:9090' });
    const polluted = alertQuery({ refId: '__proto__', range: '10m', query: promQuery({ datasource, expr: promql`up` }) });
    const other = alertQuery({ refId: 'constructor', range: '10m', query: promQuery({ datasource, expr: promql`up` }) });
    const above = thresholdExpression({ input: polluted, above: 1 });
    const rule = alertRule({ uid: 'pp', title: 'PP', nodes: [polluted, other, above], condition: above });
    const labels = JSON.parse('{"__proto__": "x", "host": "a"}') as Record<string, string>;
    const r = await backtestRule(rule, { interval: '1m', from: new Date(0), to: new Date(60_000), run: async () => ({ values: [{ kind: 'number', labels, value: 5 }] }) });
    const values = r.firing[0]!.values;
    keptAsData(values, ['__proto__', 'constructor']);
    expect([values.__proto__, values.constructor]).toEqual([5, 5]);
    keptAsData(r.firing[0]!.labels, ['__proto__']);
  });
});

describe('the CSV loader', () => {
  it('a model measurement column named __proto__ or constructor is a measurement like any other', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dashcode-pp-csv-'));
    const engine = await sharedDb();
    try {
      const id = '06eccf8f-a72d-4b1a-a5bb-cfbf7e688c70';
      await writeFile(path.join(dir, 'benchmarks_1.csv'), `benchmark_id,repository,branch,commit_id,commit_message,metadata,created_at\n${id},r,main,abc,msg,"{""__proto__"": {""polluted"": 1}}",2025-07-29T20:08:22\n`);
      await writeFile(path.join(dir, 'model_measurements_1.csv'), `benchmark_id,time,__proto__,constructor,prototype\n${id},2025-07-29T20:08:22,1.5,2.5,3.5\n`);
      await migrate(engine);
      await loadCsvDir(engine, dir);
      const { rows } = await engine.query<{ m: string; meta: string }>('SELECT measurements::text AS m, metadata::text AS meta FROM model_measurements JOIN benchmarks USING (benchmark_id)');
      expect(JSON.parse(rows[0]!.m)).toEqual(JSON.parse('{"__proto__": 1.5, "constructor": 2.5, "prototype": 3.5}'));
      expect(rows[0]!.meta).toContain('__proto__');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
