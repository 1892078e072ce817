import { z } from 'zod';
import { isEnvRef } from '../model/env.js';
import { issuesFromZod } from '../validate/zod-issues.js';
import type { Issue } from '../model/issue.js';

const UID = /^[A-Za-z0-9_-]{1,40}$/;

const envRefSchema = z.custom<{ kind: 'env'; name: string }>((v) => isEnvRef(v), {
  message: 'must be an environment reference, env("NAME"), never a literal secret',
});

const configurable = z.union([z.string().min(1), envRefSchema]);

/** A URL with a password in it is a literal secret in disguise. */
const urlSchema = configurable.refine(
  (v) => typeof v !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i.test(v),
  { message: 'contains a password (user:password@host); use env("NAME") for the URL or move the password to secureJsonData' },
);

export const commonDatasourceSchema = z.object({
  name: z.string().min(1, 'a datasource needs a name'),
  uid: z.string().regex(UID, 'uid must be 1–40 characters of letters, digits, "-" and "_"'),
  url: urlSchema.optional(),
  access: z.enum(['proxy', 'direct']).optional(),
  isDefault: z.boolean().optional(),
  orgId: z.number().int().positive().optional(),
  editable: z.boolean().optional(),
});

export { envRefSchema, configurable };

export function validateDatasourceInput(schema: z.ZodType, input: unknown, name: string): Issue[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return issuesFromZod(result.error, { source: { datasource: name } });
}
