/**
 * JSON Schema (draft-07) for Grafana's alerting file provisioning
 * (provisioning/alerting/*.yaml), what `dashcode build` writes to
 * generated/provisioning/alerting/dashcode.yaml and validates on every build.
 * Compiled ahead of time by scripts/gen-validators.ts (no schema compiler at
 * run time) and shipped as `dashcode/schemas/alerting.json` for editors.
 *
 * The shape follows Grafana's readers in pkg/services/provisioning/alerting:
 * `AlertingFileV1` (types.go: the top-level sections), `AlertRuleGroupV1`,
 * `AlertRuleV1`, `QueryV1`, `NotificationSettingsV1`, `RecordV1`,
 * `RuleDeleteV1` (rules_types.go), `ContactPointV1`, `ReceiverV1`,
 * `DeleteContactPointV1` (contact_point_types.go), `NotificiationPolicyV1`
 * (notification_policy_types.go: the policy is an inline
 * `definitions.Route`, pkg/services/ngalert/api/tooling/definitions),
 * `MuteTimeV1` (mute_times_types.go: an inline `MuteTimeInterval`) and
 * `TemplateV1` (text_templates_types.go: an inline `NotificationTemplate`).
 * Required fields are the ones `mapToModel` rejects when empty (group name,
 * folder, interval; rule uid, title, condition, data; contact point name,
 * receiver uid, type, settings; template and mute timing names).
 *
 * Values: `values.StringValue`/`Int64Value`/`BoolValue` fields are read as a
 * scalar, env-expanded, then parsed, so they may be `$VAR` references; query
 * models, annotations, mute timings and templates are read as they are. As
 * for data sources, dashcode is stricter than Grafana where it costs nothing:
 * unknown keys are errors and `apiVersion` must be 1.
 */
import { ENV_REFERENCE_PATTERN } from '../model/env.js';
import { NON_EMPTY_PATTERN, type JsonSchema } from '../provisioning/schema.js';

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
const text = (description: string): JsonSchema => ({ type: 'string', description });
const nonEmpty = (description: string): JsonSchema => ({ $ref: '#/definitions/NonEmptyString', description });
const int = (description: string): JsonSchema => ({ $ref: '#/definitions/IntegerOrReference', description });
const bool = (description: string): JsonSchema => ({ $ref: '#/definitions/BooleanOrReference', description });
const strings = (description: string): JsonSchema => ({ type: 'array', items: { type: 'string' }, description });
const stringMap = (description: string): JsonSchema => ({ type: 'object', additionalProperties: { type: 'string' }, description });
/** A closed choice Grafana still env-expands; '' means Grafana's default. */
const choice = (values: readonly string[], description: string): JsonSchema => ({ description, anyOf: [{ enum: ['', ...values] }, ref('EnvReference')] });

/** prometheus/common model.ParseDuration, which every duration here goes through: `1h30m`, `10s`, `0`. */
export const DURATION_PATTERN = String.raw`^(?:0|(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?)$`;
const duration = (description: string): JsonSchema => ({ description, anyOf: [ref('Duration'), ref('EnvReference')] });
const requiredDuration = (description: string): JsonSchema => ({ description, anyOf: [ref('NonEmptyDuration'), ref('EnvReference')] });

const query: JsonSchema = {
  type: 'object',
  description: 'A query or expression of a rule (QueryV1).',
  required: ['refId', 'datasourceUid', 'model'],
  additionalProperties: false,
  properties: {
    refId: nonEmpty('Name of this node; expressions and the condition refer to it.'),
    queryType: text('Query type, for data sources that have several.'),
    relativeTimeRange: {
      type: 'object',
      description: 'The window the query looks at, seconds before each evaluation.',
      additionalProperties: false,
      properties: { from: { type: 'number', minimum: 0 }, to: { type: 'number', minimum: 0 } },
    },
    datasourceUid: nonEmpty('Data source uid, or __expr__ for server-side expressions.'),
    model: { type: 'object', description: 'The query as the data source (or the expression engine) reads it. Read raw: no env expansion.' },
  },
};

const rule: JsonSchema = {
  type: 'object',
  description: 'A Grafana-managed alert rule (AlertRuleV1).',
  required: ['uid', 'title', 'condition', 'data'],
  additionalProperties: false,
  properties: {
    uid: nonEmpty('Stable rule uid.'),
    title: nonEmpty('Rule title, unique in its folder.'),
    condition: nonEmpty('refId of the node whose result decides the state.'),
    data: { type: 'array', items: ref('Query'), minItems: 1, description: 'Queries and expressions, in evaluation order.' },
    dashboardUid: text('Dashboard the rule links to (stored as the __dashboardUid__ annotation).'),
    dasboardUid: text('Grafana still reads this misspelling of dashboardUid.'),
    panelId: int('Panel the rule links to (stored as the __panelId__ annotation).'),
    noDataState: choice(['NoData', 'Alerting', 'OK', 'KeepLast'], 'State when the queries return no data. Grafana defaults to NoData.'),
    execErrState: choice(['Error', 'Alerting', 'OK', 'KeepLast'], 'State when the evaluation fails. Grafana defaults to Error.'),
    for: duration('How long the condition must hold before the rule fires.'),
    keepFiringFor: duration('How long the rule keeps firing after the condition clears.'),
    missing_series_evals_to_resolve: int('Evaluations a series may be missing before its instance resolves.'),
    annotations: stringMap('Annotations; read raw, so {{ $labels.x }} templates are written as they are.'),
    labels: stringMap('Labels for routing and grouping.'),
    isPaused: bool('A paused rule is not evaluated.'),
    notification_settings: {
      type: 'object',
      description: 'Simplified routing: send this rule straight to a contact point.',
      required: ['receiver'],
      additionalProperties: false,
      properties: {
        receiver: nonEmpty('Contact point name.'),
        group_by: strings('Labels to group by.'),
        group_wait: duration('Wait before the first notification of a group.'),
        group_interval: duration('Wait before notifying about new alerts in a group.'),
        repeat_interval: duration('Wait before repeating a notification.'),
        mute_time_intervals: strings('Mute timing names.'),
        active_time_intervals: strings('Active timing names.'),
      },
    },
    record: {
      type: 'object',
      description: 'Makes this a recording rule.',
      required: ['metric', 'from'],
      additionalProperties: false,
      properties: { metric: nonEmpty('Metric name to write.'), from: nonEmpty('refId of the node to record.') },
    },
  },
};

const group: JsonSchema = {
  type: 'object',
  description: 'A rule group (AlertRuleGroupV1): rules evaluated together, in one folder, at one interval.',
  required: ['name', 'folder', 'interval', 'rules'],
  additionalProperties: false,
  properties: {
    orgId: int('Organization id. Grafana defaults to 1.'),
    name: nonEmpty('Group name.'),
    folder: nonEmpty('Folder title (created when missing).'),
    interval: requiredDuration('Evaluation interval, a multiple of the scheduler base interval (10s).'),
    rules: { type: 'array', items: ref('Rule') },
  },
};

const contactPoint: JsonSchema = {
  type: 'object',
  description: 'A contact point (ContactPointV1) with its integrations.',
  required: ['name', 'receivers'],
  additionalProperties: false,
  properties: {
    orgId: int('Organization id. Grafana defaults to 1.'),
    name: nonEmpty('Contact point name; policies and rules refer to it.'),
    receivers: {
      type: 'array',
      items: {
        type: 'object',
        description: 'One integration (ReceiverV1).',
        required: ['uid', 'type', 'settings'],
        additionalProperties: false,
        properties: {
          uid: nonEmpty('Stable integration uid.'),
          type: nonEmpty('Integration type: webhook, email, slack, …'),
          settings: { type: 'object', description: 'Integration settings (env-expanded: secrets as $VAR).' },
          disableResolveMessage: bool('Do not send a message when the alert resolves.'),
        },
      },
    },
  },
};

const routeProperties: Readonly<Record<string, JsonSchema>> = {
  receiver: text('Contact point name.'),
  group_by: strings('Labels to group by; ["..."] groups by every label.'),
  match: stringMap('Deprecated equality matchers.'),
  match_re: stringMap('Deprecated regular-expression matchers.'),
  matchers: strings('Matchers in Prometheus syntax, e.g. team="perf".'),
  object_matchers: {
    type: 'array',
    description: 'Matchers as [label, operator, value].',
    items: { type: 'array', items: { type: 'string' }, minItems: 3, maxItems: 3 },
  },
  mute_time_intervals: strings('Mute timing names.'),
  active_time_intervals: strings('Active timing names.'),
  continue: bool('Keep matching sibling routes after this one.'),
  routes: { type: 'array', items: ref('Route'), description: 'Nested routes.' },
  group_wait: duration('Wait before the first notification of a group.'),
  group_interval: duration('Wait before notifying about new alerts in a group.'),
  repeat_interval: duration('Wait before repeating a notification.'),
};

const muteTime: JsonSchema = {
  type: 'object',
  description: 'A mute timing (MuteTimeV1: an inline MuteTimeInterval, read without env expansion).',
  required: ['name'],
  additionalProperties: false,
  properties: {
    orgId: int('Organization id. Grafana defaults to 1.'),
    name: nonEmpty('Mute timing name; policies refer to it.'),
    time_intervals: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          times: {
            type: 'array',
            items: {
              type: 'object',
              required: ['start_time', 'end_time'],
              additionalProperties: false,
              properties: { start_time: ref('ClockTime'), end_time: ref('ClockTime') },
            },
          },
          weekdays: strings('Days or ranges: monday, monday:friday.'),
          days_of_month: strings('Days or ranges: 1, 1:5, -1.'),
          months: strings('Months or ranges: 1:3, january.'),
          years: strings('Years or ranges: 2026, 2026:2027.'),
          location: text('Time zone, e.g. Europe/Paris.'),
        },
      },
    },
  },
};

const byUid = (what: string): JsonSchema => ({
  type: 'object',
  required: ['uid'],
  additionalProperties: false,
  properties: { uid: nonEmpty(`uid of the ${what} to delete.`), orgId: int('Organization id. Grafana defaults to 1.') },
});
const byName = (what: string): JsonSchema => ({
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: nonEmpty(`Name of the ${what} to delete.`), orgId: int('Organization id. Grafana defaults to 1.') },
});

export const ALERTING_SCHEMA_ID = 'urn:dashcode:schema:alerting';

export const ALERTING_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: ALERTING_SCHEMA_ID,
  title: 'Grafana alerting provisioning file',
  description: 'Alert rules, contact points, notification policies, mute timings and templates as Grafana file provisioning reads them (AlertingFileV1). Generated from src/alerting/schema.ts.',
  type: 'object',
  required: ['apiVersion'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 1, description: 'Provisioning file format version.' },
    groups: { type: 'array', items: ref('RuleGroup') },
    deleteRules: { type: 'array', items: byUid('rule') },
    contactPoints: { type: 'array', items: ref('ContactPoint') },
    deleteContactPoints: { type: 'array', items: byUid('contact point integration') },
    policies: {
      type: 'array',
      description: 'One notification policy tree per organization (replaces the existing one).',
      items: { type: 'object', required: ['receiver'], additionalProperties: false, properties: { orgId: int('Organization id. Grafana defaults to 1.'), ...routeProperties } },
    },
    resetPolicies: { type: 'array', items: ref('IntegerOrReference'), description: 'Organizations whose policy tree is reset to the default.' },
    muteTimes: { type: 'array', items: ref('MuteTime') },
    deleteMuteTimes: { type: 'array', items: byName('mute timing') },
    templates: {
      type: 'array',
      items: {
        type: 'object',
        description: 'A notification template (TemplateV1: an inline NotificationTemplate, read without env expansion).',
        required: ['name', 'template'],
        additionalProperties: false,
        properties: { orgId: int('Organization id. Grafana defaults to 1.'), name: nonEmpty('Template group name.'), template: text('Go template text with {{ define }} blocks.') },
      },
    },
    deleteTemplates: { type: 'array', items: byName('template') },
  },
  definitions: {
    RuleGroup: group,
    Rule: rule,
    Query: query,
    ContactPoint: contactPoint,
    Route: { type: 'object', additionalProperties: false, properties: routeProperties },
    MuteTime: muteTime,
    Duration: { type: 'string', pattern: DURATION_PATTERN },
    NonEmptyDuration: { type: 'string', pattern: DURATION_PATTERN.replace('^', '^(?=.)') },
    ClockTime: { type: 'string', pattern: String.raw`^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$`, description: 'HH:MM, 00:00 to 24:00.' },
    EnvReference: { type: 'string', description: 'An environment reference Grafana expands: $VAR, ${VAR}, $__env{VAR}, $__file{path}.', pattern: ENV_REFERENCE_PATTERN },
    NonEmptyString: { type: 'string', pattern: NON_EMPTY_PATTERN },
    IntegerOrReference: { type: ['integer', 'string'], pattern: ENV_REFERENCE_PATTERN },
    BooleanOrReference: { type: ['boolean', 'string'], pattern: ENV_REFERENCE_PATTERN },
  },
} as const satisfies JsonSchema;
