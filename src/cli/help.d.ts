export const COMMAND_SUMMARIES: Readonly<Record<string, string>>;
export const VERSION_TEXT: string;
export function mainHelp(): string;
export function answerWithoutCommand(argv: readonly string[]): { stdout?: string; stderr?: string; code: number } | undefined;
