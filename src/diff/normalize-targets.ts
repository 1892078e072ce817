/**
 * Targets (panel queries) in their semantic form: the datasource they run on
 * resolved, editor state and defaults removed. See normalize.ts.
 */
import type { JsonObject } from '../model/loose.js';
import { MIXED_UID } from '../model/datasource-plugins.js';
import { isSpecificRef, normalizeDatasourceRef, targetKind } from './datasource-ref.js';
import { asString, sortKeys } from './json.js';
import { setOwn } from '../model/own.js';

export const EDITOR_STATE: Record<string, readonly string[]> = {
  sql: ['editorMode', 'sql', 'table', 'dataset', 'rawQuery'],
  prometheus: ['editorMode', 'disableTextWrap', 'fullMetaSearch', 'includeNullMetadata', 'useBackend'],
  tempo: [],
};

/** The datasource a target runs on: its own when it names one, else the panel's. */
export function effectiveTargetDatasource(target: JsonObject, panelDatasource: unknown): unknown {
  if (isSpecificRef(target.datasource)) return target.datasource;
  const panel = normalizeDatasourceRef(panelDatasource);
  if (panel && panel.uid !== MIXED_UID) return panelDatasource;
  return target.datasource ?? panelDatasource;
}

export function normalizeTarget(t: JsonObject, panelDatasource: unknown): JsonObject {
  const ds = normalizeDatasourceRef(effectiveTargetDatasource(t, panelDatasource));
  const kind = targetKind(t, asString(ds?.type));
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(t)) {
    if (v === undefined || v === null || k === 'datasource' || k === 'key') continue;
    setOwn(out, k, sortKeys(v));
  }
  if (ds) out.datasource = ds;
  if (out.hide === false) delete out.hide;
  if (!kind) return out;
  // Legacy (pre-Grafana 8) SQL builder: the query is generated from these fields, so they are not editor state.
  const legacySql = kind === 'sql' && t.rawQuery === false && t.editorMode === undefined;
  if (!legacySql) for (const k of EDITOR_STATE[kind] ?? []) delete out[k];
  switch (kind) {
    case 'prometheus': {
      const instant = t.instant === true;
      out.instant = instant;
      out.range = typeof t.range === 'boolean' ? t.range : !instant;
      if (out.exemplar === false) delete out.exemplar;
      if (out.legendFormat === '') delete out.legendFormat;
      if (out.interval === '') delete out.interval;
      out.format ??= 'time_series';
      break;
    }
    case 'sql':
      out.format ??= 'table';
      break;
    case 'tempo':
      if (Array.isArray(out.filters) && out.filters.length === 0) delete out.filters;
      out.limit ??= 20;
      out.tableType ??= 'traces';
      break;
  }
  return out;
}

