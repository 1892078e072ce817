/** Everything a command touches outside itself, so tests can run commands in-process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Ends a command that runs until stopped (`build --watch`, `preview --serve`); the CLI also stops one on SIGINT and SIGTERM. */
  signal?: AbortSignal;
}

export class UsageError extends Error {}
