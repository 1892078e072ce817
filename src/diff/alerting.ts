/**
 * Semantic differences between two alerting provisioning documents: rules
 * matched by uid (and named by title), each rule's settings, and its queries
 * and expressions matched by refId, with query text as a text diff; contact
 * points, policies, mute timings and templates by name.
 */
import type { Json } from '../model/loose.js';
import type { Change } from './changes.js';
import { asArray, asObject, asString, deepEqual, isObject, leafChanges } from './json.js';
import { unifiedTextDiff } from './text-diff.js';

const TEXT_FIELDS = new Set(['rawSql', 'expr', 'query', 'expression']);

interface Rule {
  group: string;
  rule: Record<string, Json>;
}

function rulesOf(doc: unknown): Map<string, Rule> {
  const out = new Map<string, Rule>();
  for (const g of asArray(asObject(doc).groups)) {
    const group = `${asString(asObject(g).folder) ?? ''}/${asString(asObject(g).name) ?? ''}`;
    for (const r of asArray(asObject(g).rules)) {
      if (!isObject(r)) continue;
      const uid = asString(r.uid) ?? asString(r.title) ?? '';
      out.set(uid, { group, rule: r as Record<string, Json> });
    }
  }
  return out;
}

function byName(doc: unknown, key: string): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const x of asArray(asObject(doc)[key])) {
    const name = asString(asObject(x).name) ?? asString(asObject(x).receiver) ?? JSON.stringify(x);
    out.set(name, x);
  }
  return out;
}

function nodeDescription(d: Json): string {
  const m = asObject(asObject(d).model);
  const type = asString(m.type);
  return type ? `${type} expression` : 'query';
}

export function diffAlerting(before: unknown, after: unknown): Change[] {
  const changes: Change[] = [];
  const a = rulesOf(before);
  const b = rulesOf(after);
  const subject = (r: Rule) => `alert rule "${asString(r.rule.title) ?? '?'}"`;
  for (const [uid, r] of a) if (!b.has(uid)) changes.push({ kind: 'rule-removed', subject: subject(r), note: `uid ${uid}, group ${r.group}` });
  for (const [uid, r] of b) {
    const old = a.get(uid);
    if (!old) {
      changes.push({ kind: 'rule-added', subject: subject(r), note: `uid ${uid}, group ${r.group}` });
      continue;
    }
    if (old.group !== r.group) changes.push({ kind: 'rule-changed', subject: subject(r), path: 'group', before: old.group, after: r.group });
    const { data: da, ...restA } = old.rule;
    const { data: db, ...restB } = r.rule;
    for (const c of leafChanges(restA, restB)) changes.push({ kind: 'rule-changed', subject: subject(r), ...c });
    const nodesA = new Map(asArray(da).map((d) => [asString(asObject(d).refId) ?? '', d]));
    const nodesB = new Map(asArray(db).map((d) => [asString(asObject(d).refId) ?? '', d]));
    for (const [refId, d] of nodesA) if (!nodesB.has(refId)) changes.push({ kind: 'expression-removed', subject: subject(r), path: `${refId} (${nodeDescription(d)})`, before: d });
    for (const [refId, d] of nodesB) {
      const prev = nodesA.get(refId);
      if (!prev) {
        changes.push({ kind: 'expression-added', subject: subject(r), path: `${refId} (${nodeDescription(d)})`, after: d });
        continue;
      }
      if (deepEqual(prev, d)) continue;
      const { model: ma, ...ra } = asObject(prev);
      const { model: mb, ...rb } = asObject(d);
      for (const c of leafChanges(ra as Json, rb as Json)) changes.push({ kind: 'expression-changed', subject: subject(r), ...c, path: `${refId}.${c.path}` });
      const A = asObject(ma);
      const B = asObject(mb);
      for (const key of new Set([...Object.keys(A), ...Object.keys(B)])) {
        if (deepEqual(A[key], B[key])) continue;
        const path = `${refId} (${nodeDescription(d)}).${key}`;
        if (TEXT_FIELDS.has(key) && typeof A[key] === 'string' && typeof B[key] === 'string') {
          changes.push({ kind: 'expression-changed', subject: subject(r), path, textDiff: unifiedTextDiff(A[key] as string, B[key] as string) });
        } else {
          for (const c of leafChanges(A[key] as Json, B[key] as Json)) changes.push({ kind: 'expression-changed', subject: subject(r), ...c, path: c.path ? `${path}${c.path.startsWith('[') ? '' : '.'}${c.path}` : path });
        }
      }
    }
  }
  for (const [key, label] of [['contactPoints', 'contact point'], ['policies', 'notification policy'], ['muteTimes', 'mute timing'], ['templates', 'notification template']] as const) {
    const x = byName(before, key);
    const y = byName(after, key);
    for (const [name] of x) if (!y.has(name)) changes.push({ kind: 'rule-removed', subject: `${label} "${name}"` });
    for (const [name, v] of y) {
      if (!x.has(name)) changes.push({ kind: 'rule-added', subject: `${label} "${name}"` });
      else for (const c of leafChanges(x.get(name)!, v)) changes.push({ kind: 'rule-changed', subject: `${label} "${name}"`, ...c });
    }
  }
  return changes;
}
