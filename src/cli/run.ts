import { EXIT } from './exit.js';
import { UsageError, type Io } from './io.js';
import { missingDependencyMessage } from './missing-dependency.js';

/**
 * The CLI's testable core: parses argv, runs one command, returns the exit
 * code (0 ok, 1 findings, 2 usage or internal error). Commands are imported
 * lazily so `dashcode build` never loads the database or browser code.
 */
export interface Command {
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}

/**
 * Every command: its one-line summary (here, so `dashcode --help` loads no
 * command module) and its module, imported only when it runs.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  build: { summary: 'compile dashboards and provisioning to generated/ (--check: verify only)', load: async () => (await import('./commands/build.js')).buildCommand },
  check: { summary: 'run every query against real backends and report broken panels', load: async () => (await import('./commands/check.js')).checkCommand },
  doctor: { summary: 'test the provisioned datasources: env, connection, database, readiness', load: async () => (await import('./commands/doctor.js')).doctorCommand },
  db: { summary: 'create the metrics database schema, load CSV exports, seed sample data', load: async () => (await import('./commands/db.js')).dbCommand },
  lint: { summary: 'lint dashboard JSON and provisioning YAML (default: generated/)', load: async () => (await import('./commands/lint.js')).lintCommand },
  preview: { summary: 'draw dashboards as HTML pages (and PNGs) from real query results', load: async () => (await import('./commands/preview.js')).previewCommand },
  import: { summary: 'turn Grafana dashboard JSON (files or folders) into dashcode TypeScript modules', load: async () => (await import('./commands/import.js')).importCommand },
  diff: { summary: 'semantic differences between dashboards (files, directories or git revisions)', load: async () => (await import('./commands/diff.js')).diffCommand },
  init: { summary: 'set up dashboards/, datasources/, config, a build script and CI in this repository', load: async () => (await import('./commands/init.js')).initCommand },
  alert: { summary: 'alert rules: backtest them on the data you already have', load: async () => (await import('./commands/alert.js')).alertCommand },
};

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(await help(args[0]));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    io.stdout('dashcode 0.1.0\n');
    return EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name]!.load : undefined;
  if (!load) {
    io.stderr(`dashcode: unknown command "${name}"\n\n${await help()}`);
    return EXIT.usage;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`dashcode ${name}: ${err.message}\n\n${command.usage}\n`);
      return EXIT.usage;
    }
    const missing = missingDependencyMessage(err);
    if (missing !== undefined) {
      io.stderr(missing);
      return EXIT.usage;
    }
    io.stderr(`dashcode ${name}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.usage;
  }
}

async function help(commandName?: string): Promise<string> {
  if (commandName && Object.hasOwn(COMMANDS, commandName)) return `${(await COMMANDS[commandName]!.load()).usage}\n`;
  const lines = ['Usage: dashcode <command> [options]', '', 'Commands:'];
  for (const [n, { summary }] of Object.entries(COMMANDS)) lines.push(`  ${n.padEnd(10)} ${summary}`);
  lines.push('', 'Run `dashcode <command> --help` for a command\'s options.', 'Exit codes: 0 ok, 1 findings, 2 usage or internal error.');
  return `${lines.join('\n')}\n`;
}
