/**
 * Provisioning of the generated dashboards: one file provider putting them
 * all in the "Transformers" folder (as the original monitoring stack did),
 * with a fixed folder uid so alert rules and links can refer to the folder.
 * The path is where generated/*.json is mounted in the Grafana container.
 *
 * `check` (and `preview`) run the SQL panels against this repository's own
 * database: the transformers benchmark metrics schema (src/db/migrations)
 * with deterministic seeded data ending at the current hour. Another
 * repository declares its own migration and fixture files instead
 * (docs/database.md).
 */
// `dashcode/config`, not `dashcode`: commands that only read the config (check, lint, diff) don't load the builders.
import { defineConfig } from 'dashcode/config';

export default defineConfig({
  provisioning: {
    providerName: 'Transformers',
    folder: 'Transformers',
    folderUid: 'transformers',
    dashboardsPath: '/etc/grafana/dashboards/transformers',
  },
  check: {
    postgres: {
      // Loaded only when a check needs SQL, so a build never loads the database code.
      async setup(db) {
        const { migrate, seed } = await import('./src/db/index.js');
        await migrate(db);
        await seed(db, {});
      },
      // What setup runs: editing the schema or the seed generator rebuilds the cached snapshot.
      inputs: ['src/db/**/*.ts'],
    },
  },
});
