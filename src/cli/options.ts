import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

/**
 * `util.parseArgs`, with every problem a usage error (exit 2), and an empty
 * string option refused: `--database-url "$DATABASE_URL"` with the variable
 * unset would otherwise quietly mean "no database URL" and check something
 * other than what was asked.
 */
export function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  for (const [name, value] of Object.entries(parsed.values as Record<string, unknown>)) {
    if (value === '') throw new UsageError(`--${name} is empty (an unset environment variable?)`);
  }
  return parsed;
}
