/**
 * Provisioning of the generated dashboards: one file provider putting them
 * all in the "Transformers" folder (as the original monitoring stack did),
 * with a fixed folder uid so alert rules and links can refer to the folder.
 * The path is where generated/*.json is mounted in the Grafana container.
 */
import { defineConfig } from 'dashcode';

export default defineConfig({
  provisioning: {
    providerName: 'Transformers',
    folder: 'Transformers',
    folderUid: 'transformers',
    dashboardsPath: '/etc/grafana/dashboards/transformers',
  },
});
