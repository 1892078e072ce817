/**
 * One example per prettier behaviour the printer reproduces, written out so a
 * reader sees the rule. Each expected text is checked against both printers.
 */
import { describe, expect, it } from 'vitest';
import { formatWithPrettier, printCanonical } from '../../src/compile/serialize.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const x = (n: number): string => 'x'.repeat(n);

async function check(value: unknown, expected: string): Promise<void> {
  expect(printCanonical(value)).toBe(expected);
  expect(await formatWithPrettier(value)).toBe(expected);
}

describe('one line or one element per line: the 80-column boundary', () => {
  // `  "k": [` puts the array at column 7; `["` + 69 x + `"]` ends at column 80.
  it('a property value array ending at column 80 stays on one line', async () => {
    await check({ k: [x(69)] }, lines('{', `  "k": ["${x(69)}"]`, '}'));
  });

  it('one column more and it breaks', async () => {
    await check({ k: [x(70)] }, lines('{', '  "k": [', `    "${x(70)}"`, '  ]', '}'));
  });

  it('the comma after the array counts', async () => {
    await check({ k: [x(68)], l: 1 }, lines('{', `  "k": ["${x(68)}"],`, '  "l": 1', '}'));
    await check({ k: [x(69)], l: 1 }, lines('{', '  "k": [', `    "${x(69)}"`, '  ],', '  "l": 1', '}'));
  });

  it('an undefined sibling is dropped, so no comma follows', async () => {
    await check({ k: [x(69)], l: undefined }, lines('{', `  "k": ["${x(69)}"]`, '}'));
  });

  it('the root array may use all 80 columns', async () => {
    await check([x(76)], lines(`["${x(76)}"]`));
    await check([x(77)], lines('[', `  "${x(77)}"`, ']'));
  });

  it('an element of a broken array starts at its indent and counts its comma', async () => {
    await check([[x(73)], { k: 1 }], lines('[', `  ["${x(73)}"],`, '  {', '    "k": 1', '  }', ']'));
    await check([[x(74)], { k: 1 }], lines('[', '  [', `    "${x(74)}"`, '  ],', '  {', '    "k": 1', '  }', ']'));
  });

  it('a key is measured too', async () => {
    await check({ [x(59)]: [1, 2, 3, 4, 5] }, lines('{', `  "${x(59)}": [1, 2, 3, 4, 5]`, '}'));
    await check({ [x(60)]: [1, 2, 3, 4, 5] }, lines('{', `  "${x(60)}": [`, '    1, 2, 3, 4, 5', '  ]', '}'));
  });
});

describe('number arrays fill lines', () => {
  it('as many numbers per line as fit', async () => {
    const k = Array.from({ length: 30 }, (_, i) => 1000 + i);
    await check(
      { k },
      lines(
        '{',
        '  "k": [',
        '    1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011,',
        '    1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019, 1020, 1021, 1022, 1023,',
        '    1024, 1025, 1026, 1027, 1028, 1029',
        '  ]',
        '}',
      ),
    );
  });

  it('a line may end exactly at column 80, comma included; the last number has no comma', async () => {
    const full = Array.from({ length: 11 }, () => 12345);
    await check({ k: [...full, 12345, 1] }, lines('{', '  "k": [', `    ${full.join(', ')},`, '    12345, 1', '  ]', '}'));
    await check({ k: [...full.slice(1), 123456] }, lines('{', '  "k": [', `    ${[...full.slice(1), 123456].join(', ')}`, '  ]', '}'));
  });

  it('negative numbers and exponents fill too', async () => {
    const k = [-1e21, -123456.5, 1e-7, -0, 5e-324, ...Array.from({ length: 8 }, (_, i) => -i * 1111)];
    await check(
      { k },
      lines(
        '{',
        '  "k": [',
        '    -1e21, -123456.5, 1e-7, 0, 5e-324, 0, -1111, -2222, -3333, -4444, -5555,',
        '    -6666, -7777',
        '  ]',
        '}',
      ),
    );
  });

  it('mixed arrays never fill: one element per line', async () => {
    await check({ k: [1, 'a', 2, x(70)] }, lines('{', '  "k": [', '    1,', '    "a",', '    2,', `    "${x(70)}"`, '  ]', '}'));
  });
});

describe('arrays that always break', () => {
  it('two or more arrays of two or more elements', async () => {
    await check({ m: [[1, 2], [3, 4]] }, lines('{', '  "m": [', '    [1, 2],', '    [3, 4]', '  ]', '}'));
  });

  it('but not when one inner array is shorter or an element is not an array', async () => {
    await check({ k: [[1, 2], [3]], n: [[1, 2], {}], o: [[1, 2]] }, lines('{', '  "k": [[1, 2], [3]],', '  "n": [[1, 2], {}],', '  "o": [[1, 2]]', '}'));
  });

  it('any non-empty object inside, at any depth', async () => {
    await check([[{ a: 1 }]], lines('[', '  [', '    {', '      "a": 1', '    }', '  ]', ']'));
  });

  it('empty containers and objects left empty by undefined stay inline', async () => {
    await check({ o: [{}, [], [[]]], p: [{ a: undefined }], q: {} }, lines('{', '  "o": [{}, [], [[]]],', '  "p": [{}],', '  "q": {}', '}'));
  });
});

describe('text', () => {
  it('long strings and keys are never broken, values never move below their key', async () => {
    await check({ [x(90)]: x(100) }, lines('{', `  "${x(90)}": "${x(100)}"`, '}'));
  });

  it('strings are escaped exactly as JSON.stringify does', async () => {
    const s = 'q"b\\n\n\t\u0000\u001f\u007f\u2028\ud800/';
    await check({ s }, lines('{', `  "s": ${JSON.stringify(s)}`, '}'));
    expect(printCanonical({ s })).toContain('"q\\"b\\\\n\\n\\t\\u0000\\u001f\u007f\u2028\\ud800/"');
  });

  it('numbers are printed by prettier\'s printNumber: no "+" in exponents, -0 is 0', async () => {
    await check([1e21, 1.5e300, 1e-7, -0], lines('[1e21, 1.5e300, 1e-7, 0]'));
  });

  it('top-level primitives', async () => {
    await check('abc', lines('"abc"'));
    await check(null, lines('null'));
    await check(true, lines('true'));
    await check(-5.5, lines('-5.5'));
    await check({}, lines('{}'));
    await check([], lines('[]'));
  });
});

describe('unicode widths follow prettier getStringWidth', () => {
  it('CJK counts two columns: 34 fit where 69 ASCII fit', async () => {
    await check({ k: ['漢'.repeat(34)] }, lines('{', `  "k": ["${'漢'.repeat(34)}"]`, '}'));
    await check({ k: ['漢'.repeat(35)] }, lines('{', '  "k": [', `    "${'漢'.repeat(35)}"`, '  ]', '}'));
  });

  it('emoji count two columns, skin-tone and ZWJ sequences as one emoji', async () => {
    await check({ k: ['👍'.repeat(34)] }, lines('{', `  "k": ["${'👍'.repeat(34)}"]`, '}'));
    await check({ k: ['👍🏽'.repeat(34)] }, lines('{', `  "k": ["${'👍🏽'.repeat(34)}"]`, '}'));
    await check({ k: ['👨‍👩‍👧'.repeat(35)] }, lines('{', '  "k": [', `    "${'👨‍👩‍👧'.repeat(35)}"`, '  ]', '}'));
  });

  it('combining marks count zero: 69 é written as e + U+0301 still fit', async () => {
    const s = 'e\u0301'.repeat(69);
    await check({ k: [s] }, lines('{', `  "k": ["${s}"]`, '}'));
  });

  it('DEL counts one column in otherwise-ASCII text but zero next to other non-ASCII', async () => {
    // prettier's ASCII fast path is /[^\x20-\x7F]/, which lets DEL through as one column.
    const del = '\u007f';
    await check({ k: [x(68) + del + del] }, lines('{', '  "k": [', `    "${x(68)}${del}${del}"`, '  ]', '}'));
    await check({ k: [`${x(68)}é${del}`] }, lines('{', `  "k": ["${x(68)}é${del}"]`, '}'));
  });

  it('wide keys move the array', async () => {
    // `  "漢漢": ` is 10 columns wide though only 8 characters long.
    await check({ 漢漢: [x(66)] }, lines('{', `  "漢漢": ["${x(66)}"]`, '}'));
    await check({ 漢漢: [x(67)] }, lines('{', '  "漢漢": [', `    "${x(67)}"`, '  ]', '}'));
  });
});
