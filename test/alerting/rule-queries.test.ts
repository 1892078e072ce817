/**
 * Which alert rule queries `dashcode check` runs, and in which language
 * (checkAlerting): `check` starts the embedded database's worker early when
 * a rule has an SQL query, as it does for a dashboard panel's.
 */
import { describe, expect, it } from 'vitest';
import { checkAlerting, hasSqlRuleQuery } from '../../src/alerting/check.js';

const rule = (...data: unknown[]) => ({ apiVersion: 1, groups: [{ name: 'g', rules: [{ title: 'R', data }] }] });
const sqlQuery = { refId: 'A', datasourceUid: 'pg', model: { rawSql: 'SELECT 1 AS value' } };
const promQuery = { refId: 'A', datasourceUid: 'prom', model: { expr: 'up' } };
const expression = { refId: 'B', datasourceUid: '__expr__', model: { type: 'threshold', rawSql: 'not a query' } };

describe('hasSqlRuleQuery', () => {
  it('is true for a rule with an SQL query, wherever it is among the data', () => {
    expect(hasSqlRuleQuery(rule(sqlQuery))).toBe(true);
    expect(hasSqlRuleQuery(rule(promQuery, expression, sqlQuery))).toBe(true);
  });

  it('is false for PromQL, for expressions (even with a rawSql field), and for what is not alerting provisioning', () => {
    expect(hasSqlRuleQuery(rule(promQuery, expression))).toBe(false);
    for (const doc of [undefined, null, 'groups', { groups: 'x' }, { groups: [{ rules: [{ data: [null, 1, { model: 'x' }] }] }] }]) expect(hasSqlRuleQuery(doc)).toBe(false);
  });

  it('agrees with the queries checkAlerting runs as SQL', async () => {
    const doc = rule(promQuery, expression, sqlQuery);
    const ran: string[] = [];
    const sql = { readOnly: true as const, query: async (text: string) => (ran.push(text), { rows: [{ value: 1 }], fields: [{ name: 'value', dataTypeID: 23 }], truncated: false }) };
    const check = await checkAlerting(doc, { at: new Date('2026-12-07T00:00:00Z'), sql });
    expect(check.queries.map((q) => [q.path, q.language])).toEqual([
      ['groups[0].rules[0].data[0]', 'promql'],
      ['groups[0].rules[0].data[2]', 'sql'],
    ]);
    expect(ran).toHaveLength(1);
  });
});
