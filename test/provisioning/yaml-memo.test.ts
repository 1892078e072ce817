/**
 * The provisioning YAML memo (provisioning/yaml.ts, issue 15): `dashcode
 * build` reuses the texts of the last run for documents whose bytes, key order
 * included, are the same; anything else is stringified afresh.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml, type YamlMemo } from '../../src/provisioning/yaml.js';
import { yamlMemo } from '../../src/project/dashboard-cache.js';

function mapMemo(): YamlMemo & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k), set: (k, t) => void map.set(k, t) };
}

describe('toYaml with a memo', () => {
  it('stores what it makes, and answers the same document from the memo', () => {
    const memo = mapMemo();
    const make = () => ({ apiVersion: 1, datasources: ['DB'].map((name) => ({ name, url: '$DB_URL' })) });
    const doc = make();
    const text = toYaml(doc, 'h', memo);
    expect(text).toBe(toYaml(doc, 'h'));
    expect(memo.map.size).toBe(1);
    const [key] = memo.map.keys();
    memo.map.set(key!, 'from the memo');
    // Made again the same way, as the next build makes it. (The key is v8.serialize's bytes, which also tell a
    // holey array from a packed one: an equal document made another way may miss, never hit wrongly.)
    expect(toYaml(make(), 'h', memo)).toBe('from the memo');
  });

  it('a different header, value, type or key order is a different document', () => {
    const memo = mapMemo();
    const texts = [
      toYaml({ a: 1, b: 2 }, 'h', memo),
      toYaml({ a: 1, b: 2 }, 'other', memo),
      toYaml({ b: 2, a: 1 }, 'h', memo),
      toYaml({ a: '1', b: 2 }, 'h', memo),
      toYaml({ a: 1, b: 2, c: undefined }, 'h', memo),
    ];
    expect(memo.map.size).toBe(5);
    for (const t of texts) expect(parse(t)).toMatchObject({});
    expect(texts[2]).toBe('# h\nb: 2\na: 1\n');
  });

  it('documents that are not plain data are never memoised', () => {
    const memo = mapMemo();
    toYaml({ when: new Date(0) }, 'h', memo);
    toYaml({ m: new Map([['a', 1]]) }, 'h', memo);
    expect(memo.map.size).toBe(0);
  });
});

describe('the build\'s memo (dashboard-cache.ts)', () => {
  const prior = { version: 1 as const, dashboards: {}, yaml: { k1: 'one', k2: 'two' }, yamlSalt: 'v1' };

  it('is seeded by the last build only when the same dashcode made it', () => {
    expect(yamlMemo(prior, 'v1').get('k1')).toBe('one');
    expect(yamlMemo(prior, 'v2').get('k1')).toBeUndefined();
    expect(yamlMemo({ version: 1, dashboards: {} }, 'v1').get('k1')).toBeUndefined();
  });

  it('keeps only what this build asked for or made, so it never grows', () => {
    const memo = yamlMemo(prior, 'v1');
    memo.get('k2');
    memo.set('k3', 'three');
    expect(memo.used).toEqual({ k2: 'two', k3: 'three' });
  });

  it('hostile: a key named like a prototype property is just a missing key', () => {
    const memo = yamlMemo(prior, 'v1');
    expect(memo.get('__proto__')).toBeUndefined();
    expect(memo.get('constructor')).toBeUndefined();
    memo.set('__proto__', 'x');
    expect(Object.getPrototypeOf(memo.used)).toBe(Object.prototype);
  });
});
