/** `dashcode/diff`: semantic, panel-level diff of dashboard JSON. */
export { diffDashboards, semanticEqual, isDashboardJson } from '../diff/diff.js';
export { formatDiffs, type DiffFormat } from '../diff/format.js';
export type { Change, ChangeKind, DashboardDiff } from '../diff/changes.js';
