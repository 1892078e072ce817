/**
 * This repository's serving alerts (alerts/index.ts), backtested on the
 * Prometheus fixture, which has one deliberate incident (INCIDENT: worker-1
 * overloaded 23:30–23:50) and ends at 00:00. Each rule must fire for that
 * incident, or for the silence after the data ends, and nowhere else.
 */
import { describe, expect, it } from 'vitest';
import { backtestRule } from '../../src/alerting/index.js';
import { alertQueryRunner } from '../../src/alerting/runners.js';
import { serving } from '../../alerts/index.js';
import { INCIDENT } from '../fixtures/prometheus/fixture.js';
import { PROMETHEUS_HOW, service } from '../support/services.js';

const url = service('PROMETHEUS_URL', PROMETHEUS_HOW);
const at = (iso: string) => new Date(iso).getTime();

describe.runIf(url)('serving alerts on the Prometheus fixture', () => {
  const run = alertQueryRunner({ prometheus: { url: url!, scrapeInterval: '15s' } });
  const range = { interval: serving.interval, from: new Date('2026-10-31T22:00:00Z'), to: new Date('2026-11-01T00:30:00Z'), run };
  const rule = (uid: string) => serving.rules.find((r) => r.uid === uid)!;
  const results = new Map<string, ReturnType<typeof backtestRule>>();
  const backtest = (uid: string) => results.get(uid) ?? results.set(uid, backtestRule(rule(uid), range)).get(uid)!;

  it.each(['serving-p95-latency', 'serving-kv-cache-usage'])('%s fires for the incident on worker-1 only', async (uid) => {
    const r = await backtest(uid);
    expect(r.firing).toHaveLength(1);
    const [f] = r.firing;
    expect(f!.labels).toEqual({ instance: INCIDENT.instance });
    // Inside the incident (after the pending period), and over within minutes of its end.
    expect(f!.from).toBeGreaterThan(INCIDENT.start * 1000);
    expect(f!.from).toBeLessThan(INCIDENT.end * 1000);
    expect(f!.to).toBeLessThan(INCIDENT.end * 1000 + 10 * 60_000);
  });

  it('the p95 rule pends for 10 minutes first, and reports the value it fired on', async () => {
    const r = await backtest('serving-p95-latency');
    const pending = r.transitions.find((t) => t.to === 'Pending' && t.labels.instance === INCIDENT.instance)!;
    expect(r.firing[0]!.from - pending.at).toBe(10 * 60_000);
    expect(r.firing[0]!.values.B).toBeGreaterThan(8000);
  });

  it('the scrape-silent rule fires only after the data stops', async () => {
    const r = await backtest('serving-scrape-silent');
    expect(r.firing).toHaveLength(1);
    expect(r.firing[0]!.from).toBeGreaterThan(at('2026-11-01T00:05:00Z'));
    expect(r.firing[0]!.to).toBeUndefined();
  });
});
