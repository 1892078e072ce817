/**
 * Real servers for tests. Outside CI a missing server skips the tests that
 * need it, with a printed reason; under CI=true it is a failure, because
 * `.ci/run` must start every server (PostgreSQL, Prometheus) on loopback.
 */
import { describe, it } from 'vitest';
import { isCI } from './shared.js';

export function service(envVar: 'DATABASE_URL' | 'PROMETHEUS_URL', how: string): string | undefined {
  const url = process.env[envVar];
  if (!url) {
    if (isCI) {
      describe(`${envVar} under CI`, () => {
        it(`is set`, () => {
          throw new Error(`${envVar} is not set under CI=true: .ci/run must ${how}`);
        });
      });
    } // else: skipped; announce-skips.ts prints the reason once per run
  }
  return url;
}

export { POSTGRES_HOW, PROMETHEUS_HOW } from './shared.js';
