/** Options of `externalDatasource`: only what a dashboard's reference holds. */
export interface ExternalDatasourceOptions<TType extends string = string> {
  /** Grafana plugin id, e.g. `prometheus`, `grafana-postgresql-datasource`, `loki`. */
  type: TType;
  /**
   * The uid Grafana knows it by (1–40 characters of `[A-Za-z0-9_-]`), a
   * datasource variable reference (`${ds}`), or one of Grafana's built-in
   * datasources (`-- Grafana --`, `-- Dashboard --`, `grafana`).
   */
  uid: string;
  /** For messages only; defaults to the uid. */
  name?: string;
}

/** Grafana's built-in datasources: always present, never provisioned. */
