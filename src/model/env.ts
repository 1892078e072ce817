/**
 * A reference to an environment variable. Secrets and deployment-specific
 * values (URLs, users, passwords) are written as `env('NAME')` and emitted as
 * `$NAME` in provisioning YAML, which Grafana expands at start-up. A literal
 * secret can therefore never be compiled into output.
 */
export interface EnvRef {
  readonly kind: 'env';
  readonly name: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function env(name: string): EnvRef {
  return Object.freeze({ kind: 'env', name });
}

export function isEnvRef(v: unknown): v is EnvRef {
  return typeof v === 'object' && v !== null && (v as EnvRef).kind === 'env' && typeof (v as EnvRef).name === 'string';
}

export function isValidEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}

/** `$NAME`: Grafana's provisioning expands `$NAME` and `${NAME}`. */
export function envReference(ref: EnvRef): string {
  return `$${ref.name}`;
}

export type Configurable = string | EnvRef;

// One reference token, as Grafana's expanders and os.ExpandEnv recognise it.
const REFERENCE = String.raw`\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[^}]+\}|__(?:env|file|vault)\{[^}]+\})`;

/** A whole value that is exactly one reference: `$VAR`, `${VAR}`, `$__env{VAR}`, `$__file{path}`, `$__vault{...}`. */
export const ENV_REFERENCE_PATTERN = `^${REFERENCE}$`;

/**
 * A value that contains at least one reference not escaped by `$$`
 * (`Bearer $TOKEN` passes, `pa$$word` does not). An odd run of `$` before the
 * name means the last one starts a reference.
 */
export const SECRET_REFERENCE_PATTERN = String.raw`(?:^|[^$])(?:\$\$)*` + REFERENCE;

const WHOLE_REFERENCE = new RegExp(ENV_REFERENCE_PATTERN, 'u');

/** Whether a string is wholly one env reference, so Grafana expands it rather than storing it as written. */
export function isEnvReference(value: string): boolean {
  return WHOLE_REFERENCE.test(value);
}
