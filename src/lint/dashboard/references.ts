/**
 * Identity and wiring: datasource references resolve to provisioned
 * datasources, the dashboard uid is one Grafana accepts, panel ids and query
 * refIds are unique.
 */
import { joinPath, renderPath } from '../../model/issue-path.js';
import type { Report } from '../report.js';
import { canonicalPluginType as canonicalType } from '../../model/datasource-plugins.js';
import { classifyRef, datasourceRefs, resolveRef, type LintDatasource } from './datasources.js';
import { panelLabel, targetsOf, type DashboardModel, type PanelEntry } from './model.js';
import { MAX_UID_LENGTH, UID_CHARACTERS } from '../../model/uid.js';


export function checkDashboardUid(model: DashboardModel, report: Report): void {
  const uid = model.root.uid;
  if (typeof uid !== 'string' || uid === '') {
    report('dashboard-uid', ['uid'], 'the dashboard has no uid: Grafana invents one on import, so links, alerts and provisioning break; set a stable uid');
  } else if (uid.length > MAX_UID_LENGTH) {
    report('dashboard-uid', ['uid'], `uid "${uid}" is ${uid.length} characters; Grafana allows at most ${MAX_UID_LENGTH}`);
  } else if (!UID_CHARACTERS.test(uid)) {
    report('dashboard-uid', ['uid'], `uid "${uid}" has characters Grafana rejects; use only letters, digits, "-" and "_"`);
  }
}

/**
 * `datasources` undefined means "not known": only what can be judged from the
 * dashboard alone is checked (missing uids, panel/query disagreement).
 */
export function checkDatasourceRefs(model: DashboardModel, datasources: readonly LintDatasource[] | undefined, report: Report): void {
  // One unknown-uid finding per panel and uid: its queries usually repeat the panel's reference.
  const reported = new Set<string>();
  for (const entry of datasourceRefs(model)) {
    const { ref, path } = entry;
    const panel = entry.panel && panelLabel(entry.panel);
    if (ref.kind === 'no-uid') {
      report('datasource-missing-uid', path, `datasource ${ref.text} has no uid: Grafana falls back to whatever the default datasource is; reference it as {"type", "uid"}`, panel);
      continue;
    }
    if (!datasources || (ref.kind !== 'uid' && ref.kind !== 'name')) continue;
    const ds = resolveRef(ref, datasources);
    const key = `${renderPath(entry.panel?.path ?? path)}|${ref.kind === 'uid' ? ref.uid : ref.name}`;
    if (!ds) {
      if (reported.has(key)) continue;
      reported.add(key);
      const what = ref.kind === 'uid' ? `uid "${ref.uid}"` : `"${ref.name}"`;
      const type = ref.kind === 'uid' ? ref.type : undefined;
      const sameType = type === undefined ? [] : datasources.filter((d) => canonicalType(d.type) === canonicalType(type));
      const listed = sameType.length > 0 ? `provisioned ${type}: ${describe(sameType)}` : `provisioned: ${describe(datasources)}`;
      report('datasource-unknown', path, `datasource ${what} is not provisioned (${listed})`, panel);
      continue;
    }
    if (ref.kind === 'name') {
      report('datasource-missing-uid', path, `datasource referenced by the name "${ref.name}"; reference it as {"type": "${ds.type}", "uid": "${ds.uid ?? '…'}"}`, panel);
    } else if (ref.type !== undefined && canonicalType(ref.type) !== canonicalType(ds.type)) {
      report('datasource-type-mismatch', path, `datasource uid "${ref.uid}" has type "${ref.type}" here but the provisioned "${ds.name}" is "${ds.type}"`, panel);
    }
  }
  for (const panel of model.panels) checkPanelAgreement(panel, report);
}

/** A query naming another datasource than its panel runs against the panel's (unless the panel is mixed). */
function checkPanelAgreement(panel: PanelEntry, report: Report): void {
  const own = classifyRef(panel.panel.datasource);
  if (own.kind !== 'uid') return;
  for (const t of targetsOf(panel)) {
    const ref = classifyRef(t.target.datasource);
    if (ref.kind === 'uid' && ref.uid !== own.uid) {
      report(
        'datasource-panel-mismatch',
        joinPath(t.path, 'datasource'),
        `query ${typeof t.target.refId === 'string' ? `${t.target.refId} ` : ''}uses datasource uid "${ref.uid}" but its panel uses "${own.uid}"; make them agree or set the panel to -- Mixed --`,
        panelLabel(panel),
      );
    }
  }
}

export function checkIds(model: DashboardModel, report: Report): void {
  const ids = new Map<number, PanelEntry>();
  for (const panel of model.panels) {
    const id = panel.panel.id;
    if (typeof id !== 'number') continue;
    const first = ids.get(id);
    if (first) report('panel-id-duplicate', joinPath(panel.path, 'id'), `panel id ${id} is also used by "${panelLabel(first)}" (${renderPath(first.path)}); links, repeats and alerts would pick either`, panelLabel(panel));
    else ids.set(id, panel);
  }
  for (const panel of model.panels) {
    const refIds = new Set<string>();
    for (const t of targetsOf(panel)) {
      const refId = t.target.refId;
      if (typeof refId !== 'string') continue;
      if (refIds.has(refId)) report('query-refid-duplicate', joinPath(t.path, 'refId'), `refId "${refId}" is used by two queries of this panel; overrides and transformations could not tell them apart`, panelLabel(panel));
      refIds.add(refId);
    }
  }
}

function describe(datasources: readonly LintDatasource[]): string {
  if (datasources.length === 0) return 'none';
  const shown = datasources.slice(0, 5).map((d) => `"${d.name}" ${d.uid ? `uid ${d.uid}` : '(no uid)'}`);
  return datasources.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}
