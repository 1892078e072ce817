/** `doctor` never prints credentials, from the provisioning file or the environment (issue 12 item 6). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo } from '../support/temp-project.js';

const SECRET = 'Tr0ub4dor-and-3';

describe('doctor and credentials in URLs', () => {
  it('prints neither a URL password nor a secureJsonData password, in text or JSON', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-doctor-secrets-'));
    writeFileSync(
      path.join(dir, 'datasources.yaml'),
      `apiVersion: 1
datasources:
  - name: Prometheus
    type: prometheus
    uid: prom
    url: http://admin:${SECRET}@127.0.0.1:1
  - name: Prom from env
    type: prometheus
    uid: prom2
    url: $PROM_URL
  - name: Metrics DB
    type: grafana-postgresql-datasource
    uid: db
    url: postgres://alice:$DB_PASSWORD@127.0.0.1:1
    user: alice
    secureJsonData:
      password: $DB_PASSWORD
    jsonData:
      database: metrics
`,
    );
    for (const format of ['text', 'json']) {
      const io = captureIo(dir);
      io.env = { PROM_URL: `https://bob:${SECRET}x@127.0.0.1:1/prom`, DB_PASSWORD: SECRET };
      expect(await run(['doctor', '--provisioning', dir, '--timeout', '2000', '--format', format], io)).toBe(1);
      expect(io.out).toMatch(/cannot reach http:\/\/admin:\*\*\*@127\.0\.0\.1:1/);
      expect(io.out + io.err).not.toContain(SECRET);
    }
  });
});
