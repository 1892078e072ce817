import { describe, expect, it } from 'vitest';
import { diffDashboards, semanticEqual } from '../../src/diff/diff.js';
import { describeChange } from '../../src/diff/format.js';
import type { JsonObject } from '../../src/model/loose.js';
import { edit, fixture, PROM } from './support/fixture.js';

const lines = (after: unknown) => diffDashboards(fixture(), after).map(describeChange);
const panel = (d: { panels: JsonObject[] }, title: string) => d.panels.find((p) => p.title === title)! as JsonObject & { gridPos: JsonObject; targets: JsonObject[]; fieldConfig: { defaults: JsonObject } };

describe('noise never shows', () => {
  it('ids, version, key order, pluginVersion, schemaVersion and the built-in annotation', () => {
    const after = edit((d) => {
      d.id = 99;
      d.version = 1;
      d.schemaVersion = 41;
      d.annotations = { list: [] };
      d.panels.forEach((p, i) => {
        p.id = 100 + i;
        delete p.pluginVersion;
      });
      d.panels.reverse();
    });
    const reordered = Object.fromEntries(Object.entries(after).reverse());
    expect(lines(reordered)).toEqual([]);
    expect(semanticEqual(fixture(), reordered)).toBe(true);
  });

  it('defaults written or left out, editor state, and where a target names its datasource', () => {
    const after = edit((d) => {
      const runs = panel(d, 'Runs');
      runs.transparent = false;
      runs.links = [];
      runs.fieldConfig.defaults.mappings = [];
      delete runs.targets[0]!.editorMode;
      runs.targets[0]!.sql = { columns: [] };
      delete runs.targets[0]!.datasource; // inherited from the panel: the same datasource
      Object.assign(runs.options as JsonObject, { graphMode: 'area', justifyMode: 'auto' }); // the stat panel's defaults
      panel(d, 'GPU').targets[0]!.instant = false;
      panel(d, 'GPU').targets[0]!.exemplar = false;
      (d.templating as { list: JsonObject[] }).list[0]!.options = [{ text: 'main', value: 'main', selected: true }];
    });
    expect(lines(after)).toEqual([]);
  });
});

describe('panel-level changes', () => {
  it('added and removed, named by title and row', () => {
    const after = edit((d) => {
      d.panels = d.panels.filter((p) => p.title !== 'GPU');
      d.panels.push({ type: 'text', title: 'Notes', gridPos: { x: 12, y: 5, w: 12, h: 8 }, options: { content: 'hi', mode: 'markdown' } });
    });
    expect(lines(after)).toEqual([
      'datasource prometheus prom-main no longer used',
      'panel "GPU" in row "Usage" removed (timeseries)',
      'panel "Notes" in row "Usage" added (text at x=12 y=5)',
    ]);
  });

  it('moved and resized', () => {
    const after = edit((d) => {
      panel(d, 'CPU').gridPos = { x: 12, y: 5, w: 12, h: 8 };
      panel(d, 'GPU').gridPos = { x: 0, y: 5, w: 12, h: 10 };
    });
    // In the new dashboard's reading order: GPU is now first.
    expect(lines(after)).toEqual(['panel "GPU" in row "Usage": moved x=12 y=5 → x=0 y=5', 'panel "GPU" in row "Usage": resized 12×8 → 12×10', 'panel "CPU" in row "Usage": moved x=0 y=5 → x=12 y=5']);
  });

  it('a panel growing above others shifts them: one summary line, not one move each', () => {
    const after = edit((d) => {
      panel(d, 'Runs').gridPos = { x: 0, y: 0, w: 12, h: 6 };
      for (const p of d.panels.slice(1)) (p.gridPos as { y: number }).y += 2;
    });
    expect(lines(after)).toEqual(['layout: 3 panel(s) and row(s) shifted vertically, in the same order', 'panel "Runs": resized 12×4 → 12×6']);
  });

  it('moved to another row, matched by title', () => {
    const after = edit((d) => {
      d.panels.splice(1, 1); // the row goes: CPU and GPU move to the top level
    });
    expect(lines(after)).toEqual(['row "Usage" removed', 'panel "CPU": moved from row "Usage" to the top level', 'panel "GPU": moved from row "Usage" to the top level']);
  });

  it('renamed: matched by identical queries', () => {
    const after = edit((d) => {
      panel(d, 'GPU').title = 'GPU utilisation';
    });
    expect(lines(after)).toEqual(['panel "GPU utilisation" in row "Usage": title "GPU" → "GPU utilisation"']);
  });

  it('query text changes as a small unified diff', () => {
    const after = edit((d) => {
      const t = panel(d, 'CPU').targets[0]!;
      t.rawSql = String(t.rawSql).replace('${branch:sqlstring}', '${branch}');
    });
    const [change] = diffDashboards(fixture(), after);
    expect(describeChange(change!)).toBe('panel "CPU" in row "Usage": query A.rawSql changed');
    expect(change!.textDiff).toEqual(['@@ -1,3 +1,3 @@', ' SELECT time, cpu FROM device', '-WHERE branch = ${branch:sqlstring}', '+WHERE branch = ${branch}', ' ORDER BY 1']);
  });

  it('queries added and removed, and a datasource change', () => {
    const after = edit((d) => {
      const gpu = panel(d, 'GPU');
      gpu.targets.push({ refId: 'B', datasource: PROM, expr: 'max(gpu_utilization)' });
      panel(d, 'Runs').targets = [];
    });
    expect(lines(after)).toEqual([
      'panel "Runs": query A removed: "SELECT count(*) FROM benchmarks"',
      'panel "GPU" in row "Usage": query B added: "max(gpu_utilization)"',
    ]);
    const moved = edit((d) => {
      const t = panel(d, 'GPU').targets[0]!;
      t.datasource = { type: 'prometheus', uid: 'prom-other' };
      panel(d, 'GPU').datasource = t.datasource;
    });
    // The only reference to prom-main moved: one datasource replaced everywhere, not one line per query.
    expect(lines(moved)).toEqual(['datasource prometheus prom-main replaced by prometheus prom-other everywhere']);
    const partly = edit((d) => {
      const gpu = panel(d, 'GPU');
      gpu.targets.push({ refId: 'B', datasource: { type: 'prometheus', uid: 'prom-other' }, expr: 'max(gpu_utilization)' });
    });
    expect(lines(partly)).toEqual(['datasource prometheus prom-other now used', 'panel "GPU" in row "Usage": query B added: "max(gpu_utilization)"']);
  });

  it('options and field config by path', () => {
    const after = edit((d) => {
      (panel(d, 'CPU').options as { legend: JsonObject }).legend.displayMode = 'table';
      panel(d, 'CPU').fieldConfig.defaults.unit = 'percentunit';
      panel(d, 'CPU').fieldConfig.defaults.max = undefined as never;
    });
    expect(lines(after)).toEqual([
      'panel "CPU" in row "Usage": fieldConfig.defaults.max removed (was 100)',
      'panel "CPU" in row "Usage": fieldConfig.defaults.unit "percent" → "percentunit"',
      'panel "CPU" in row "Usage": options.legend.displayMode "list" → "table"',
    ]);
  });
});

describe('dashboard-level changes', () => {
  it('variables added, removed and changed; settings by path', () => {
    const after = edit((d) => {
      const list = (d.templating as { list: JsonObject[] }).list;
      list[0]!.query = 'SELECT DISTINCT branch FROM benchmarks ORDER BY 1';
      list.push({ name: 'model', type: 'custom', query: 'a,b' });
      d.time = { from: 'now-24h', to: 'now' };
      d.refresh = '30s';
    });
    expect(lines(after)).toEqual([
      'dashboard: refresh "" → "30s"',
      'dashboard: time.from "now-6h" → "now-24h"',
      'variable "branch": query changed',
      'variable "model" added (custom)',
    ]);
    expect(lines(edit((d) => ((d.templating as { list: JsonObject[] }).list = [])))).toEqual(['variable "branch" removed (query)']);
  });

  it('the postgres alias and the new plugin id are the same datasource type', () => {
    const after = edit((d) => {
      for (const p of d.panels) for (const t of (p.targets as JsonObject[] | undefined) ?? []) if ((t.datasource as JsonObject | undefined)?.uid === 'pg-main') t.datasource = { type: 'postgres', uid: 'pg-main' };
    });
    expect(lines(after)).toEqual([]);
  });
});
