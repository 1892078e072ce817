/**
 * `templating.list` → one `const` per variable, declared in Grafana's order
 * (a variable's query may only use the ones above it), through the variable
 * builders; types dashcode has no builder for are kept verbatim.
 */
import { datasourceRef, isDatasource } from '../datasources/datasource.js';
import { canonicalPluginType } from '../model/datasource-plugins.js';
import { normalizeDatasourceRef, targetKind } from '../diff/datasource-ref.js';
import { parseCustomQuery } from '../diff/custom-query.js';
import { asString, isObject } from '../diff/json.js';
import { normalizeVariable } from '../diff/normalize.js';
import type { Json, JsonObject } from '../model/loose.js';
import { clone } from '../model/merge.js';
import { customVariable } from '../variables/custom.js';
import { queryVariable } from '../variables/query.js';
import { constantVariable, datasourceVariable, intervalVariable, textboxVariable } from '../variables/simple.js';
import type { VariableSpec } from '../variables/variable.js';
import { invoke, render, type Code, type ExprObject } from './code.js';
import type { ImportContext } from './context.js';
import { queryTemplate } from './query-text.js';
import { fieldsToRestore, restoreFields } from './verify.js';
import { joinPath, renderPath, type IssuePath } from '../model/issue-path.js';

export interface ImportedVariable {
  identifier: string;
  /** `const x = queryVariable({...});` */
  declaration: string;
  /** The variable object the declaration evaluates to. */
  spec: VariableSpec;
}

const HIDE = ['none', 'label', 'variable', 'controls'] as const;
const SORT = ['none', 'alphaAsc', 'alphaDesc', 'numAsc', 'numDesc', 'alphaCaseInsensitiveAsc', 'alphaCaseInsensitiveDesc', 'naturalAsc', 'naturalDesc'] as const;
const NAME = /^[A-Za-z0-9_]+$/;
const DURATION = /^\d+(ms|s|m|h|d|w|y)$/;

export function importVariables(ctx: ImportContext, list: unknown[]): ImportedVariable[] {
  for (const v of list) {
    if (!isObject(v) || typeof v.name !== 'string') continue;
    ctx.variableNames.add(v.name);
    if (v.type === 'datasource' && typeof v.query === 'string' && v.query !== '') ctx.datasourceVariables.set(v.name, canonicalPluginType(v.query));
  }
  const out: ImportedVariable[] = [];
  list.forEach((v, i) => {
    const path = joinPath('templating', 'list', i);
    if (!isObject(v) || typeof v.name !== 'string') {
      ctx.report('import-variable-invalid', path, 'not a variable (no name); dropped');
      ctx.keep(renderPath(path), 'the whole entry', 'dropped: not a variable');
      return;
    }
    if (ctx.scope.has(v.name)) {
      ctx.report('import-variable-duplicate', path, `variable "${v.name}" is defined twice; the second definition is dropped`);
      ctx.keep(`variable "${v.name}"`, 'second definition', 'dropped: duplicate name');
      return;
    }
    const built = importVariable(ctx, v, path);
    const identifier = ctx.identifier(v.name, 'variable');
    const spec = built.value as VariableSpec;
    out.push({ identifier, declaration: `const ${identifier} = ${render(built)};`, spec });
    ctx.scope.set(v.name, { identifier, spec });
  });
  return out;
}

function importVariable(ctx: ImportContext, v: JsonObject, path: IssuePath): Code {
  const name = v.name as string;
  const where = `variable "${name}"`;
  if (!NAME.test(name) || name.startsWith('__')) {
    // Grafana loads it and shows its picker, but its reference syntax ($name, ${name}, [[name]]: variableRegex in
    // public/app/features/variables/utils.ts) matches word characters only, so nothing can use it.
    ctx.report('import-variable-name', joinPath(path, 'name'), `${where}: Grafana loads this name, but its variable syntax matches only letters, digits and "_", so no reference can reach it; dashcode's builders refuse it, so it is kept verbatim (rawVariable)`);
    ctx.keep(where, 'the whole variable', 'rawVariable: a name the builders refuse');
    return ctx.callHelper('rawVariable', clone(v));
  }
  const common: ExprObject = { name };
  if (typeof v.label === 'string' && v.label !== '') common.label = v.label;
  if (typeof v.description === 'string' && v.description !== '') common.description = v.description;
  const hide = typeof v.hide === 'number' ? HIDE[v.hide] : undefined;
  if (hide && hide !== 'none') common.hide = hide;
  if (v.skipUrlSync === true) common.skipUrlSync = true;
  const currentValue = currentOf(v.current);
  const choice: ExprObject = {};
  if (v.multi === true) choice.multi = true;
  if (v.includeAll === true) choice.includeAll = true;
  if (typeof v.allValue === 'string' && v.allValue !== '') choice.allValue = v.allValue;

  let build: ((raw: JsonObject | undefined) => Code) | undefined;
  let datasource: { type: string; uid: string } | undefined;
  switch (v.type) {
    case 'query': {
      const text = typeof v.query === 'string' ? v.query : isObject(v.query) && typeof v.query.query === 'string' ? v.query.query : undefined;
      const hint = targetKind(typeof text === 'string' && /^\s*(label_values|label_names|metrics|query_result)\(/.test(text) ? { expr: text } : {}, asString(normalizeDatasourceRef(v.datasource)?.type));
      const ds = ctx.datasources.resolve(v.datasource, hint, where, joinPath(path, 'datasource'));
      const kind = ds ? targetKind({}, ds.type) : undefined;
      if (!ds || text === undefined || (kind !== 'sql' && kind !== 'prometheus')) break;
      datasource = ds;
      const props: ExprObject = { ...common, datasource: ds.expr, query: queryTemplate(ctx, kind === 'sql' ? 'sql' : 'promql', text, { where, path: joinPath(path, 'query') }), ...choice };
      if (v.refresh === 2) props.refresh = 'timeRange';
      if (typeof v.sort === 'number' && v.sort > 0 && SORT[v.sort]) props.sort = SORT[v.sort];
      if (typeof v.regex === 'string' && v.regex !== '') props.regex = v.regex;
      if (currentValue !== undefined) props.current = currentValue;
      build = (raw) => invoke(ctx.lib('queryVariable'), queryVariable, { ...props, raw });
      break;
    }
    case 'custom': {
      const pairs = parseCustomQuery(asString(v.query) ?? '');
      if (pairs.length === 0) break;
      const values = pairs.map((p) => (p.text === p.value ? p.value : { text: p.text, value: p.value }));
      const props: ExprObject = { ...common, values, ...choice };
      if (currentValue !== undefined && !(typeof currentValue === 'string' && currentValue === pairs[0]!.value)) props.current = currentValue;
      build = (raw) => invoke(ctx.lib('customVariable'), customVariable, { ...props, raw });
      break;
    }
    case 'constant': {
      const { hide: _hidden, ...rest } = common;
      const value = typeof v.query === 'string' ? v.query : '';
      build = (raw) => invoke(ctx.lib('constantVariable'), constantVariable, { ...rest, value, raw });
      break;
    }
    case 'textbox': {
      const props: ExprObject = { ...common };
      if (typeof v.query === 'string' && v.query !== '') props.default = v.query;
      build = (raw) => invoke(ctx.lib('textboxVariable'), textboxVariable, { ...props, raw });
      break;
    }
    case 'interval': {
      const values = (asString(v.query) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (values.length === 0 || !values.every((x) => DURATION.test(x))) break;
      const props: ExprObject = { ...common, values };
      if (typeof currentValue === 'string' && currentValue !== values[0]) props.current = currentValue;
      if (v.auto === true) {
        const auto: ExprObject = {};
        if (typeof v.auto_count === 'number' && v.auto_count !== 30) auto.count = v.auto_count;
        if (typeof v.auto_min === 'string' && v.auto_min !== '10s') auto.min = v.auto_min;
        props.auto = auto;
      }
      build = (raw) => invoke(ctx.lib('intervalVariable'), intervalVariable, { ...props, raw });
      break;
    }
    case 'datasource': {
      if (typeof v.query !== 'string' || v.query === '') break;
      const props: ExprObject = { ...common, pluginType: v.query, ...choice };
      delete props.allValue;
      if (typeof v.regex === 'string' && v.regex !== '') props.regex = v.regex;
      const current = isObject(v.current) ? asString(v.current.value) : undefined;
      if (current !== undefined && current !== '') {
        const ds = ctx.datasources.resolve({ uid: current, type: v.query }, undefined, where, joinPath(path, 'current'));
        if (ds && isDatasource(ds.expr.value)) props.current = ds.expr;
      }
      build = (raw) => invoke(ctx.lib('datasourceVariable'), datasourceVariable, { ...props, raw });
      break;
    }
    default:
      break;
  }
  if (!build) {
    ctx.report('import-variable-verbatim', path, `${where}: dashcode has no builder for this ${String(v.type)} variable; kept verbatim`);
    ctx.keep(where, 'the whole variable', 'rawVariable');
    return ctx.callHelper('rawVariable', clone(v));
  }
  return restore(ctx, build, v, datasource, where, path);
}

/** `current.value` as the builders take it: a string or a list of strings. */
function currentOf(current: unknown): string | string[] | undefined {
  if (!isObject(current)) return undefined;
  const value = current.value;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((x) => typeof x === 'string')) return value as string[];
  return undefined;
}

/** Builds the variable and checks it against the original; fields that differ go to `raw` (see restoreFields). */
function restore(ctx: ImportContext, build: (raw: JsonObject | undefined) => Code, v: JsonObject, datasource: { type: string; uid: string } | undefined, where: string, path: IssuePath): Code {
  const expected = normalizeVariable(v).body;
  const built = restoreFields(ctx, { where, build, differences: (c) => fieldsToRestore(v, expected, compiledBody(c.value as VariableSpec), ['datasource']) });
  const spec = built.value as VariableSpec;
  for (const i of spec.issues) ctx.report('import-variable-check', joinPath(path, i.path), `${where}: ${i.message}`);
  if (datasource && JSON.stringify(expected.datasource) !== JSON.stringify(compiledBody(spec).datasource)) {
    ctx.report('import-variable-datasource', joinPath(path, 'datasource'), `${where}: datasource becomes ${canonicalPluginType(datasource.type)} ${datasource.uid}`);
  }
  return built;
}

/** The variable JSON compile writes for this spec, normalised like `dashcode diff` does. */
function compiledBody(spec: VariableSpec): JsonObject {
  const json: JsonObject = clone(spec.model);
  if (spec.datasource !== undefined || spec.type === 'query') json.datasource = spec.datasource ? ({ ...datasourceRef(spec.datasource) } as Json) : null;
  return normalizeVariable(json).body;
}
