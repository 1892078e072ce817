import { z } from 'zod';
import { issuesFromZod, parseInput } from '../validate/zod-issues.js';
import type { Issue } from '../model/issue.js';

/** Grafana accepts `[a-zA-Z0-9_]` in variable names; `__` is reserved for built-ins. */
export const variableName = z
  .string()
  .regex(/^[A-Za-z0-9_]+$/, 'variable names use letters, digits and "_" only')
  .refine((n) => !n.startsWith('__'), 'names starting with "__" are reserved for Grafana built-ins');

export const commonVariableShape = {
  name: variableName,
  label: z.string().optional(),
  description: z.string().optional(),
  hide: z.enum(['none', 'label', 'variable', 'controls']).optional(),
  skipUrlSync: z.boolean().optional(),
  raw: z.record(z.string(), z.unknown()).optional(),
};

export function checkVariableInput(schema: z.ZodType, input: unknown): Issue[] {
  const r = parseInput(schema, input);
  return r.success ? [] : issuesFromZod(r.error, { schema });
}
