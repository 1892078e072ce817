/**
 * Access to `../shared/` (reference dashboards and Grafana's published schemas).
 *
 * A user's clone has no `../shared/`: tests that need it are skipped there with a
 * printed reason. Under `CI=true` a missing `../shared/` is a failure, never a skip.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const hasShared = existsSync(path.join(sharedDir, 'schemas/grafana/dashboard.jsonschema.json'));
export const isCI = process.env.CI === 'true';

if (!hasShared) {
  // The reason is printed once per run by announce-skips.ts.
  if (isCI) throw new Error(`../shared/ is missing at ${sharedDir}: CI must run beside a copy of shared/`);
}

/** How to start the real servers some tests need (said by services.ts guards and announce-skips.ts). */
export const POSTGRES_HOW = 'start PostgreSQL with `export "$(.ci/postgres.sh start)"`';
export const PROMETHEUS_HOW = 'start Prometheus with `export "$(.ci/prometheus.sh start)"`';

/** `describe.runIf(needShared)` / `it.runIf(needShared)` */
export const needShared = hasShared;

export function sharedPath(...parts: string[]): string {
  return path.join(sharedDir, ...parts);
}
