import { z } from 'zod';
import { isEnvRef } from '../model/env.js';
import { issuesFromZod } from '../validate/zod-issues.js';
import type { Issue } from '../model/issue.js';
import { isBoolean, isNonEmptyString, isOptionalInt, oneOf, type Check } from '../validate/input-checks.js';
import { lazySchema } from '../validate/lazy-schema.js';
import { isUid, UID } from '../model/uid.js';

const PASSWORD_IN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i;

/** The zod pieces every datasource kind's schema is made of, built on first use (lazy-schema.ts). */
export const datasourceSchemaParts = lazySchema(() => {
  const envRef = z.custom<{ kind: 'env'; name: string }>((v) => isEnvRef(v), {
    message: 'must be an environment reference, env("NAME"), never a literal secret',
  });
  const configurable = z.union([z.string().min(1), envRef]);
  /** A URL with a password in it is a literal secret in disguise. */
  const url = configurable.refine((v) => typeof v !== 'string' || !PASSWORD_IN_URL.test(v), {
    message: 'contains a password (user:password@host); use env("NAME") for the URL or move the password to secureJsonData',
  });
  const common = z.object({
    name: z.string().min(1, 'a datasource needs a name'),
    uid: z.string().regex(UID, 'uid must be 1–40 characters of letters, digits, "-" and "_"'),
    url: url.optional(),
    access: z.enum(['proxy', 'direct']).optional(),
    isDefault: z.boolean().optional(),
    orgId: z.number().int().positive().optional(),
    editable: z.boolean().optional(),
  });
  return { envRef, configurable, url, common };
});

// The fast path's pieces (input-checks.ts): each accepts only what its zod counterpart above accepts.
export const isEnvRefValue: Check = (v) => isEnvRef(v);
export const isConfigurable: Check = (v) => (typeof v === 'string' && v.length > 0) || isEnvRef(v);
export const isDatasourceUrl: Check = (v) => isConfigurable(v) && !(typeof v === 'string' && PASSWORD_IN_URL.test(v));
export const COMMON_DATASOURCE_CHECKS: Readonly<Record<string, Check>> = {
  name: isNonEmptyString,
  uid: isUid,
  url: (v) => v === undefined || isDatasourceUrl(v),
  access: oneOf('proxy', 'direct'),
  isDefault: isBoolean,
  orgId: isOptionalInt(1),
  editable: isBoolean,
};

/**
 * The issues of a datasource builder's options: none when `looksValid` (the
 * kind's fast path) says so, else zod's, from the kind's schema built now.
 */
export function validateDatasourceInput(schema: () => z.ZodType, input: unknown, name: string, looksValid: (input: unknown) => boolean): Issue[] {
  if (looksValid(input)) return [];
  const result = schema().safeParse(input);
  if (result.success) return [];
  return issuesFromZod(result.error, { source: { datasource: name } });
}
