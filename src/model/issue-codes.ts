/**
 * Every code dashcode reports, in one table: its default severity, the tool
 * that reports it and one line on the problem. One code per problem: compile
 * and lint say `panel-id-duplicate` for the same duplicate id. Codes are
 * kebab-case and stable (lint configs and exclusions name them);
 * docs/issues.md is generated from this table (scripts/gen-issues-doc.ts).
 * `lint` marks the codes `dashcode lint` can report, with their category:
 * the rule registry (src/lint/rules.ts) is read from here.
 */

export type Severity = 'error' | 'warning' | 'info';

export type RuleCategory = 'references' | 'layout' | 'panels' | 'sql' | 'promql' | 'provisioning' | 'alerting' | 'lint';

/** The tool that reports a code, for docs/issues.md. */
export type IssueArea = 'builders' | 'compile' | 'lint' | 'project' | 'import' | 'diff' | 'alerting' | 'db' | 'doctor';

export interface IssueCodeInfo {
  readonly severity: Severity;
  readonly area: IssueArea;
  readonly summary: string;
  /** Reported by `dashcode lint` (and by the build, which lints): the rule's category. */
  readonly lint?: RuleCategory;
}

export const ISSUE_CODES = {
  // --- Builder input (zod schemas of the builders' options), before anything is compiled.
  'option-unknown': { severity: 'error', area: 'builders', summary: 'an options object has a key the builder does not know' },
  'option-type': { severity: 'error', area: 'builders', summary: 'an option has the wrong type, or a required option is missing' },
  'option-value': { severity: 'error', area: 'builders', summary: 'an option has a value the builder does not allow (not one of the listed values, wrong format)' },
  'option-range': { severity: 'error', area: 'builders', summary: 'a number, string or list option is too big or too small' },
  'unit-unknown': { severity: 'error', area: 'builders', summary: 'a unit is not a Grafana unit id (nor suffix:, prefix:, si:, …)' },
  'spec-invalid': { severity: 'error', area: 'builders', summary: 'a builder input breaks a rule of its own that no other code names' },
  'builder-input': { severity: 'error', area: 'builders', summary: 'a builder was called with something other than an options object, or compile was given an object that only claims to be a dashboard spec' },
  'panel-type': { severity: 'error', area: 'builders', summary: 'pluginPanel was given a type that is not a panel plugin id' },
  'panel-queries': { severity: 'error', area: 'builders', summary: 'a panel that runs no queries (text) was given queries' },
  'panel-datasource-type': { severity: 'error', area: 'builders', summary: "a panel's queries are of a kind it cannot show (a traces panel needs tempoQuery)" },
  'query-datasource-type': { severity: 'error', area: 'builders', summary: "a query's (or query variable's) language does not match its datasource's type" },
  'query-language': { severity: 'error', area: 'builders', summary: 'query text of one language is used where another is expected' },
  'query-token': { severity: 'error', area: 'builders', summary: 'ident(), lit() or metricName() was given text that is not a valid token' },
  'query-interpolation': { severity: 'error', area: 'builders', summary: 'a value that cannot be interpolated safely (a plain string, say) is interpolated into query text' },
  'dashboard-invalid': { severity: 'error', area: 'builders', summary: 'buildDashboard was given something that is not a dashboard spec' },

  // --- Compile and output validation (`dashcode build`, buildDashboard).
  'datasource-missing': { severity: 'error', area: 'compile', summary: 'a query, variable or annotation has no datasource object' },
  'variable-duplicate': { severity: 'error', area: 'compile', summary: 'two variables share a name' },
  'variable-cycle': { severity: 'error', area: 'compile', summary: 'a variable refers to itself' },
  'layout-width': { severity: 'error', area: 'compile', summary: 'a panel width is not a whole number of columns from 1 to 24' },
  'layout-height': { severity: 'error', area: 'compile', summary: 'a panel height is not a whole number of grid rows from 1' },
  'layout-column': { severity: 'error', area: 'compile', summary: 'a panel x is outside the grid for its width' },
  'layout-position': { severity: 'error', area: 'compile', summary: 'a panel y is invalid, given without x, or above its row' },
  'json-non-serializable': { severity: 'error', area: 'compile', summary: 'the dashboard holds a value JSON cannot represent (a function, NaN, a cycle, …)' },
  'output-schema': { severity: 'error', area: 'compile', summary: "the compiled dashboard JSON breaks dashcode's shipped JSON Schema" },
  'build-internal': { severity: 'error', area: 'compile', summary: 'building a dashboard failed unexpectedly (a bug, or a cyclic raw value)' },

  // --- Lint rules (dashcode lint, and every build); pages at docs/rules/<code>.md.
  'datasource-unknown': { severity: 'error', area: 'lint', lint: 'references', summary: 'a datasource reference names no provisioned datasource' },
  'datasource-type-mismatch': { severity: 'error', area: 'lint', lint: 'references', summary: 'a datasource reference and the provisioned datasource disagree on the type' },
  'datasource-missing-uid': { severity: 'error', area: 'lint', lint: 'references', summary: 'a datasource reference has no uid ({"default": true}, {})' },
  'datasource-panel-mismatch': { severity: 'error', area: 'lint', lint: 'references', summary: "a query's datasource differs from its (non-mixed) panel's" },
  'variable-undefined': { severity: 'warning', area: 'lint', lint: 'references', summary: 'a query, title, link or repeat uses a variable the dashboard does not define' },
  'variable-unused': { severity: 'warning', area: 'lint', lint: 'references', summary: 'a variable is defined but never used' },
  'dashboard-uid': { severity: 'error', area: 'lint', lint: 'references', summary: 'the dashboard uid is missing, longer than 40 characters or has characters Grafana rejects' },
  'dashboard-uid-duplicate': { severity: 'error', area: 'lint', lint: 'references', summary: 'two dashboard files share a uid' },
  'panel-id-duplicate': { severity: 'error', area: 'lint', lint: 'references', summary: 'two panels share an id' },
  'query-refid-duplicate': { severity: 'error', area: 'lint', lint: 'references', summary: 'two queries of a panel share a refId' },
  'layout-overlap': { severity: 'error', area: 'lint', lint: 'layout', summary: 'two panels overlap' },
  'layout-overflow': { severity: 'error', area: 'lint', lint: 'layout', summary: 'a panel reaches beyond column 24 (or starts before column 0)' },
  'layout-zero-size': { severity: 'error', area: 'lint', lint: 'layout', summary: 'a panel has no gridPos or a zero width or height' },
  'layout-nested-row': { severity: 'error', area: 'lint', lint: 'layout', summary: 'a row is nested inside a row' },
  'panel-title': { severity: 'warning', area: 'lint', lint: 'panels', summary: 'a panel has no title' },
  'panel-unit': { severity: 'warning', area: 'lint', lint: 'panels', summary: 'a panel shows times, bytes or percentages without a unit' },
  'panel-no-queries': { severity: 'warning', area: 'lint', lint: 'panels', summary: 'a data panel has no queries' },
  'panel-duplicate-query': { severity: 'warning', area: 'lint', lint: 'panels', summary: 'two panels of the same type run identical queries' },
  'sql-unsafe-interpolation': { severity: 'error', area: 'lint', lint: 'sql', summary: 'a variable is interpolated into SQL with a format that is unsafe where it stands' },
  'sql-time-filter': { severity: 'warning', area: 'lint', lint: 'sql', summary: 'a time-series SQL query has no $__timeFilter or other time condition' },
  'sql-trailing-comment': { severity: 'warning', area: 'lint', lint: 'sql', summary: 'text (usually a comment) follows the terminating ";" of a SQL query' },
  'promql-unsafe-interpolation': { severity: 'warning', area: 'lint', lint: 'promql', summary: 'a variable a viewer can set stands where its value can leave its PromQL string (or is PromQL code)' },
  'promql-rate-counter': { severity: 'warning', area: 'lint', lint: 'promql', summary: 'rate/irate/increase over a series that is not a counter' },
  'promql-rate-interval': { severity: 'warning', area: 'lint', lint: 'promql', summary: 'rate/irate/increase with a range other than $__rate_interval (or $__range)' },
  'promql-histogram-bucket': { severity: 'warning', area: 'lint', lint: 'promql', summary: 'histogram_quantile over series that are not _bucket series' },
  'promql-histogram-le': { severity: 'error', area: 'lint', lint: 'promql', summary: 'an aggregation drops the le label before histogram_quantile' },
  'provisioning-secret': { severity: 'error', area: 'lint', lint: 'provisioning', summary: 'a provisioning file holds a plaintext secret' },
  'provisioning-api-version': { severity: 'error', area: 'lint', lint: 'provisioning', summary: 'a provisioning file has no apiVersion: 1' },
  'provisioning-provider-path': { severity: 'error', area: 'lint', lint: 'provisioning', summary: "a dashboard provider's path does not hold the generated dashboards" },
  'provisioning-default-datasource': { severity: 'error', area: 'lint', lint: 'provisioning', summary: 'more than one default datasource in an organization' },
  'provisioning-datasource-uid': { severity: 'warning', area: 'lint', lint: 'provisioning', summary: 'a provisioned datasource has no uid, so dashboards cannot reference it stably' },
  'provisioning-unescaped-variable': { severity: 'error', area: 'lint', lint: 'provisioning', summary: 'a Grafana template variable ($__rate_interval, ${__from}) in a provisioning file, where Grafana expands it as an environment variable' },
  'alert-for-missing': { severity: 'warning', area: 'lint', lint: 'alerting', summary: 'an alert rule on a sampled metric fires on its first evaluation (no `for`)' },
  'alert-annotation-missing': { severity: 'warning', area: 'lint', lint: 'alerting', summary: 'an alert rule has no summary or runbook_url annotation' },
  'alert-counter-threshold': { severity: 'warning', area: 'lint', lint: 'alerting', summary: 'an alert rule compares a raw counter with a threshold' },
  'alert-panel-unknown': { severity: 'error', area: 'lint', lint: 'alerting', summary: 'an alert rule links to a dashboard or panel that does not exist' },
  'alert-raw-dollar': { severity: 'error', area: 'lint', lint: 'alerting', summary: 'a `$$` in a query model or annotation, which Grafana reads raw: it stays `$$`' },
  'alert-time-filter': { severity: 'warning', area: 'lint', lint: 'alerting', summary: "an alert rule's SQL query has no time filter, so its time range is ignored" },
  'lint-config': { severity: 'error', area: 'lint', lint: 'lint', summary: 'the lint configuration is invalid (unknown rule, bad severity, exclusion without a reason)' },
  'lint-parse': { severity: 'error', area: 'lint', lint: 'lint', summary: 'a file could not be read as a dashboard or provisioning document' },

  // --- The project: config, modules, outputs (`dashcode build`).
  'config-invalid': { severity: 'error', area: 'project', summary: 'dashcode.config does not export a config object' },
  'config-out-dir': { severity: 'error', area: 'project', summary: 'outDir is not a folder of its own inside the project' },
  'module-load': { severity: 'error', area: 'project', summary: 'a dashboard, datasource or alerting module cannot be loaded' },
  'module-timeout': { severity: 'error', area: 'project', summary: 'a module did not finish loading in time (a top-level await that never settles?)' },
  'module-no-dashboard': { severity: 'error', area: 'project', summary: "a dashboard module's default export is not a dashboard" },
  'output-path': { severity: 'error', area: 'project', summary: "a dashboard's output path is not a relative .json path inside outDir" },
  'output-duplicate': { severity: 'error', area: 'project', summary: 'two dashboards write the same file' },
  'output-not-generated': { severity: 'error', area: 'project', summary: 'a file dashcode would write exists and dashcode did not write it' },
  'output-manifest': { severity: 'warning', area: 'project', summary: 'an entry of the output manifest is not a file dashcode could have written; it is ignored' },
  'provisioning-schema': { severity: 'error', area: 'project', summary: "a provisioning file breaks dashcode's provisioning JSON Schema" },
  'input-read': { severity: 'error', area: 'project', summary: 'a file or folder cannot be read' },
  'input-json': { severity: 'error', area: 'project', summary: 'a file is empty or not valid JSON' },
  'input-bom': { severity: 'error', area: 'project', summary: "a JSON file starts with a byte order mark, which Grafana's reader rejects" },
  'input-depth': { severity: 'error', area: 'project', summary: 'a JSON file nests deeper than any dashboard does' },
  'input-not-dashboard': { severity: 'error', area: 'project', summary: 'a JSON file is not a Grafana dashboard' },

  // --- dashcode diff.
  'input-git': { severity: 'error', area: 'diff', summary: 'git cannot find a revision, a merge base or a file of the compared range' },

  // --- Alerting (alert rules, contact points, policies, mute timings).
  'alert-schema': { severity: 'error', area: 'alerting', summary: "an alerting provisioning document breaks dashcode's alerting JSON Schema" },
  'alert-expression-input': { severity: 'error', area: 'alerting', summary: 'an expression has no input node' },
  'alert-expression-refid': { severity: 'error', area: 'alerting', summary: "a node's refId is not a letter followed by letters, digits, _ or -" },
  'alert-expression-reference': { severity: 'error', area: 'alerting', summary: 'an expression refers to a node that is not in its rule' },
  'alert-expression-replace-with': { severity: 'error', area: 'alerting', summary: 'a replaceNN reduce expression has no replaceWith' },
  'alert-expression-threshold': { severity: 'error', area: 'alerting', summary: 'a threshold condition is missing, not a number, or a reversed range' },
  'alert-query-required': { severity: 'error', area: 'alerting', summary: 'an alert query has no query' },
  'alert-query-range': { severity: 'error', area: 'alerting', summary: "an alert query's time range is not a duration, or empty" },
  'alert-rule-uid': { severity: 'error', area: 'alerting', summary: 'an alert rule uid is not 1–40 letters, digits, _ or -' },
  'alert-rule-uid-duplicate': { severity: 'error', area: 'alerting', summary: 'two alert rules share a uid' },
  'alert-rule-refid-duplicate': { severity: 'error', area: 'alerting', summary: 'two nodes of an alert rule share a refId' },
  'alert-rule-title': { severity: 'error', area: 'alerting', summary: 'an alert rule title is empty or longer than 190 characters' },
  'alert-rule-nodes': { severity: 'error', area: 'alerting', summary: 'an alert rule has no queries, or a node that is not a query or expression' },
  'alert-rule-condition': { severity: 'error', area: 'alerting', summary: "an alert rule's condition is missing or not one of its nodes" },
  'alert-rule-duration': { severity: 'error', area: 'alerting', summary: 'an alert rule duration (for, keepFiringFor, …) is not a duration' },
  'alert-rule-label': { severity: 'error', area: 'alerting', summary: 'an alert rule label name is not a valid label name' },
  'alert-rule-annotation': { severity: 'error', area: 'alerting', summary: "an alert rule annotation name starts with __ (Grafana's own)" },
  'alert-group-name': { severity: 'error', area: 'alerting', summary: 'a rule group name is empty or longer than 190 characters' },
  'alert-group-folder': { severity: 'error', area: 'alerting', summary: 'a rule group has no folder' },
  'alert-group-interval': { severity: 'error', area: 'alerting', summary: 'a rule group interval is not a positive multiple of 10s' },
  'alert-policy-receiver': { severity: 'error', area: 'alerting', summary: 'the notification policy has no default contact point' },
  'alert-policy-receiver-unknown': { severity: 'error', area: 'alerting', summary: 'a policy or rule notifies a contact point that is not provisioned' },
  'alert-policy-matcher': { severity: 'error', area: 'alerting', summary: 'a policy matcher operator is not =, !=, =~ or !~' },
  'alert-policy-duration': { severity: 'error', area: 'alerting', summary: 'a policy timing (group_wait, …) is not a duration' },
  'alert-contact-point-name': { severity: 'error', area: 'alerting', summary: 'a contact point has no name' },
  'alert-contact-point-receivers': { severity: 'error', area: 'alerting', summary: 'a contact point has no receiver' },
  'alert-contact-point-uid': { severity: 'error', area: 'alerting', summary: 'a receiver uid is not 1–40 letters, digits, _ or -' },
  'alert-contact-point-type': { severity: 'error', area: 'alerting', summary: 'a receiver has no type' },
  'alert-contact-point-secret': { severity: 'error', area: 'alerting', summary: 'a receiver credential is a literal instead of env()' },
  'alert-mute-timing-name': { severity: 'error', area: 'alerting', summary: 'a mute timing has no name' },
  'alert-mute-timing-time': { severity: 'error', area: 'alerting', summary: 'a mute timing time range is not HH:MM to HH:MM' },
  'alert-mute-timing-weekday': { severity: 'error', area: 'alerting', summary: 'a mute timing weekday is not a weekday or a weekday range' },
  'alert-template-name': { severity: 'error', area: 'alerting', summary: 'a notification template has no name' },
  'alert-template-body': { severity: 'error', area: 'alerting', summary: 'a notification template has no body' },

  // --- dashcode import (notes on what changed or could not be carried over).
  'import-not-dashboard': { severity: 'error', area: 'import', summary: 'the input is not a dashboard JSON object' },
  'import-legacy-rows': { severity: 'error', area: 'import', summary: 'the dashboard uses the pre-5.0 rows layout; save it in a recent Grafana first' },
  'import-internal': { severity: 'error', area: 'import', summary: 'importing failed unexpectedly (a bug)' },
  'import-schema-version': { severity: 'warning', area: 'import', summary: 'the dashboard is older than the oldest schemaVersion import is tested with' },
  'import-unwrapped': { severity: 'info', area: 'import', summary: "the input is an API response; its dashboard was imported" },
  'import-legacy-panel': { severity: 'info', area: 'import', summary: 'a legacy panel (graph, singlestat, table-old) was migrated as Grafana does' },
  'import-legacy-dropped': { severity: 'warning', area: 'import', summary: "fields a legacy panel's migration does not carry over were dropped" },
  'import-input': { severity: 'warning', area: 'import', summary: 'an __inputs datasource placeholder was resolved, or could not be' },
  'import-grid-compacted': { severity: 'warning', area: 'import', summary: "a panel was moved where Grafana's grid compaction shows it" },
  'import-grid-position': { severity: 'warning', area: 'import', summary: "a panel's gridPos is missing, invalid or not placeable as given" },
  'import-row-position': { severity: 'info', area: 'import', summary: 'a row was moved right below what is above it' },
  'import-round-trip': { severity: 'warning', area: 'import', summary: 'the generated code does not rebuild a part of the input exactly' },
  'import-editor-state': { severity: 'info', area: 'import', summary: 'query-editor state that does not change what runs was dropped' },
  'import-panel-invalid': { severity: 'warning', area: 'import', summary: 'a panels entry is not an object; dropped' },
  'import-nested-row': { severity: 'warning', area: 'import', summary: 'a row inside a row was dropped' },
  'import-row-title': { severity: 'info', area: 'import', summary: 'a row has no title' },
  'import-row-repeat': { severity: 'warning', area: 'import', summary: 'a row repeats over an undefined variable' },
  'import-row-panels': { severity: 'warning', area: 'import', summary: 'an expanded row stores panels Grafana ignores; dropped' },
  'import-panel-title': { severity: 'info', area: 'import', summary: 'a panel has no title' },
  'import-panel-type': { severity: 'info', area: 'import', summary: 'a panel type with no typed builder was imported with pluginPanel' },
  'import-panel-children': { severity: 'warning', area: 'import', summary: 'a panel that is not a row holds panels; dropped' },
  'import-panel-check': { severity: 'warning', area: 'import', summary: "the panel builder reports a problem with the imported panel" },
  'import-text-queries': { severity: 'info', area: 'import', summary: 'queries saved on a text panel were dropped' },
  'import-query-invalid': { severity: 'warning', area: 'import', summary: 'a target is not an object; dropped' },
  'import-query-refid': { severity: 'info', area: 'import', summary: 'a query has no refId; one was given' },
  'import-query-verbatim': { severity: 'warning', area: 'import', summary: 'a query of a datasource type with no builder was kept verbatim' },
  'import-query-check': { severity: 'warning', area: 'import', summary: 'the query builder reports a problem with the imported query' },
  'import-query-datasource': { severity: 'warning', area: 'import', summary: "a query's datasource reference changes on import" },
  'import-datasource-type': { severity: 'warning', area: 'import', summary: 'a datasource uid has another type in the datasources module' },
  'import-datasource-name': { severity: 'warning', area: 'import', summary: 'a datasource is referenced by name (before schemaVersion 33)' },
  'import-datasource-default': { severity: 'warning', area: 'import', summary: "a reference to Grafana's default datasource was resolved" },
  'import-datasource-external': { severity: 'info', area: 'import', summary: 'an unknown datasource uid was added to the datasources module as external' },
  'import-variable-undefined': { severity: 'warning', area: 'import', summary: 'query text uses a variable the dashboard does not define; kept as written' },
  'import-variable-reference': { severity: 'warning', area: 'import', summary: 'a variable reference was kept verbatim' },
  'import-variable-invalid': { severity: 'warning', area: 'import', summary: 'a templating entry is not a variable; dropped' },
  'import-variable-duplicate': { severity: 'warning', area: 'import', summary: 'a variable is defined twice; the second is dropped' },
  'import-variable-name': { severity: 'warning', area: 'import', summary: 'a variable name no reference can reach; kept verbatim' },
  'import-variable-verbatim': { severity: 'warning', area: 'import', summary: 'a variable type with no builder was kept verbatim' },
  'import-variable-check': { severity: 'warning', area: 'import', summary: 'the variable builder reports a problem with the imported variable' },
  'import-variable-datasource': { severity: 'warning', area: 'import', summary: "a variable's datasource reference changes on import" },
  'import-uid': { severity: 'warning', area: 'import', summary: 'the dashboard has no uid; one was made from the title' },
  'import-dropped': { severity: 'warning', area: 'import', summary: "a dashboard key outside Grafana's schema was dropped" },
  'import-revision': { severity: 'warning', area: 'import', summary: 'a revision that is not an integer was converted or dropped' },
  'import-link': { severity: 'warning', area: 'import', summary: 'a dashboard link without a title was dropped' },
  'import-annotation-verbatim': { severity: 'warning', area: 'import', summary: 'an annotation with no builder was kept verbatim' },
  'import-unit': { severity: 'warning', area: 'import', summary: 'a unit that is not a Grafana unit id was kept through raw' },
  'import-provisioning': { severity: 'warning', area: 'import', summary: 'a provisioning file passed to import cannot be read or used as given' },

  // --- dashcode db (schema, CSV and results loading).
  'db-schema-missing-table': { severity: 'error', area: 'db', summary: 'a table the metrics schema needs does not exist' },
  'db-schema-missing-column': { severity: 'error', area: 'db', summary: 'a column the metrics schema needs does not exist' },
  'db-schema-column-type': { severity: 'error', area: 'db', summary: 'a column has another type than the metrics schema needs' },
  'csv-read': { severity: 'error', area: 'db', summary: 'a CSV file cannot be read' },
  'csv-encoding': { severity: 'error', area: 'db', summary: 'a CSV file is not valid UTF-8 or holds NUL bytes' },
  'csv-syntax': { severity: 'error', area: 'db', summary: 'a CSV file is not valid CSV' },
  'csv-empty': { severity: 'error', area: 'db', summary: 'a CSV file has no header line' },
  'csv-header': { severity: 'error', area: 'db', summary: 'a CSV header is missing a column or names one twice' },
  'csv-field-count': { severity: 'error', area: 'db', summary: 'a CSV line has another number of fields than the header' },
  'csv-number': { severity: 'error', area: 'db', summary: 'a CSV field is not a number' },
  'csv-timestamp': { severity: 'error', area: 'db', summary: 'a CSV field is not a timestamp' },
  'csv-json': { severity: 'error', area: 'db', summary: 'a CSV field is not valid JSON' },
  'csv-benchmark-id': { severity: 'error', area: 'db', summary: 'a CSV line has an empty benchmark_id' },
  'csv-duplicate': { severity: 'error', area: 'db', summary: 'a benchmark_id appears twice' },
  'csv-unknown-benchmark': { severity: 'error', area: 'db', summary: 'a measurement names a benchmark_id that is in no benchmarks file' },
  'csv-summary': { severity: 'error', area: 'db', summary: 'the summary names a benchmark_id that is in no benchmarks file' },
  'csv-no-export': { severity: 'error', area: 'db', summary: 'the folder holds no MetricsRecorder export' },
  'results-read': { severity: 'error', area: 'db', summary: 'a results file or folder cannot be read' },
  'results-none': { severity: 'error', area: 'db', summary: 'the folder holds no benchmark results files' },
  'results-syntax': { severity: 'error', area: 'db', summary: 'a results file is not valid JSON' },
  'results-empty': { severity: 'error', area: 'db', summary: 'a results file holds no results' },
  'results-config-hash': { severity: 'error', area: 'db', summary: 'a results key is not a config hash' },
  'results-type': { severity: 'error', area: 'db', summary: 'a results value has the wrong type' },
  'results-missing-key': { severity: 'error', area: 'db', summary: 'a results object lacks a key' },
  'results-unknown-key': { severity: 'error', area: 'db', summary: 'a results object has a key the format does not define' },
  'results-number': { severity: 'error', area: 'db', summary: 'a results value is not a finite number' },
  'results-integer': { severity: 'error', area: 'db', summary: 'a results value is not an integer in range' },
  'results-length': { severity: 'error', area: 'db', summary: 'a results list has another length than e2e_latency' },
  'results-success': { severity: 'error', area: 'db', summary: 'a failed result has measurements' },
  'results-timestamp': { severity: 'error', area: 'db', summary: 'a results timestamp is not ISO 8601' },

  // --- dashcode doctor (one finding per datasource or file).
  'env-missing': { severity: 'error', area: 'doctor', summary: 'an environment variable the provisioning files use is not set' },
  'provisioning-missing': { severity: 'error', area: 'doctor', summary: 'there is no provisioning folder (run dashcode build)' },
  'datasource-untested': { severity: 'warning', area: 'doctor', summary: 'doctor has no connection test for this datasource type' },
  'postgres-ok': { severity: 'info', area: 'doctor', summary: 'PostgreSQL answered and has the metrics tables' },
  'postgres-config': { severity: 'error', area: 'doctor', summary: 'the PostgreSQL datasource has no host or database' },
  'postgres-schema': { severity: 'warning', area: 'doctor', summary: 'PostgreSQL answered but metrics tables are missing' },
  'postgres-auth': { severity: 'error', area: 'doctor', summary: 'PostgreSQL rejected the user or password' },
  'postgres-database': { severity: 'error', area: 'doctor', summary: 'the PostgreSQL database does not exist' },
  'postgres-unreachable': { severity: 'error', area: 'doctor', summary: 'PostgreSQL cannot be reached' },
  'postgres-error': { severity: 'error', area: 'doctor', summary: 'PostgreSQL answered with another error' },
  'prometheus-ok': { severity: 'info', area: 'doctor', summary: 'Prometheus is ready' },
  'prometheus-config': { severity: 'error', area: 'doctor', summary: 'the Prometheus URL is not http(s)' },
  'prometheus-not-ready': { severity: 'error', area: 'doctor', summary: 'Prometheus is up but not ready' },
  'prometheus-unreachable': { severity: 'error', area: 'doctor', summary: 'Prometheus cannot be reached' },
  'tempo-ok': { severity: 'info', area: 'doctor', summary: 'Tempo is ready' },
  'tempo-config': { severity: 'error', area: 'doctor', summary: 'the Tempo URL is not http(s)' },
  'tempo-not-ready': { severity: 'error', area: 'doctor', summary: 'Tempo is up but not ready' },
  'tempo-unreachable': { severity: 'error', area: 'doctor', summary: 'Tempo cannot be reached' },
} as const satisfies Readonly<Record<string, IssueCodeInfo>>;

/** Every code dashcode reports. `issue()` takes only these, so a typo is a compile error. */
export type IssueCode = keyof typeof ISSUE_CODES;

/** The codes `dashcode lint` reports (and that lint configs may name). */
export type LintCode = { [K in IssueCode]: (typeof ISSUE_CODES)[K] extends { lint: RuleCategory } ? K : never }[IssueCode];

export function isIssueCode(code: string): code is IssueCode {
  return Object.hasOwn(ISSUE_CODES, code);
}

export function issueCodeInfo(code: IssueCode): IssueCodeInfo {
  return ISSUE_CODES[code];
}
