import { isEnvRef, type EnvRef } from '../../model/env.js';
import { issue, type Issue } from '../../model/issue.js';
import { joinPath, type IssuePath } from '../../model/issue-path.js';
import type { ContactPointSpec, ReceiverSpec, SettingValue } from '../model.js';
import { isUid } from '../../model/uid.js';

/**
 * Settings that carry credentials, per integration type (Grafana's secure
 * fields, pkg/services/ngalert/notifier/channels_config/available_channels.go,
 * `Secure: true`), plus webhook-style URLs, which embed tokens.
 * They must be `env('NAME')`: a literal secret is an error.
 */
export const SECRET_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  webhook: ['url', 'password', 'authorization_credentials'],
  slack: ['url', 'token'],
  discord: ['url'],
  teams: ['url'],
  googlechat: ['url'],
  pagerduty: ['integrationKey'],
  opsgenie: ['apiKey'],
  telegram: ['bottoken'],
  pushover: ['apiToken', 'userKey'],
  victorops: ['url'],
  line: ['token'],
  threema: ['api_secret'],
  sensugo: ['apikey'],
  wecom: ['url', 'secret'],
  dingding: ['url'],
  kafka: ['password'],
  alertmanager: ['basicAuthPassword'],
  email: [],
};

export interface ReceiverOptions {
  uid: string;
  /** Integration type: `webhook`, `slack`, `email`, `pagerduty`, … */
  type: string;
  settings: Record<string, SettingValue>;
  disableResolveMessage?: boolean;
}

export interface ContactPointOptions {
  name: string;
  receivers: readonly ReceiverOptions[];
  orgId?: number;
}


export function contactPoint(options: ContactPointOptions): ContactPointSpec {
  const issues: Issue[] = [];
  const o = (options ?? {}) as ContactPointOptions;
  if (typeof o.name !== 'string' || o.name.trim() === '') issues.push(issue('alert-contact-point-name', ['name'], 'is required'));
  const receivers = Array.isArray(o.receivers) ? o.receivers : [];
  if (receivers.length === 0) issues.push(issue('alert-contact-point-receivers', ['receivers'], 'needs at least one receiver'));
  const out: ReceiverSpec[] = receivers.map((r, i) => {
    const at: IssuePath = ['receivers', i];
    if (!isUid(r?.uid)) issues.push(issue('alert-contact-point-uid', joinPath(at, 'uid'), 'must be 1–40 characters of letters, digits, "_" and "-"'));
    if (typeof r?.type !== 'string' || r.type === '') issues.push(issue('alert-contact-point-type', joinPath(at, 'type'), 'is required, e.g. "webhook"'));
    const secret = Object.hasOwn(SECRET_SETTINGS, r?.type) ? SECRET_SETTINGS[r.type]! : [];
    for (const key of secret) {
      const v = (r?.settings ?? {})[key];
      if (v !== undefined && !isEnvRef(v)) {
        issues.push(issue('alert-contact-point-secret', joinPath(at, 'settings', key), `is a credential: write env('NAME') so the secret stays out of the repository (a ${r.type} ${key} must not be a literal)`));
      }
    }
    return { uid: r?.uid, type: r?.type, settings: { ...(r?.settings ?? {}) }, disableResolveMessage: r?.disableResolveMessage ?? false };
  });
  return Object.freeze({ kind: 'contact-point', name: o.name, orgId: o.orgId ?? 1, receivers: out, issues });
}

export type { EnvRef };
