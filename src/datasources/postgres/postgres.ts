import { z } from 'zod';
import { invalidDatasource, makeDatasource, type DatasourceSpec } from '../datasource.js';
import { commonDatasourceSchema, configurable, envRefSchema, validateDatasourceInput } from '../validate.js';
import { defaultPostgresJsonData, POSTGRES_TYPE, type PostgresDatasourceOptions } from './options.js';
import { describes } from '../../validate/describes.js';
import { neverThrows } from '../../validate/guard.js';

export type PostgresDatasource = DatasourceSpec<typeof POSTGRES_TYPE>;

const schema = describes<PostgresDatasourceOptions>()(
  commonDatasourceSchema.extend({
    url: commonDatasourceSchema.shape.url.unwrap(),
    user: configurable,
    password: envRefSchema,
    database: z.string().min(1),
    sslmode: z.enum(['disable', 'require', 'verify-ca', 'verify-full']).optional(),
    maxOpenConns: z.number().int().nonnegative().optional(),
    maxIdleConns: z.number().int().nonnegative().optional(),
    maxIdleConnsAuto: z.boolean().optional(),
    connMaxLifetime: z.number().int().nonnegative().optional(),
    postgresVersion: z.number().int().min(903).optional(),
    timescaledb: z.boolean().optional(),
  }).strict(),
);

/** A Grafana PostgreSQL datasource. */
function buildPostgresDatasource(options: PostgresDatasourceOptions): PostgresDatasource {
  const { name, password, database, sslmode, maxOpenConns, maxIdleConns, maxIdleConnsAuto, connMaxLifetime, postgresVersion, timescaledb } = options;
  const pool = { sslmode, maxOpenConns, maxIdleConns, maxIdleConnsAuto, connMaxLifetime, postgresVersion, timescaledb };
  const jsonData = { ...defaultPostgresJsonData(), database, ...stripUndefined(pool) };
  return makeDatasource(POSTGRES_TYPE, options, { jsonData, secureJsonData: { password }, issues: validateDatasourceInput(schema, options, name) });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `postgresDatasource`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const postgresDatasource = neverThrows('postgresDatasource', buildPostgresDatasource, (i) => invalidDatasource<PostgresDatasource>(POSTGRES_TYPE, i));
