// What Grafana counts as a variable reference: its own regex
// (public/app/features/variables/utils.ts variableRegex = scenes VARIABLE_REGEX).
import { describe, expect, it } from 'vitest';
import { findVariableReferences } from '../../src/check/interpolate/index.js';

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
