import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  GRAFANA_UNITS,
  UNIT_IDS,
  closestMatch,
  editDistance,
  isKnownUnit,
  suggestUnit,
  type Unit,
} from '../../src/model/units.js';
import { needShared, sharedPath } from '../support/shared.js';

describe('GRAFANA_UNITS', () => {
  it('has no duplicate ids', () => {
    expect(GRAFANA_UNITS.size).toBe(UNIT_IDS.length);
  });

  it('contains the everyday ids', () => {
    for (const id of ['s', 'ms', 'ns', '\u00b5s', 'percent', 'percentunit', 'bytes', 'decbytes', 'mbytes', 'decmbytes', 'short', 'none', 'reqps']) {
      expect(GRAFANA_UNITS.has(id), id).toBe(true);
    }
  });

  // Oracle: grafana-foundation-sdk's units schema is generated from Grafana's own list.
  it.runIf(needShared)('knows every unit in grafana-foundation-sdk units.jsonschema.json', () => {
    const schema = JSON.parse(readFileSync(sharedPath('schemas/grafana/units.jsonschema.json'), 'utf8')) as {
      definitions: Record<string, { const?: string }>;
    };
    const sdkUnits = new Set(Object.values(schema.definitions).flatMap((d) => (d.const === undefined ? [] : [d.const])));
    expect(sdkUnits.size).toBeGreaterThan(200);
    const missing = [...sdkUnits].filter((u) => !GRAFANA_UNITS.has(u));
    expect(missing, `missing from GRAFANA_UNITS: ${missing.join(', ')}`).toEqual([]);
    // Also the other way. The SDK schema is an older snapshot than @grafana/data 13.2.3, the release
    // the list follows (test/preview/units-grafana.test.ts checks it against that package both ways):
    // centimetres arrived in between. Any other extra is a typo.
    const extra = [...GRAFANA_UNITS].filter((u) => !sdkUnits.has(u));
    expect(extra, `not in the SDK schema: ${extra.join(', ')}`).toEqual(['lengthcm']);
  });

  it('keeps MICRO SIGN and GREEK MU apart as Grafana does', () => {
    expect(GRAFANA_UNITS.has('\u00b5s')).toBe(true);
    expect(GRAFANA_UNITS.has('\u03bcs')).toBe(false);
    expect(GRAFANA_UNITS.has('con\u03bcgm3')).toBe(true);
    expect(GRAFANA_UNITS.has('con\u00b5gm3')).toBe(false);
  });
});

describe('isKnownUnit', () => {
  it('accepts listed ids and the legacy farenheit alias', () => {
    expect(isKnownUnit('s')).toBe(true);
    expect(isKnownUnit('bool_on_off')).toBe(true);
    expect(isKnownUnit('farenheit')).toBe(true);
  });

  it.each([
    'suffix: tokens',
    'prefix:$',
    'time:YYYY-MM-DD',
    'si:kB',
    'count:req',
    'currency:CAD',
    'currency:financial:\u20ac:suffix',
    'bool:up/down',
  ])('accepts the custom form %s', (u) => {
    expect(isKnownUnit(u)).toBe(true);
  });

  it.each(['secs', 'S', 'percnt', '', 'suffix:', ':x', 'unit:x', 'Suffix:x', '\u03bcs'])('rejects %j', (u) => {
    expect(isKnownUnit(u)).toBe(false);
  });

  it('accepts any non-empty argument after a custom prefix', () => {
    fc.assert(
      fc.property(fc.constantFrom('prefix', 'suffix', 'time', 'si', 'count', 'currency', 'bool'), fc.string({ minLength: 1 }), (k, arg) =>
        isKnownUnit(`${k}:${arg}`),
      ),
    );
  });
});

describe('suggestUnit', () => {
  it.each([
    ['secs', 's'],
    ['seconds', 's'],
    ['milliseconds', 'ms'],
    ['us', '\u00b5s'],
    ['\u03bcs', '\u00b5s'],
    ['percnt', 'percent'],
    ['precent', 'percent'],
    ['percentage', 'percent'],
    ['MS', 'ms'],
    ['byte', 'bytes'],
    ['bytse', 'bytes'],
    ['decmbyte', 'decmbytes'],
    ['reqs', 'reqps'],
    ['req/s', 'reqps'],
    ['celcius', 'celsius'],
    ['dtdurationsec', 'dtdurations'],
  ])('%s -> %s', (input, expected) => {
    expect(suggestUnit(input)).toBe(expected);
  });

  it('says nothing for known units or far-off input', () => {
    expect(suggestUnit('s')).toBeUndefined();
    expect(suggestUnit('suffix:x')).toBeUndefined();
    expect(suggestUnit('completely-unrelated-thing')).toBeUndefined();
  });

  it('never answers with an Object prototype member', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const out = suggestUnit(name);
      expect(out === undefined || GRAFANA_UNITS.has(out)).toBe(true);
    }
  });

  it('always suggests a known id', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const out = suggestUnit(s);
        return out === undefined || GRAFANA_UNITS.has(out);
      }),
    );
  });

  it('builds the message the linter prints', () => {
    const unit = 'secs';
    expect(`unknown unit "${unit}" (did you mean "${suggestUnit(unit)}"?)`).toBe('unknown unit "secs" (did you mean "s"?)');
  });
});

describe('editDistance / closestMatch', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('isDefualt', 'isDefault')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('is symmetric and zero only on equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (a, b) => {
        const d = editDistance(a, b);
        return d === editDistance(b, a) && (d === 0) === (a === b);
      }),
    );
  });

  it('prefers the earlier candidate on ties', () => {
    expect(closestMatch('ab', ['ac', 'ad'])).toBe('ac');
    expect(closestMatch('zzzz', ['a', 'b'])).toBeUndefined();
  });
});

describe('Unit type', () => {
  it('takes known ids and custom strings', () => {
    const units: Unit[] = ['s', 'percentunit', 'suffix:tokens'];
    expect(units).toHaveLength(3);
  });
});
