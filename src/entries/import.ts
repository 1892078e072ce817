/** `dashcode/import`: turns existing dashboard JSON into a TypeScript module written with the builders. */
export { importDashboard, type ImportOptions, type ImportResult, type KnownDatasource, type DatasourceStub } from '../import/import.js';
