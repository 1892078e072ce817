/**
 * Grafana's published alerting model (../shared/schemas/grafana/alerting.jsonschema.json)
 * as an oracle for the generated alerting provisioning. That schema models the
 * HTTP provisioning API's objects (Rule, ContactPoint, NotificationPolicy,
 * MuteTiming, NotificationTemplate); the file format groups rules under their
 * group and nests receivers under a contact point. So each file object is
 * projected to its API object (the projection Grafana's file provisioning
 * does: pkg/services/provisioning/alerting/*_types.go mapToModel) and
 * validated against its definition.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseDuration } from '../../src/alerting/duration.js';
import { sharedPath } from './shared.js';

type Obj = Record<string, any>;
let validators: Record<string, ValidateFunction> | undefined;

function load(): Record<string, ValidateFunction> {
  if (validators) return validators;
  const schema = JSON.parse(readFileSync(sharedPath('schemas/grafana/alerting.jsonschema.json'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const fn = (d: string) => ajv.compile({ ...schema, $ref: `#/definitions/${d}` });
  validators = { Rule: fn('Rule'), ContactPoint: fn('ContactPoint'), NotificationPolicy: fn('NotificationPolicy'), MuteTiming: fn('MuteTiming'), NotificationTemplate: fn('NotificationTemplate') };
  return validators;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export function validateAlertingWithGrafanaSchema(doc: Obj): string[] {
  const v = load();
  const errors: string[] = [];
  const check = (name: string, data: unknown, where: string) => {
    if (!v[name]!(data)) errors.push(`${where}: ${(v[name]!.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join('; ')}`);
  };
  for (const [gi, g] of (doc.groups ?? []).entries()) {
    for (const [ri, r] of (g.rules ?? []).entries()) {
      const { dashboardUid, panelId, keepFiringFor, ...rest } = r;
      const annotations = { ...rest.annotations };
      if (dashboardUid !== undefined) annotations.__dashboardUid__ = dashboardUid;
      if (panelId !== undefined) annotations.__panelId__ = String(panelId);
      const rule: Obj = { ...rest, annotations, orgID: g.orgId, folderUID: 'provisioned-folder', ruleGroup: g.name };
      // The API's keepFiringFor is a Go time.Duration: nanoseconds.
      if (keepFiringFor !== undefined) rule.keepFiringFor = (parseDuration(keepFiringFor) ?? 0) * 1e6;
      check('Rule', rule, `groups[${gi}].rules[${ri}]`);
    }
  }
  for (const [ci, cp] of (doc.contactPoints ?? []).entries()) {
    for (const [i, r] of cp.receivers.entries()) check('ContactPoint', { ...r, name: cp.name }, `contactPoints[${ci}].receivers[${i}]`);
  }
  for (const [pi, p] of (doc.policies ?? []).entries()) {
    const { orgId: _o, ...policy } = p;
    check('NotificationPolicy', policy, `policies[${pi}]`);
  }
  for (const [mi, m] of (doc.muteTimes ?? []).entries()) {
    // The schema's TimeRange is {from, to} date-times, not Grafana's {start_time, end_time} HH:MM: only the other fields are comparable.
    const intervals = (m.time_intervals ?? []).map((iv: Obj) => {
      const { times: _t, weekdays, ...rest } = iv;
      const out: Obj = { ...rest };
      if (weekdays) out.weekdays = weekdays.map((w: string) => { const [a, b = a] = w.split(':'); return { begin: WEEKDAYS.indexOf(a!), end: WEEKDAYS.indexOf(b!) }; });
      for (const k of ['days_of_month', 'months', 'years']) if (iv[k]) out[k] = iv[k].map((x: string) => { const [a, b = a] = String(x).split(':'); return { begin: Number(a), end: Number(b) }; });
      return out;
    });
    check('MuteTiming', { name: m.name, time_intervals: intervals }, `muteTimes[${mi}]`);
  }
  for (const [ti, t] of (doc.templates ?? []).entries()) check('NotificationTemplate', { name: t.name, template: t.template }, `templates[${ti}]`);
  return errors;
}
