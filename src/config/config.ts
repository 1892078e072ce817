/**
 * `dashcode.config.ts` (optional) at the project root. Everything has a
 * default, so a project with only `dashboards/` and `datasources/` works.
 */
import type { LintConfig } from '../lint/config.js';

export interface DashcodeConfig {
  /** Folder of dashboard modules (`*.ts`, each default-exporting a dashboard). Default `dashboards`. */
  dashboardsDir?: string;
  /** Module exporting the provisioned datasources. Default `datasources/index.ts`. */
  datasourcesModule?: string;
  /** Where generated files go. Default `generated`. */
  outDir?: string;
  /** Module exporting alert rule groups, contact points, policies, mute timings and templates. Default `alerts/index.ts` (optional). */
  alertsModule?: string;
  provisioning?: ProvisioningConfig;
  /** Lint severities and exclusions (each with a reason); see docs/lint.md. */
  lint?: LintConfig;
  /** The Grafana release `check` imitates where releases differ (e.g. `12.3.0`); default the current one. See docs/interpolation.md. */
  grafanaVersion?: string;
  /** What `check` and `preview` run queries against when no real server is given; see docs/database.md. */
  check?: CheckConfig;
}

/**
 * The project's own database and metrics for `check` and `preview`. Globs are
 * relative to the config file. Everything here is the project's own trusted
 * code and data: it is loaded into the embedded PGlite only, never sent to a
 * real server.
 */
export interface CheckConfig {
  postgres?: {
    /** SQL migration files, applied in file-name order (e.g. `['db/migrations/*.sql']`). */
    migrations?: string[];
    /**
     * Fixture data, loaded after the migrations in file-name order: `name.csv`
     * fills table `name` (header row = column names), `*.sql` files are run.
     */
    fixtures?: string[];
    /**
     * Trusted project code run last, on the embedded PGlite only (e.g. generated
     * data). Its output may depend on the clock: a cached snapshot that used it
     * lives at most one hour.
     */
    setup?: (db: import('../model/sql-engine.js').SqlEngine) => Promise<unknown>;
    /** Files `setup` depends on (globs): hashed into the snapshot key, so editing them rebuilds the snapshot. */
    inputs?: string[];
  };
  prometheus?: {
    /** OpenMetrics text files for a CI-style setup to backfill with promtool (e.g. `['metrics/*.om']`). */
    fixtures?: string[];
    /** The Prometheus `check` and `preview` query when no `--prometheus-url` is given. */
    url?: string;
  };
}

export interface ProvisioningConfig {
  /** Dashboard provider name. Default `dashcode`. */
  providerName?: string;
  /** Grafana folder title for the dashboards. Default: the General folder. */
  folder?: string;
  folderUid?: string;
  /** Where the generated dashboard JSON is mounted inside Grafana. Default `/var/lib/grafana/dashboards`. */
  dashboardsPath?: string;
  updateIntervalSeconds?: number;
  orgId?: number;
}

export function defineConfig(config: DashcodeConfig): DashcodeConfig {
  return config;
}

export interface ResolvedConfig {
  lint?: unknown;
  grafanaVersion?: string;
  check: CheckConfig;
  dashboardsDir: string;
  datasourcesModule: string;
  alertsModule: string;
  outDir: string;
  provisioning: Required<Omit<ProvisioningConfig, 'folder' | 'folderUid'>> & Pick<ProvisioningConfig, 'folder' | 'folderUid'>;
}

export function resolveConfig(c: DashcodeConfig = {}): ResolvedConfig {
  return {
    lint: c.lint,
    ...(c.grafanaVersion !== undefined ? { grafanaVersion: c.grafanaVersion } : {}),
    check: c.check ?? {},
    dashboardsDir: c.dashboardsDir ?? 'dashboards',
    datasourcesModule: c.datasourcesModule ?? 'datasources/index.ts',
    alertsModule: c.alertsModule ?? 'alerts/index.ts',
    outDir: c.outDir ?? 'generated',
    provisioning: {
      providerName: c.provisioning?.providerName ?? 'dashcode',
      folder: c.provisioning?.folder,
      folderUid: c.provisioning?.folderUid,
      dashboardsPath: c.provisioning?.dashboardsPath ?? '/var/lib/grafana/dashboards',
      updateIntervalSeconds: c.provisioning?.updateIntervalSeconds ?? 30,
      orgId: c.provisioning?.orgId ?? 1,
    },
  };
}
