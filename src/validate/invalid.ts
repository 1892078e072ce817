/**
 * Stand-in specs for builders that could not build from their options (see
 * guard.ts): the right kind, empty, carrying the issue that says why, so the
 * dashboard that uses one reports it by path and writes nothing.
 */
import type { DatasourceSpec } from '../datasources/datasource.js';
import type { QuerySpec } from '../queries/query.js';
import { rawQueryText, type QueryLanguage } from '../queries/text.js';
import { makeVariable, type VariableSpec, type VariableType } from '../variables/variable.js';
import type { Issue } from './issues.js';

export function invalidDatasource<T extends DatasourceSpec>(type: string, i: Issue): T {
  return { kind: 'datasource', type, uid: '', name: '', access: 'proxy', isDefault: false, orgId: 1, editable: false, jsonData: {}, secureJsonData: {}, issues: [i] } as DatasourceSpec as T;
}

export function invalidQuery(language: QueryLanguage, datasourceType: string, i: Issue): QuerySpec {
  return { kind: 'query', datasource: invalidDatasource(datasourceType, i), text: rawQueryText(language, ''), model: {}, issues: [i] };
}

export function invalidVariable(type: VariableType, i: Issue): VariableSpec {
  return makeVariable({ type, common: { name: 'invalid' }, model: {}, issues: [i] });
}
