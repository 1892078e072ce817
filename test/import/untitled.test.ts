/**
 * Grafana allows untitled panels and rows: dashcode builds them. Lint warns
 * (panel-title) for an untitled data panel; an untitled text panel or row is
 * a common layout device and is not flagged (test/lint/fidelity.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { buildDashboard, dashboard, row, statPanel, textPanel } from '../../src/index.js';
import { lintDashboard } from '../../src/lint/index.js';

describe('untitled panels', () => {
  it('build with no error; lint warns panel-title', () => {
    const spec = dashboard({ uid: 'untitled', title: 'Untitled panels', panels: [textPanel({ title: '', content: 'hi' }), statPanel({ title: '', unit: 'short', queries: [] }), row({ title: '', panels: [textPanel({ title: '', content: 'x' }), statPanel({ title: '', unit: 'short', queries: [] })] })] });
    const result = buildDashboard(spec);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.json).toBeDefined();
    const lint = lintDashboard(result.json!, {});
    const titles = lint.filter((i) => i.code === 'panel-title');
    expect(titles.map((i) => renderPath(i.path))).toEqual(['panels[1].title', 'panels[4].title']);
    expect(titles.every((i) => i.severity === 'warning')).toBe(true);
  });
});
