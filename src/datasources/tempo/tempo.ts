import { z } from 'zod';
import { invalidDatasource, isDatasource, makeDatasource, type DatasourceSpec } from '../datasource.js';
import { commonDatasourceSchema, validateDatasourceInput } from '../validate.js';
import { TEMPO_TYPE, type TempoDatasourceOptions } from './options.js';
import { describes } from '../../validate/describes.js';
import { neverThrows } from '../../validate/guard.js';

export type TempoDatasource = DatasourceSpec<typeof TEMPO_TYPE>;

const promDatasource = z.custom<DatasourceSpec>((v) => isDatasource(v) && v.type === 'prometheus', {
  message: 'must be a Prometheus datasource object from prometheusDatasource()',
});

const schema = describes<TempoDatasourceOptions>()(
  commonDatasourceSchema.extend({
    url: z.string().min(1),
    tracesToMetrics: z.object({
      datasource: promDatasource,
      tags: z.array(z.object({ key: z.string(), value: z.string().optional() })).optional(),
      queries: z.array(z.object({ name: z.string(), query: z.string() })).optional(),
      spanStartTimeShift: z.string().optional(),
      spanEndTimeShift: z.string().optional(),
    }).strict().optional(),
    serviceMap: z.object({ datasource: promDatasource }).strict().optional(),
    nodeGraph: z.boolean().optional(),
    streamingEnabled: z.boolean().optional(),
  }).strict(),
);

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
  return makeDatasource(TEMPO_TYPE, options, { jsonData, issues: validateDatasourceInput(schema, options, name), linked });
}

/** `tempoDatasource`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const tempoDatasource = neverThrows('tempoDatasource', buildTempoDatasource, (i) => invalidDatasource<TempoDatasource>('tempo', i));
