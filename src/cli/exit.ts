/** Exit codes shared by every command: 0 nothing to report, 1 findings (errors, stale files, failed queries), 2 usage (bad arguments, unreadable input). */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
