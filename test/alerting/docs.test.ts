/** Every alert rule this repository provisions has its own page in docs/alerts/, named by its uid, reachable from the index. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { provisionedRules } from '../../src/alerting/read.js';

const root = new URL('../../', import.meta.url);
const rules = provisionedRules(parse(readFileSync(new URL('generated/provisioning/alerting/dashcode.yaml', root), 'utf8')));
const index = readFileSync(new URL('docs/alerts/README.md', root), 'utf8');

describe('docs/alerts/', () => {
  it.each(rules.map((r) => [r.uid, r.title]))('%s has a page with its title, and the index links it', (uid, title) => {
    const page = new URL(`docs/alerts/${uid}.md`, root);
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.split('\n')[0]).toBe(`# ${title}`);
    expect(text).toContain(`\`${uid}\``);
    expect(text).toMatch(/## When it fires/);
    expect(index).toContain(`(${uid}.md)`);
  });
});
