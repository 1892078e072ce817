import { z } from 'zod';
import { invalidDatasource, makeDatasource, type DatasourceSpec } from '../datasource.js';
import { COMMON_DATASOURCE_CHECKS, datasourceSchemaParts, isConfigurable, isDatasourceUrl, isEnvRefValue, validateDatasourceInput } from '../validate.js';
import { defaultPostgresJsonData, POSTGRES_TYPE, type PostgresDatasourceOptions } from './options.js';
import { describes } from '../../validate/describes.js';
import { neverThrows } from '../../validate/guard.js';
import { isBoolean, isNonEmptyString, isOptionalInt, oneOf, strictObjectLooksValid } from '../../validate/input-checks.js';
import { lazySchema } from '../../validate/lazy-schema.js';

export type PostgresDatasource = DatasourceSpec<typeof POSTGRES_TYPE>;

const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;

export const postgresInputSchema = lazySchema(() => {
  const { common, configurable, envRef } = datasourceSchemaParts();
  return describes<PostgresDatasourceOptions>()(
    common
      .extend({
        url: common.shape.url.unwrap(),
        user: configurable,
        password: envRef,
        database: z.string().min(1),
        sslmode: z.enum(SSL_MODES).optional(),
        maxOpenConns: z.number().int().nonnegative().optional(),
        maxIdleConns: z.number().int().nonnegative().optional(),
        maxIdleConnsAuto: z.boolean().optional(),
        connMaxLifetime: z.number().int().nonnegative().optional(),
        postgresVersion: z.number().int().min(903).optional(),
        timescaledb: z.boolean().optional(),
      })
      .strict(),
  );
});

const CHECKS = {
  ...COMMON_DATASOURCE_CHECKS,
  url: isDatasourceUrl,
  user: isConfigurable,
  password: isEnvRefValue,
  database: isNonEmptyString,
  sslmode: oneOf(...SSL_MODES),
  maxOpenConns: isOptionalInt(0),
  maxIdleConns: isOptionalInt(0),
  maxIdleConnsAuto: isBoolean,
  connMaxLifetime: isOptionalInt(0),
  postgresVersion: isOptionalInt(903),
  timescaledb: isBoolean,
};

/** True only when `postgresInputSchema().safeParse(input)` would succeed (test/core/input-fast-paths.test.ts). */
export function postgresInputLooksValid(input: unknown): boolean {
  return strictObjectLooksValid(input, CHECKS, ['name', 'uid', 'url', 'user', 'password', 'database']);
}

/** A Grafana PostgreSQL datasource. */
function buildPostgresDatasource(options: PostgresDatasourceOptions): PostgresDatasource {
  const { name, password, database, sslmode, maxOpenConns, maxIdleConns, maxIdleConnsAuto, connMaxLifetime, postgresVersion, timescaledb } = options;
  const pool = { sslmode, maxOpenConns, maxIdleConns, maxIdleConnsAuto, connMaxLifetime, postgresVersion, timescaledb };
  const jsonData = { ...defaultPostgresJsonData(), database, ...stripUndefined(pool) };
  return makeDatasource(POSTGRES_TYPE, options, { jsonData, secureJsonData: { password }, issues: validateDatasourceInput(postgresInputSchema, options, name, postgresInputLooksValid) });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `postgresDatasource`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const postgresDatasource = neverThrows('postgresDatasource', buildPostgresDatasource, (i) => invalidDatasource<PostgresDatasource>(POSTGRES_TYPE, i));
