/** A field's effective config in preview: defaults, then the overrides that match it, as Grafana applies them. */
import { describe, expect, it } from 'vitest';
import { fieldSettings } from '../../src/preview/render/field-config.js';

const field = { name: 'latency', type: 'number' } as const;
const panelWith = (properties: Array<{ id: string; value?: unknown }>) => ({
  fieldConfig: { defaults: { unit: 'ms', decimals: 2, custom: { lineWidth: 1 } }, overrides: [{ matcher: { id: 'byName', options: 'latency' }, properties }] },
});

describe('fieldSettings', () => {
  it('sets a property by its dotted id, creating the objects on the way', () => {
    const s = fieldSettings(panelWith([{ id: 'custom.lineWidth', value: 3 }, { id: 'custom.hideFrom.legend', value: true }, { id: 'unit', value: 's' }]), field);
    expect(s.unit).toBe('s');
    expect(s.custom).toEqual({ lineWidth: 3, hideFrom: { legend: true } });
  });

  it('a null value removes the property, as setDynamicConfigValue unsets it', () => {
    const s = fieldSettings(panelWith([{ id: 'unit', value: null }, { id: 'custom.lineWidth' }, { id: 'custom.missing.deep', value: null }]), field);
    expect(s.unit).toBeUndefined();
    expect(s.decimals).toBe(2);
    expect(s.custom).toEqual({});
  });

  it('a path through __proto__, constructor or prototype sets nothing, as lodash set stops there', () => {
    const s = fieldSettings(panelWith([{ id: '__proto__.unit', value: 'x' }, { id: 'custom.constructor.prototype.unit', value: 'x' }, { id: 'prototype', value: 'x' }]), field);
    expect(s.unit).toBe('ms');
    expect(s.custom).toEqual({ lineWidth: 1 });
    expect(({} as Record<string, unknown>).unit).toBeUndefined();
  });

  it('a byRegexp matcher read once per panel still matches every field it should, /g patterns included', () => {
    const panel = { fieldConfig: { defaults: {}, overrides: [{ matcher: { id: 'byRegexp', options: '/^lat/g' }, properties: [{ id: 'unit', value: 's' }] }] } };
    const names = ['latency', 'latency_p99', 'throughput', 'latency', 'lat'];
    expect(names.map((name) => fieldSettings(panel, { name, type: 'number' }).unit)).toEqual(['s', 's', undefined, 's', 's']);
  });
});
