import type { DatasourceSpec } from '../datasources/datasource.js';
import { GRAFANA_BUILTIN } from '../datasources/datasource.js';
import type { JsonObject } from '../model/loose.js';
import type { QueryText } from '../queries/text.js';
import { neverThrows } from '../validate/guard.js';
import type { Issue } from '../model/issue.js';

export interface AnnotationSpec {
  readonly kind: 'annotation';
  readonly datasource?: DatasourceSpec;
  readonly text?: QueryText;
  /** The annotation JSON without `datasource` (resolved at compile). */
  readonly model: JsonObject;
  /** Set when the options could not be built (see validate/guard.ts); the dashboard reports them. */
  readonly issues?: readonly Issue[];
}

export interface AnnotationOptions {
  name: string;
  datasource: DatasourceSpec<'prometheus'>;
  /** Each returned sample becomes an event; labels become tags. */
  expr: QueryText<'promql'>;
  iconColor?: string;
  enable?: boolean;
  hide?: boolean;
  titleFormat?: string;
  textFormat?: string;
  tagKeys?: string;
  step?: string;
}

/** A Prometheus annotation: events drawn on every time panel. */
function buildPromAnnotation(o: AnnotationOptions): AnnotationSpec {
  const model: JsonObject = {
    enable: o.enable ?? true,
    expr: o.expr.text,
    hide: o.hide ?? false,
    iconColor: o.iconColor ?? 'rgba(255, 96, 96, 1)',
    name: o.name,
  };
  for (const k of ['titleFormat', 'textFormat', 'tagKeys', 'step'] as const) if (o[k] !== undefined) model[k] = o[k] as string;
  return Object.freeze({ kind: 'annotation', datasource: o.datasource, text: o.expr, model });
}

export interface SqlAnnotationOptions {
  name: string;
  datasource: DatasourceSpec;
  /**
   * Rows become events: a `time` column (and optionally `timeend`), `text`,
   * and `tags` (comma-separated). Use `$__timeFilter(col)` so Grafana only
   * fetches the visible range.
   */
  sql: QueryText<'sql'>;
  iconColor?: string;
  enable?: boolean;
  hide?: boolean;
}

/** A SQL annotation (PostgreSQL datasource), e.g. one marker per benchmark run. */
function buildSqlAnnotation(o: SqlAnnotationOptions): AnnotationSpec {
  const model: JsonObject = {
    enable: o.enable ?? true,
    hide: o.hide ?? false,
    iconColor: o.iconColor ?? 'rgba(255, 152, 48, 1)',
    name: o.name,
    target: { editorMode: 'code', format: 'table', rawQuery: true, rawSql: o.sql.text, refId: 'Anno' },
  };
  return Object.freeze({ kind: 'annotation', datasource: o.datasource, text: o.sql, model });
}

/** Grafana's built-in "Annotations & Alerts", which every dashboard the UI saves carries. */
export function builtinAnnotation(): JsonObject {
  return {
    builtIn: 1,
    datasource: { ...GRAFANA_BUILTIN },
    enable: true,
    hide: true,
    iconColor: 'rgba(0, 211, 255, 1)',
    name: 'Annotations & Alerts',
    type: 'dashboard',
  };
}

/** `promAnnotation`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const promAnnotation = neverThrows('promAnnotation', buildPromAnnotation, (i): AnnotationSpec => ({ kind: 'annotation', model: {}, issues: [i] }));

/** `sqlAnnotation`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const sqlAnnotation = neverThrows('sqlAnnotation', buildSqlAnnotation, (i): AnnotationSpec => ({ kind: 'annotation', model: {}, issues: [i] }));

export interface RawAnnotationOptions {
  /** None: Grafana's built-in datasource. */
  datasource?: DatasourceSpec;
  /** The annotation as Grafana stores it in `annotations.list`, without `datasource`. */
  model: JsonObject;
}

/** An annotation of a kind without a builder (Loki, Tempo, ...), written as Grafana stores it. */
function buildRawAnnotation(options: RawAnnotationOptions): AnnotationSpec {
  return Object.freeze({ kind: 'annotation', datasource: options.datasource, model: { ...options.model } });
}

/** `rawAnnotation`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const rawAnnotation = neverThrows('rawAnnotation', buildRawAnnotation, (i): AnnotationSpec => ({ kind: 'annotation', model: {}, issues: [i] }));
