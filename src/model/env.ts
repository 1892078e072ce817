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

/** Matches a string that is wholly an env reference: `$NAME`, `${NAME}`, `$__env{NAME}`, `$__file{path}`. */
export const ENV_REFERENCE_PATTERN = /^(\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$__env\{[A-Za-z_][A-Za-z0-9_]*\}|\$__file\{[^}]+\})$/;
