export { checkDashboard, type CheckOptions } from './check.js';
export { formatCheckReport, summarize } from './report.js';
export { isBroken, type CheckStatus, type DashboardCheck, type QueryCheck } from './model.js';
export type { SqlRunner, PromRunner } from './runners.js';
export type { GivenVariableValues } from './variables.js';
export { parseTime } from './time-range.js';
