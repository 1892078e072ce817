/**
 * Issue 14 target: lint and check (parse level) over ≥30 public dashboards
 * (test/fixtures/public/, sources in SOURCES.md). Every finding was triaged once;
 * the verdicts live in verdicts.tsv (verdict, count, finding, reason). This test
 * fails on a finding nobody triaged, on a verdict whose finding is gone, on any
 * false error, and on more than one false warning per ten dashboards.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusFiles, corpusFindings, keyOf, type CorpusFinding } from './corpus.js';

interface Verdict {
  verdict: 'true' | 'false';
  count: number;
  key: string;
  reason: string;
}

function readVerdicts(): Verdict[] {
  const text = readFileSync(path.join(import.meta.dirname, 'verdicts.tsv'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [verdict, count, ...rest] = l.split('\t');
      const reason = rest.pop() ?? '';
      return { verdict: verdict as Verdict['verdict'], count: Number(count), key: rest.join('\t'), reason };
    });
}

describe('public dashboard corpus: lint and check precision', () => {
  let findings: CorpusFinding[] = [];
  const verdicts = readVerdicts();
  beforeAll(async () => {
    findings = await corpusFindings();
  }, 120_000);

  it('has at least 30 dashboards', () => {
    expect(corpusFiles().length).toBeGreaterThanOrEqual(30);
  });

  it('every finding has a verdict with a reason, and every verdict still has its finding', () => {
    const counts = new Map<string, number>();
    for (const f of findings) counts.set(keyOf(f), (counts.get(keyOf(f)) ?? 0) + 1);
    const byKey = new Map(verdicts.map((v) => [v.key, v]));
    const untriaged = [...counts].filter(([k, n]) => byKey.get(k)?.count !== n).map(([k, n]) => `${n}× ${k}`);
    const stale = verdicts.filter((v) => !counts.has(v.key)).map((v) => v.key);
    expect(untriaged).toEqual([]);
    expect(stale).toEqual([]);
    expect(verdicts.filter((v) => !/^(true|false)$/.test(v.verdict) || v.reason.trim() === '')).toEqual([]);
  });

  it('has no false error and at most one false warning per ten dashboards', () => {
    const falseOnes = verdicts.filter((v) => v.verdict === 'false');
    const falseErrors = falseOnes.filter((v) => v.key.split('\t')[2] === 'error');
    const falseWarnings = falseOnes.filter((v) => v.key.split('\t')[2] === 'warning').reduce((n, v) => n + v.count, 0);
    expect(falseErrors).toEqual([]);
    expect(falseWarnings).toBeLessThanOrEqual(Math.floor(corpusFiles().length / 10));
  });
});
