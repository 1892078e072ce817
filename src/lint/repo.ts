/**
 * Lints a set of files together: each dashboard and provisioning document on
 * its own, plus the rules that need them all (dashboard uids unique across
 * files, one default datasource per organization, references resolved
 * against every provisioned datasource). Pure: the caller reads the files.
 */
import type { Issue } from '../model/issue.js';
import type { LintConfig } from './config.js';
import type { LintDatasource } from './dashboard/datasources.js';
import { lintDashboard } from './dashboard/lint.js';
import { readDashboard } from './dashboard/model.js';
import { checkProvisioningDocument, datasourcesOf, defaultDatasourceFindings, type DashboardMount, type ProvisioningKind } from './provisioning.js';
import { collector, toIssues, type Finding } from './report.js';

export interface RepoDashboard {
  file: string;
  json: unknown;
}

export interface RepoProvisioning {
  file: string;
  kind: ProvisioningKind;
  doc: unknown;
  /** Where this file's provider paths point in the tree (see LintProvisioningContext.mounts). */
  mounts?: readonly DashboardMount[];
}

export interface LintRepoInput {
  dashboards: readonly RepoDashboard[];
  provisioning: readonly RepoProvisioning[];
  /** Datasources references must resolve to; default: those the provisioning documents create (none given: not checked). */
  datasources?: readonly LintDatasource[];
  root?: string;
  /** Generated files relative to the root; enables the provider path check. */
  generatedFiles?: readonly string[];
  config?: LintConfig;
  /** Metric family types from Prometheus' metadata API, by name (sharpens promql-rate-counter). */
  metricTypes?: ReadonlyMap<string, string>;
}

export function lintRepo(input: LintRepoInput): Issue[] {
  const datasourceDocs = input.provisioning.filter((p) => p.kind === 'datasources');
  const datasources = input.datasources ?? (datasourceDocs.length > 0 ? datasourceDocs.flatMap((p) => datasourcesOf(p.doc)) : undefined);
  const byFile = new Map<string, Issue[]>();
  const add = (file: string, issues: readonly Issue[]): void => {
    byFile.set(file, [...(byFile.get(file) ?? []), ...issues]);
  };

  for (const d of input.dashboards) add(d.file, lintDashboard(d.json, { file: d.file, ...(datasources ? { datasources } : {}), ...(input.config ? { config: input.config } : {}), ...(input.metricTypes ? { metricTypes: input.metricTypes } : {}) }));
  for (const d of duplicateUids(input.dashboards)) add(d.file, toIssues([d.finding], d.scope, input.config));

  for (const p of input.provisioning) {
    const { report, findings } = collector();
    const ctx = {
      file: p.file,
      ...(input.root !== undefined ? { root: input.root } : {}),
      ...(input.generatedFiles ? { generatedFiles: input.generatedFiles } : {}),
      ...(p.mounts ? { mounts: p.mounts } : {}),
    };
    checkProvisioningDocument(p.doc, p.kind, ctx, report);
    add(p.file, toIssues(findings, { file: p.file }, input.config));
  }
  for (const { file, finding } of defaultDatasourceFindings(datasourceDocs)) add(file, toIssues([finding], { file }, input.config));

  return [...byFile.values()].flat();
}

interface ScopedFinding {
  file: string;
  finding: Finding;
  scope: { file: string; dashboardUid: string; dashboardTitle?: string };
}

/** Each file whose uid another file also uses, naming the others. */
function duplicateUids(dashboards: readonly RepoDashboard[]): ScopedFinding[] {
  const byUid = new Map<string, Array<{ file: string; title?: string }>>();
  for (const d of dashboards) {
    const model = readDashboard(d.json);
    if (!model?.uid) continue;
    byUid.set(model.uid, [...(byUid.get(model.uid) ?? []), { file: d.file, ...(model.title !== undefined ? { title: model.title } : {}) }]);
  }
  const out: ScopedFinding[] = [];
  for (const [uid, files] of byUid) {
    if (files.length < 2) continue;
    for (const f of files) {
      const others = files.filter((o) => o !== f).map((o) => o.file).join(', ');
      out.push({
        file: f.file,
        finding: { code: 'dashboard-uid-duplicate', path: ['uid'], message: `uid "${uid}" is also used by ${others}; Grafana keeps one of them and the other silently disappears` },
        scope: { file: f.file, dashboardUid: uid, ...(f.title !== undefined ? { dashboardTitle: f.title } : {}) },
      });
    }
  }
  return out;
}
