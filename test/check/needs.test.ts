/**
 * A PromQL query checked without a Prometheus is "syntax ok, not run": the
 * library says so and returns `needs: 'prometheus'`; only the CLI's report
 * names the flag that gives one (issue #16).
 */
import { describe, expect, it } from 'vitest';
import { checkDashboard, formatCheckReport } from '../../src/check/run/index.js';
import { needsHint } from '../../src/cli/hints.js';

const dashboard = {
  uid: 'p',
  title: 'Prom',
  schemaVersion: 41,
  time: { from: 'now-1h', to: 'now' },
  panels: [{ id: 1, type: 'timeseries', title: 'Up', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: 'A', datasource: { type: 'prometheus', uid: 'prom' }, expr: 'up' }] }],
  templating: { list: [] },
};

describe('a query not run for want of Prometheus', () => {
  it('is data in the library, and a flag only in the CLI report', async () => {
    const check = await checkDashboard(dashboard, {});
    expect(check.queries[0]).toMatchObject({ status: 'syntax-ok', needs: 'prometheus', message: 'PromQL syntax ok; not run: no Prometheus given' });
    expect(formatCheckReport([check])).not.toContain('--');
    expect(formatCheckReport([check], false, needsHint)).toContain('PromQL syntax ok; not run: no Prometheus given (give --prometheus-url)');
    expect(formatCheckReport([check])).toContain('\n1 query: 0 ok, 1 syntax ok (not run),');
  });
});
