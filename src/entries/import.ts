/** `dashcode/import`: turns existing dashboard JSON into TypeScript modules written with the builders. */
export { importDashboard, type ImportOptions, type ImportResult, type KnownDatasource, type NewDatasource } from '../import/import.js';
export { importDashboards, type BulkInput, type BulkOptions, type BulkDashboard, type BulkResult } from '../import/bulk.js';
