import { z } from 'zod';
import { lazySchema } from '../validate/lazy-schema.js';
import { arrayOf, isBoolean, isOptionalRecord, isString, oneOf, type Check } from '../validate/input-checks.js';

/** Grafana accepts `[a-zA-Z0-9_]` in variable names; `__` is reserved for built-ins. */
const VARIABLE_NAME = /^[A-Za-z0-9_]+$/;
const HIDE = ['none', 'label', 'variable', 'controls'] as const;

/** The fields every variable builder takes, as zod shapes; built on first use (validate/lazy-schema.ts). */
export const commonVariableShape = lazySchema(() => ({
  name: z
    .string()
    .regex(VARIABLE_NAME, 'variable names use letters, digits and "_" only')
    .refine((n) => !n.startsWith('__'), 'names starting with "__" are reserved for Grafana built-ins'),
  label: z.string().optional(),
  description: z.string().optional(),
  hide: z.enum(HIDE).optional(),
  skipUrlSync: z.boolean().optional(),
  raw: z.record(z.string(), z.unknown()).optional(),
}));

/** The hand-written checks of `commonVariableShape` (input-checks.ts): true only for what zod accepts. */
export const COMMON_VARIABLE_CHECKS: Readonly<Record<string, Check>> = {
  name: (v) => typeof v === 'string' && VARIABLE_NAME.test(v) && !v.startsWith('__'),
  label: isString,
  description: isString,
  hide: oneOf(...HIDE),
  skipUrlSync: isBoolean,
  raw: isOptionalRecord,
};

const listOfStrings = arrayOf((c) => typeof c === 'string', false);

/** `current`: a value or a list of values. Indexed through `arrayOf`, since `every` skips holes and `[,]` is not a list of strings. */
export const isOptionalCurrent: Check = (v) => v === undefined || typeof v === 'string' || listOfStrings(v);
