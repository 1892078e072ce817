/**
 * A dashboard carries regular expressions that dashcode runs itself: a query
 * variable's regex (check and preview), a Prometheus `metrics(re)` variable
 * query, an override's byRegexp matcher and a stat's field filter (preview).
 * A pull request controls both the pattern and, through the fixtures, the
 * text it runs on: a pattern that backtracks catastrophically must be stopped
 * and reported, never hang the CI job. No timing assertion: the test's own
 * timeout is the bound (each of these took minutes before).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveVariables } from '../../src/check/run/variables.js';
import { REGEX_BUDGET_MS, RegexBudgetError, setRegexBudgetMs, withinRegexBudget } from '../../src/check/run/regex-budget.js';
import { fieldSettings } from '../../src/preview/render/field-config.js';
import { previewPage } from '../../src/preview/index.js';
import { openTestPglite } from '../support/pglite.js';

/** Exponential in the length of the `a` run; a backreference, so V8's linear-time fallback engine cannot take it. */
const HOSTILE = '^(a+)+\\1$';
const TEXT = `${'a'.repeat(40)}b`;

describe('regular expressions from a dashboard run on a budget', () => {
  // A fifth of the real budget: each case below waits it out while a regex backtracks.
  let previous: number;
  beforeAll(() => {
    previous = setRegexBudgetMs(200);
  });
  afterAll(() => {
    setRegexBudgetMs(previous);
  });

  it('withinRegexBudget stops a catastrophic pattern and says what ran', () => {
    const re = new RegExp(HOSTILE);
    let stopped: unknown;
    try {
      withinRegexBudget(() => re.test(TEXT), 'the regex of variable "v"');
    } catch (err) {
      stopped = err;
    }
    expect(stopped).toBeInstanceOf(RegexBudgetError);
    expect((stopped as Error).message).toBe('the regex of variable "v" ran for more than 0.2 s and was stopped (a regular expression that backtracks catastrophically?)');
    expect(REGEX_BUDGET_MS).toBe(1000); // what check and preview use
    // Work that ends in time returns its value, and its own errors pass through unchanged.
    expect(withinRegexBudget(() => /^a+b$/.test(TEXT), 'x')).toBe(true);
    expect(() => withinRegexBudget(() => { throw new TypeError('own'); }, 'x')).toThrow(TypeError);
  });

  it('check: a query variable whose regex backtracks is an error naming the variable, and the others resolve', { timeout: 60_000 }, async () => {
    const db = await openTestPglite();
    try {
      const pg = { type: 'grafana-postgresql-datasource', uid: 'pg' };
      const dashboard = {
        title: 't',
        uid: 'u',
        templating: {
          list: [
            { name: 'evil', type: 'query', datasource: pg, query: `SELECT repeat('a', 40) || 'b' AS v`, regex: `/${HOSTILE}/` },
            { name: 'fine', type: 'query', datasource: pg, query: `SELECT 'x' AS v`, regex: '/x/' },
          ],
        },
      };
      const range = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-01T01:00:00Z') };
      const { report } = await resolveVariables(dashboard, range, 1000, db);
      expect(report.find((r) => r.name === 'evil')).toMatchObject({ status: 'error', message: expect.stringMatching(/^regex: the regex of variable "evil" ran for more than 0.2 s and was stopped/) as unknown });
      expect(report.find((r) => r.name === 'fine')).toMatchObject({ status: 'ok' });
    } finally {
      await db.close();
    }
  });

  // The stat field filter is on the preview page below.
  it('preview: an override matcher that backtracks is stopped', () => {
    const field = { name: TEXT, type: 'number' as const };
    const panel = { type: 'stat', fieldConfig: { defaults: {}, overrides: [{ matcher: { id: 'byRegexp', options: `/${HOSTILE}/` }, properties: [{ id: 'unit', value: 's' }] }] } };
    expect(() => fieldSettings(panel, field, 'A')).toThrow(/^the byRegexp matcher of an override ran for more than 0.2 s/);
  });

  it('preview page: the panel whose regex backtracks is a red box saying so, and the rest of the page is drawn', { timeout: 60_000 }, async () => {
    const db = await openTestPglite();
    try {
      const pg = { type: 'grafana-postgresql-datasource', uid: 'pg' };
      const stat = (title: string, fields: string) => ({
        type: 'stat',
        title,
        gridPos: { h: 4, w: 6, x: 0, y: 0 },
        datasource: pg,
        targets: [{ refId: 'A', datasource: pg, format: 'table', rawSql: `SELECT 1 AS "${TEXT}"` }],
        options: { reduceOptions: { calcs: ['lastNotNull'], fields } },
      });
      const dashboard = { title: 't', uid: 'u', panels: [stat('Evil', `/${HOSTILE}/`), stat('Fine', '/a+b/')], templating: { list: [] } };
      const { html } = await previewPage(dashboard, { sql: db });
      const section = (title: string) => new RegExp(`<section[^>]*data-title="${title}"[^]*?</section>`).exec(html)![0];
      expect(section('Evil')).toContain('<div class="panel-error-title">Regex error</div>');
      expect(section('Evil')).toContain('the field filter (reduceOptions.fields) ran for more than 0.2 s and was stopped');
      expect(section('Fine')).not.toContain('panel-error');
    } finally {
      await db.close();
    }
  });
});
