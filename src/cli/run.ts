import { EXIT } from './exit.js';
import { UsageError, type Io } from './io.js';
import { missingDependencyMessage } from './missing-dependency.js';
import { answerWithoutCommand } from './help.js';

/**
 * The CLI's testable core: parses argv, runs one command, returns the exit
 * code (0 ok, 1 findings, 2 usage or internal error). Commands are imported
 * lazily so `dashcode build` never loads the database or browser code.
 */
export interface Command {
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}

/** Every command's module, imported only when it runs (summaries: help.js, so `dashcode --help` loads none). */
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
  const answer = answerWithoutCommand(argv);
  if (answer) {
    if (answer.stdout !== undefined) io.stdout(answer.stdout);
    if (answer.stderr !== undefined) io.stderr(answer.stderr);
    return answer.code;
  }
  const [name, ...args] = argv as [string, ...string[]];
  // `dashcode help <command>` (or `--help <command>`): that command's usage.
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout(`${(await COMMANDS[args[0]!]!()).usage}\n`);
    return EXIT.ok;
  }
  const command = await COMMANDS[name]!();
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
