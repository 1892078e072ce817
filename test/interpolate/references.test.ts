// What Grafana counts as a variable reference: its own regex
// (public/app/features/variables/utils.ts variableRegex = scenes VARIABLE_REGEX).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findVariableReferences } from '../../src/check/interpolate/index.js';
import {
  referenceFromMatch,
  replaceVariableReferences,
  variableMatchAt,
  variableMatches,
} from '../../src/languages/variables/references.js';

/**
 * Grafana's own pattern, the oracle the scanner is checked against:
 * public/app/features/variables/utils.ts `variableRegex`, identical to
 * @grafana/scenes VARIABLE_REGEX.
 */
const VARIABLE_REGEX_SOURCE = String.raw`\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?\}`;
const variableRegex = () => new RegExp(VARIABLE_REGEX_SOURCE, 'g');

const names = (text: string) => findVariableReferences(text).map((r) => r.name);

describe('findVariableReferences', () => {
  it('finds the three syntaxes with positions', () => {
    const text = 'a $var b ${var2} c [[var3]]';
    expect(findVariableReferences(text)).toEqual([
      { name: 'var', syntax: '$var', match: '$var', start: 2, end: 6 },
      { name: 'var2', syntax: '${var}', match: '${var2}', start: 9, end: 16 },
      { name: 'var3', syntax: '[[var]]', match: '[[var3]]', start: 19, end: 27 },
    ]);
  });

  it('reads formats, format arguments and field paths', () => {
    const [a, b, c, d] = findVariableReferences('${x:csv} [[y:regex]] ${__from:date:YYYY-MM-DD HH:mm} ${__user.login:raw}');
    expect(a).toMatchObject({ name: 'x', format: 'csv' });
    expect(b).toMatchObject({ name: 'y', format: 'regex', syntax: '[[var]]' });
    expect(c).toMatchObject({ name: '__from', format: 'date:YYYY-MM-DD HH:mm' });
    expect(d).toMatchObject({ name: '__user', fieldPath: 'login', format: 'raw' });
  });

  it('treats $ followed by word characters as a reference, macros included', () => {
    expect(names('WHERE $__timeFilter(t) AND x = $1 AND y = $a_b2')).toEqual(['__timeFilter', '1', 'a_b2']);
  });

  it('does not match incomplete or non-word forms', () => {
    // An unclosed `${x` is nothing at all: `$` is not followed by a word character.
    expect(names('${x ${ } $ $- [[a b]] [[]] {$}')).toEqual([]);
    expect(names('${x}y ${x y}')).toEqual(['x']);
  });

  it('takes the longest word for $var (so $foobar is not $foo)', () => {
    expect(names('$foobar $foo.bar')).toEqual(['foobar', 'foo']);
  });

  it('[[...]] names are word characters only, the format after one colon', () => {
    expect(findVariableReferences('[[a:b:c]]')).toEqual([]);
    expect(names('[[a-b]]')).toEqual([]);
  });

  it('a ${...} format runs to the first closing brace', () => {
    const [r] = findVariableReferences('${x:join:, }');
    expect(r).toMatchObject({ name: 'x', format: 'join:, ' });
  });
});

describe('variableMatches: Grafana\'s regex, in linear time', () => {
  // The alphabet of the pattern's edges: every way a reference can start, stop short or close.
  const text = fc.array(fc.constantFrom('$', '{', '}', '[', ']', ':', '.', '^', 'a', '_', '1', ' ', '-', '\n', '${', '[[', ']]', '${a', '${a.', '${a:', '[[a:'), { maxLength: 40 }).map((parts) => parts.join(''));

  it('property: the same matches, groups and positions as text.matchAll(variableRegex())', () => {
    fc.assert(
      fc.property(text, (t) => {
        const expected = [...t.matchAll(variableRegex())].map((m) => ({ index: m.index, groups: [...m] }));
        expect([...variableMatches(t)].map((m) => ({ index: m.index, groups: [...m] }))).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: variableMatchAt is the sticky regex at every offset', () => {
    fc.assert(
      fc.property(text, (t) => {
        const sticky = new RegExp(VARIABLE_REGEX_SOURCE, 'y');
        for (let i = 0; i <= t.length; i++) {
          sticky.lastIndex = i;
          const m = sticky.exec(t);
          expect(variableMatchAt(t, i)?.slice() ?? null).toEqual(m ? [...m] : null);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('replaceVariableReferences is text.replace(variableRegex(), …)', () => {
    const t = 'a $x ${y:csv} [[z]] ${w';
    const viaRegex = t.replace(variableRegex(), (...args: unknown[]) => `<${referenceFromMatch(args.slice(0, 7) as string[], args[7] as number).name}>`);
    expect(replaceVariableReferences(t, (r) => `<${r.name}>`)).toBe(viaRegex);
    expect(replaceVariableReferences('no references', () => 'x')).toBe('no references');
  });

  // Grafana's regex takes 28 s on 40,000 unclosed `${a:` (each attempt runs to the end of the text); 400,000 would
  // take about 45 minutes. These finish in milliseconds; a quadratic scan would stall the run (.ci/run's limit).
  it.each([
    ['${a:', 400_000],
    ['${a.', 400_000],
    ['${a.b^', 200_000],
    ['[[a:', 400_000],
  ])('hostile: %s repeated %i times, with no closing brace', (unit, n) => {
    expect(findVariableReferences(unit.repeat(n))).toEqual([]);
  });
});
