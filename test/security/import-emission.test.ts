/**
 * `dashcode import` never emits executable code from data (issue 12, item 1).
 * Random hostile strings go into every field the importer writes into the
 * generated module and the datasources module: datasource uid, type and name, titles, descriptions, query text, option keys and values,
 * links, annotations, variables and the file name in the header comment.
 * The module is written to disk, loaded as `dashcode build` loads it and compiled; it must
 * rebuild exactly what the importer evaluated in-process (the same values),
 * and no payload may run (a global set, a file written).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { diffDashboards } from '../../src/diff/diff.js';
import { describeChange } from '../../src/diff/format.js';
import type { Json, JsonObject } from '../../src/model/loose.js';
import { rebuild, Scratch } from '../import/support/generated.js';
import { CANARY, hostileString, PROTO_KEYS } from './support/hostile.js';

const h = hostileString();
const key = fc.oneof(h, fc.constantFrom(...PROTO_KEYS));

/** A dashboard with a hostile string in every field the importer writes out. */
const hostileDashboard = fc
  .record({
    title: h, description: h, tag: h, rowTitle: h, panelTitle: h, panelDescription: h, unit: h, displayName: h,
    promUid: h, expr: h, legend: h, pgUid: h, rawSql: h, pluginType: h, otherType: h, otherUid: h, otherQuery: h,
    dsName: h, optionKey: key, optionValue: h, customKey: key, targetKey: key, linkTitle: h, linkUrl: h,
    annotationName: h, annotationUid: h, annotationExpr: h, variableLabel: h, variableQuery: h, textContent: h, file: h,
  })
  .map((s) => ({ file: s.file, dashboard: dashboardOf(s) }));

function dashboardOf(s: Record<string, string>): JsonObject {
  // Side by side, never overlapping: an overlap is compacted on import (src/import/grid.ts), which is not this test's subject.
  const grid = (y: number, w = 12, x = 0) => ({ x, y, w, h: 8 });
  const prom = { type: 'prometheus', uid: s.promUid! };
  const pg = { type: 'grafana-postgresql-datasource', uid: s.pgUid! };
  const other = { type: s.otherType!, uid: s.otherUid! };
  return {
    uid: 'hostile', title: s.title!, description: s.description!, tags: [s.tag!], schemaVersion: 39,
    templating: { list: [{ name: 'choice', type: 'custom', label: s.variableLabel!, query: s.variableQuery!, options: [], current: {} }] },
    links: [{ title: s.linkTitle!, url: s.linkUrl!, type: 'link', icon: 'external link' }],
    annotations: { list: [{ name: s.annotationName!, enable: true, iconColor: 'red', datasource: { type: 'prometheus', uid: s.annotationUid! }, expr: s.annotationExpr! }] },
    panels: [
      { type: 'row', title: s.rowTitle!, collapsed: false, gridPos: { x: 0, y: 0, w: 24, h: 1 }, id: 1, panels: [] },
      {
        type: 'timeseries', id: 2, title: s.panelTitle!, description: s.panelDescription!, gridPos: grid(1), datasource: prom,
        targets: [{ refId: 'A', datasource: prom, expr: s.expr!, legendFormat: s.legend! }],
        options: { [s.optionKey!]: s.optionValue!, legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] } } as Json,
        fieldConfig: { defaults: { unit: s.unit!, displayName: s.displayName!, custom: { [s.customKey!]: s.optionValue! } as Json }, overrides: [] },
      },
      { type: s.pluginType!, id: 3, title: s.panelTitle!, gridPos: grid(1, 12, 12), datasource: pg, targets: [{ refId: 'A', datasource: pg, rawSql: s.rawSql!, format: 'table' }] },
      { type: 'table', id: 4, title: s.panelTitle!, gridPos: grid(9), datasource: other, targets: [{ refId: 'A', datasource: other, query: s.otherQuery!, [s.targetKey!]: s.optionValue! }] },
      { type: 'stat', id: 5, title: s.panelTitle!, gridPos: grid(9, 12, 12), datasource: s.dsName!, targets: [{ refId: 'A', expr: s.expr! }] },
      { type: 'text', id: 6, title: s.panelTitle!, gridPos: grid(17, 24), options: { mode: 'markdown', content: s.textContent! } },
    ],
  };
}

describe('import never emits executable code from data', () => {
  const scratch = new Scratch();
  afterAll(() => scratch.remove());
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[CANARY];
  });

  it('reproduces the found bug: a newline in a datasource type stays inside its literal (it used to end a // TODO comment)', async () => {
    const type = `evil\nglobalThis.${CANARY} = 1; //`;
    const doc = { uid: 'x', title: 'x', schemaVersion: 39, panels: [{ type: 'table', title: 'p', gridPos: { x: 0, y: 0, w: 12, h: 8 }, datasource: { uid: 'u', type }, targets: [{ refId: 'A', datasource: { uid: 'u', type } }] }] };
    const { result, file } = await scratch.importTo(doc, { file: `x*/ globalThis.${CANARY} = 2; /*.json` });
    expect(result.issues.filter((i) => i.code === 'import-internal')).toEqual([]);
    const rebuilt = await rebuild(file);
    expect((globalThis as Record<string, unknown>)[CANARY]).toBeUndefined();
    expect(((rebuilt.panels as JsonObject[])[0]!.datasource as JsonObject).type).toBe(type);
  });

  it('every hostile string comes back from the compiled module as the same value, and nothing runs', async () => {
    await fc.assert(
      fc.asyncProperty(hostileDashboard, async ({ file, dashboard }) => {
        // As `dashcode import` does: the module, and its new datasources appended to a datasources module beside it.
        const { result, file: written } = await scratch.importTo(dashboard, { file });
        expect(result.issues.filter((i) => i.code === 'import-internal')).toEqual([]);
        expect(result.code).not.toBe('');
        const rebuilt = await rebuild(written);
        await new Promise((resolve) => setImmediate(resolve));
        expect((globalThis as Record<string, unknown>)[CANARY]).toBeUndefined();
        expect(existsSync(path.join(scratch.dir, 'pwned.txt')) || existsSync('pwned.txt')).toBe(false);
        // The module rebuilds exactly what the importer evaluated in-process: the same differences from the input, no more.
        expect(diffDashboards(dashboard, rebuilt).map(describeChange)).toEqual(result.roundTrip.map(describeChange));
        // And the strings themselves, field by field (an empty string may be dropped, as Grafana drops it).
        const panels = rebuilt.panels as JsonObject[];
        const original = dashboard.panels as JsonObject[];
        const same = (actual: unknown, expected: unknown) => expect(actual ?? '').toBe(expected);
        same(rebuilt.title, dashboard.title);
        same(rebuilt.description, dashboard.description);
        original.forEach((p, i) => same(panels[i]!.title, p.title));
        const ts = panels.find((p) => p.type === 'timeseries')!;
        same((ts.targets as JsonObject[])[0]!.expr, (original[1]!.targets as JsonObject[])[0]!.expr);
        same(ts.description, original[1]!.description);
      }),
      { numRuns: 20 },
    );
  }, 240_000);
});

describe('the import printer', () => {
  it('keeps a long computed key such as [\'__proto__\'] on one line (found by the property above)', async () => {
    const { printStatement } = await import('../../src/import/print.js');
    const long = 'x'.repeat(150);
    const out = printStatement(`const a = { query: '', ['__proto__']: '${long}' };`);
    expect(out).toContain(`['__proto__']: '${long}'`);
    expect(() => new Function(out)).not.toThrow();
  });
});
