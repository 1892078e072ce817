import { neverThrows } from '../validate/guard.js';
import type { JsonObject } from '../model/loose.js';
import { invalidVariable, type VariableSpec } from './variable.js';
import { externalDatasource } from '../datasources/external/external.js';

/**
 * A variable of a type dashcode has no builder for (`adhoc`, `groupby`, ...),
 * written as Grafana stores it in `templating.list` (its `datasource`, if
 * any, is written as given). Queries interpolate it like any variable object.
 * A `{ type, uid }` datasource becomes the variable's datasource reference, so
 * compile writes it back (and checks its type against provisioning) rather
 * than reporting a query variable without one.
 */
function buildRawVariable(model: JsonObject): VariableSpec {
  const ds = model.datasource;
  const datasource =
    typeof ds === 'object' && ds !== null && !Array.isArray(ds) && typeof ds.type === 'string' && typeof ds.uid === 'string' && ds.type !== '' && ds.uid !== ''
      ? externalDatasource({ type: ds.type, uid: ds.uid })
      : undefined;
  const spec: VariableSpec = {
    datasource,
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
