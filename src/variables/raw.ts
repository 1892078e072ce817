import { neverThrows } from '../validate/guard.js';
import { invalidVariable } from '../validate/invalid.js';
import type { JsonObject } from '../model/loose.js';
import type { VariableSpec } from './variable.js';

/**
 * A variable of a type dashcode has no builder for (`adhoc`, `groupby`, ...),
 * written as Grafana stores it in `templating.list` (its `datasource`, if
 * any, is written as given). Queries interpolate it like any variable object.
 */
function buildRawVariable(model: JsonObject): VariableSpec {
  const spec: VariableSpec = {
    kind: 'variable',
    type: model.type as VariableSpec['type'],
    name: String(model.name),
    multi: model.multi === true,
    includeAll: model.includeAll === true,
    dependsOn: [],
    model: { ...model },
    issues: [],
    as: (format) => ({ kind: 'variable-ref', variable: spec, format }),
  };
  return spec;
}

/** `rawVariable`, total: a model that is not an object comes back as an issue on a stand-in (see validate/guard.ts). */
export const rawVariable = neverThrows('rawVariable', buildRawVariable, (i) => invalidVariable('custom', i));
