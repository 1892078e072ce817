/**
 * Does a result have the shape the panel needs? Grafana turns a SQL result
 * into data frames; a panel then needs particular field types. We judge from
 * PostgreSQL's column type OIDs.
 */
export type FieldKind = 'time' | 'number' | 'string' | 'other';

const TIME = new Set([1082, 1114, 1184]); // date, timestamp, timestamptz
const NUMBER = new Set([20, 21, 23, 26, 700, 701, 1700]); // int8 int2 int4 oid float4 float8 numeric
const STRING = new Set([18, 19, 25, 1042, 1043, 2950]); // char name text bpchar varchar uuid

export function fieldKind(dataTypeID: number, name: string): FieldKind {
  if (TIME.has(dataTypeID)) return 'time';
  // Grafana reads an epoch-number column named `time` (or `time_sec`) as time.
  if (NUMBER.has(dataTypeID)) return /^time(_sec)?$/i.test(name) ? 'time' : 'number';
  if (STRING.has(dataTypeID)) return 'string';
  return 'other';
}

/** Undefined when the shape fits, else what is missing. */
export function shapeProblem(panelType: string, fields: ReadonlyArray<{ name: string; dataTypeID: number }>, format: string | undefined): string | undefined {
  const kinds = fields.map((f) => fieldKind(f.dataTypeID, f.name));
  const has = (k: FieldKind) => kinds.includes(k);
  const describe = () => fields.map((f, i) => `${f.name} (${kinds[i]})`).join(', ') || 'no columns';
  if (format === 'time_series' && !has('time')) return `format time_series needs a time column; the result has ${describe()}`;
  switch (panelType) {
    case 'timeseries':
    case 'heatmap':
    case 'trend':
    case 'state-timeline':
      if (!has('time')) return `a ${panelType} panel needs a time column; the result has ${describe()}`;
      if (!has('number')) return `a ${panelType} panel needs a numeric column; the result has ${describe()}`;
      return undefined;
    case 'annotation':
      if (!has('time')) return `an annotation query needs a time column (events are placed by it); the result has ${describe()}`;
      return undefined;
    case 'barchart':
      if (!has('number')) return `a bar chart needs numeric values; the result has ${describe()}`;
      if (!has('string') && !has('time')) return `a bar chart needs a label (text) or time column for the x axis; the result has ${describe()}`;
      return undefined;
    case 'stat':
    case 'gauge':
    case 'bargauge':
    case 'piechart':
    case 'histogram':
      if (!has('number')) return `a ${panelType} panel needs a numeric column; the result has ${describe()}`;
      return undefined;
    default:
      return undefined; // tables and the rest take any result
  }
}
