import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, RULE_CODES } from '../../src/lint/index.js';
import { repoRoot } from '../support/shared.js';
import { EXAMPLES } from './examples.js';
import { codes } from './support.js';

describe('every rule', () => {
  it('has a unique kebab-case code', () => {
    expect(new Set(RULE_CODES).size).toBe(RULE_CODES.length);
    for (const code of RULE_CODES) expect(code).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
  });

  it.each(RULES.map((r) => [r.code]))('%s has docs/rules/<code>.md with a rationale, a bad and a good example', (code) => {
    const file = path.join(repoRoot, 'docs/rules', `${code}.md`);
    expect(existsSync(file), `missing ${file}`).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(`# ${code}\n`)).toBe(true);
    for (const section of ['## Why', '## Bad', '## Good']) expect(text, `${code}.md lacks "${section}"`).toContain(section);
    expect(text).toMatch(/Default severity: \*\*(error|warning)\*\*/);
    expect(text).toContain(RULES.find((r) => r.code === code)!.severity);
    // The bad and good examples are code blocks.
    expect(text.split('```').length).toBeGreaterThanOrEqual(5);
  });

  it.each(RULES.map((r) => [r.code]))('%s: the failing example reports it, the passing example reports nothing', (code) => {
    const example = EXAMPLES[code as keyof typeof EXAMPLES];
    expect(example, `no example for ${code} in test/lint/examples.ts`).toBeDefined();
    const bad = example.bad();
    expect(codes(bad)).toContain(code);
    for (const i of bad.filter((x) => x.code === code)) {
      expect(i.severity).toBe(RULES.find((r) => r.code === code)!.severity);
      expect(i.message.length).toBeGreaterThan(10);
    }
    expect(example.good()).toEqual([]);
  });

  it('docs/rules has no page for a rule that does not exist', async () => {
    const { readdirSync } = await import('node:fs');
    const pages = readdirSync(path.join(repoRoot, 'docs/rules')).map((f) => f.replace(/\.md$/, ''));
    expect(pages.filter((p) => !RULE_CODES.includes(p as never))).toEqual([]);
  });
});
