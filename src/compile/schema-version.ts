/**
 * The dashboard `schemaVersion` we emit: the version `@grafana/schema`
 * 13.2.3 models (its `defaultDashboard.schemaVersion`). Grafana migrates
 * older versions on load and never downgrades, so emitting the version our
 * types describe means Grafana runs no migration over our output.
 * A test keeps this constant equal to the installed package's value.
 */
export const SCHEMA_VERSION = 42;
