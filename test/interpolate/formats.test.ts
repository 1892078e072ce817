// Expected strings are taken from @grafana/scenes
// packages/scenes/src/variables/interpolation/formatRegistry.test.ts and
// sceneInterpolator.test.ts unless marked otherwise.
import { describe, expect, it } from 'vitest';
import { FORMAT_IDS, formatVariableValue, type VariableValue } from '../../src/check/interpolate/index.js';

const server: VariableValue = { name: 'server', value: '' };
const fmt = (format: string, value: string | number | Array<string | number>, extra: Partial<VariableValue> = {}) =>
  formatVariableValue(value, format, { ...server, ...extra });

describe('formats (scenes formatRegistry.test.ts)', () => {
  it('lucene', () => {
    expect(fmt('lucene', 'foo bar')).toBe('foo\\ bar');
    expect(fmt('lucene', '-1')).toBe('-1');
    expect(fmt('lucene', '-test')).toBe('\\-test');
    expect(fmt('lucene', ['foo bar', 'baz'])).toBe('("foo\\ bar" OR "baz")');
    expect(fmt('lucene', [])).toBe('__empty__');
  });

  it('glob', () => {
    expect(fmt('glob', 'foo')).toBe('foo');
    expect(fmt('glob', ['AA', 'BB', 'C.*'])).toBe('{AA,BB,C.*}');
    expect(fmt('glob', ['one'])).toBe('one');
  });

  it('text', () => {
    expect(fmt('text', 'v', { text: 'display text' })).toBe('display text');
    expect(fmt('text', ['test', 'test2'])).toBe('test + test2');
  });

  it('raw', () => {
    expect(fmt('raw', [12, 13])).toBe('12,13');
    expect(fmt('raw', '#Æ³ ̇¹"Ä1"#!"#!½')).toBe('#Æ³ ̇¹"Ä1"#!"#!½');
  });

  it('regex', () => {
    expect(fmt('regex', 'test.')).toBe('test\\.');
    expect(fmt('regex', ['test.'])).toBe('test\\.');
    expect(fmt('regex', ['test.', 'test2'])).toBe('(test\\.|test2)');
  });

  it('pipe, distributed, csv', () => {
    expect(fmt('pipe', ['test', 'test2'])).toBe('test|test2');
    expect(fmt('distributed', ['test'])).toBe('test');
    expect(fmt('distributed', ['test', 'test2'])).toBe('test,server=test2');
    expect(fmt('csv', 'test')).toBe('test');
    expect(fmt('csv', ['test', 'test2'])).toBe('test,test2');
  });

  it('html, json, percentencode', () => {
    expect(fmt('html', '<script>alert(asd)</script>')).toBe('&lt;script&gt;alert(asd)&lt;/script&gt;');
    expect(fmt('json', ['test', 12])).toBe('["test",12]');
    expect(fmt('json', 'test')).toBe('test');
    expect(fmt('percentencode', ['foo()bar BAZ', 'test2'])).toBe('%7Bfoo%28%29bar%20BAZ%2Ctest2%7D');
  });

  it('singlequote, doublequote', () => {
    expect(fmt('singlequote', 'test')).toBe(`'test'`);
    expect(fmt('singlequote', ['test', `test'2`])).toBe("'test','test\\'2'");
    expect(fmt('doublequote', 'test')).toBe(`"test"`);
    expect(fmt('doublequote', ['test', `test"2`])).toBe('"test","test\\"2"');
  });

  it('sqlstring: quotes doubled, double quotes backslashed', () => {
    expect(fmt('sqlstring', "test'value")).toBe(`'test''value'`);
    expect(fmt('sqlstring', 'test"value')).toBe(`'test\\"value'`);
    expect(fmt('sqlstring', ['test', "test'value2"])).toBe(`'test','test''value2'`);
    expect(fmt('sqlstring', ['test', "test'value2", 'test"value3'])).toBe(`'test','test''value2','test\\"value3'`);
  });

  it('date', () => {
    expect(fmt('date', 1594671549254)).toBe('2020-07-13T20:19:09.254Z');
    expect(fmt('date:seconds', 1594671549254)).toBe('1594671549');
    expect(fmt('date:iso', 1594671549254)).toBe('2020-07-13T20:19:09.254Z');
    expect(fmt('date:YYYY-MM', 1594671549254)).toBe('2020-07');
    expect(fmt('date:YYYY-MM:ss', 1594671549254)).toBe('2020-07:09');
    expect(fmt('date:YYYY:MM:DD', 1594671549254)).toBe('2020:07:13');
    expect(fmt('date:ms', '1594671549254')).toBe('1594671549254');
    expect(fmt('date', 'not a number')).toBe('NaN');
  });

  it('join', () => {
    expect(fmt('join', 'hello')).toBe('hello');
    expect(fmt('join', ['hello'])).toBe('hello');
    expect(fmt('join', ['hello', 'world'])).toBe('hello,world');
    expect(fmt('join: | ', ['hello', 'world'])).toBe('hello | world');
  });

  it('customqueryparam', () => {
    expect(fmt('customqueryparam', ['api', 'database'])).toBe('server=api&server=database');
    expect(fmt('customqueryparam:p-server', ['api', 'database'])).toBe('p-server=api&p-server=database');
    expect(fmt('customqueryparam:p-server:v-', 'api')).toBe('p-server=v-api');
    expect(fmt('customqueryparam:space & ampersand!:v& ', ['mysql&postgres', 'databases!'])).toBe(
      'space%20%26%20ampersand%21=v%26%20mysql%26postgres&space%20%26%20ampersand%21=v%26%20databases%21',
    );
  });

  it('uriencode', () => {
    expect(fmt('uriencode', '/any-path/any-second-path?query=foo()bar BAZ')).toBe('/any-path/any-second-path?query=foo%28%29bar%20BAZ');
  });

  it('queryparam: strict encoding without URL sync (constants), URL sync encoding otherwise', () => {
    expect(fmt('queryparam', 'helloAZ%=', { type: 'constant' })).toBe('var-server=helloAZ%25%3D');
    // sceneInterpolator.test.ts: a constant `hello` gives var-test=hello.
    expect(formatVariableValue('hello', 'queryparam', { name: 'test', value: 'hello', type: 'constant' })).toBe('var-test=hello');
    // MultiValueUrlSyncHandler + urlUtil.toUrlParams keep @ : $ , ; readable (encodeURIComponentAsAngularJS).
    expect(fmt('queryparam', ['a b', 'c:d,e'], { multi: true })).toBe('var-server=a%20b&var-server=c:d,e');
  });

  it('an unknown format falls back to glob', () => {
    expect(fmt('nosuchformat', ['a', 'b'])).toBe('{a,b}');
  });

  it('knows every format the brief lists', () => {
    for (const id of ['csv', 'distributed', 'doublequote', 'glob', 'json', 'lucene', 'percentencode', 'pipe', 'raw', 'regex', 'singlequote', 'sqlstring', 'text', 'queryparam', 'date']) {
      expect(FORMAT_IDS).toContain(id);
    }
  });
});
