/**
 * Random Grafana dashboards in the form Grafana saves them: classic JSON with
 * rows (expanded and collapsed), every panel kind dashcode models plus some
 * it does not, queries for PostgreSQL, Prometheus, Tempo and an unmodelled
 * datasource, variables of every type referenced in every syntax, editor
 * state, options old and new. Positions come from dashcode's own layout, so
 * every dashboard is one Grafana could have saved.
 */
import fc from 'fast-check';
import { layoutPanels, type LayoutNode } from '../../../src/compile/layout.js';
import type { PanelSlot } from '../../../src/compile/layout-types.js';
import type { Json, JsonObject } from '../../../src/model/loose.js';
import type { KnownDatasource } from '../../../src/import/import.js';

export const DATASOURCES = {
  postgres: { type: 'grafana-postgresql-datasource', uid: 'pg-main' },
  prometheus: { type: 'prometheus', uid: 'prom-main' },
  tempo: { type: 'tempo', uid: 'tempo-main' },
  loki: { type: 'loki', uid: 'loki-logs' },
} as const;

/** The datasources module the imports run against: PostgreSQL and Tempo are known, the others get stubs. */
export const KNOWN: KnownDatasource[] = [
  { exportName: 'metricsDb', ...DATASOURCES.postgres, name: 'Metrics DB' },
  { exportName: 'tempo', ...DATASOURCES.tempo, name: 'Tempo' },
];

const VARIABLE_NAMES = ['branch', 'job', 'model', 'region', 'StartTime', 'step'] as const;

const text = fc.string({ maxLength: 12 });
const word = fc.constantFrom('cpu', 'gpu', 'mem', 'latency', 'tokens', 'queue', 'ttft', 'p95', 'Runs');
const tricky = fc.constantFrom('`', '\\', '${', '$', '\r\n', '\n', '\t', 'é', '😀', "'", '"', '}', '[[', ']]', ':');

/** Query text with variable references in every form Grafana accepts, and characters a template literal must escape. */
function queryText(base: string, vars: readonly string[]): fc.Arbitrary<string> {
  const reference = vars.length === 0 ? fc.constant('') : fc.tuple(fc.constantFrom(...vars), fc.constantFrom('${v}', '${v:csv}', '${v:sqlstring}', '${v:regex}', '${v:raw}', '$v', '[[v]]', '${v:pipe}', '${v.field}')).map(([v, form]) => form.replace('v', v));
  const piece = fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: reference }, { weight: 1, arbitrary: tricky }, { weight: 1, arbitrary: fc.constantFrom('$__timeFilter(time)', '$__rate_interval', '${__from:date:iso}', '$__interval') });
  return fc.array(piece, { maxLength: 6 }).map((ps) => `${base} ${ps.join(' ')}`);
}

function sqlTarget(vars: readonly string[]): fc.Arbitrary<JsonObject> {
  return fc.record(
    {
      rawSql: queryText('SELECT time, value FROM metrics WHERE', vars),
      format: fc.constantFrom('table', 'time_series'),
      editorMode: fc.constantFrom('code', 'builder'),
      rawQuery: fc.constant(true),
      sql: fc.constant({ columns: [{ parameters: [], type: 'function' }], limit: 50 }),
      table: fc.constantFrom('benchmarks', 'measurements'),
      hide: fc.boolean(),
    },
    { requiredKeys: ['rawSql'] },
  ) as fc.Arbitrary<JsonObject>;
}

function promTarget(vars: readonly string[]): fc.Arbitrary<JsonObject> {
  return fc.record(
    {
      expr: queryText('sum(rate(requests_total[5m]))', vars),
      legendFormat: fc.constantFrom('__auto', '{{job}}', 'p95', ''),
      range: fc.boolean(),
      instant: fc.boolean(),
      interval: fc.constantFrom('', '15s', '1m'),
      exemplar: fc.boolean(),
      format: fc.constantFrom('time_series', 'table', 'heatmap'),
      editorMode: fc.constantFrom('code', 'builder'),
      useBackend: fc.boolean(),
      fullMetaSearch: fc.boolean(),
      intervalFactor: fc.constant(1),
      hide: fc.boolean(),
    },
    { requiredKeys: ['expr'] },
  ) as fc.Arbitrary<JsonObject>;
}

function tempoTarget(vars: readonly string[]): fc.Arbitrary<JsonObject> {
  return fc.record(
    {
      query: queryText('{ name = "generate" }', vars),
      queryType: fc.constant('traceql'),
      limit: fc.integer({ min: 1, max: 200 }),
      tableType: fc.constantFrom('traces', 'spans'),
      filters: fc.constant([]),
    },
    { requiredKeys: ['query', 'queryType'] },
  ) as fc.Arbitrary<JsonObject>;
}

const lokiTarget = fc.record({ expr: fc.constant('{job="app"} |= "error"'), queryType: fc.constantFrom('range', 'instant') }) as fc.Arbitrary<JsonObject>;

/** Targets of one panel: on one datasource (inherited from the panel or written on each) or mixed. */
function targets(vars: readonly string[]): fc.Arbitrary<{ datasource?: Json; targets: JsonObject[] }> {
  const kinds = [
    ['postgres', sqlTarget(vars)],
    ['prometheus', promTarget(vars)],
    ['tempo', tempoTarget(vars)],
    ['loki', lokiTarget],
  ] as const;
  const one = fc.constantFrom(...kinds).chain(([kind, target]) =>
    fc.tuple(fc.array(target, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([ts, onTargets]) => {
      const ref = { ...DATASOURCES[kind] };
      return { datasource: ref, targets: ts.map((t, i) => ({ ...t, refId: String.fromCharCode(65 + i), ...(onTargets || i > 0 ? { datasource: ref } : {}) })) };
    }),
  );
  const mixed = fc.array(fc.constantFrom(...kinds).chain(([kind, target]) => target.map((t) => ({ ...t, datasource: { ...DATASOURCES[kind] } }))), { minLength: 2, maxLength: 3 }).map((ts) => ({
    datasource: { type: 'datasource', uid: '-- Mixed --' },
    targets: ts.map((t, i) => ({ ...t, refId: `Q${i}` })),
  }));
  return fc.oneof({ weight: 4, arbitrary: one }, { weight: 1, arbitrary: mixed });
}

const legend = fc.record({ displayMode: fc.constantFrom('list', 'table', 'hidden'), placement: fc.constantFrom('bottom', 'right'), showLegend: fc.boolean(), calcs: fc.subarray(['mean', 'max', 'lastNotNull']) });
const reduceOptions = fc.record({ calcs: fc.subarray(['lastNotNull', 'mean', 'max']), fields: fc.constant(''), values: fc.boolean() });
const OPTIONS: Record<string, fc.Arbitrary<JsonObject>> = {
  timeseries: fc.record({ legend, tooltip: fc.record({ mode: fc.constantFrom('single', 'multi', 'none'), sort: fc.constantFrom('none', 'asc', 'desc') }) }, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>,
  table: fc.record({ cellHeight: fc.constantFrom('sm', 'md', 'lg'), showHeader: fc.boolean(), footer: fc.record({ show: fc.boolean(), reducer: fc.constant(['sum']) }) }, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>,
  stat: fc.record({ colorMode: fc.constantFrom('value', 'background', 'none'), graphMode: fc.constantFrom('area', 'none'), reduceOptions, textMode: fc.constantFrom('auto', 'value') }, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>,
  gauge: fc.record({ showThresholdMarkers: fc.boolean(), reduceOptions, minVizHeight: fc.integer({ min: 0, max: 100 }) }, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>,
  bargauge: fc.record({ displayMode: fc.constantFrom('gradient', 'lcd', 'basic'), orientation: fc.constantFrom('auto', 'horizontal', 'vertical'), reduceOptions, showUnfilled: fc.boolean() }, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>,
  barchart: fc.record({ barWidth: fc.constantFrom(0.5, 0.8, 0.97), legend, stacking: fc.constantFrom('none', 'normal'), xTickLabelRotation: fc.integer({ min: -90, max: 90 }) }, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>,
  text: fc.record({ mode: fc.constantFrom('markdown', 'html', 'code'), content: text, code: fc.record({ language: fc.constantFrom('sql', 'json', 'plaintext'), showLineNumbers: fc.boolean() }) }, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>,
  heatmap: fc.record({ calculate: fc.boolean(), cellGap: fc.integer({ min: 0, max: 5 }), yAxis: fc.record({ unit: fc.constantFrom('ms', 's') }) }, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>,
  histogram: fc.record({ combine: fc.boolean(), bucketCount: fc.integer({ min: 1, max: 50 }), legend }, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>,
  piechart: fc.record({ pieType: fc.constantFrom('pie', 'donut'), reduceOptions, displayLabels: fc.subarray(['name', 'percent', 'value']) }, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>,
  traces: fc.constant({}),
  'grafana-clock-panel': fc.record({ mode: fc.constantFrom('time', 'countdown'), clockType: fc.constant('24 hour') }) as fc.Arbitrary<JsonObject>,
  'state-timeline': fc.record({ mergeValues: fc.boolean(), rowHeight: fc.constantFrom(0.9, 0.5) }) as fc.Arbitrary<JsonObject>,
};
const PANEL_TYPES = Object.keys(OPTIONS);

/** Old or unknown options Grafana leaves in saved JSON, which the option types reject. */
const legacyOption = fc.record({ legacyFlag: fc.boolean(), legend: fc.record({ show: fc.boolean() }) }, { requiredKeys: [] });

const thresholds = fc.record({
  mode: fc.constantFrom('absolute', 'percentage'),
  steps: fc.array(fc.record({ color: fc.constantFrom('green', 'red', 'orange', '#FF0000'), value: fc.integer({ min: 0, max: 100 }) }), { maxLength: 3 }).map((steps) => [{ color: 'green', value: null }, ...steps]),
});

const fieldDefaults = fc.record(
  {
    unit: fc.constantFrom('s', 'ms', 'percent', 'bytes', 'decmbytes', 'tok/s', 'suffix: req'),
    decimals: fc.integer({ min: 0, max: 4 }),
    min: fc.integer({ min: -10, max: 0 }),
    max: fc.integer({ min: 1, max: 1000 }),
    displayName: word,
    noValue: fc.constantFrom('-', 'n/a'),
    color: fc.oneof(fc.record({ mode: fc.constantFrom('palette-classic', 'thresholds', 'continuous-YlBl') }), fc.record({ mode: fc.constant('fixed'), fixedColor: fc.constantFrom('blue', 'red') })),
    thresholds,
    mappings: fc.constantFrom([], [{ type: 'value', options: { '0': { text: 'down', color: 'red', index: 0 } } }]),
    links: fc.constantFrom([], [{ title: 'Details', url: '/d/x?var-id=${__value.raw}', targetBlank: true }]),
    custom: fc.record({ lineWidth: fc.integer({ min: 0, max: 5 }), fillOpacity: fc.integer({ min: 0, max: 100 }), spanNulls: fc.boolean(), oldCustomKey: fc.boolean() }, { requiredKeys: [] }),
    filterable: fc.boolean(),
  },
  { requiredKeys: [] },
);

const override = fc.oneof(
  fc.record({
    matcher: fc.record({ id: fc.constantFrom('byName', 'byRegexp', 'byFrameRefID'), options: word }),
    properties: fc.uniqueArray(
      fc.constantFrom<JsonObject>({ id: 'unit', value: 'ms' }, { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }, { id: 'custom.lineWidth', value: 3 }, { id: 'displayName', value: 'P95' }, { id: 'decimals', value: 2 }),
      { selector: (p) => p.id, maxLength: 3 },
    ),
  }),
  // Grafana's "hide series" override: a matcher the builders do not model.
  fc.constant({ matcher: { id: 'byNames', options: { mode: 'exclude', names: ['x'], prefix: 'All except:', readOnly: true } }, properties: [{ id: 'custom.hideFrom', value: { legend: false, tooltip: false, viz: true } }] }),
);

interface PanelDraft {
  json: JsonObject;
  slot: PanelSlot;
}

function panel(vars: readonly string[]): fc.Arbitrary<PanelDraft> {
  return fc.constantFrom(...PANEL_TYPES).chain((type) =>
    fc
      .record(
        {
          title: fc.oneof({ weight: 5, arbitrary: word.map((w) => `${w[0]!.toUpperCase()}${w.slice(1)} ${type}`) }, { weight: 1, arbitrary: text }),
          description: fc.oneof(text, fc.constant('')),
          transparent: fc.boolean(),
          options: fc.tuple(OPTIONS[type]!, fc.option(legacyOption, { nil: undefined })).map(([o, legacy]) => (legacy ? { ...o, ...legacy } : o)),
          defaults: fieldDefaults,
          overrides: fc.array(override, { maxLength: 2 }),
          queries: targets(vars),
          links: fc.constantFrom([], [{ title: 'Runbook', url: 'https://example.com/runbook' }]),
          transformations: fc.constantFrom([], [{ id: 'organize', options: { excludeByName: { time: true } } }]),
          interval: fc.constantFrom('', '1m'),
          maxDataPoints: fc.integer({ min: 100, max: 1000 }),
          timeFrom: fc.constantFrom('', '1h'),
          repeat: vars.length > 0 ? fc.constantFrom(...vars) : fc.constant(''),
          pluginVersion: fc.constantFrom('10.4.1', '11.2.0'),
          libraryThing: fc.constant({ uid: 'lib-1', name: 'shared' }),
          w: fc.integer({ min: 1, max: 24 }),
          h: fc.integer({ min: 1, max: 14 }),
          pin: fc.option(fc.integer({ min: 0, max: 23 }), { nil: undefined }),
        },
        { requiredKeys: ['title', 'queries', 'w', 'h'] },
      )
      .map((r): PanelDraft => {
        const json: JsonObject = { type, title: r.title, id: 0 };
        for (const k of ['description', 'transparent', 'options', 'links', 'transformations', 'interval', 'maxDataPoints', 'timeFrom', 'pluginVersion'] as const) if (r[k] !== undefined) json[k] = r[k] as Json;
        if (r.defaults || r.overrides) json.fieldConfig = { defaults: (r.defaults ?? {}) as Json, overrides: (r.overrides ?? []) as Json };
        if (type !== 'text') {
          if (r.queries.datasource) json.datasource = r.queries.datasource;
          json.targets = r.queries.targets;
        }
        if (r.repeat) Object.assign(json, { repeat: r.repeat, repeatDirection: 'h' });
        if (r.libraryThing) json.libraryThing = r.libraryThing;
        const w = r.w;
        const slot: PanelSlot = { w, h: r.h };
        if (r.pin !== undefined && r.pin + w <= 24) slot.x = r.pin;
        return { json, slot };
      }),
  );
}

function variables(): fc.Arbitrary<JsonObject[]> {
  return fc.uniqueArray(fc.constantFrom(...VARIABLE_NAMES), { maxLength: 4 }).chain((names) =>
    fc.tuple(...names.map((name, i) => variable(name, names.slice(0, i)))).map((vs) => vs as JsonObject[]),
  );
}

function variable(name: string, before: readonly string[]): fc.Arbitrary<JsonObject> {
  const common = fc.record({ label: fc.oneof(word, fc.constant('')), hide: fc.constantFrom(0, 1, 2), description: fc.oneof(text, fc.constant('')), skipUrlSync: fc.boolean() }, { requiredKeys: [] });
  const choice = fc.record({ multi: fc.boolean(), includeAll: fc.boolean() });
  const current = (value: fc.Arbitrary<string | string[]>) => value.map((v) => ({ selected: true, text: v, value: v }));
  const kinds: Array<fc.Arbitrary<JsonObject>> = [
    fc.tuple(common, choice, fc.boolean(), fc.constantFrom(0, 1, 2, 3), fc.option(current(fc.constantFrom('main', 'dev')), { nil: undefined }), queryText('SELECT DISTINCT branch FROM benchmarks WHERE', before)).map(([c, ch, onPrometheus, sort, cur, sqlText]) => ({
      ...c,
      ...ch,
      name,
      type: 'query',
      datasource: onPrometheus ? { ...DATASOURCES.prometheus } : { ...DATASOURCES.postgres },
      query: onPrometheus ? 'label_values(up, job)' : sqlText,
      definition: onPrometheus ? 'label_values(up, job)' : sqlText,
      refresh: sort % 2 === 0 ? 1 : 2,
      sort,
      regex: sort === 3 ? '/^v/' : '',
      options: [],
      ...(cur ? { current: cur } : {}),
    })),
    fc.tuple(common, choice, fc.uniqueArray(fc.constantFrom('a', 'b', 'c d', 'x : y'), { minLength: 1, maxLength: 3 })).map(([c, ch, values]) => ({
      ...c,
      ...ch,
      name,
      type: 'custom',
      query: values.join(', '),
      current: { selected: true, text: values[0]!.split(' : ')[0]!, value: values[0]!.split(' : ').at(-1)! },
      options: values.map((v) => ({ selected: false, text: v, value: v })),
    })),
    fc.tuple(common, word).map(([c, value]) => ({ ...c, name, type: 'constant', hide: 2, query: value })),
    fc.tuple(common, fc.oneof(word, fc.constant(''))).map(([c, value]) => ({ ...c, name, type: 'textbox', query: value, current: { text: value, value } })),
    fc.tuple(common, fc.boolean()).map(([c, auto]) => ({ ...c, name, type: 'interval', query: '1m,5m, 1h', auto, auto_count: 30, auto_min: '10s', current: { text: '5m', value: '5m' }, refresh: 2 })),
    fc.tuple(common, choice).map(([c, ch]) => ({ ...c, ...ch, name, type: 'datasource', query: 'prometheus', regex: '', current: { text: 'Prometheus', value: 'prom-main' } })),
    fc.tuple(common).map(([c]) => ({ ...c, name, type: 'adhoc', datasource: { ...DATASOURCES.prometheus }, filters: [] })),
  ];
  return fc.oneof(...kinds);
}

type Section = { kind: 'panels'; panels: PanelDraft[] } | { kind: 'row'; title: string; collapsed: boolean; panels: PanelDraft[] };

/** A whole dashboard as Grafana would save it. */
export function grafanaDashboard(): fc.Arbitrary<JsonObject> {
  return variables().chain((vars) => {
    const names = vars.map((v) => v.name as string);
    const section: fc.Arbitrary<Section> = fc.oneof(
      fc.array(panel(names), { minLength: 1, maxLength: 3 }).map((panels): Section => ({ kind: 'panels', panels })),
      fc.record({ title: word.map((w) => `Row ${w}`), collapsed: fc.boolean(), panels: fc.array(panel(names), { maxLength: 3 }) }).map((r): Section => ({ kind: 'row', ...r })),
    );
    return fc
      .record({
        sections: fc.array(section, { minLength: 1, maxLength: 4 }),
        uid: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
        title: word.map((w) => `Dashboard ${w}`),
        settings: fc.record(
          {
            description: text,
            tags: fc.subarray(['perf', 'ci', 'gpu']),
            time: fc.constantFrom({ from: 'now-6h', to: 'now' }, { from: 'now-15m', to: 'now' }),
            timezone: fc.constantFrom('browser', 'utc', ''),
            refresh: fc.constantFrom('', '5s', '1m'),
            graphTooltip: fc.constantFrom(0, 1, 2),
            editable: fc.boolean(),
            liveNow: fc.boolean(),
            weekStart: fc.constantFrom('', 'monday'),
            timepicker: fc.constantFrom({}, { hidden: false }, { refresh_intervals: ['5s', '1m'] }),
            links: fc.constantFrom([], [{ title: 'Docs', url: 'https://example.com', type: 'link', icon: 'doc', tooltip: '', targetBlank: true, asDropdown: false, includeVars: false, keepTime: true, tags: [] }]),
            annotations: fc.constantFrom(
              { list: [] },
              { list: [{ builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, hide: true, iconColor: 'rgba(0, 211, 255, 1)', name: 'Annotations & Alerts', type: 'dashboard' }] },
              { list: [{ name: 'Deploys', datasource: { ...DATASOURCES.prometheus }, expr: 'changes(build_info[5m]) > 0', enable: true, iconColor: 'red', step: '60s' }] },
            ),
            version: fc.nat(),
            id: fc.nat(),
            schemaVersion: fc.constantFrom(27, 36, 39, 41),
          },
          { requiredKeys: [] },
        ),
        shuffle: fc.boolean(),
      })
      .map(({ sections, uid, title, settings, shuffle }) => {
        const panels = place(sections);
        return { ...settings, uid, title, templating: { list: vars }, panels: shuffle ? [...panels].reverse() : panels } as unknown as JsonObject;
      });
  });
}

/** Positions from dashcode's layout; a layout with issues would not be one Grafana saves, so sizes are clamped first. */
function place(sections: Section[]): JsonObject[] {
  const nodes: LayoutNode[] = sections.map((s) => (s.kind === 'row' ? { kind: 'row', collapsed: s.collapsed, panels: s.panels.map((p) => p.slot) } : { kind: 'panel', slot: s.panels[0]!.slot }));
  // Top-level sections hold several panels: expand them into one node each.
  const flat: Array<{ node: LayoutNode; section: Section; index: number }> = [];
  for (const s of sections) {
    if (s.kind === 'row') flat.push({ node: nodes[sections.indexOf(s)]!, section: s, index: -1 });
    else s.panels.forEach((p, i) => flat.push({ node: { kind: 'panel', slot: p.slot }, section: s, index: i }));
  }
  const { nodes: placed } = layoutPanels(flat.map((f) => f.node));
  const out: JsonObject[] = [];
  let id = 1;
  flat.forEach((f, i) => {
    const pos = placed[i]!;
    if (f.section.kind === 'panels') {
      out.push({ ...f.section.panels[f.index]!.json, id: id++, gridPos: { ...pos.gridPos } });
      return;
    }
    const children = f.section.panels.map((p, j) => ({ ...p.json, id: id++, gridPos: { ...(pos.kind === 'row' ? pos.panels[j]! : pos.gridPos) } }));
    out.push({ type: 'row', title: f.section.title, collapsed: f.section.collapsed, id: id++, gridPos: { ...pos.gridPos }, panels: f.section.collapsed ? children : [] });
    if (!f.section.collapsed) out.push(...children);
  });
  return out;
}
