/**
 * What `dashcode init` writes into a repository: a starting point that builds,
 * lints and checks as it is. Every command it mentions exists in the user's
 * repository (`npx dashcode ...`, or the `build:dashboards` script init adds).
 */

export const DATASOURCES = `/**
 * The datasources this repository provisions. Dashboards import these objects,
 * so a panel can only point at a datasource that is provisioned; each becomes
 * an entry of generated/provisioning/datasources/dashcode.yaml.
 */
import { prometheusDatasource } from 'dashcode';

export const prometheus = prometheusDatasource({
  name: 'Prometheus',
  uid: 'prometheus',
  url: 'http://prometheus:9090',
  isDefault: true,
});
`;

export const EXAMPLE_DASHBOARD = `/**
 * An example dashboard: \`npx dashcode build\` writes it to generated/example.json.
 * Every module in dashboards/ that default-exports a dashboard is built; files
 * starting with _ are helpers, not dashboards.
 */
import { dashboard, promQuery, promql, statPanel, timeseriesPanel } from 'dashcode';
import { prometheus } from '../datasources/index.js';

export default dashboard({
  uid: 'example',
  title: 'Example',
  time: { from: 'now-6h', to: 'now' },
  panels: [
    statPanel({
      title: 'Targets up',
      queries: [promQuery({ datasource: prometheus, expr: promql\`count(up == 1)\`, type: 'instant', legendFormat: 'up' })],
    }),
    timeseriesPanel({
      title: 'Scrape duration',
      unit: 's',
      queries: [promQuery({ datasource: prometheus, expr: promql\`scrape_duration_seconds\`, legendFormat: '{{job}}' })],
    }),
  ],
});
`;

export const CONFIG = `/**
 * dashcode's configuration. Every field is optional; the defaults are shown.
 * (\`dashcode/config\`, not \`dashcode\`: check, lint and diff read this file
 * without loading the dashboard builders.)
 */
import { defineConfig } from 'dashcode/config';

export default defineConfig({
  dashboardsDir: 'dashboards',
  datasourcesModule: 'datasources/index.ts',
  outDir: 'generated',
  // provisioning: { folder: 'My team' },
  // What \`npx dashcode check\` runs the queries against, without a real server
  // (globs relative to this file; a CSV file's name is its table's name):
  // check: {
  //   postgres: { migrations: ['db/migrations/*.sql'], fixtures: ['db/fixtures/*.csv'] },
  //   prometheus: { fixtures: ['metrics/*.om'] },
  // },
});
`;

export const WORKFLOW = `# Dashboards as code: the generated JSON is up to date, lints clean and every
# query runs. Written by \`dashcode init\`; edit freely.
name: dashboards
on:
  pull_request:
  push:
    branches: [main]
jobs:
  dashboards:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx dashcode build --check
      - run: npx dashcode lint --format github
      - run: npx dashcode check
`;

/** Lines init makes sure .gitignore has (the preview pages are build artefacts; generated/ is committed). */
export const GITIGNORE_LINES = ['node_modules/', '/preview/'];

export const BUILD_SCRIPT = 'dashcode build';
