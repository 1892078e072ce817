import type { DatasourceSpec } from '../datasources/datasource.js';
import type { JsonObject } from '../model/loose.js';
import { deepMerge } from '../model/merge.js';
import type { Issue } from '../model/issue.js';

/** Grafana's variable interpolation formats (`${var:format}`). */
export type VariableFormat =
  | 'csv'
  | 'distributed'
  | 'doublequote'
  | 'glob'
  | 'json'
  | 'lucene'
  | 'percentencode'
  | 'pipe'
  | 'raw'
  | 'regex'
  | 'singlequote'
  | 'sqlstring'
  | 'text'
  | 'queryparam';

export type VariableType = 'query' | 'custom' | 'constant' | 'textbox' | 'interval' | 'datasource';

/**
 * A template variable. Query text refers to it by object (see `sql`/`promql`
 * tags), so a query can only use variables that exist, and compile checks the
 * dashboard defines each one it uses.
 */
export interface VariableSpec {
  readonly kind: 'variable';
  readonly type: VariableType;
  readonly name: string;
  readonly multi: boolean;
  readonly includeAll: boolean;
  readonly datasource?: DatasourceSpec;
  /** Variables this one's query uses; they must be defined before it. */
  readonly dependsOn: readonly VariableSpec[];
  /** The variable's JSON model, without `datasource` (resolved at compile). */
  readonly model: JsonObject;
  readonly issues: readonly Issue[];
  /** Keys set through the `raw` escape hatch. */
  readonly rawKeys?: readonly string[];
  /** A reference with an explicit format, e.g. `branch.as('csv')` → `${branch:csv}`. */
  as(format: VariableFormat): VariableRef;
}

export interface VariableRef {
  readonly kind: 'variable-ref';
  readonly variable: VariableSpec;
  readonly format: VariableFormat;
}

export type VariableLike = VariableSpec | VariableRef;

export function isVariable(v: unknown): v is VariableSpec {
  return typeof v === 'object' && v !== null && (v as VariableSpec).kind === 'variable';
}

export function isVariableRef(v: unknown): v is VariableRef {
  return typeof v === 'object' && v !== null && (v as VariableRef).kind === 'variable-ref';
}

/** Options every variable accepts. */
export interface CommonVariableOptions {
  /** Name used in queries: letters, digits and `_`. */
  name: string;
  label?: string;
  description?: string;
  /** `label` shows label and value, `value` only the value, `variable` hides it, `controls` puts it in the controls menu. */
  hide?: 'none' | 'label' | 'variable' | 'controls';
  skipUrlSync?: boolean;
  /** Escape hatch: keys merged verbatim into the variable JSON; listed by `dashcode build`. */
  raw?: Record<string, unknown>;
}

export const HIDE = { none: 0, label: 1, variable: 2, controls: 3 } as const;

/** Assembles the frozen spec; `model` is the variable-specific part of the JSON. */
export function makeVariable(parts: {
  type: VariableType;
  common: CommonVariableOptions;
  model: JsonObject;
  multi?: boolean;
  includeAll?: boolean;
  datasource?: DatasourceSpec;
  dependsOn?: readonly VariableSpec[];
  issues: readonly Issue[];
}): VariableSpec {
  const { common } = parts;
  const model: JsonObject = {
    name: common.name,
    type: parts.type,
    hide: Object.hasOwn(HIDE, common.hide ?? 'none') ? HIDE[common.hide ?? 'none'] : 0,
    skipUrlSync: common.skipUrlSync ?? false,
    ...parts.model,
  };
  if (common.label !== undefined) model.label = common.label;
  if (common.description !== undefined) model.description = common.description;
  const merged = common.raw ? (deepMerge(model, common.raw) as JsonObject) : model;
  const spec: VariableSpec = {
    kind: 'variable',
    type: parts.type,
    name: common.name,
    multi: parts.multi ?? false,
    includeAll: parts.includeAll ?? false,
    datasource: parts.datasource,
    dependsOn: parts.dependsOn ?? [],
    model: merged,
    issues: parts.issues,
    rawKeys: Object.keys(common.raw ?? {}),
    as(format) {
      return Object.freeze({ kind: 'variable-ref', variable: spec, format });
    },
  };
  return Object.freeze(spec);
}

/** `{ text, value }` of the current selection, in Grafana's shape. */
export function currentOption(value: string | string[], text?: string | string[]): JsonObject {
  return { selected: true, text: text ?? value, value };
}

/** Stand-in for a variable builder that could not build (see datasources' invalidDatasource). */
export function invalidVariable(type: VariableType, i: Issue): VariableSpec {
  return makeVariable({ type, common: { name: 'invalid' }, model: {}, issues: [i] });
}
