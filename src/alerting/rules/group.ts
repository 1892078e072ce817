import { issue, underPath, type Issue } from '../../model/issue.js';
import { parseDuration } from '../duration.js';
import type { AlertRuleSpec, RuleGroupSpec } from '../model.js';

export interface RuleGroupOptions {
  name: string;
  /** Grafana folder title; created by provisioning if missing. */
  folder: string;
  folderUid?: string;
  /** Evaluation interval of every rule in the group, a multiple of 10 s (Grafana's default base interval). */
  interval: string;
  rules: readonly AlertRuleSpec[];
  orgId?: number;
}

export function ruleGroup(options: RuleGroupOptions): RuleGroupSpec {
  const issues: Issue[] = [];
  const o = (options ?? {}) as RuleGroupOptions;
  if (typeof o.name !== 'string' || o.name.trim() === '' || o.name.length > 190) issues.push(issue('alert-group-name', ['name'], 'must be a non-empty string of at most 190 characters'));
  if (typeof o.folder !== 'string' || o.folder.trim() === '') issues.push(issue('alert-group-folder', ['folder'], 'is required: the Grafana folder the rules live in'));
  const ms = parseDuration(String(o.interval ?? ''));
  // pkg/services/ngalert/models: a group's interval must be a positive multiple of the scheduler's base interval (10 s).
  if (ms === undefined || ms <= 0 || ms % 10_000 !== 0) issues.push(issue('alert-group-interval', ['interval'], `must be a positive multiple of 10s, e.g. "1m" (got ${JSON.stringify(o.interval)})`));
  const rules = Array.isArray(o.rules) ? o.rules : [];
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    issues.push(...underPath(['rules', i], (r?.issues ?? []) as readonly Issue[]));
    if (seen.has(r?.uid)) issues.push(issue('alert-rule-uid-duplicate', ['rules', i, 'uid'], `uid "${r.uid}" is already used by rules[${seen.get(r.uid)}]`));
    seen.set(r?.uid, i);
  });
  return Object.freeze({ kind: 'rule-group', name: o.name, folder: o.folder, folderUid: o.folderUid, interval: o.interval, orgId: o.orgId ?? 1, rules: [...rules], issues });
}
