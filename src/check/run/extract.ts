import type { QueryLanguage } from './model.js';

/**
 * The queries in any dashboard JSON (ours or hand-written): every panel
 * target, including panels inside collapsed rows, and every query variable.
 */
export interface TargetRef {
  panelTitle: string;
  panelType: string;
  path: string;
  refId?: string;
  language: QueryLanguage;
  text: string;
  format?: string;
  datasourceType?: string;
  maxDataPoints?: number;
  minInterval?: string;
  instant?: boolean;
}

type Obj = Record<string, unknown>;

export function extractTargets(dashboard: Obj): TargetRef[] {
  const out: TargetRef[] = [];
  // Annotation queries run on every dashboard load: a broken one is as visible as a broken panel.
  asArray((dashboard.annotations as Obj | undefined)?.list).forEach((a, i) => {
    if (a.builtIn === 1 || a.enable === false) return;
    const target = (a.target as Obj | undefined) ?? a;
    const dsType = typeof (a.datasource as Obj | undefined)?.type === 'string' ? String((a.datasource as Obj).type) : undefined;
    const { language, text } = languageOf(target, dsType);
    if (language === 'unknown') return;
    out.push({ panelTitle: `annotation ${String(a.name ?? i)}`, panelType: 'annotation', path: `annotations.list[${i}]`, refId: typeof target.refId === 'string' ? target.refId : undefined, language, text, format: 'table', datasourceType: dsType });
  });
  const panels = asArray(dashboard.panels);
  panels.forEach((p, i) => {
    visitPanel(p, `panels[${i}]`, out);
    asArray(p.panels).forEach((child, j) => visitPanel(child, `panels[${i}].panels[${j}]`, out));
  });
  return out;
}

function visitPanel(p: Obj, path: string, out: TargetRef[]): void {
  if (p.type === 'row') return;
  const panelDs = p.datasource as Obj | undefined;
  asArray(p.targets).forEach((t, k) => {
    const ds = (t.datasource as Obj | undefined) ?? panelDs;
    const dsType = typeof ds?.type === 'string' ? ds.type : undefined;
    const { language, text } = languageOf(t, dsType);
    if (t.hide === true) return;
    out.push({
      panelTitle: typeof p.title === 'string' && p.title ? p.title : `(untitled ${String(p.type)})`,
      panelType: String(p.type),
      path: `${path}.targets[${k}]`,
      refId: typeof t.refId === 'string' ? t.refId : undefined,
      language,
      text,
      format: typeof t.format === 'string' ? t.format : undefined,
      datasourceType: dsType,
      maxDataPoints: typeof p.maxDataPoints === 'number' ? p.maxDataPoints : undefined,
      minInterval: typeof t.interval === 'string' && t.interval ? t.interval : typeof p.interval === 'string' ? p.interval : undefined,
      instant: t.instant === true && t.range !== true,
    });
  });
}

export function languageOf(t: Obj, dsType: string | undefined): { language: QueryLanguage; text: string } {
  if (typeof t.rawSql === 'string') return { language: 'sql', text: t.rawSql };
  if (typeof t.expr === 'string') return { language: 'promql', text: t.expr };
  if (typeof t.query === 'string' && t.queryType === 'traceId') return { language: 'traceid', text: t.query };
  if (typeof t.query === 'string' && (dsType === 'tempo' || t.queryType === 'traceql')) return { language: 'traceql', text: t.query };
  return { language: 'unknown', text: '' };
}

export function asArray(v: unknown): Obj[] {
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Obj[]) : [];
}
