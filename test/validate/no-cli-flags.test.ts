/**
 * Library messages never name CLI flags (issue #16): a library caller passes
 * options, not flags. The library returns what is missing as data (`needs`,
 * src/model/needs.ts) and the CLI words the hint (src/cli/hints.ts). This
 * reads every string literal in src/ outside src/cli and fails on a flag
 * standing among words; a literal that is only a flag (`'--headless'`, git's
 * `'--verify'`) is an argument passed to a child process, not a message.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const LITERAL = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
// Not a CSS custom property (`--bg: #111`, `var(--bg)`).
const FLAG_IN_WORDS = /(?:^|\s|(?<!var)\()--[a-z][a-z-]*(?![\w-]*\s*:)/;
const ONLY_A_FLAG = /^--[a-z][a-z-]*(?:=.*)?$/;

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

export function flagsInMessages(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of withoutComments(text).matchAll(LITERAL)) {
    const body = m[0].slice(1, -1);
    if (ONLY_A_FLAG.test(body) || !FLAG_IN_WORDS.test(body)) continue;
    found.push(`${file}: ${m[0].slice(0, 100)}`);
  }
  return found;
}

describe('library messages name no CLI flag', () => {
  it('the scan finds a flag in a message and lets an argv element through', () => {
    expect(flagsInMessages('x.ts', "const m = 'PromQL: give --prometheus-url to draw this panel';")).toHaveLength(1);
    expect(flagsInMessages('x.ts', 'const m = `no Prometheus (--prometheus-url)`;')).toHaveLength(1);
    expect(flagsInMessages('x.ts', "git(['rev-parse', '--verify', '--quiet']); // give --x")).toEqual([]);
    expect(flagsInMessages('x.ts', 'const css = `:root { --bg: #111; } a { color: var(--bg); }`;')).toEqual([]);
  });

  it('no string literal in src/ outside src/cli names one', () => {
    const src = path.join(repoRoot, 'src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|js)$/.test(f) && !f.startsWith(`cli${path.sep}`) && !f.includes('generated'));
    const found = files.flatMap((f) => flagsInMessages(f, readFileSync(path.join(src, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
