import { z } from 'zod';
import { invalidDatasource, makeDatasource, type DatasourceSpec } from '../datasource.js';
import { commonDatasourceSchema, validateDatasourceInput } from '../validate.js';
import { PROMETHEUS_TYPE, type PrometheusDatasourceOptions } from './options.js';
import { describes } from '../../validate/describes.js';
import { neverThrows } from '../../validate/guard.js';

export type PrometheusDatasource = DatasourceSpec<typeof PROMETHEUS_TYPE>;

const DURATION = /^\d+(ms|s|m|h|d|w|y)$/;

const schema = describes<PrometheusDatasourceOptions>()(
  commonDatasourceSchema.extend({
    url: z.string().min(1),
    timeInterval: z.string().regex(DURATION, 'must be a Prometheus duration such as "15s"').optional(),
    httpMethod: z.enum(['GET', 'POST']).optional(),
    prometheusType: z.enum(['Prometheus', 'Mimir', 'Cortex', 'Thanos']).optional(),
    prometheusVersion: z.string().optional(),
    exemplarTraceIdDestinations: z
      .array(
        z
          .object({ name: z.string(), datasourceUid: z.string().min(1).optional(), url: z.string().min(1).optional(), urlDisplayLabel: z.string().optional() })
          .strict()
          .refine((d) => d.datasourceUid !== undefined || d.url !== undefined, { message: 'set datasourceUid (takes precedence) or url' }),
      )
      .optional(),
  }).strict(),
);

/** A Prometheus datasource. */
function buildPrometheusDatasource(options: PrometheusDatasourceOptions): PrometheusDatasource {
  const { name, timeInterval, httpMethod, prometheusType, prometheusVersion, exemplarTraceIdDestinations } = options;
  const jsonData: Record<string, unknown> = { httpMethod: httpMethod ?? 'POST', timeInterval: timeInterval ?? '15s' };
  if (prometheusType) jsonData.prometheusType = prometheusType;
  if (prometheusVersion) jsonData.prometheusVersion = prometheusVersion;
  if (exemplarTraceIdDestinations) jsonData.exemplarTraceIdDestinations = exemplarTraceIdDestinations.map((d) => ({ ...d }));
  return makeDatasource(PROMETHEUS_TYPE, options, { jsonData, issues: validateDatasourceInput(schema, options, name) });
}

/** `prometheusDatasource`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const prometheusDatasource = neverThrows('prometheusDatasource', buildPrometheusDatasource, (i) => invalidDatasource<PrometheusDatasource>('prometheus', i));
