import { describes } from '../../validate/describes.js';
import { neverThrows } from '../../validate/guard.js';
import { z } from 'zod';
import { invalidDatasource, type DatasourceSpec } from '../datasource.js';
import { validateDatasourceInput } from '../validate.js';
import { isNonEmptyString, strictObjectLooksValid } from '../../validate/input-checks.js';
import { lazySchema } from '../../validate/lazy-schema.js';
import { BUILTIN_UIDS } from '../../model/datasource-plugins.js';
import type { ExternalDatasourceOptions } from './options.js';
import { isUid } from '../../model/uid.js';

export type ExternalDatasource<TType extends string = string> = DatasourceSpec<TType> & { readonly external: true };

/** `${ds}` or `$ds`: a datasource variable, resolved by Grafana when the dashboard loads. */
const VARIABLE_REF = /^\$(\{[A-Za-z0-9_]+\}|[A-Za-z0-9_]+)$/;

const isExternalUid = (u: unknown) => typeof u === 'string' && (isUid(u) || VARIABLE_REF.test(u) || BUILTIN_UIDS.has(u));

export const externalInputSchema = lazySchema(() =>
  describes<ExternalDatasourceOptions>()(
    z
      .object({
        type: z.string().min(1, 'an external datasource needs its plugin type, e.g. "prometheus"'),
        uid: z.string().refine(isExternalUid, {
          message: 'uid must be 1–40 characters of letters, digits, "-" and "_", a datasource variable (${ds}) or a built-in datasource ("-- Grafana --")',
        }),
        name: z.string().min(1).optional(),
      })
      .strict(),
  ),
);

const CHECKS = { type: isNonEmptyString, uid: isExternalUid, name: (v: unknown) => v === undefined || isNonEmptyString(v) };

/** True only when `externalInputSchema().safeParse(input)` would succeed (test/core/input-fast-paths.test.ts). */
export function externalInputLooksValid(input: unknown): boolean {
  return strictObjectLooksValid(input, CHECKS, ['type', 'uid']);
}

/**
 * A datasource this repository references but does not provision: one
 * managed elsewhere (Grafana Cloud, another repository's provisioning), a
 * datasource variable (`${ds}`) or Grafana's built-in datasource. Queries
 * and panels reference it by object like any other; it is never written to
 * the provisioning YAML, and `doctor` does not try to connect to it.
 */
function buildExternalDatasource<const TType extends string>(options: ExternalDatasourceOptions<TType>): ExternalDatasource<TType> {
  const name = options.name ?? options.uid;
  return Object.freeze({
    kind: 'datasource',
    type: options.type,
    name,
    uid: options.uid,
    access: 'proxy',
    isDefault: false,
    orgId: 1,
    editable: false,
    jsonData: {},
    secureJsonData: {},
    issues: validateDatasourceInput(externalInputSchema, options, name, externalInputLooksValid),
    external: true,
  });
}

/** True for datasources declared with `externalDatasource`: referenced, never provisioned. */
export function isExternalDatasource(ds: DatasourceSpec): boolean {
  return ds.external === true;
}

const guarded = neverThrows('externalDatasource', buildExternalDatasource, (i) => invalidDatasource<ExternalDatasource<string>>('datasource', i));

/** `externalDatasource`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export function externalDatasource<const TType extends string>(options: ExternalDatasourceOptions<TType>): ExternalDatasource<TType> {
  return guarded(options) as ExternalDatasource<TType>;
}
