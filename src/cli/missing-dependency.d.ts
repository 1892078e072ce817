/** The one line to print for a missing runtime dependency (ERR_MODULE_NOT_FOUND); undefined for any other error. */
export function missingDependencyMessage(err: unknown): string | undefined;
