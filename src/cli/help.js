// Plain JavaScript (with help.d.ts) so bin/dashcode.js can answer `--help`,
// `--version` and an unknown command before any TypeScript loader is
// registered: those cost little more than starting node. The one home of the
// commands' one-line summaries; each command's own usage lives in its module.

/** Every command's one-line summary, in the order `dashcode --help` lists them. */
export const COMMAND_SUMMARIES = {
  build: 'compile dashboards and provisioning to generated/ (--check: verify only; --watch: again on every change)',
  check: 'run every query against real backends and report broken panels',
  doctor: 'test the provisioned datasources: env, connection, database, readiness',
  db: 'create the metrics database schema, load CSV exports, seed sample data',
  lint: 'lint dashboard JSON and provisioning YAML (default: generated/)',
  preview: 'draw dashboards as HTML pages (and PNGs) from real query results',
  import: 'turn Grafana dashboard JSON (files or folders) into dashcode TypeScript modules',
  diff: 'semantic differences between dashboards (files, directories or git revisions)',
  init: 'set up dashboards/, datasources/, config, a build script and CI in this repository',
  alert: 'alert rules: backtest them on the data you already have',
};

export const VERSION_TEXT = 'dashcode 0.1.0\n';

/** `dashcode --help`: the commands and their summaries. */
export function mainHelp() {
  const lines = ['Usage: dashcode <command> [options]', '', 'Commands:'];
  for (const [n, summary] of Object.entries(COMMAND_SUMMARIES)) lines.push(`  ${n.padEnd(10)} ${summary}`);
  lines.push('', 'Run `dashcode <command> --help` for a command\'s options.', 'Exit codes: 0 ok, 1 findings, 2 usage or internal error.');
  return `${lines.join('\n')}\n`;
}

/**
 * The answer to argv that needs no command module: the main help, the
 * version, an unknown command. Undefined when a command must run.
 */
export function answerWithoutCommand(argv) {
  const [name, topic] = argv;
  if (name === undefined) return { stdout: mainHelp(), code: 2 };
  if ((name === '--help' || name === '-h' || name === 'help') && !(topic !== undefined && Object.hasOwn(COMMAND_SUMMARIES, topic))) return { stdout: mainHelp(), code: 0 };
  if (name === '--version') return { stdout: VERSION_TEXT, code: 0 };
  if (!Object.hasOwn(COMMAND_SUMMARIES, name) && name !== 'help' && name !== '--help' && name !== '-h') return { stderr: `dashcode: unknown command "${name}"\n\n${mainHelp()}`, code: 2 };
  return undefined;
}
