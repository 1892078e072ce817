/**
 * What a library result needs to do more than it did: a Prometheus to run
 * PromQL, a Chromium to take screenshots, a variable value a viewer would
 * choose (a trace id). The library returns this as data;
 * only the CLI words it as a flag to pass (src/cli/hints.ts), since a library
 * caller passes options, not flags.
 */
export type Needs = 'prometheus' | 'chromium' | 'variable';
