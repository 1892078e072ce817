/**
 * vitest globalSetup: says once, before any test runs, what this machine
 * lacks and which tests that skips. The per-file guards (shared.ts,
 * services.ts, preview/browser-support.ts) do the skipping, and under
 * CI=true the failing; printing there repeated each reason once per test file.
 */
import { existsSync } from 'node:fs';
import { DEFAULT_CHROMIUM } from '../../src/preview/index.js';
import { POSTGRES_HOW, PROMETHEUS_HOW, hasShared, sharedDir } from './shared.js';

export default function announceSkips(): void {
  if (process.env.CI === 'true') return; // CI skips nothing: a missing service fails its tests instead
  const reasons: string[] = [];
  if (!hasShared) {
    reasons.push(`../shared/ not found at ${sharedDir}: tests against Grafana's published schemas and the reference dashboards are skipped (a user's clone has no ../shared/)`);
  }
  if (!process.env.DATABASE_URL) reasons.push(`DATABASE_URL is not set: tests against a real PostgreSQL are skipped (${POSTGRES_HOW})`);
  if (!process.env.PROMETHEUS_URL) reasons.push(`PROMETHEUS_URL is not set: tests against a real Prometheus are skipped (${PROMETHEUS_HOW})`);
  const chromium = process.env.DASHCODE_CHROMIUM ?? DEFAULT_CHROMIUM;
  if (!existsSync(chromium)) reasons.push(`no Chromium at ${chromium}: browser tests of dashcode preview are skipped (apt-get install chromium)`);
  for (const r of reasons) console.warn(`[skip] ${r}`);
}
