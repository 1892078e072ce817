/**
 * A builder's zod schema and its options type are tied by `describes`: a key added,
 * renamed or retyped on one side only is a compile error (checked by `npm run typecheck`,
 * which covers test/). The run-time assertions only keep vitest from calling the file empty.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { describes, type Disagreements } from '../../src/validate/describes.js';

interface Options {
  title: string;
  width?: number;
  tags?: readonly string[];
}

describe('describes: a schema and its options type cannot drift apart', () => {
  it('accepts a schema that describes the type, stricter checks included', () => {
    const schema = describes<Options>()(z.object({ title: z.string().min(1), width: z.number().int().optional(), tags: z.array(z.string()).readonly().optional() }).strict());
    expectTypeOf<Disagreements<typeof schema, Options>>().toEqualTypeOf<never>();
    expect(schema.safeParse({ title: 'x' }).success).toBe(true);
  });

  it('names a key the schema lacks, a key only the schema has, and a key it would refuse', () => {
    const missing = z.object({ title: z.string(), tags: z.array(z.string()).readonly().optional() }).strict();
    expectTypeOf<Disagreements<typeof missing, Options>>().toEqualTypeOf<'width'>();
    // @ts-expect-error -- `width` is in the type, not in the schema
    describes<Options>()(missing);

    const extra = z.object({ title: z.string(), width: z.number().optional(), tags: z.array(z.string()).readonly().optional(), height: z.number().optional() }).strict();
    expectTypeOf<Disagreements<typeof extra, Options>>().toEqualTypeOf<'height'>();
    // @ts-expect-error -- `height` is in the schema, not in the type
    describes<Options>()(extra);

    const retyped = z.object({ title: z.string(), width: z.string().optional(), tags: z.array(z.string()).optional() }).strict();
    expectTypeOf<Disagreements<typeof retyped, Options>>().toEqualTypeOf<'width' | 'tags'>();
    // @ts-expect-error -- a number width would be refused, and a readonly array is not a mutable one
    describes<Options>()(retyped);
    expect(true).toBe(true);
  });
});
