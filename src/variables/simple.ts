import { describes } from '../validate/describes.js';
import { z } from 'zod';
import { isDatasource, type DatasourceSpec } from '../datasources/datasource.js';
import { commonVariableShape } from './schema.js';
import { inputIssues } from '../validate/zod-issues.js';
import { invalidVariable, currentOption, makeVariable, type CommonVariableOptions, type VariableSpec } from './variable.js';
import { neverThrows } from '../validate/guard.js';

export interface ConstantVariableOptions extends Omit<CommonVariableOptions, 'hide'> {
  value: string;
}

/** A hidden constant, for values shared by several queries. */
function buildConstantVariable(options: ConstantVariableOptions): VariableSpec {
  const schema = describes<ConstantVariableOptions>()(z.object({ ...commonVariableShape(), value: z.string() }).omit({ hide: true }).strict());
  return makeVariable({
    type: 'constant',
    common: { ...options, hide: 'variable' },
    model: { query: options.value, current: currentOption(options.value) },
    issues: inputIssues(() => schema, options),
  });
}

export interface TextboxVariableOptions extends CommonVariableOptions {
  default?: string;
}

/** Free text typed by the viewer. In SQL it is always interpolated quoted (`sqlstring`). */
function buildTextboxVariable(options: TextboxVariableOptions): VariableSpec {
  const schema = describes<TextboxVariableOptions>()(z.object({ ...commonVariableShape(), default: z.string().optional() }).strict());
  const value = options.default ?? '';
  return makeVariable({
    type: 'textbox',
    common: options,
    model: { query: value, current: currentOption(value) },
    issues: inputIssues(() => schema, options),
  });
}

export interface IntervalVariableOptions extends CommonVariableOptions {
  values: readonly string[];
  current?: string;
  /** Adds an `auto` option that divides the time range into `autoCount` steps of at least `autoMin`. */
  auto?: { count?: number; min?: string };
}

const DURATION = /^\d+(ms|s|m|h|d|w|y)$/;

/** A time span such as `1m` or `5m`, for `rate(x[$interval])` or `$__timeGroup(time, $interval)`. */
function buildIntervalVariable(options: IntervalVariableOptions): VariableSpec {
  const schema = describes<IntervalVariableOptions>()(
    z
      .object({
        ...commonVariableShape(),
        values: z.array(z.string().regex(DURATION, 'must be a duration such as "1m"')).min(1).readonly(),
        current: z.string().optional(),
        auto: z.object({ count: z.number().int().positive().optional(), min: z.string().regex(DURATION).optional() }).strict().optional(),
      })
      .strict(),
  );
  const values = [...(options.values ?? [])];
  const current = options.current ?? values[0] ?? '';
  const model: Record<string, unknown> = {
    auto: options.auto !== undefined,
    auto_count: options.auto?.count ?? 30,
    auto_min: options.auto?.min ?? '10s',
    current: currentOption(current),
    options: values.map((v) => ({ selected: v === current, text: v, value: v })),
    query: values.join(','),
    refresh: 2,
  };
  return makeVariable({ type: 'interval', common: options, model: model as VariableSpec['model'], issues: inputIssues(() => schema, options) });
}

export interface DatasourceVariableOptions extends CommonVariableOptions {
  /** Plugin id of the datasources to list, e.g. `prometheus`. */
  pluginType: string;
  regex?: string;
  /** The datasource selected by default. */
  current?: DatasourceSpec;
  multi?: boolean;
  includeAll?: boolean;
}

/** Lets the viewer switch between datasources of one type. */
function buildDatasourceVariable(options: DatasourceVariableOptions): VariableSpec {
  const schema = describes<DatasourceVariableOptions>()(
    z
      .object({
        ...commonVariableShape(),
        pluginType: z.string().min(1),
        regex: z.string().optional(),
        current: z.custom<DatasourceSpec>(isDatasource).optional(),
        multi: z.boolean().optional(),
        includeAll: z.boolean().optional(),
      })
      .strict(),
  );
  const { multi = false, includeAll = false } = options;
  const model: Record<string, unknown> = { query: options.pluginType, regex: options.regex ?? '', refresh: 1, multi, includeAll, options: [] };
  if (options.current) model.current = currentOption(options.current.uid, options.current.name);
  return makeVariable({ type: 'datasource', common: options, model: model as VariableSpec['model'], multi, includeAll, issues: inputIssues(() => schema, options) });
}

/** `constantVariable`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const constantVariable = neverThrows('constantVariable', buildConstantVariable, (i) => invalidVariable('constant', i));

/** `textboxVariable`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const textboxVariable = neverThrows('textboxVariable', buildTextboxVariable, (i) => invalidVariable('textbox', i));

/** `intervalVariable`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const intervalVariable = neverThrows('intervalVariable', buildIntervalVariable, (i) => invalidVariable('interval', i));

/** `datasourceVariable`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const datasourceVariable = neverThrows('datasourceVariable', buildDatasourceVariable, (i) => invalidVariable('datasource', i));
