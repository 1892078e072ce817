/** `dashcode/provisioning`: Grafana provisioning documents, their YAML writer and their schema. */
export { datasourcesDocument, dashboardProvidersDocument, toYaml } from '../provisioning/yaml.js';
export { validateProvisioning, type ProvisioningKind } from '../provisioning/validate.js';
export {
  PROVISIONING_SCHEMA,
  PROVISIONING_SCHEMA_ID,
  type DatasourceConfig,
  type DatasourcesFile,
  type DashboardProviderConfig,
  type DashboardProvidersFile,
} from '../provisioning/schema.js';
export { resolveConfig, type ResolvedConfig } from '../config/config.js';
