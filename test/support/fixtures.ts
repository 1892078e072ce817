import { env, postgresDatasource, prometheusDatasource } from '../../src/index.js';

/** Datasources for tests; fresh objects on every call. */
export function testDatasources() {
  const db = postgresDatasource({
    name: 'Test DB',
    uid: 'test-db',
    url: env('DB_URL'),
    user: env('DB_USER'),
    password: env('DB_PASSWORD'),
    database: 'metrics',
  });
  const prom = prometheusDatasource({ name: 'Test Prometheus', uid: 'test-prom', url: 'http://127.0.0.1:9090' });
  return { db, prom };
}
