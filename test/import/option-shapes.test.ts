/**
 * src/import/option-shapes.generated.ts is derived from @grafana/schema's
 * types; after upgrading @grafana/schema it must be regenerated:
 *
 *   npx tsx test/import/support/generate-option-shapes.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOptionShapes, OUTPUT } from './support/generate-option-shapes.js';

describe('option shapes', () => {
  it('the committed table matches the installed @grafana/schema', async () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(await generateOptionShapes());
  });
});
