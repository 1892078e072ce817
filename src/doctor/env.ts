/**
 * Grafana expands `$VAR`, `${VAR}` and `$__env{VAR}` in provisioning files
 * (pkg/services/provisioning/values: interpolateValue splits on `$$`, expands
 * each part, and joins with a literal `$`). We do the same to test what
 * Grafana would connect with, and remember which names were missing.
 */
const REF = /\$__env\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function expandEnv(value: string, env: Readonly<Record<string, string | undefined>>, missing: Set<string>): string {
  return value
    .split('$$')
    .map((part) => expandPart(part, env, missing))
    .join('$');
}

function expandPart(value: string, env: Readonly<Record<string, string | undefined>>, missing: Set<string>): string {
  return value.replace(REF, (_m, a: string | undefined, b: string | undefined, c: string | undefined) => {
    const name = (a ?? b ?? c)!;
    const v = env[name];
    if (v === undefined || v === '') {
      missing.add(name);
      return '';
    }
    return v;
  });
}

export function expandDeep(value: unknown, env: Readonly<Record<string, string | undefined>>, missing: Set<string>): unknown {
  if (typeof value === 'string') return expandEnv(value, env, missing);
  if (Array.isArray(value)) return value.map((v) => expandDeep(v, env, missing));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandDeep(v, env, missing)]));
  return value;
}
