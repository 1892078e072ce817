import { z } from 'zod';
import { invalidDatasource, makeDatasource, type DatasourceSpec } from '../datasource.js';
import { COMMON_DATASOURCE_CHECKS, datasourceSchemaParts, validateDatasourceInput } from '../validate.js';
import { PROMETHEUS_TYPE, type PrometheusDatasourceOptions } from './options.js';
import { describes } from '../../validate/describes.js';
import { neverThrows } from '../../validate/guard.js';
import { isNonEmptyString, isString, matching, oneOf, strictObjectLooksValid } from '../../validate/input-checks.js';
import { lazySchema } from '../../validate/lazy-schema.js';

export type PrometheusDatasource = DatasourceSpec<typeof PROMETHEUS_TYPE>;

const DURATION = /^\d+(ms|s|m|h|d|w|y)$/;
const HTTP_METHODS = ['GET', 'POST'] as const;
const PROMETHEUS_TYPES = ['Prometheus', 'Mimir', 'Cortex', 'Thanos'] as const;

export const prometheusInputSchema = lazySchema(() =>
  describes<PrometheusDatasourceOptions>()(
    datasourceSchemaParts()
      .common.extend({
        url: z.string().min(1),
        timeInterval: z.string().regex(DURATION, 'must be a Prometheus duration such as "15s"').optional(),
        httpMethod: z.enum(HTTP_METHODS).optional(),
        prometheusType: z.enum(PROMETHEUS_TYPES).optional(),
        prometheusVersion: z.string().optional(),
        exemplarTraceIdDestinations: z
          .array(
            z
              .object({ name: z.string(), datasourceUid: z.string().min(1).optional(), url: z.string().min(1).optional(), urlDisplayLabel: z.string().optional() })
              .strict()
              .refine((d) => d.datasourceUid !== undefined || d.url !== undefined, { message: 'set datasourceUid (takes precedence) or url' }),
          )
          .optional(),
      })
      .strict(),
  ),
);

// exemplarTraceIdDestinations is not modelled: zod checks it.
const CHECKS = {
  ...COMMON_DATASOURCE_CHECKS,
  url: isNonEmptyString,
  timeInterval: matching(DURATION),
  httpMethod: oneOf(...HTTP_METHODS),
  prometheusType: oneOf(...PROMETHEUS_TYPES),
  prometheusVersion: isString,
};

/** True only when `prometheusInputSchema().safeParse(input)` would succeed (test/core/input-fast-paths.test.ts). */
export function prometheusInputLooksValid(input: unknown): boolean {
  return strictObjectLooksValid(input, CHECKS, ['name', 'uid', 'url']);
}

/** A Prometheus datasource. */
function buildPrometheusDatasource(options: PrometheusDatasourceOptions): PrometheusDatasource {
  const { name, timeInterval, httpMethod, prometheusType, prometheusVersion, exemplarTraceIdDestinations } = options;
  const jsonData: Record<string, unknown> = { httpMethod: httpMethod ?? 'POST', timeInterval: timeInterval ?? '15s' };
  if (prometheusType) jsonData.prometheusType = prometheusType;
  if (prometheusVersion) jsonData.prometheusVersion = prometheusVersion;
  if (exemplarTraceIdDestinations) jsonData.exemplarTraceIdDestinations = exemplarTraceIdDestinations.map((d) => ({ ...d }));
  return makeDatasource(PROMETHEUS_TYPE, options, { jsonData, issues: validateDatasourceInput(prometheusInputSchema, options, name, prometheusInputLooksValid) });
}

/** `prometheusDatasource`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const prometheusDatasource = neverThrows('prometheusDatasource', buildPrometheusDatasource, (i) => invalidDatasource<PrometheusDatasource>('prometheus', i));
