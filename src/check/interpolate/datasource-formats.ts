/**
 * What a data source does with a variable that has no explicit `:format`: Grafana
 * calls the data source's own formatter with the value and
 * `{ name, type, multi, includeAll }` (scenes sceneInterpolator formatValue).
 */

export interface FormatterVariableInfo {
  name: string;
  multi?: boolean;
  includeAll?: boolean;
}

export type DatasourceFormatter = (value: unknown, variable: FormatterVariableInfo) => unknown;

/** PostgresQueryModel.quoteLiteral (public/app/plugins/datasource/grafana-postgresql-datasource/PostgresQueryModel.ts). */
export function quoteLiteral(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

/**
 * SqlDatasource.interpolateVariable (packages/grafana-sql/src/datasource/SqlDatasource.ts,
 * current main; covered by variable-interpolation.test.ts there):
 * a string has its `'` doubled but is NOT wrapped in quotes, whatever multi/includeAll
 * say; an array becomes quoted literals joined by `,`; a number is left alone.
 * Older releases quoted a string when the variable was multi or includeAll; pass
 * `legacyQuoting` to get that.
 */
export function sqlInterpolateVariable(value: unknown, variable: FormatterVariableInfo, legacyQuoting = false): unknown {
  if (typeof value === 'string') {
    if (legacyQuoting && (variable.multi || variable.includeAll)) return quoteLiteral(value);
    return value.replace(/'/g, "''");
  }
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((v) => quoteLiteral(String(v))).join(',');
  return value;
}

/**
 * prometheusRegularEscape (packages/grafana-prometheus/src/escaping.ts). Classic
 * behaviour doubles `\` and turns `'` into `\\'`; with the experimental
 * `prometheusSpecialCharsInLabelValues` toggle it escapes `"` instead and leaves a
 * whole `label="value"` matcher alone.
 */
export function prometheusRegularEscape(value: unknown, specialChars = false): unknown {
  if (typeof value !== 'string') return value;
  if (specialChars) {
    if (/^\w+(=|!=|=~|!~)".*"$/.test(value)) return value;
    return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  }
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

/** prometheusSpecialRegexEscape (same file): regex metacharacters get a double backslash (one for the PromQL string, one for RE2). */
export function prometheusSpecialRegexEscape(value: unknown, specialChars = false): unknown {
  if (typeof value !== 'string') return value;
  if (specialChars) {
    return value
      .replace(/\\/g, '\\\\\\\\')
      .replace(/"/g, '\\\\\\"')
      .replace(/[$^*{}[\]'+?.()|]/g, '\\\\$&');
  }
  return value.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]+?.()|]/g, '\\\\$&');
}

/**
 * interpolateQueryExpr (packages/grafana-prometheus/src/escaping.ts): a variable that is
 * neither multi nor includeAll is only string-escaped; otherwise each value is
 * regex-escaped and several are joined as `(a|b)`.
 */
export function prometheusInterpolateQueryExpr(value: unknown, variable: FormatterVariableInfo, specialChars = false): unknown {
  const v = value ?? [];
  if (!variable.multi && !variable.includeAll) return prometheusRegularEscape(v, specialChars);
  if (typeof v === 'string') return prometheusSpecialRegexEscape(v, specialChars);
  if (!Array.isArray(v)) return v;
  const escaped = v.map((x) => prometheusSpecialRegexEscape(x, specialChars));
  if (escaped.length === 1) return escaped[0];
  return '(' + escaped.join('|') + ')';
}
