/**
 * The alerting module of a project (`alerts/index.ts` by default): every
 * rule group, contact point, notification policy, mute timing and template
 * it exports, in any export (a value or an array), in export order.
 */
import type { AlertingSpec, ContactPointSpec, MuteTimingSpec, NotificationPolicySpec, NotificationTemplateSpec, RuleGroupSpec } from '../alerting/model.js';

type Mutable = { groups: RuleGroupSpec[]; contactPoints: ContactPointSpec[]; policies: NotificationPolicySpec[]; muteTimings: MuteTimingSpec[]; templates: NotificationTemplateSpec[] };

export function collectAlerting(mod: Record<string, unknown> | undefined): AlertingSpec {
  const out: Mutable = { groups: [], contactPoints: [], policies: [], muteTimings: [], templates: [] };
  const seen = new Set<unknown>();
  for (const value of Object.values(mod ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== 'object' || v === null || seen.has(v)) continue;
      seen.add(v);
      switch ((v as { kind?: unknown }).kind) {
        case 'rule-group': out.groups.push(v as RuleGroupSpec); break;
        case 'contact-point': out.contactPoints.push(v as ContactPointSpec); break;
        case 'notification-policy': out.policies.push(v as NotificationPolicySpec); break;
        case 'mute-timing': out.muteTimings.push(v as MuteTimingSpec); break;
        case 'notification-template': out.templates.push(v as NotificationTemplateSpec); break;
      }
    }
  }
  return out;
}

export function isEmptyAlerting(a: AlertingSpec): boolean {
  return [a.groups, a.contactPoints, a.policies, a.muteTimings, a.templates].every((x) => (x ?? []).length === 0);
}
