import { describe, expect, it } from 'vitest';
import { epochMs, sqlFrames } from '../../src/preview/data/frames.js';
import { legendName } from '../../src/preview/data/prometheus-frames.js';
import { reduceValues } from '../../src/preview/data/reduce.js';
import { markdown } from '../../src/preview/render/text.js';

const TIMESTAMP = 1114;
const TEXT = 25;
const FLOAT8 = 701;

describe('SQL results as Grafana frames', () => {
  const rows = [
    { time: new Date('2026-11-01T00:00:02Z'), metric: 'run b', value: 3 },
    { time: new Date('2026-11-01T00:00:01Z'), metric: 'run a', value: 1 },
    { time: new Date('2026-11-01T00:00:00Z'), metric: 'run a', value: 2 },
  ];
  const fields = [{ name: 'time', dataTypeID: TIMESTAMP }, { name: 'metric', dataTypeID: TEXT }, { name: 'value', dataTypeID: FLOAT8 }];

  it('time_series: one series per metric, sorted by time, named by the metric column', () => {
    const frames = sqlFrames({ rows, fields }, 'time_series', 'A');
    expect(frames.map((f) => [f.fields[1]!.name, f.fields[0]!.values, f.fields[1]!.values])).toEqual([
      ['run a', [Date.parse('2026-11-01T00:00:00Z'), Date.parse('2026-11-01T00:00:01Z')], [2, 1]],
      ['run b', [Date.parse('2026-11-01T00:00:02Z')], [3]],
    ]);
    expect(frames[0]!.refId).toBe('A');
  });

  it('table: the result as it is, times as epoch ms', () => {
    const [frame] = sqlFrames({ rows, fields }, 'table');
    expect(frame!.fields.map((f) => [f.name, f.type])).toEqual([['time', 'time'], ['metric', 'string'], ['value', 'number']]);
    expect(frame!.fields[0]!.values[0]).toBe(Date.parse('2026-11-01T00:00:02Z'));
  });

  it('reads epoch numbers by their size, as Grafana does', () => {
    expect(epochMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(epochMs(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(epochMs(1_700_000_000_000_000)).toBe(1_700_000_000_000);
    expect(epochMs('2026-11-01 00:00:00')).toBe(Date.parse('2026-11-01T00:00:00Z'));
  });
});

describe('Prometheus series names', () => {
  const metric = { __name__: 'ttft_seconds', instance: 'worker-0:8000', quantile: '0.5' };
  it('fills {{label}} in legendFormat', () => {
    expect(legendName(metric, 'p50 {{instance}}', 'x')).toBe('p50 worker-0:8000');
  });
  it('__auto: metric name and labels, or the expression when there are none', () => {
    expect(legendName(metric, '__auto', 'x')).toBe('ttft_seconds{instance="worker-0:8000", quantile="0.5"}');
    expect(legendName({}, '__auto', 'sum(rate(x[5m]))')).toBe('sum(rate(x[5m]))');
  });
});

describe('reducers', () => {
  const values = [1, null, 4, 2];
  it.each([
    ['lastNotNull', 2],
    ['last', 2],
    ['first', 1],
    ['mean', 7 / 3],
    ['max', 4],
    ['min', 1],
    ['sum', 7],
    ['count', 4],
    ['range', 3],
    ['diff', 1],
    ['delta', 3 + 2],
  ] as const)('%s', (calc, expected) => {
    expect(reduceValues(values, calc)).toBeCloseTo(expected);
  });
});

describe('text panel markdown', () => {
  it('renders headings, lists, emphasis, code and links', () => {
    expect(markdown('# Title\n\nSome **bold** and *em* with `code`.\n\n- one\n- [two](https://grafana.com)')).toBe(
      '<h1>Title</h1><p>Some <strong>bold</strong> and <em>em</em> with <code>code</code>.</p><ul><li>one</li><li><a href="https://grafana.com">two</a></li></ul>',
    );
  });
  it('never passes markup through', () => {
    expect(markdown('<script>alert(1)</script> [x](javascript:void)')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; x</p>');
  });
});
