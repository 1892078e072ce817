/**
 * The limits of one query, as a library user passes them to `checkDashboard`
 * and `previewPage` (QueryLimits, src/db/read-only.ts): whole numbers, every
 * one optional. Checked by `npm run typecheck`, which covers test/; the
 * run-time assertion only keeps vitest from calling the file empty.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CheckOptions } from '../../src/entries/check.js';
import type { PreviewPageOptions } from '../../src/entries/preview.js';

describe('query limits in the library options', () => {
  it('are the same three optional numbers for check and preview', () => {
    expectTypeOf<CheckOptions['queryTimeoutMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<CheckOptions['maxRows']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<CheckOptions['maxResultBytes']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PreviewPageOptions['maxResultBytes']>().toEqualTypeOf<CheckOptions['maxResultBytes']>();
    const limits: CheckOptions = { maxResultBytes: 1_000_000 };
    // @ts-expect-error a byte cap is a number, not a size string
    const wrong: CheckOptions = { maxResultBytes: '128MiB' };
    expect([limits, wrong]).toHaveLength(2);
  });
});
