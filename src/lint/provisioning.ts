/**
 * Provisioning YAML (datasources and dashboard providers): no plaintext
 * secrets, `apiVersion: 1`, stable datasource uids, provider paths that hold
 * the generated dashboards, at most one default datasource per organization.
 * The build validates these files against the provisioning schema; these are
 * the rules a schema cannot express.
 */
import { toPosix } from '../files/paths.js';
import path from 'node:path';
import { SECRET_REFERENCE_PATTERN } from '../model/env.js';
import type { Issue } from '../model/issue.js';
import { joinPath, type IssuePath } from '../model/issue-path.js';
import type { LintConfig } from './config.js';
import type { LintDatasource } from './dashboard/datasources.js';
import { isObject, str } from './dashboard/model.js';
import { collector, toIssues, type Finding, type Report } from './report.js';
import { checkAlertingDocument, type DashboardPanels } from './alerting.js';
import { parse } from 'yaml';

export type ProvisioningKind = 'datasources' | 'dashboards' | 'alerting';

/** Where Grafana sees the generated dashboards: `containerPath` inside Grafana is `localDir` (relative to the root) here. */
export interface DashboardMount {
  readonly containerPath: string;
  readonly localDir: string;
}

export interface LintProvisioningContext {
  file: string;
  /** Project root; provider paths under it are checked directly. */
  root?: string;
  /** Generated files relative to the root, `/`-separated (`generated/x.json`). Without them, provider paths are not checked. */
  generatedFiles?: readonly string[];
  /** How provider paths map to the tree, e.g. dashcode.config's dashboardsPath → outDir. */
  mounts?: readonly DashboardMount[];
  config?: LintConfig;
  /** Dashboards alert rules may link to (uid → panel ids); without them, links are not checked. */
  dashboardPanels?: DashboardPanels;
}

/** Which provisioning file this is, judged by its top-level keys; undefined for other YAML. */
export function provisioningKind(doc: unknown): ProvisioningKind | undefined {
  if (!isObject(doc)) return undefined;
  if ('datasources' in doc || 'deleteDatasources' in doc) return 'datasources';
  if ('providers' in doc) return 'dashboards';
  if (['groups', 'contactPoints', 'policies', 'muteTimes', 'templates'].some((k) => k in doc)) return 'alerting';
  return undefined;
}

/** YAML text as an alerting provisioning document, or undefined for any other YAML (or YAML that does not parse). */
export async function alertingDocumentOf(text: string): Promise<Record<string, unknown> | undefined> {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return undefined;
  }
  return provisioningKind(doc) === 'alerting' ? (doc as Record<string, unknown>) : undefined;
}

/** The datasources a provisioning document creates. */
export function datasourcesOf(doc: unknown): LintDatasource[] {
  if (!isObject(doc) || !Array.isArray(doc.datasources)) return [];
  return doc.datasources.flatMap((d): LintDatasource[] => {
    if (!isObject(d) || typeof d.name !== 'string' || typeof d.type !== 'string') return [];
    const uid = str(d.uid);
    const orgId = typeof d.orgId === 'number' || typeof d.orgId === 'string' ? d.orgId : undefined;
    return [{ name: d.name, type: d.type, ...(uid ? { uid } : {}), ...(orgId !== undefined ? { orgId } : {}), isDefault: d.isDefault === true || d.isDefault === 'true' }];
  });
}

export function lintProvisioning(doc: unknown, kind: ProvisioningKind, ctx: LintProvisioningContext): Issue[] {
  const { report, findings } = collector();
  checkProvisioningDocument(doc, kind, ctx, report);
  if (kind === 'datasources') findings.push(...defaultDatasourceFindings([{ file: ctx.file, doc }]).map((f) => f.finding));
  return toIssues(findings, { file: ctx.file }, ctx.config);
}

/** The rules that look at one document only (lintRepo adds the cross-file ones). */
export function checkProvisioningDocument(doc: unknown, kind: ProvisioningKind, ctx: LintProvisioningContext, report: Report): void {
  if (!isObject(doc)) {
    report('lint-parse', [], `not a provisioning document: expected a mapping with apiVersion and ${kind}`);
    return;
  }
  if (doc.apiVersion === undefined) {
    report('provisioning-api-version', ['apiVersion'], 'no apiVersion: Grafana reads the file as the deprecated v0 format; add "apiVersion: 1"');
  } else if (doc.apiVersion !== 1) {
    report('provisioning-api-version', ['apiVersion'], `apiVersion ${JSON.stringify(doc.apiVersion)}: Grafana's current format is apiVersion 1`);
  }
  if (kind === 'alerting') {
    checkAlertingDocument(doc, report, ctx.dashboardPanels);
    return;
  }
  if (kind === 'datasources') {
    const list = Array.isArray(doc.datasources) ? doc.datasources : [];
    list.forEach((d, i) => {
      if (!isObject(d)) return;
      const at = joinPath('datasources', i);
      checkSecrets(d, at, report);
      checkTemplateVariables(d, at, report);
      if (typeof d.uid !== 'string' || d.uid === '') {
        report('provisioning-datasource-uid', joinPath(at, 'uid'), `datasource "${String(d.name)}" has no uid: Grafana makes one up, so dashboards cannot reference it by a known uid; set uid`);
      }
    });
  } else {
    const list = Array.isArray(doc.providers) ? doc.providers : [];
    list.forEach((p, i) => {
      if (!isObject(p) || !isObject(p.options) || typeof p.options.path !== 'string') return;
      checkProviderPath(p.options.path, joinPath('providers', i, 'options', 'path'), ctx, report);
    });
  }
}

const SECRET_REFERENCE = new RegExp(SECRET_REFERENCE_PATTERN, 'u');
/** jsonData keys that hold credentials; jsonData is stored unencrypted. */
const SECRET_KEY = /(password|passwd|secret|token|apikey|api_key|accesskey|privatekey)$/i;

function checkSecrets(d: Record<string, unknown>, at: IssuePath, report: Report): void {
  const secure = isObject(d.secureJsonData) ? d.secureJsonData : {};
  for (const [key, value] of Object.entries(secure)) {
    if (typeof value === 'string' && !SECRET_REFERENCE.test(value)) {
      report('provisioning-secret', joinPath(at, 'secureJsonData', key), `secureJsonData.${key} is a literal value: take it from the environment ($VAR, \${VAR}) or a file ($__file{path}) so it never reaches version control`);
    }
  }
  for (const key of ['password', 'basicAuthPassword']) {
    if (typeof d[key] === 'string' && d[key] !== '') {
      report('provisioning-secret', joinPath(at, key), `${key} is stored unencrypted (and is no longer read by Grafana); move it to secureJsonData.${key} as an environment reference`);
    }
  }
  const json = isObject(d.jsonData) ? d.jsonData : {};
  for (const [key, value] of Object.entries(json)) {
    if (typeof value === 'string' && value !== '' && SECRET_KEY.test(key)) {
      report('provisioning-secret', joinPath(at, 'jsonData', key), `jsonData.${key} looks like a credential, and jsonData is stored unencrypted; move it to secureJsonData as an environment reference`);
    }
  }
  const url = str(d.url);
  const userinfo = url ? /^[a-z][a-z0-9+.-]*:\/\/[^/@:]*:([^/@]+)@/i.exec(url) : null;
  if (userinfo && !SECRET_REFERENCE.test(userinfo[1] ?? '')) {
    report('provisioning-secret', joinPath(at, 'url'), 'the url carries a password (scheme://user:password@host); use user and secureJsonData.password instead');
  }
}

/**
 * `$__name` / `${__name…}` not escaped by a `$` before it (an even run of `$`
 * before it, so `$$__x` is fine and `$$$__x` is not). `$__env{`, `$__file{`
 * and `$__vault{` are provisioning's own references.
 */
const UNESCAPED_TEMPLATE_VARIABLE = /(?<!\$)((?:\$\$)*)\$(\{__[A-Za-z0-9_.:]*\}?|__(?!env\{|file\{|vault\{)[A-Za-z0-9_]+)/g;

function checkTemplateVariables(value: unknown, at: IssuePath, report: Report): void {
  if (typeof value === 'string') {
    for (const m of value.matchAll(UNESCAPED_TEMPLATE_VARIABLE)) {
      const ref = `$${m[2]}`;
      report(
        'provisioning-unescaped-variable',
        at,
        `${ref} is a Grafana template variable, but Grafana expands $NAME in provisioning files as an environment variable, so it becomes an empty string; write $${ref} for a literal $`,
      );
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkTemplateVariables(v, joinPath(at, i), report));
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) checkTemplateVariables(v, joinPath(at, k), report);
  }
}

function checkProviderPath(providerPath: string, at: IssuePath, ctx: LintProvisioningContext, report: Report): void {
  if (!ctx.generatedFiles || providerPath.includes('$')) return;
  const wanted = path.posix.normalize(providerPath).replace(/\/$/, '');
  let local: string | undefined;
  for (const m of ctx.mounts ?? []) {
    const container = path.posix.normalize(m.containerPath).replace(/\/$/, '');
    if (wanted === container || wanted.startsWith(`${container}/`)) local = path.posix.join(m.localDir, wanted.slice(container.length));
  }
  if (local === undefined && !path.posix.isAbsolute(wanted)) local = wanted;
  if (local === undefined && ctx.root !== undefined) {
    const rel = path.relative(ctx.root, providerPath);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) local = toPosix(rel);
  }
  // Without a known mount, an absolute path outside the root cannot be judged.
  if (local === undefined && ctx.mounts === undefined) return;
  if (local === undefined) {
    const mounts = (ctx.mounts ?? []).map((m) => `${m.containerPath} ← ${m.localDir}/`).join(', ');
    report('provisioning-provider-path', at, `provider path "${providerPath}" is not where the generated dashboards are mounted${mounts ? ` (${mounts})` : ''}; Grafana would find no dashboards there`);
    return;
  }
  const dir = local.replace(/\/$/, '').replace(/^\.\//, '');
  const prefix = dir === '' || dir === '.' ? '' : `${dir}/`;
  if (!ctx.generatedFiles.some((f) => f.startsWith(prefix) && f.endsWith('.json'))) {
    report('provisioning-provider-path', at, `provider path "${providerPath}" is ${prefix || './'} here, which holds no generated dashboard JSON`);
  }
}

/** At most one `isDefault: true` per organization, across every datasource document given. */
export function defaultDatasourceFindings(docs: ReadonlyArray<{ file: string; doc: unknown }>): Array<{ file: string; finding: Finding }> {
  const out: Array<{ file: string; finding: Finding }> = [];
  const firstDefault = new Map<string, { file: string; name: string }>();
  for (const { file, doc } of docs) {
    if (!isObject(doc) || !Array.isArray(doc.datasources)) continue;
    doc.datasources.forEach((d, i) => {
      if (!isObject(d) || !(d.isDefault === true || d.isDefault === 'true')) return;
      const org = String(d.orgId ?? 1);
      const name = String(d.name);
      const first = firstDefault.get(org);
      if (!first) {
        firstDefault.set(org, { file, name });
        return;
      }
      const where = first.file === file ? '' : ` in ${first.file}`;
      const message = `"${name}" is a default datasource of org ${org}, and so is "${first.name}"${where}; Grafana keeps only one, so which one wins is an accident`;
      out.push({ file, finding: { code: 'provisioning-default-datasource', path: joinPath('datasources', i, 'isDefault'), message } });
    });
  }
  return out;
}
