/**
 * Facts about Grafana's datasource plugin ids and built-in datasources, in one place:
 * lint, diff, import, check and compile all reason about the same references.
 */

/** The core PostgreSQL plugin's id since Grafana 10.2. */
export const POSTGRES_PLUGIN = 'grafana-postgresql-datasource';

/** Plugin ids Grafana treats as one: it renamed core plugins, and the old ids still work in provisioning and stored dashboards. */
const PLUGIN_ALIASES: Readonly<Record<string, string>> = {
  postgres: POSTGRES_PLUGIN,
  testdata: 'grafana-testdata-datasource',
};

/** The current id of a plugin (`postgres` → `grafana-postgresql-datasource`); other ids unchanged. */
export function canonicalPluginType(type: string): string {
  return Object.hasOwn(PLUGIN_ALIASES, type) ? PLUGIN_ALIASES[type]! : type;
}

/** Grafana's PostgreSQL plugin, under either id: the SQL dashcode runs. */
export function isPostgresPlugin(type: string): boolean {
  return canonicalPluginType(type) === POSTGRES_PLUGIN;
}

/** The SQL plugins (PostgreSQL, MySQL, MSSQL): their queries have `rawSql` and a 1m default interval. */
export function isSqlPlugin(type: string): boolean {
  return isPostgresPlugin(type) || type === 'mysql' || type === 'mssql';
}

/** The panel datasource that lets each query name its own. */
export const MIXED_UID = '-- Mixed --';
/** The datasource that reuses another panel's results. */
export const DASHBOARD_UID = '-- Dashboard --';
/** The built-in datasource references: no plugin of the user's answers them. */
export const BUILTIN_UIDS: ReadonlySet<string> = new Set(['grafana', '-- Grafana --', MIXED_UID, DASHBOARD_UID]);
