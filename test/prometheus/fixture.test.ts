/** The OpenMetrics fixture is what promtool backfills: its format and its numbers must hold up. */
import { describe, expect, it } from 'vitest';
import { BUCKETS, COUNTERS, FIXTURE, FIXTURE_END_ISO, FIXTURE_START_ISO, GAUGES, HISTOGRAMS, generateOpenMetrics } from '../fixtures/prometheus/fixture.js';

const text = generateOpenMetrics();
const lines = text.split('\n');
const POINTS = (FIXTURE.end - FIXTURE.start) / FIXTURE.stepSeconds + 1;

/** series key (name + labels) → values in file order, checking timestamps as we go. */
function seriesOf(prefix: string): Map<string, Array<{ ts: number; v: number }>> {
  const out = new Map<string, Array<{ ts: number; v: number }>>();
  for (const line of lines) {
    if (line === '' || !line.startsWith(prefix) || line.startsWith('#')) continue;
    const m = /^(\S+) (\S+) (\d+)$/.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const list = out.get(m[1] ?? '') ?? [];
    list.push({ ts: Number(m[3]), v: Number(m[2]) });
    out.set(m[1] ?? '', list);
  }
  return out;
}

describe('OpenMetrics fixture', () => {
  it('covers a fixed two-hour window at 15 s', () => {
    expect([FIXTURE_START_ISO, FIXTURE_END_ISO]).toEqual(['2026-10-31T22:00:00.000Z', '2026-11-01T00:00:00.000Z']);
    expect(POINTS).toBe(481);
  });

  it('is deterministic', () => {
    expect(generateOpenMetrics()).toBe(text);
  });

  it('ends with # EOF and a newline, and has no blank lines', () => {
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    expect(lines.slice(0, -1).every((l) => l !== '')).toBe(true);
  });

  it('declares each family once, counters without _total, UNIT only where the name ends with it', () => {
    const types = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.slice(7));
    expect(types).toEqual([
      ...HISTOGRAMS.map((h) => `${h} histogram`),
      ...GAUGES.map((g) => `${g} gauge`),
      'prefill_tokens_processed counter',
      'decode_tokens_processed counter',
    ]);
    for (const l of lines.filter((x) => x.startsWith('# UNIT '))) {
      const [, , family, unit] = l.split(' ');
      expect(family?.endsWith(`_${unit}`)).toBe(true);
    }
  });

  it('has job and instance on every sample, in time order per series, inside the window', () => {
    const samples = lines.filter((l) => l !== '' && !l.startsWith('#'));
    const labelled = new RegExp(`\\{job="${FIXTURE.job}",instance="worker-[01]:8000"`);
    expect(samples.filter((s) => !labelled.test(s))).toEqual([]);
    for (const [key, series] of seriesOf('')) {
      const ts = series.map((p) => p.ts);
      const expected = Array.from({ length: POINTS }, (_, i) => FIXTURE.start + i * FIXTURE.stepSeconds);
      expect(ts, key).toEqual(expected);
    }
  });

  it('keeps counters and histogram series monotone, with cumulative buckets and _count = +Inf', () => {
    const monotone = [...COUNTERS, ...HISTOGRAMS.map((h) => `${h}_`)];
    for (const prefix of monotone) {
      for (const [key, series] of seriesOf(prefix)) {
        const drop = series.findIndex((p, i) => i > 0 && p.v < (series[i - 1]?.v ?? 0));
        expect(drop, key).toBe(-1);
        if (!key.includes('_bucket')) expect(series.at(-1)?.v ?? 0, key).toBeGreaterThan(0); // low buckets may stay 0
      }
    }
    for (const h of HISTOGRAMS) {
      const at = (instance: string, le: string): number =>
        seriesOf(`${h}_bucket{job="${FIXTURE.job}",instance="${instance}",le="${le}"}`).values().next().value?.at(-1)?.v ?? NaN;
      for (const instance of FIXTURE.instances) {
        const counts = [...BUCKETS.map(String), '+Inf'].map((le) => at(instance, le));
        for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1] ?? 0);
        const count = seriesOf(`${h}_count{job="${FIXTURE.job}",instance="${instance}"}`).values().next().value?.at(-1)?.v;
        expect(count).toBe(counts.at(-1));
      }
    }
  });

  it('keeps gauges plausible: KV cache used + free is constant, batch at most 32', () => {
    const used = [...seriesOf('kv_cache_memory_bytes{').values()].flat();
    const free = [...seriesOf('kv_cache_free_memory_bytes{').values()].flat();
    used.forEach((u, i) => expect(u.v + (free[i]?.v ?? 0)).toBe(8 * 1024 ** 3));
    for (const { v } of [...seriesOf('active_requests_count{').values()].flat()) expect(v).toBeLessThanOrEqual(32);
  });
});
