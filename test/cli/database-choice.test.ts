import { describe, expect, it } from 'vitest';
import { chooseDatabase, queryDatabase, readOnlyOptions } from '../../src/cli/database.js';
import type { Io } from '../../src/cli/io.js';

function io(env: Record<string, string>): Io {
  return { cwd: '/nonexistent-project', env, stdout: () => {}, stderr: () => {} } as unknown as Io;
}

const URL = 'postgres://u:hunter2@127.0.0.1:5999/appdb';

describe('which database check and preview query', () => {
  it('flags beat the environment: --database-url, --pglite and --data each win over DATABASE_URL', () => {
    const env = io({ DATABASE_URL: URL });
    expect(chooseDatabase({}, env).server?.namedBy).toBe('DATABASE_URL');
    expect(chooseDatabase({ 'database-url': 'postgres://h/x' }, env).server?.namedBy).toBe('--database-url');
    expect(chooseDatabase({ pglite: 'db' }, env).pgliteDir).toBe('/nonexistent-project/db');
    expect(chooseDatabase({ data: 'config' }, env).server).toBeUndefined();
    expect(chooseDatabase({ data: 'seed' }, io({ PGHOST: 'db.internal' })).server).toBeUndefined();
    expect(chooseDatabase({}, io({ PGHOST: 'db.internal' })).server?.namedBy).toBe('PG*');
  });

  it('says when an environment-named server stands in for the declared schema, without the password', () => {
    const declared = { postgres: { migrations: ['db/*.sql'] } };
    const fromEnv = queryDatabase({}, io({ DATABASE_URL: URL }), { data: 'config', check: declared });
    expect(fromEnv.description()).toBe(
      'PostgreSQL at 127.0.0.1:5999/appdb (named by DATABASE_URL; the schema and fixtures declared in dashcode.config.ts are not loaded into a server: give --data config to check against them), not started: no SQL query',
    );
    expect(fromEnv.description()).not.toContain('hunter2');
    const fromFlag = queryDatabase({ 'database-url': URL }, io({}), { data: 'config', check: declared });
    expect(fromFlag.description()).toBe('PostgreSQL at 127.0.0.1:5999/appdb, not started: no SQL query');
    const undeclared = queryDatabase({}, io({ DATABASE_URL: URL }), { data: 'config', check: {} });
    expect(undeclared.description()).toBe('PostgreSQL at 127.0.0.1:5999/appdb, not started: no SQL query');
  });
});

describe('the limits of one SQL query', () => {
  it('--max-response-bytes bounds an SQL result as it bounds a Prometheus answer; --max-rows and --query-timeout as before', () => {
    expect(readOnlyOptions({})).toEqual({});
    expect(readOnlyOptions({ 'max-response-bytes': '100000', 'max-rows': '10', 'query-timeout': '0.5' })).toEqual({ maxBytes: 100_000, maxRows: 10, timeoutMs: 500 });
    expect(() => readOnlyOptions({ 'max-response-bytes': '0' })).toThrow(/--max-response-bytes/);
    expect(() => readOnlyOptions({ 'max-response-bytes': 'lots' })).toThrow(/--max-response-bytes/);
  });
});
