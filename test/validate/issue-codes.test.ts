import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISSUES_DOC, issuesDoc, repoRoot } from '../../scripts/gen-issues-doc.js';
import { ISSUE_CODES, isIssueCode } from '../../src/model/issue-codes.js';
import { RULES } from '../../src/lint/index.js';

const CODES = Object.keys(ISSUE_CODES);

describe('the one table of issue codes', () => {
  it(`${ISSUES_DOC} is up to date (npm run gen:issues-doc if not)`, () => {
    expect(readFileSync(path.join(repoRoot, ISSUES_DOC), 'utf8')).toBe(issuesDoc());
  });

  it('every code is kebab-case, and the README links the list', () => {
    for (const code of CODES) expect(code).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
    expect(readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toContain('(docs/issues.md)');
  });

  it('the problems compile and lint both find have one code each', () => {
    for (const code of ['panel-id-duplicate', 'variable-undefined', 'datasource-type-mismatch', 'query-refid-duplicate', 'datasource-unknown', 'dashboard-uid-duplicate', 'layout-overlap']) {
      expect(isIssueCode(code)).toBe(true);
    }
    for (const old of ['panel.duplicate-id', 'variable.undefined', 'datasource.type-mismatch', 'query.duplicate-refid', 'panel.custom']) expect(isIssueCode(old)).toBe(false);
  });

  it('the lint rules are the lint entries of the table, in its order', () => {
    const lint = Object.entries(ISSUE_CODES).filter(([, info]) => 'lint' in info);
    expect(RULES.map((r) => r.code)).toEqual(lint.map(([code]) => code));
    for (const r of RULES) expect(r.summary).toBe(ISSUE_CODES[r.code].summary);
  });

  it('every code in the table is reported somewhere in src/ (no dead entries)', () => {
    const table = path.join('src', 'model', 'issue-codes.ts');
    const src = readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|js)$/.test(f) && !f.includes('generated') && path.join('src', f) !== table)
      .map((f) => readFileSync(path.join(repoRoot, 'src', f), 'utf8'))
      .join('\n');
    // doctor builds these from the datasource kind: `${kind}-ok`.
    const built = /^(prometheus|tempo)-(ok|config|not-ready|unreachable)$/;
    expect(CODES.filter((code) => !built.test(code) && !src.includes(`'${code}'`))).toEqual([]);
  });
});
