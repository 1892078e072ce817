/**
 * The uids Grafana accepts for dashboards, datasources, alert rules and contact
 * points: pkg/util/shortid_generator.go, `IsValidShortUID` (letters, digits,
 * "-" and "_") and `MaxUIDLength` (40). One home for the fact; builders test
 * `UID`, lint reports length and characters apart, so it uses both parts.
 */
export const MAX_UID_LENGTH = 40;
export const UID_CHARACTERS = /^[A-Za-z0-9_-]+$/;
export const UID = /^[A-Za-z0-9_-]{1,40}$/;

export const isUid = (v: unknown): v is string => typeof v === 'string' && UID.test(v);
