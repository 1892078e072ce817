/**
 * Panel targets → `sqlQuery` / `promQuery` / `tempoQuery` calls, or a
 * verbatim query for datasources dashcode has no builder for.
 */
import { refIdFor } from '../compile/ids.js';
import { datasourceRef } from '../datasources/datasource.js';
import { normalizeDatasourceRef, targetKind } from '../diff/datasource-ref.js';
import { asString, deepEqual } from '../diff/json.js';
import { EDITOR_STATE, effectiveTargetDatasource, normalizeTarget } from '../diff/normalize.js';
import type { JsonObject } from '../model/loose.js';
import { promQuery } from '../queries/prometheus.js';
import type { QuerySpec } from '../queries/query.js';
import { sqlQuery } from '../queries/sql.js';
import { tempoQuery } from '../queries/tempo.js';
import { invoke, ordered, type Code, type ExprObject } from './code.js';
import type { ImportContext } from './context.js';
import { queryTemplate } from './query-text.js';
import { fieldsToRestore, restoreFields } from './verify.js';
import { joinPath, type IssuePath } from '../model/issue-path.js';

export interface QuerySite {
  /** `panel "CPU"`, for messages. */
  where: string;
  /** `['panels', 3]`. */
  path: IssuePath;
  panel?: string;
}

const MIN_INTERVAL = /^(\d+(ms|s|m|h|d|w|y))+$|^\$\w+$/;

export function importQuery(ctx: ImportContext, t: JsonObject, index: number, panelDatasource: unknown, site: QuerySite): Code {
  const path = joinPath(site.path, 'targets', index);
  const refId = asString(t.refId);
  const defaultRefId = refIdFor(index);
  const where = `${site.where} query ${refId ?? defaultRefId}`;
  const dsRef = effectiveTargetDatasource(t, panelDatasource);
  const hint = targetKind(t, asString(normalizeDatasourceRef(dsRef)?.type));
  const ds = ctx.datasources.resolve(dsRef, hint ?? targetKind(t, undefined), where, joinPath(path, 'datasource'), site.panel);
  const kind = targetKind(t, ds.type);
  const textSite = { where, path, panel: site.panel };
  const common: ExprObject = { datasource: ds.expr };
  if (refId !== undefined && refId !== defaultRefId) common.refId = refId;
  if (refId === undefined) ctx.report('import-query-refid', path, `${where}: the query has no refId; dashcode gives it ${defaultRefId}`, 'info', site.panel);
  if (t.hide === true) common.hide = true;

  let build: (raw: JsonObject | undefined) => Code;
  if (kind === 'prometheus' && typeof t.expr === 'string') {
    const props: ExprObject = { ...common, expr: queryTemplate(ctx, 'promql', t.expr, textSite) };
    // The builder writes `__auto` when no legend is given; an empty legend means Grafana's default naming.
    if (t.legendFormat === undefined || t.legendFormat === null) props.legendFormat = '';
    else if (typeof t.legendFormat === 'string' && t.legendFormat !== '__auto') props.legendFormat = t.legendFormat;
    const instant = t.instant === true;
    const range = typeof t.range === 'boolean' ? t.range : !instant;
    if (instant && range) props.type = 'both';
    else if (instant) props.type = 'instant';
    if (typeof t.interval === 'string' && MIN_INTERVAL.test(t.interval)) props.minInterval = t.interval;
    if (t.exemplar === true) props.exemplar = true;
    if (t.format === 'table' || t.format === 'heatmap') props.format = t.format;
    build = (raw) => invoke(ctx.lib('promQuery'), promQuery, ordered({ ...props, raw }, ['datasource', 'refId', 'expr']));
  } else if (kind === 'sql' && typeof t.rawSql === 'string') {
    const props: ExprObject = { ...common, sql: queryTemplate(ctx, 'sql', t.rawSql, textSite) };
    if (t.format === 'time_series') props.format = 'time_series';
    build = (raw) => invoke(ctx.lib('sqlQuery'), sqlQuery, ordered({ ...props, raw }, ['datasource', 'refId', 'sql']));
  } else if (kind === 'tempo' && typeof t.query === 'string') {
    const props: ExprObject = { ...common, query: queryTemplate(ctx, 'traceql', t.query, textSite) };
    if (Number.isInteger(t.limit) && (t.limit as number) > 0 && (t.limit as number) <= 10_000 && t.limit !== 20) props.limit = t.limit as number;
    if (Number.isInteger(t.spss) && (t.spss as number) > 0) props.spss = t.spss as number;
    if (t.tableType === 'spans') props.tableType = 'spans';
    if (t.queryType === 'traceId') props.type = 'traceId';
    build = (raw) => invoke(ctx.lib('tempoQuery'), tempoQuery, ordered({ ...props, raw }, ['datasource', 'refId', 'query']));
  } else {
    ctx.report('import-query-verbatim', path, `${where}: dashcode has no query builder for datasource type "${ds.type}"; kept verbatim`, 'warning', site.panel);
    ctx.keep(where, 'the whole query', 'rawQuery');
    const model: JsonObject = { ...t };
    delete model.datasource;
    delete model.refId;
    return ctx.callHelper('rawQuery', { datasource: ds.expr, refId: refId ?? defaultRefId, model });
  }

  // Editor state the builder writes the same way (`editorMode: 'code'`) is not lost: count only the rest.
  const model = (build(undefined).value as QuerySpec).model;
  for (const k of kind ? (EDITOR_STATE[kind] ?? []) : []) {
    if (t[k] !== undefined && !deepEqual(t[k], model[k])) ctx.editorState.set(k, (ctx.editorState.get(k) ?? 0) + 1);
  }
  return restoreUnmodelled(ctx, build, t, panelDatasource, ds, where, path, site.panel);
}

/** Builds the query and checks it against the original target; fields that differ go to `raw` (see restoreFields). */
function restoreUnmodelled(ctx: ImportContext, build: (raw: JsonObject | undefined) => Code, t: JsonObject, panelDatasource: unknown, ds: { type: string; uid: string }, where: string, path: IssuePath, panel?: string): Code {
  const expected = normalizeTarget(t, panelDatasource);
  // The target JSON compile writes for a built query.
  const actualOf = (c: Code) => {
    const spec = c.value as QuerySpec;
    return normalizeTarget({ ...spec.model, datasource: { ...datasourceRef(ds) }, refId: spec.refId ?? asString(t.refId) ?? '' }, undefined);
  };
  const built = restoreFields(ctx, { where, build, differences: (c) => fieldsToRestore(t, expected, actualOf(c), ['datasource', 'refId']) });
  for (const i of (built.value as QuerySpec).issues) ctx.report('import-query-check', joinPath(path, i.path), `${where}: ${i.message}`, 'warning', panel);
  const actual = actualOf(built);
  for (const k of ['datasource', 'refId']) {
    if (expected[k] !== undefined && JSON.stringify(expected[k]) !== JSON.stringify(actual[k])) {
      ctx.report('import-query-datasource', joinPath(path, k), `${where}: ${k} becomes ${JSON.stringify(actual[k])} (was ${JSON.stringify(expected[k])})`, 'warning', panel);
    }
  }
  return built;
}
