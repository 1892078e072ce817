import { z } from 'zod';
import { invalidDatasource, isDatasource, makeDatasource, type DatasourceSpec } from '../datasource.js';
import { COMMON_DATASOURCE_CHECKS, datasourceSchemaParts, validateDatasourceInput } from '../validate.js';
import { TEMPO_TYPE, type TempoDatasourceOptions } from './options.js';
import { describes } from '../../validate/describes.js';
import { neverThrows } from '../../validate/guard.js';
import { arrayOf, isBoolean, isNonEmptyString, isString, strictObjectLooksValid, type Check } from '../../validate/input-checks.js';
import { lazySchema } from '../../validate/lazy-schema.js';

export type TempoDatasource = DatasourceSpec<typeof TEMPO_TYPE>;

const isPromDatasource = (v: unknown) => isDatasource(v) && v.type === 'prometheus';

export const tempoInputSchema = lazySchema(() => {
  const promDatasource = z.custom<DatasourceSpec>(isPromDatasource, {
    message: 'must be a Prometheus datasource object from prometheusDatasource()',
  });
  return describes<TempoDatasourceOptions>()(
    datasourceSchemaParts()
      .common.extend({
        url: z.string().min(1),
        tracesToMetrics: z
          .object({
            datasource: promDatasource,
            tags: z.array(z.object({ key: z.string(), value: z.string().optional() })).optional(),
            queries: z.array(z.object({ name: z.string(), query: z.string() })).optional(),
            spanStartTimeShift: z.string().optional(),
            spanEndTimeShift: z.string().optional(),
          })
          .strict()
          .optional(),
        serviceMap: z.object({ datasource: promDatasource }).strict().optional(),
        nodeGraph: z.boolean().optional(),
        streamingEnabled: z.boolean().optional(),
      })
      .strict(),
  );
});

/** An optional array of plain objects whose listed keys (and only those) pass their checks. */
const listOf = (checks: Readonly<Record<string, Check>>, required: readonly string[]): Check => arrayOf((e) => strictObjectLooksValid(e, checks, required));

const TRACES_TO_METRICS: Readonly<Record<string, Check>> = {
  datasource: isPromDatasource,
  tags: listOf({ key: (v) => typeof v === 'string', value: isString }, ['key']),
  queries: listOf({ name: (v) => typeof v === 'string', query: (v) => typeof v === 'string' }, ['name', 'query']),
  spanStartTimeShift: isString,
  spanEndTimeShift: isString,
};

const CHECKS = {
  ...COMMON_DATASOURCE_CHECKS,
  url: isNonEmptyString,
  tracesToMetrics: (v: unknown) => v === undefined || strictObjectLooksValid(v, TRACES_TO_METRICS, ['datasource']),
  serviceMap: (v: unknown) => v === undefined || strictObjectLooksValid(v, { datasource: isPromDatasource }, ['datasource']),
  nodeGraph: isBoolean,
  streamingEnabled: isBoolean,
};

/** True only when `tempoInputSchema().safeParse(input)` would succeed (test/core/input-fast-paths.test.ts). */
export function tempoInputLooksValid(input: unknown): boolean {
  return strictObjectLooksValid(input, CHECKS, ['name', 'uid', 'url']);
}

/** A Tempo datasource, optionally linked to Prometheus for trace-to-metrics and the service graph. */
function buildTempoDatasource(options: TempoDatasourceOptions): TempoDatasource {
  const { name, tracesToMetrics, serviceMap, nodeGraph, streamingEnabled } = options;
  const jsonData: Record<string, unknown> = {
    nodeGraph: { enabled: nodeGraph ?? true },
    search: { hide: false },
    // A trace lookup queries [from - start shift, to + end shift] (TempoDatasource.makeTraceIdRequest
    // subtracts the start shift): both positive widen the window by an hour on each side.
    traceQuery: { timeShiftEnabled: true, spanStartTimeShift: '1h', spanEndTimeShift: '1h' },
    streamingEnabled: { search: streamingEnabled ?? true },
  };
  if (tracesToMetrics) {
    jsonData.tracesToMetrics = {
      datasourceUid: tracesToMetrics.datasource.uid,
      tags: (tracesToMetrics.tags ?? []).map((t) => ({ ...t })),
      queries: (tracesToMetrics.queries ?? []).map((q) => ({ ...q })),
      spanStartTimeShift: tracesToMetrics.spanStartTimeShift ?? '-2m',
      spanEndTimeShift: tracesToMetrics.spanEndTimeShift ?? '2m',
    };
  }
  if (serviceMap) jsonData.serviceMap = { datasourceUid: serviceMap.datasource.uid };
  const linked: DatasourceSpec[] = [];
  for (const d of [tracesToMetrics?.datasource, serviceMap?.datasource]) if (d && !linked.includes(d)) linked.push(d);
  return makeDatasource(TEMPO_TYPE, options, { jsonData, issues: validateDatasourceInput(tempoInputSchema, options, name, tempoInputLooksValid), linked });
}

/** `tempoDatasource`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const tempoDatasource = neverThrows('tempoDatasource', buildTempoDatasource, (i) => invalidDatasource<TempoDatasource>('tempo', i));
