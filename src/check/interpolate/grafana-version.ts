/**
 * Grafana releases differ in how they interpolate. dashcode imitates one release:
 * `--grafana-version` / the `grafanaVersion` config field, by default the current
 * one (the release the pinned @grafana/schema belongs to).
 */

/** The current Grafana release; kept equal to the @grafana/schema pin in package.json (a test checks). */
export const CURRENT_GRAFANA_VERSION = '13.2.3';

export type GrafanaVersion = readonly [number, number, number];

/** `12.3.1`, `v12.3.1`, `12.3`, `12.3.1-security-01`, `12.4.0-pre`: undefined when it is none of these. */
export function parseGrafanaVersion(text: string): GrafanaVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+][\w.-]*)?$/.exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

function atLeast(v: GrafanaVersion, min: GrafanaVersion): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return (v[i] ?? 0) > (min[i] ?? 0);
  return true;
}

/**
 * The PostgreSQL plugin stopped quoting a single string value of a multi-value or
 * include-All variable with grafana/grafana#114058 ("Postgresql: Fix variable
 * interpolation logic when the variable has multiple values": PostgresDatasource
 * overrides SqlDatasource.interpolateVariable). It shipped in 12.4.0 and was
 * backported to 12.0.8 (#114873), 12.1.5 (#114874), 12.2.3 (#114875) and 12.3.1
 * (#114876) — CHANGELOG.md. Releases before those quote (`'a'`), as
 * SqlDatasource.interpolateVariable still does for MySQL and MSSQL.
 */
const POSTGRES_UNQUOTED_SINCE: readonly GrafanaVersion[] = [
  [12, 0, 8],
  [12, 1, 5],
  [12, 2, 3],
  [12, 3, 1],
  [12, 4, 0],
];

export function sqlLegacyQuoting(version: string | undefined = CURRENT_GRAFANA_VERSION): boolean {
  const v = parseGrafanaVersion(version);
  if (!v) return false;
  if (v[0] > 12 || atLeast(v, [12, 4, 0])) return false;
  const line = POSTGRES_UNQUOTED_SINCE.find((s) => s[0] === v[0] && s[1] === v[1]);
  return line === undefined || !atLeast(v, line);
}
