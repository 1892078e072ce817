/**
 * Keys named like Object.prototype's members (`__proto__`, `constructor`,
 * `toString`) are data wherever input names them. An audit of every write
 * keyed by input (2026-12-07) found places where `out[key] = value` with the
 * key `__proto__` replaced the object's prototype: the value was lost, and
 * the object then answered the attacker's properties as inherited ones. And
 * two reads that returned an inherited member for such a name. None of them
 * polluted Object.prototype (the file's afterEach checks that too).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanInputs } from '../../src/cli/fast-path.js';
import { walkFilesSyncKnown } from '../../src/files/walk.js';
import { fillInputs } from '../../src/import/inputs.js';
import { migrateLegacyPanel } from '../../src/import/legacy.js';
import type { JsonObject } from '../../src/model/loose.js';
import { withFields } from '../../src/model/with-fields.js';
import { stackSeries } from '../../src/preview/browser/stacking.js';
import { legendName } from '../../src/preview/data/prometheus-frames.js';
import { pollutionTraces } from './support/hostile.js';

afterEach(() => {
  expect(pollutionTraces()).toEqual([]);
});

/** `o` keeps Object.prototype, and each key is its own property. */
function keptAsData(o: unknown, keys: readonly string[]): void {
  expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  for (const k of keys) expect(Object.prototype.hasOwnProperty.call(o, k), `own key ${k}`).toBe(true);
}

const parse = (text: string) => JSON.parse(text) as JsonObject;

describe('import', () => {
  it('withFields sets a __proto__ field as data, as the generated code asks', () => {
    const spec = withFields({ model: { a: 1 } }, parse('{"__proto__": {"x": 1}, "b": 2}'));
    keptAsData(spec.model, ['__proto__', 'a', 'b']);
    expect((spec.model as Record<string, unknown>).x).toBeUndefined();
  });

  it('filling a shared dashboard\'s datasource inputs keeps every key as data', () => {
    const d = parse('{"__inputs": [{"name": "DS_PROM", "type": "datasource", "pluginId": "prometheus"}], "panels": [{"type": "timeseries", "datasource": {"uid": "${DS_PROM}"}, "options": {"__proto__": {"y": 1}, "x": 2}}]}');
    const { dashboard } = fillInputs(d, [{ exportName: 'prometheus', uid: 'prom', type: 'prometheus' }]);
    const panel = (dashboard.panels as JsonObject[])[0]!;
    expect(panel.datasource).toEqual({ uid: 'prom' });
    keptAsData(panel.options, ['__proto__', 'x']);
    expect((panel.options as Record<string, unknown>).y).toBeUndefined();
  });

  it('a legacy panel\'s keys the migration leaves stay data, and a type under __proto__ is no type', () => {
    const m = migrateLegacyPanel(parse('{"span": 4, "title": "t", "__proto__": {"type": "graph"}}'));
    expect(m?.to).not.toBe('timeseries');
    keptAsData(m!.panel, ['__proto__', 'title']);
    expect(m!.panel.type).toBeUndefined();
  });
});

describe('preview', () => {
  it('a stacking group named like a member of Object.prototype stacks like any other', () => {
    for (const group of ['__proto__', 'constructor', 'toString', 'A']) {
      const data: Array<Array<number | null | undefined>> = [[0, 1], [1, 2], [10, 20]];
      const bands = stackSeries([{ stack: group }, { stack: group }], data);
      expect(bands, group).toEqual([{ series: [2, 1] }]);
      expect(data[2], group).toEqual([11, 22]);
    }
  });

  it('a legend format names only the series\' own labels: an inherited member is a missing label', () => {
    expect(legendName(parse('{"job": "a"}') as Record<string, string>, '{{constructor}}|{{__proto__}}|{{toString}}|{{job}}', 'up')).toBe('|||a');
    expect(legendName(parse('{"__proto__": "p", "job": "a"}') as Record<string, string>, '{{__proto__}} {{job}}', 'up')).toBe('p a');
  });
});

describe('the build cache\'s scan of a project', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  /** Folders `__proto__` and `constructor`, each with files of those names; or, with `protoFile`, a file `__proto__` at the root instead of the folder. */
  const project = (protoFile = false) => {
    const root = mkdtempSync(path.join(tmpdir(), 'dashcode-proto-keys-'));
    dirs.push(root);
    for (const name of protoFile ? ['constructor'] : ['__proto__', 'constructor']) {
      mkdirSync(path.join(root, name));
      writeFileSync(path.join(root, name, 'a.ts'), 'export {};\n');
      writeFileSync(path.join(root, name, name), 'x');
    }
    writeFileSync(path.join(root, '__proto__.ts'), 'export {};\n');
    if (protoFile) writeFileSync(path.join(root, '__proto__'), 'x');
    return root;
  };

  it('records a folder named __proto__ like any other, so it is listed from the record and watched', () => {
    const root = project();
    const { files, folders } = walkFilesSyncKnown(root, () => false);
    expect(files).toEqual(['__proto__.ts', '__proto__/__proto__', '__proto__/a.ts', 'constructor/a.ts', 'constructor/constructor']);
    expect(Object.keys(folders).sort()).toEqual(['', '__proto__', 'constructor']);
  });

  it('records a file named __proto__ like any other, and a second scan of an unchanged project hashes nothing', async () => {
    const root = project(true);
    const first = await scanInputs(root, 'generated');
    expect(Object.keys(first.files).sort()).toEqual(['__proto__', '__proto__.ts', 'constructor/a.ts', 'constructor/constructor']);
    // As the cache is read back: JSON, with every entry an own key, and old enough to be trusted.
    const known = { ...(JSON.parse(JSON.stringify(first)) as typeof first), scannedAt: Date.now() + 10_000 };
    const second = await scanInputs(root, 'generated', known);
    expect(second.digest).toBe(first.digest);
    expect(second.files).toEqual(first.files);
  });
});
