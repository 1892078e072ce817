/**
 * `.ci/prometheus.sh` brings up the real Prometheus that live.test.ts queries.
 * This test starts nothing: it checks the script is there and well-formed, and
 * its header is the documentation of how to use it (see also docs/prometheus.md).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const script = path.join(repoRoot, '.ci/prometheus.sh');

describe('.ci/prometheus.sh', () => {
  it('is an executable bash script with valid syntax', () => {
    accessSync(script, constants.X_OK);
    execFileSync('bash', ['-n', script]);
  });

  it('documents start, stop and url, and rejects anything else without side effects', () => {
    const text = readFileSync(script, 'utf8');
    for (const cmd of ['start', 'stop', 'url']) expect(text).toContain(`.ci/prometheus.sh ${cmd}`);
    const run = spawnSync('bash', [script, 'help'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage:');
  });

  it('backfills the generated fixture and listens on loopback only', () => {
    const text = readFileSync(script, 'utf8');
    expect(text).toContain('test/fixtures/prometheus/generate-openmetrics.ts');
    expect(text).toContain('promtool tsdb create-blocks-from openmetrics');
    expect(text).toContain('--web.listen-address="127.0.0.1:');
    expect(text).toContain('--storage.tsdb.retention.time=100y');
  });
});
