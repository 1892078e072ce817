import { issue, type Issue } from '../../model/issue.js';
import type { MuteTimingSpec, NotificationTemplateSpec, TimeIntervalSpec } from '../model.js';

export interface MuteTimingOptions {
  name: string;
  /** Alertmanager time intervals: `times` as HH:MM, `weekdays` like `monday:friday`, … */
  intervals: readonly TimeIntervalSpec[];
  orgId?: number;
}

const HHMM = /^([01]\d|2[0-4]):[0-5]\d$/;
const WEEKDAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(:(monday|tuesday|wednesday|thursday|friday|saturday|sunday))?$/;

export function muteTiming(options: MuteTimingOptions): MuteTimingSpec {
  const issues: Issue[] = [];
  const o = (options ?? {}) as MuteTimingOptions;
  if (typeof o.name !== 'string' || o.name.trim() === '') issues.push(issue('alert-mute-timing-name', ['name'], 'is required'));
  (o.intervals ?? []).forEach((iv, i) => {
    (iv.times ?? []).forEach((t, j) => {
      if (!HHMM.test(t.start) || !HHMM.test(t.end)) issues.push(issue('alert-mute-timing-time', ['intervals', i, 'times', j], `start and end are HH:MM (got ${JSON.stringify(t)})`));
    });
    (iv.weekdays ?? []).forEach((d, j) => {
      if (!WEEKDAY.test(d)) issues.push(issue('alert-mute-timing-weekday', ['intervals', i, 'weekdays', j], `must be a weekday or a range like "monday:friday" (got ${JSON.stringify(d)})`));
    });
  });
  return Object.freeze({ kind: 'mute-timing', name: o.name, orgId: o.orgId ?? 1, intervals: [...(o.intervals ?? [])], issues });
}

export interface NotificationTemplateOptions {
  name: string;
  /** Go template text, e.g. `{{ define "summary" }}…{{ end }}`. */
  template: string;
  orgId?: number;
}

export function notificationTemplate(options: NotificationTemplateOptions): NotificationTemplateSpec {
  const issues: Issue[] = [];
  const o = (options ?? {}) as NotificationTemplateOptions;
  if (typeof o.name !== 'string' || o.name.trim() === '') issues.push(issue('alert-template-name', ['name'], 'is required'));
  if (typeof o.template !== 'string' || o.template.trim() === '') issues.push(issue('alert-template-body', ['template'], 'is required'));
  return Object.freeze({ kind: 'notification-template', name: o.name, orgId: o.orgId ?? 1, template: o.template, issues });
}
