/**
 * Type tests for the one table of issue codes: `issue()` takes only a code
 * the table lists, so a typo or an old dotted code is a compile error
 * (`npm run typecheck` fails on an unused `@ts-expect-error`).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { IssueCode } from '../../src/model/issue-codes.js';
import { issue, type Issue } from '../../src/model/issue.js';

describe('IssueCode', () => {
  it('issue() accepts a code of the table and rejects any other string', () => {
    expect(issue('panel-id-duplicate', ['id'], 'id 1 is already used').code).toBe('panel-id-duplicate');
    // Type-checked only: at run time an unknown code has no table entry to take a severity from.
    const typeOnly = () => {
      // @ts-expect-error: the old compile code of the same problem
      issue('panel.duplicate-id', 'id', 'id 1 is already used');
      // @ts-expect-error: a typo
      issue('panel-id-duplicat', 'id', 'id 1 is already used');
      // @ts-expect-error: zod's raw codes are not dashcode's
      issue('panel.custom', 'fieldConfig.defaults.unit', 'unknown unit');
      const anyString: string = 'variable-undefined';
      // @ts-expect-error: a plain string is not a code until checked (isIssueCode)
      issue(anyString, '', 'uses $x');
    };
    expect(typeof typeOnly).toBe('function');
  });

  it('an Issue carries a code from the table', () => {
    expectTypeOf<Issue['code']>().toMatchTypeOf<IssueCode>();
    expectTypeOf<IssueCode>().toMatchTypeOf<Issue['code']>();
    expectTypeOf<'unit-unknown'>().toMatchTypeOf<IssueCode>();
  });
});
