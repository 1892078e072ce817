/**
 * Repeated panels and rows run once per value of their variable, each clone with
 * that one value in scope. dashboard-scene (public/app/features/dashboard-scene)
 * builds each clone's variables with getLocalVariableValueSet /
 * performRowRepeats: a LocalValueVariable holding one value and its text, keeping
 * the repeated variable's isMulti and includeAll (so the datasource formats it as
 * it would a multi-value variable). The values are getMultiVariableValues: every
 * option when All is selected, else the selection; none at all gives one clone
 * with the empty value.
 */
import type { VariableValue } from '../interpolate/index.js';
import type { TargetRef } from './extract.js';

const ALL = '$__all';
/** Beyond this many clones of one target the rest are not run (a check is not a load test). */
export const MAX_REPEAT_CLONES = 100;

export interface RepeatClone {
  vars: Map<string, VariableValue>;
  /** `host=a` (empty for a panel that is not repeated). */
  label: string;
}

function repeatValues(v: VariableValue): Array<{ value: string; text: string }> {
  const all = v.isAll === true || v.value === ALL || (Array.isArray(v.value) && v.value[0] === ALL);
  let values: string[];
  let texts: string[];
  if (all) {
    values = [...(v.options ?? [])];
    texts = values;
  } else {
    values = Array.isArray(v.value) ? v.value.map(String) : [String(v.value)];
    const t = v.text ?? v.value;
    texts = Array.isArray(t) ? t.map(String) : [String(t)];
  }
  if (values.length === 0) return [{ value: '', text: all ? 'All' : 'None' }];
  return values.map((value, i) => ({ value, text: texts[i] ?? value }));
}

export function repeatClones(t: Pick<TargetRef, 'repeat'>, vars: Map<string, VariableValue>): RepeatClone[] {
  let clones: RepeatClone[] = [{ vars, label: '' }];
  for (const name of t.repeat ?? []) {
    const v = vars.get(name);
    if (!v) continue;
    const next: RepeatClone[] = [];
    for (const clone of clones) {
      for (const { value, text } of repeatValues(v)) {
        if (next.length >= MAX_REPEAT_CLONES) break;
        const scoped = new Map(clone.vars);
        scoped.set(name, { name, value, text, multi: v.multi, includeAll: v.includeAll, type: 'local' });
        next.push({ vars: scoped, label: [clone.label, `${name}=${text}`].filter(Boolean).join(', ') });
      }
    }
    clones = next;
  }
  return clones;
}
