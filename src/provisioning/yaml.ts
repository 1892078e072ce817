import { stringify } from 'yaml';
import type { DatasourceSpec } from '../datasources/datasource.js';
import { renderConfigurable, envReference } from '../model/env.js';
import type { ResolvedConfig } from '../config/config.js';

/**
 * Grafana provisioning files, generated from the same datasource objects the
 * dashboards refer to. Secrets are written as `$NAME` references only; the
 * values never pass through dashcode.
 */
export function datasourcesDocument(datasources: readonly DatasourceSpec[]): Record<string, unknown> {
  return {
    apiVersion: 1,
    // Datasources removed from code are removed from Grafana too.
    prune: true,
    datasources: datasources.map((ds) => {
      const out: Record<string, unknown> = {
        name: ds.name,
        type: ds.type,
        uid: ds.uid,
        orgId: ds.orgId,
        access: ds.access,
      };
      if (ds.url !== undefined) out.url = renderConfigurable(ds.url);
      if (ds.user !== undefined) out.user = renderConfigurable(ds.user);
      out.isDefault = ds.isDefault;
      out.editable = ds.editable;
      out.jsonData = ds.jsonData;
      const secure = Object.entries(ds.secureJsonData);
      if (secure.length > 0) out.secureJsonData = Object.fromEntries(secure.map(([k, ref]) => [k, envReference(ref)]));
      return out;
    }),
  };
}

export function dashboardProvidersDocument(config: ResolvedConfig): Record<string, unknown> {
  const p = config.provisioning;
  const provider: Record<string, unknown> = { name: p.providerName, orgId: p.orgId, type: 'file' };
  if (p.folder !== undefined) provider.folder = p.folder;
  if (p.folderUid !== undefined) provider.folderUid = p.folderUid;
  Object.assign(provider, {
    disableDeletion: true,
    updateIntervalSeconds: p.updateIntervalSeconds,
    // The code is the source of truth: edits in the UI could not be saved back to it.
    allowUiUpdates: false,
    options: { path: p.dashboardsPath, foldersFromFilesStructure: false },
  });
  return { apiVersion: 1, providers: [provider] };
}

export function toYaml(doc: unknown, header: string): string {
  // lineWidth 0: never fold long strings, so diffs stay line-per-field.
  return `# ${header}\n${stringify(doc, { lineWidth: 0, indent: 2, sortMapEntries: false })}`;
}
