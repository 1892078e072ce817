/** Grafana allows untitled panels and rows: dashcode builds them, and lint warns (panel-title). */
import { describe, expect, it } from 'vitest';
import { buildDashboard, dashboard, row, textPanel } from '../../src/index.js';
import { lintDashboard } from '../../src/lint/index.js';

describe('untitled panels', () => {
  it('build with no error; lint warns panel-title', () => {
    const spec = dashboard({ uid: 'untitled', title: 'Untitled panels', panels: [textPanel({ title: '', content: 'hi' }), row({ title: '', panels: [textPanel({ title: '', content: 'x' })] })] });
    const result = buildDashboard(spec);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.json).toBeDefined();
    const lint = lintDashboard(result.json!, {});
    const titles = lint.filter((i) => i.code === 'panel-title');
    expect(titles.length).toBeGreaterThanOrEqual(2);
    expect(titles.every((i) => i.severity === 'warning')).toBe(true);
  });
});
