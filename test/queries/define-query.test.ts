/**
 * Issue 16, "Query builders": the SQL, PromQL and TraceQL builders are one
 * skeleton (`defineQuery`, as panels have `definePanel`), so the shared options
 * (datasource, text, refId, hide, raw) are checked, worded and written the same
 * way for every kind.
 */
import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { testDatasources } from '../support/fixtures.js';
import { promQuery, promql, sql, sqlQuery, tempoDatasource, tempoQuery, traceql } from '../../src/index.js';
import type { PromDatasource } from '../../src/datasources/kinds.js';
import { defineQuery, type CommonQueryOptions } from '../../src/queries/define.js';
import type { QueryText } from '../../src/queries/text.js';
import { QUERY_REF_ID_MESSAGE } from '../../src/queries/query.js';

const { db: pg, prom } = testDatasources();
const tempo = tempoDatasource({ name: 'Tempo', uid: 'tempo', url: 'http://127.0.0.1:3200' });

const KINDS = [
  { name: 'sqlQuery', textKey: 'rawSql', build: (o: Record<string, unknown>) => sqlQuery({ datasource: pg, sql: sql`SELECT 1`, ...o } as never), other: prom },
  { name: 'promQuery', textKey: 'expr', build: (o: Record<string, unknown>) => promQuery({ datasource: prom, expr: promql`up`, ...o } as never), other: pg },
  { name: 'tempoQuery', textKey: 'query', build: (o: Record<string, unknown>) => tempoQuery({ datasource: tempo, query: traceql`{}`, ...o } as never), other: pg },
];

describe('defineQuery: one skeleton for every query builder', () => {
  it.each(KINDS)('$name words a bad refId as every other kind does', ({ build }) => {
    const q = build({ refId: 'a\nb' });
    expect(q.issues.map((i) => [renderPath(i.path), i.message])).toEqual([['refId', QUERY_REF_ID_MESSAGE]]);
  });

  it.each(KINDS)('$name names the datasource in a kind mismatch', ({ build, other }) => {
    const q = build({ datasource: other });
    const i = q.issues.find((x) => x.code === 'query-datasource-type');
    expect(i?.message).toMatch(new RegExp(`query needs a .* datasource, got "${other.type}" \\(${other.name}\\)$`));
  });

  it.each(KINDS)('$name writes hide and merges raw last', ({ build, textKey }) => {
    const q = build({ hide: true, raw: { extra: 1 } });
    expect(q.model).toMatchObject({ hide: true, extra: 1 });
    expect(Object.keys(q.model).at(-1)).toBe('extra');
    expect(q.rawKeys).toEqual(['extra']);
    expect(typeof q.model[textKey]).toBe('string');
  });

  it.each(KINDS)('$name rejects an unknown option by name', ({ build }) => {
    const q = build({ refid: 'A' });
    expect(q.issues.map((i) => i.message).join('\n')).toMatch(/refid/);
  });

  it('defines a new kind from its own options and target model alone', () => {
    const lokiQuery = defineQuery<CommonQueryOptions & { datasource: PromDatasource; expr: QueryText<'promql'> }>({
      name: 'lokiQuery',
      language: 'promql',
      textOption: 'expr',
      textKey: 'expr',
      needs: 'a test query needs a Prometheus datasource',
      fallbackDatasourceType: 'prometheus',
      options: () => ({}),
      model: (_o, text) => ({ editorMode: 'code', expr: text }),
    });
    const q = lokiQuery({ datasource: prom, expr: promql`up`, refId: 'A' } as never);
    expect(q.issues).toEqual([]);
    expect(q.refId).toBe('A');
    expect(q.model).toEqual({ editorMode: 'code', expr: 'up' });
    expect(Object.isFrozen(q)).toBe(true);
    expect(lokiQuery(undefined as never).issues[0]?.message).toMatch(/lokiQuery/);
  });
});
