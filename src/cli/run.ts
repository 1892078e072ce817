import { EXIT } from '../validate/issues.js';
import { UsageError, type Io } from './io.js';

/**
 * The CLI's testable core: parses argv, runs one command, returns the exit
 * code (0 ok, 1 findings, 2 usage or internal error). Commands are imported
 * lazily so `dashcode build` never loads the database or browser code.
 */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build.js')).buildCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  db: async () => (await import('./commands/db.js')).dbCommand,
  lint: async () => (await import('./commands/lint.js')).lintCommand,
  preview: async () => (await import('./commands/preview.js')).previewCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
  alert: async () => (await import('./commands/alert.js')).alertCommand,
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
  const load = COMMANDS[name];
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
    io.stderr(`dashcode ${name}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.usage;
  }
}

async function help(commandName?: string): Promise<string> {
  if (commandName && COMMANDS[commandName]) return `${(await COMMANDS[commandName]!()).usage}\n`;
  const lines = ['Usage: dashcode <command> [options]', '', 'Commands:'];
  for (const [n, load] of Object.entries(COMMANDS)) lines.push(`  ${n.padEnd(10)} ${(await load()).summary}`);
  lines.push('', 'Run `dashcode <command> --help` for a command\'s options.', 'Exit codes: 0 ok, 1 findings, 2 usage or internal error.');
  return `${lines.join('\n')}\n`;
}
