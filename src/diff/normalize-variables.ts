/** Template variables in their semantic form: runtime state and defaults removed. See normalize.ts. */
import type { Json, JsonObject } from '../model/loose.js';
import { parseCustomQuery } from './custom-query.js';
import { normalizeDatasourceRef } from './datasource-ref.js';
import { asString, deepEqual, isObject, sortKeys } from './json.js';
import type { NormalVariable } from './normalize.js';
import { setOwn } from '../model/own.js';

export function normalizeVariable(v: JsonObject): NormalVariable {
  const type = asString(v.type) ?? '';
  const body: JsonObject = {};
  for (const [k, value] of Object.entries(v)) {
    if (value === undefined || value === null || k === 'options' || k === 'definition' || k === 'name' || k === 'type') continue;
    setOwn(body, k, sortKeys(value));
  }
  const drop = (k: string, dflt: Json) => {
    if (body[k] === undefined || deepEqual(body[k], dflt)) delete body[k];
  };
  drop('hide', 0);
  drop('skipUrlSync', false);
  drop('description', '');
  drop('label', '');
  drop('multi', false);
  drop('includeAll', false);
  drop('allValue', '');
  for (const deprecated of ['tags', 'tagsQuery', 'tagValuesQuery', 'useTags', 'id', 'error', 'state', 'index', 'global', 'rootStateKey']) delete body[deprecated];
  if (isObject(body.current)) {
    const current = { ...body.current };
    delete current.selected;
    if (Object.keys(current).length === 0) delete body.current;
    else body.current = current;
  }
  const ds = normalizeDatasourceRef(v.datasource);
  if (ds) body.datasource = ds;
  else delete body.datasource;

  switch (type) {
    case 'query':
      if (isObject(body.query) && typeof body.query.query === 'string') body.query = body.query.query;
      drop('refresh', 1);
      drop('regex', '');
      drop('sort', 0);
      break;
    case 'custom':
      body.query = parseCustomQuery(asString(v.query) ?? '') as unknown as Json;
      break;
    case 'interval':
      body.query = (asString(v.query) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      drop('auto', false);
      drop('auto_count', 30);
      drop('auto_min', '10s');
      delete body.refresh;
      break;
    case 'constant':
      // Always hidden, and its current value is its query.
      delete body.hide;
      delete body.current;
      break;
    case 'datasource':
      drop('regex', '');
      delete body.refresh;
      break;
    default:
      break;
  }
  const name = asString(v.name) ?? '';
  return { key: name, name, type, body };
}

