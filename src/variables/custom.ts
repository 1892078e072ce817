import { describes } from '../validate/describes.js';
import { z } from 'zod';
import { inputIssues } from '../validate/zod-issues.js';
import { COMMON_VARIABLE_CHECKS, commonVariableShape, isOptionalCurrent } from './schema.js';
import { lazySchema } from '../validate/lazy-schema.js';
import { arrayOf, isBoolean, isString, strictObjectLooksValid, type Check } from '../validate/input-checks.js';
import { invalidVariable, currentOption, makeVariable, type CommonVariableOptions, type VariableSpec } from './variable.js';
import { neverThrows } from '../validate/guard.js';

export interface CustomVariableOptions extends CommonVariableOptions {
  /** Values, or `{ text, value }` pairs. */
  values: ReadonlyArray<string | { text: string; value: string }>;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
  /** Default selection; the first value when omitted. */
  current?: string | string[];
}

/** Built on first use (validate/lazy-schema.ts): valid options never ask zod. */
export const customVariableInputSchema = lazySchema(() =>
  describes<CustomVariableOptions>()(
    z
      .object({
        ...commonVariableShape(),
        values: z.array(z.union([z.string(), z.object({ text: z.string(), value: z.string() }).strict()])).min(1, 'needs at least one value').readonly(),
        multi: z.boolean().optional(),
        includeAll: z.boolean().optional(),
        allValue: z.string().optional(),
        current: z.union([z.string(), z.array(z.string())]).optional(),
      })
      .strict(),
  ),
);

const isPair: Check = (v) => strictObjectLooksValid(v, { text: (t) => typeof t === 'string', value: (t) => typeof t === 'string' }, ['text', 'value']);

const CUSTOM_CHECKS: Readonly<Record<string, Check>> = {
  ...COMMON_VARIABLE_CHECKS,
  values: (v) => Array.isArray(v) && v.length > 0 && arrayOf((e) => typeof e === 'string' || isPair(e), false)(v),
  multi: isBoolean,
  includeAll: isBoolean,
  allValue: isString,
  current: isOptionalCurrent,
};

/** The hand-written check of `customVariableInputSchema` (input-checks.ts): true only for options zod accepts. */
export function customVariableInputLooksValid(input: unknown): boolean {
  return strictObjectLooksValid(input, CUSTOM_CHECKS, ['name', 'values']);
}

/** A fixed list of values. */
function buildCustomVariable(options: CustomVariableOptions): VariableSpec {
  const { multi = false, includeAll = false } = options;
  const pairs = (options.values ?? []).map((v) => (typeof v === 'string' ? { text: v, value: v } : { ...v }));
  const current = options.current ?? pairs[0]?.value ?? '';
  const selected = new Set(Array.isArray(current) ? current : [current]);
  const model: Record<string, unknown> = {
    current: currentOption(current, Array.isArray(current) ? current.map((c) => textOf(pairs, c)) : textOf(pairs, current)),
    includeAll,
    multi,
    options: pairs.map((p) => ({ selected: selected.has(p.value), text: p.text, value: p.value })),
    // Grafana's custom query syntax: `text : value` pairs, comma-separated.
    query: pairs.map((p) => (p.text === p.value ? escapeComma(p.value) : `${escapeComma(p.text)} : ${escapeComma(p.value)}`)).join(','),
  };
  if (options.allValue !== undefined) model.allValue = options.allValue;
  return makeVariable({ type: 'custom', common: options, model: model as VariableSpec['model'], multi, includeAll, issues: inputIssues(customVariableInputSchema, options, customVariableInputLooksValid) });
}

function textOf(pairs: Array<{ text: string; value: string }>, value: string): string {
  return pairs.find((p) => p.value === value)?.text ?? value;
}

function escapeComma(s: string): string {
  return s.replace(/,/g, '\\,');
}

/** `customVariable`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const customVariable = neverThrows('customVariable', buildCustomVariable, (i) => invalidVariable('custom', i));
