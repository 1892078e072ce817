/**
 * Semantic, panel-level differences between two dashboards. Both sides are
 * normalised first (see normalize.ts), so ids, versions, key order and
 * defaults never show; panels are matched by row and title, not by index.
 */
import type { Json, JsonObject } from '../model/loose.js';
import type { Change } from './changes.js';
import { deepEqual, isObject, leafChanges, stableStringify } from './json.js';
import { normalizeDashboard, type NormalDashboard, type NormalPanel, type NormalVariable } from './normalize.js';
import { unifiedTextDiff } from './text-diff.js';

/** Query fields holding query text, shown as a text diff rather than before/after values. */
const TEXT_FIELDS = new Set(['rawSql', 'expr', 'query']);

export function semanticEqual(a: unknown, b: unknown): boolean {
  return deepEqual(normalizeDashboard(a), normalizeDashboard(b));
}

/** Every semantic difference between two dashboard JSON documents, in reading order. */
export function diffDashboards(before: unknown, after: unknown): Change[] {
  const a = normalizeDashboard(before);
  const b = normalizeDashboard(after);
  const changes = collapseReplacedDatasource([
    ...settingChanges(a, b),
    ...listChanges('link', 'dashboard links', a.links, b.links),
    ...listChanges('annotation', 'annotations', a.annotations, b.annotations),
    ...datasourceChanges(a, b),
    ...variableChanges(a.variables, b.variables),
    ...panelChanges(a.panels, b.panels),
  ]);
  if (changes.length === 0 && !deepEqual(a, b)) {
    // A difference the categories above do not name still counts: never report "equal" wrongly.
    for (const c of leafChanges(a, b)) changes.push({ kind: 'setting', subject: 'dashboard', ...c });
  }
  return changes;
}

function settingChanges(a: NormalDashboard, b: NormalDashboard): Change[] {
  return leafChanges(a.settings, b.settings).map((c) => ({ kind: 'setting', subject: 'dashboard', ...c }));
}

function listChanges(kind: 'link' | 'annotation', subject: string, a: Json[], b: Json[]): Change[] {
  return leafChanges(a, b).map((c) => ({ kind, subject, ...c, path: c.path || undefined }));
}

function datasourceChanges(a: NormalDashboard, b: NormalDashboard): Change[] {
  const before = new Set(a.datasources);
  const after = new Set(b.datasources);
  const describe = (s: string) => {
    const ref = JSON.parse(s) as JsonObject;
    return `datasource ${[ref.type, ref.uid ?? ref.name].filter(Boolean).join(' ')}`;
  };
  return [
    ...a.datasources.filter((d) => !after.has(d)).map((d): Change => ({ kind: 'datasource-removed', subject: describe(d), before: JSON.parse(d) as JsonObject })),
    ...b.datasources.filter((d) => !before.has(d)).map((d): Change => ({ kind: 'datasource-added', subject: describe(d), after: JSON.parse(d) as JsonObject })),
  ];
}

/**
 * One datasource swapped for another everywhere (a uid migration) is one
 * change, not one per query: the per-reference `datasource.uid` lines go.
 */
function collapseReplacedDatasource(changes: Change[]): Change[] {
  const removed = changes.filter((c) => c.kind === 'datasource-removed');
  const added = changes.filter((c) => c.kind === 'datasource-added');
  if (removed.length !== 1 || added.length !== 1) return changes;
  const from = removed[0]!.before as JsonObject | undefined;
  const to = added[0]!.after as JsonObject | undefined;
  if (!from || !to) return changes;
  const isReference = (c: Change) =>
    c.path !== undefined && /(^|\.)datasource\.(uid|type)$/.test(c.path) && ((c.before === from.uid && c.after === to.uid) || (c.before === from.type && c.after === to.type));
  const out: Change[] = [];
  for (const c of changes) {
    if (c === added[0] || isReference(c)) continue;
    out.push(c === removed[0] ? { kind: 'datasource-replaced', subject: c.subject, before: from, after: to, note: added[0]!.subject.replace(/^datasource /, '') } : c);
  }
  return out;
}

function variableChanges(a: NormalVariable[], b: NormalVariable[]): Change[] {
  const changes: Change[] = [];
  const byKey = (vs: NormalVariable[]) => new Map(vs.map((v) => [v.key, v]));
  const before = byKey(a);
  const after = byKey(b);
  const subjectOf = (v: NormalVariable) => `variable "${v.name}"${v.key !== v.name ? ` (${v.key.slice(v.name.length)})` : ''}`;
  for (const v of a) if (!after.has(v.key)) changes.push({ kind: 'variable-removed', subject: subjectOf(v), note: v.type });
  for (const v of b) {
    const old = before.get(v.key);
    const subject = subjectOf(v);
    if (!old) {
      changes.push({ kind: 'variable-added', subject, note: v.type });
      continue;
    }
    if (old.type !== v.type) changes.push({ kind: 'variable-changed', subject, path: 'type', before: old.type, after: v.type });
    for (const c of leafChanges(old.body, v.body)) changes.push(fieldChange('variable-changed', subject, c.path, c.before, c.after));
  }
  const order = (vs: NormalVariable[]) => vs.map((v) => v.key).filter((k) => before.has(k) && after.has(k));
  if (!deepEqual(order(a), order(b))) changes.push({ kind: 'variable-changed', subject: 'variables', path: 'order', before: order(a), after: order(b) });
  return changes;
}

/** A field change; strings that are query text get a text diff. */
function fieldChange(kind: Change['kind'], subject: string, path: string, before: Json | undefined, after: Json | undefined): Change {
  const change: Change = { kind, subject, path };
  const field = path.split('.').pop() ?? '';
  if (typeof before === 'string' && typeof after === 'string' && (TEXT_FIELDS.has(field) || before.includes('\n') || after.includes('\n'))) {
    change.textDiff = unifiedTextDiff(before, after);
    return change;
  }
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return change;
}

// --- Panels and rows

export function panelSubject(p: Pick<NormalPanel, 'kind' | 'title' | 'row' | 'type' | 'key'>): string {
  const repeat = /\u0000#(\d+)$/.exec(p.key);
  const title = p.title === '' ? `(untitled ${p.type})` : `"${p.title}"`;
  if (p.kind === 'row') return `row ${title}${repeat ? ` #${repeat[1]}` : ''}`;
  return `panel ${title}${repeat ? ` #${repeat[1]}` : ''}${p.row !== undefined ? ` in row "${p.row}"` : ''}`;
}

function panelChanges(a: NormalPanel[], b: NormalPanel[]): Change[] {
  const pairs = matchPanels(a, b);
  const matchedOld = new Set(pairs.map(([o]) => o));
  const matchedNew = new Set(pairs.map(([, n]) => n));
  const changes: Change[] = [];

  for (const p of a) {
    if (matchedOld.has(p)) continue;
    changes.push({ kind: p.kind === 'row' ? 'row-removed' : 'panel-removed', subject: panelSubject(p), note: p.kind === 'row' ? undefined : p.type });
  }
  for (const p of b) {
    if (matchedNew.has(p)) continue;
    changes.push({ kind: p.kind === 'row' ? 'row-added' : 'panel-added', subject: panelSubject(p), note: `${p.kind === 'row' ? '' : `${p.type} `}at ${pos(p.gridPos)}`.trim() });
  }

  // Reading order of the new dashboard, whichever matching pass paired them.
  const position = new Map(b.map((p, i) => [p, i]));
  pairs.sort((l, r) => position.get(l[1])! - position.get(r[1])!);
  const { shifted, moved } = classifyMoves(pairs);
  if (shifted.length > 0) {
    changes.push({ kind: 'layout-shift', subject: 'layout', note: `${shifted.length} panel(s) and row(s) shifted vertically, in the same order` });
  }
  for (const [o, n] of pairs) {
    const subject = panelSubject(n);
    if (o.title !== n.title) changes.push({ kind: n.kind === 'row' ? 'row-changed' : 'panel-changed', subject, path: 'title', before: o.title, after: n.title });
    if (n.kind === 'panel' && o.row !== n.row) {
      changes.push({ kind: 'panel-moved', subject, note: `from ${o.row === undefined ? 'the top level' : `row "${o.row}"`} to ${n.row === undefined ? 'the top level' : `row "${n.row}"`}` });
    }
    if (o.type !== n.type) changes.push({ kind: 'panel-type', subject, before: o.type, after: n.type });
    if (moved.has(n) && (o.gridPos.x !== n.gridPos.x || o.gridPos.y !== n.gridPos.y)) {
      changes.push({ kind: 'panel-moved', subject, before: pos(o.gridPos), after: pos(n.gridPos) });
    }
    if (o.gridPos.w !== n.gridPos.w || o.gridPos.h !== n.gridPos.h) {
      changes.push({ kind: 'panel-resized', subject, before: size(o.gridPos), after: size(n.gridPos) });
    }
    changes.push(...targetChanges(subject, o.targets, n.targets));
    const kind = n.kind === 'row' ? 'row-changed' : 'panel-changed';
    for (const c of leafChanges(o.body, n.body)) changes.push(fieldChange(kind, subject, c.path, c.before, c.after));
  }
  return changes;
}

/**
 * Pairs old and new panels: by row and title first, then by title alone
 * (moved to another row), then by identical type and queries (renamed).
 */
function matchPanels(a: NormalPanel[], b: NormalPanel[]): Array<[NormalPanel, NormalPanel]> {
  const pairs: Array<[NormalPanel, NormalPanel]> = [];
  const byKey = new Map(b.map((p) => [p.key, p]));
  let restA: NormalPanel[] = [];
  const usedB = new Set<NormalPanel>();
  for (const p of a) {
    const m = byKey.get(p.key);
    if (m) {
      pairs.push([p, m]);
      usedB.add(m);
    } else restA.push(p);
  }
  let restB = b.filter((p) => !usedB.has(p));
  const passes: Array<{ signature: (p: NormalPanel) => string; eligible: (p: NormalPanel) => boolean }> = [
    { signature: (p) => `${p.kind}\u0000${p.title}`, eligible: () => true },
    { signature: (p) => `${p.kind}\u0000${p.type}\u0000${stableStringify(p.targets)}`, eligible: (p) => p.kind === 'panel' && p.targets.length > 0 },
    // Renamed and edited in place: same type at the same position.
    { signature: (p) => `${p.kind}\u0000${p.type}\u0000${stableStringify(p.gridPos)}`, eligible: (p) => p.kind === 'panel' },
  ];
  for (const { signature, eligible } of passes) {
    // Only a signature that is unique on both sides is a match; ambiguity stays added/removed.
    const unique = (ps: NormalPanel[]) => {
      const m = new Map<string, NormalPanel | null>();
      for (const p of ps.filter(eligible)) m.set(signature(p), m.has(signature(p)) ? null : p);
      return m;
    };
    const ub = unique(restB);
    const matched = new Set<NormalPanel>();
    for (const [sig, p] of unique(restA)) {
      const q = ub.get(sig);
      if (p && q) {
        pairs.push([p, q]);
        matched.add(p).add(q);
      }
    }
    restA = restA.filter((p) => !matched.has(p));
    restB = restB.filter((p) => !matched.has(p));
  }
  return pairs;
}

/**
 * Adding a panel near the top pushes everything below it down: those are
 * "shifted" (reported once, as a count), not "moved". A panel is moved when
 * its place in reading order changed, or it changed column.
 */
function classifyMoves(pairs: Array<[NormalPanel, NormalPanel]>): { shifted: NormalPanel[]; moved: Set<NormalPanel> } {
  const yx = (g: JsonObject) => [Number(g.y ?? 0), Number(g.x ?? 0)] as const;
  const order = (side: 0 | 1) =>
    pairs
      .map((pair, i) => ({ i, p: pair[side] }))
      .sort((l, r) => {
        const [ly, lx] = yx(l.p.gridPos);
        const [ry, rx] = yx(r.p.gridPos);
        return ly - ry || lx - rx || l.i - r.i;
      })
      .map((e) => e.i);
  const oldOrder = order(0);
  const newOrder = order(1);
  const rankOld = new Map(oldOrder.map((i, rank) => [i, rank]));
  const rankNew = new Map(newOrder.map((i, rank) => [i, rank]));
  const shifted: NormalPanel[] = [];
  const moved = new Set<NormalPanel>();
  pairs.forEach(([o, n], i) => {
    if (o.gridPos.x === n.gridPos.x && o.gridPos.y === n.gridPos.y) return;
    const onlyY = o.gridPos.x === n.gridPos.x && o.row === n.row;
    if (onlyY && rankOld.get(i) === rankNew.get(i)) shifted.push(n);
    else moved.add(n);
  });
  return { shifted, moved };
}

function targetChanges(subject: string, a: JsonObject[], b: JsonObject[]): Change[] {
  const changes: Change[] = [];
  const ref = (t: JsonObject, i: number) => (typeof t.refId === 'string' ? t.refId : `#${i + 1}`);
  const before = new Map(a.map((t, i) => [ref(t, i), t]));
  const after = new Map(b.map((t, i) => [ref(t, i), t]));
  for (const [id, t] of before) if (!after.has(id)) changes.push({ kind: 'query-removed', subject, path: `query ${id}`, before: queryText(t) });
  for (const [id, t] of after) {
    const old = before.get(id);
    if (!old) {
      changes.push({ kind: 'query-added', subject, path: `query ${id}`, after: queryText(t) });
      continue;
    }
    for (const c of leafChanges(old, t)) changes.push(fieldChange('query-changed', subject, `query ${id}.${c.path}`, c.before, c.after));
  }
  const order = (m: Map<string, JsonObject>, other: Map<string, JsonObject>) => [...m.keys()].filter((k) => other.has(k));
  if (!deepEqual(order(before, after), order(after, before))) {
    changes.push({ kind: 'query-changed', subject, path: 'query order', before: order(before, after), after: order(after, before) });
  }
  return changes;
}

function queryText(t: JsonObject): Json {
  for (const f of TEXT_FIELDS) if (typeof t[f] === 'string') return t[f]!;
  return t;
}

function pos(g: JsonObject): string {
  return `x=${String(g.x)} y=${String(g.y)}`;
}

function size(g: JsonObject): string {
  return `${String(g.w)}×${String(g.h)}`;
}

/** One definition of "is a dashboard", shared with the file reader. */
export { isDashboardJson } from '../files/json-file.js';
