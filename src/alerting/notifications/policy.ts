import { issue, type Issue } from '../../model/issue.js';
import { joinPath, type IssuePath } from '../../model/issue-path.js';
import { parseDuration } from '../duration.js';
import type { ContactPointSpec, Matcher, MuteTimingSpec, NotificationPolicySpec, PolicyRouteSpec } from '../model.js';

export interface PolicyRouteOptions {
  receiver?: ContactPointSpec;
  /** `[['severity', '=', 'critical']]` or `{ label, op, value }` objects. */
  matchers?: ReadonlyArray<Matcher | readonly [string, Matcher['op'], string]>;
  groupBy?: readonly string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  continue?: boolean;
  muteTimings?: readonly MuteTimingSpec[];
  activeTimings?: readonly MuteTimingSpec[];
  routes?: readonly PolicyRouteOptions[];
}

export type NotificationPolicyOptions = PolicyRouteOptions & { receiver: ContactPointSpec; orgId?: number };

function route(o: PolicyRouteOptions, path: IssuePath, issues: Issue[]): PolicyRouteSpec {
  const matchers: Matcher[] = (o.matchers ?? []).map((m, i) => {
    const x: Matcher = Array.isArray(m) ? { label: m[0], op: m[1], value: m[2] } : (m as Matcher);
    if (!['=', '!=', '=~', '!~'].includes(x.op)) issues.push(issue('alert-policy-matcher', joinPath(path, 'matchers', i), `operator must be =, !=, =~ or !~ (got ${JSON.stringify(x.op)})`));
    return x;
  });
  for (const key of ['groupWait', 'groupInterval', 'repeatInterval'] as const) {
    const v = o[key];
    if (v !== undefined && parseDuration(v) === undefined) issues.push(issue('alert-policy-duration', joinPath(path, key), `must be a duration such as "5m" (got ${JSON.stringify(v)})`));
  }
  return {
    receiver: o.receiver,
    matchers,
    groupBy: o.groupBy,
    groupWait: o.groupWait,
    groupInterval: o.groupInterval,
    repeatInterval: o.repeatInterval,
    continue: o.continue ?? false,
    muteTimings: o.muteTimings ?? [],
    activeTimings: o.activeTimings ?? [],
    routes: (o.routes ?? []).map((r, i) => route(r, joinPath(path, 'routes', i), issues)),
  };
}

/** The notification policy tree of an organisation (one per org: provisioning replaces the whole tree). */
export function notificationPolicy(options: NotificationPolicyOptions): NotificationPolicySpec {
  const issues: Issue[] = [];
  const o = (options ?? {}) as NotificationPolicyOptions;
  if (o.receiver?.kind !== 'contact-point') issues.push(issue('alert-policy-receiver', ['receiver'], 'is required: the default contact point object'));
  const root = route(o, [], issues) as NotificationPolicySpec['root'];
  return Object.freeze({ kind: 'notification-policy', orgId: o.orgId ?? 1, root, issues });
}
