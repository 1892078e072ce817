/**
 * State shared while importing one dashboard: the issues and unmodelled
 * fields found so far, the names taken in the generated module, and which
 * library exports and helpers the code uses.
 */
import { issue, type Issue, type Severity } from '../model/issue.js';
import { ISSUE_CODES, type IssueCode } from '../model/issue-codes.js';
import { camelIdentifier, invoke, isIdentifier, isReserved, type Code, type Expr } from './code.js';
import type { DatasourceResolver } from './datasources.js';
import type { VariableInScope } from './query-text.js';
import { HELPER_FUNCTIONS, HELPER_NAMES, type HelperName } from './helpers.js';
import type { IssuePath } from '../model/issue-path.js';

/** Library exports generated code may use. */
const LIBRARY_NAMES = [
  'dashboard', 'row', 'env', 'sql', 'promql', 'traceql', 'rawQueryText', 'sqlQuery', 'promQuery', 'tempoQuery',
  'queryVariable', 'customVariable', 'constantVariable', 'textboxVariable', 'intervalVariable', 'datasourceVariable',
  'overrideByName', 'overrideByRegex', 'overrideByType', 'overrideByQuery', 'urlLink', 'dashboardsLink', 'promAnnotation',
  'postgresDatasource', 'prometheusDatasource', 'tempoDatasource', 'timeseriesPanel', 'tablePanel', 'barchartPanel',
  'statPanel', 'gaugePanel', 'bargaugePanel', 'textPanel', 'heatmapPanel', 'histogramPanel', 'piechartPanel', 'tracesPanel', 'pluginPanel',
  'externalDatasource', 'rawQuery', 'rawVariable', 'rawAnnotation', 'withFields', 'sqlAnnotation',
];

export class ImportContext {
  readonly issues: Issue[] = [];
  readonly unmodelled: string[] = [];
  /** Value exports of the library the generated code calls. */
  readonly libraryValues = new Set<string>();
  /** Set once the known datasources are loaded (see import.ts). */
  datasources!: DatasourceResolver;
  /** Variables declared so far in the generated module, by Grafana name. */
  readonly scope = new Map<string, VariableInScope>();
  /** The dashboard's datasource variables: name → the plugin type they select (their `query`), canonical. */
  readonly datasourceVariables = new Map<string, string>();
  /** Every variable the dashboard defines, declared yet or not. */
  readonly variableNames = new Set<string>();
  /** Query-editor fields dropped (they do not change what runs), with how often. */
  readonly editorState = new Map<string, number>();
  private readonly taken = new Set<string>();

  constructor(
    readonly file: string | undefined,
    readonly dashboardTitle: string | undefined,
  ) {
    // Every name the generated module may import or define is taken up front, so a
    // variable called `row` or `sql` never shadows the builder of that name.
    for (const name of [...LIBRARY_NAMES, ...HELPER_NAMES]) this.taken.add(name);
  }

  /** Marks a library export as used and returns its name, for `call(ctx.lib('row'), ...)`. */
  lib(name: string): string {
    this.libraryValues.add(name);
    this.taken.add(name);
    return name;
  }

  /** A call of one of the library's escape hatches (`withFields`, `rawQuery`, ...), as code and evaluated. */
  callHelper(name: HelperName, ...args: Expr[]): Code {
    return invoke(this.lib(name), HELPER_FUNCTIONS[name] as (...a: never[]) => unknown, ...args);
  }

  report(code: IssueCode, path: IssuePath, message: string, severity: Severity = ISSUE_CODES[code].severity, panel?: string): void {
    // The formatter names the panel already (from `source`); do not say it twice.
    const prefix = `panel "${panel}"`;
    if (panel && message.startsWith(prefix)) message = message.slice(prefix.length).replace(/^:?\s*/, '');
    this.issues.push({ ...issue(code, path, message, severity), source: { file: this.file, dashboard: this.dashboardTitle, panel } });
  }

  /** A field kept through an escape hatch (`raw`, `withFields`) or dropped: listed, never silent. */
  keep(where: string, field: string, how: string): void {
    this.unmodelled.push(`${where}: ${field} (${how})`);
  }

  /** Reserves a name exactly (imports from the datasources module). */
  reserve(name: string): void {
    this.taken.add(name);
  }

  isTaken(name: string): boolean {
    return this.taken.has(name);
  }

  /** A fresh identifier derived from `text`, never clashing with an import, a helper or another declaration. */
  identifier(text: string, fallback: string): string {
    let base = camelIdentifier(text, fallback);
    if (!isIdentifier(base)) base = fallback;
    if (isReserved(base)) base = `${base}Var`;
    let name = base;
    for (let n = 2; this.taken.has(name) || isReserved(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }
}
