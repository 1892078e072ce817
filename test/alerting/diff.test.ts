import { describe, expect, it } from 'vitest';
import { diffAlerting } from '../../src/diff/alerting.js';
import { describeChange } from '../../src/diff/format.js';

const doc = (threshold: number, sql: string, extra: object[] = []) => ({
  apiVersion: 1,
  groups: [{ orgId: 1, name: 'benchmarks', folder: 'Transformers', interval: '1h', rules: [
    { uid: 'r1', title: 'Benchmark regression', condition: 'B', for: '0s', data: [
      { refId: 'A', datasourceUid: 'db', relativeTimeRange: { from: 600, to: 0 }, model: { refId: 'A', rawSql: sql } },
      { refId: 'B', datasourceUid: '__expr__', model: { refId: 'B', type: 'threshold', expression: 'A', conditions: [{ evaluator: { type: 'gt', params: [threshold] } }] } },
    ] },
    ...extra,
  ] }],
});

describe('diff of alert rules', () => {
  it('names each rule and each expression that changed, with query text as a text diff', () => {
    const changes = diffAlerting(doc(10, 'SELECT a\nFROM t'), doc(15, 'SELECT a\nFROM t2', [{ uid: 'r2', title: 'KV cache', data: [] }]));
    expect(changes.map(describeChange)).toEqual([
      'alert rule "Benchmark regression": A (query).rawSql changed',
      'alert rule "Benchmark regression": B (threshold expression).conditions[0].evaluator.params[0] 10 → 15',
      'alert rule "KV cache" added (uid r2, group Transformers/benchmarks)',
    ]);
    expect(changes[0]!.textDiff).toContain('-FROM t');
    expect(changes[0]!.textDiff).toContain('+FROM t2');
  });
  it('reports nothing for equal documents', () => {
    expect(diffAlerting(doc(10, 'x'), doc(10, 'x'))).toEqual([]);
  });
});

describe('dashcode diff over folders with alerting provisioning', () => {
  it('lists rule changes beside dashboard changes', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { stringify } = await import('yaml');
    const { run } = await import('../../src/cli/run.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-alert-diff-'));
    for (const [side, threshold] of [['old', 10], ['new', 15]] as const) {
      mkdirSync(path.join(dir, side, 'provisioning/alerting'), { recursive: true });
      writeFileSync(path.join(dir, side, 'provisioning/alerting/dashcode.yaml'), stringify(doc(threshold, 'SELECT 1')));
    }
    const io = { cwd: dir, env: {}, out: '', err: '', stdout(s: string) { this.out += s; }, stderr(s: string) { this.err += s; } };
    expect(await run(['diff', 'old', 'new'], io as never)).toBe(1);
    expect(io.out).toContain('alert rule "Benchmark regression": B (threshold expression).conditions[0].evaluator.params[0] 10 → 15');
  });
});
