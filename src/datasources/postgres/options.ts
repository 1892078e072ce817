import type { EnvRef, Configurable } from '../../model/env.js';
import type { CommonDatasourceOptions } from '../datasource.js';

export const POSTGRES_TYPE = 'grafana-postgresql-datasource';

export interface PostgresDatasourceOptions extends CommonDatasourceOptions {
  /** host:port, usually `env('GRAFANA_POSTGRES_DATASOURCE_URL')`. */
  url: Configurable;
  user: Configurable;
  /** Always an environment reference; goes to `secureJsonData.password`. */
  password: EnvRef;
  database: string;
  sslmode?: 'disable' | 'require' | 'verify-ca' | 'verify-full';
  maxOpenConns?: number;
  maxIdleConns?: number;
  maxIdleConnsAuto?: boolean;
  /** Seconds. */
  connMaxLifetime?: number;
  /** 903, 904, 905, 906, 1000 (10+), ... as Grafana encodes it. */
  postgresVersion?: number;
  timescaledb?: boolean;
}

/** Grafana's own defaults for the PostgreSQL datasource's connection pool. */
export function defaultPostgresJsonData() {
  return {
    sslmode: 'disable',
    maxOpenConns: 100,
    maxIdleConns: 100,
    maxIdleConnsAuto: true,
    connMaxLifetime: 14400,
    postgresVersion: 1000,
    timescaledb: false,
  };
}
