import type { GivenVariableValues } from '../check/run/variables.js';
import { UsageError } from './io.js';

/**
 * `--var NAME=VALUE`, repeatable: the values `check` and `preview` select, as
 * a dashboard URL's `var-NAME=VALUE` selects them (a name given twice holds
 * both values, as a repeated URL parameter does). The value may hold `=`.
 * A null-prototype record, so a variable named `__proto__` is only a name.
 */
export function variableValuesOption(raw: unknown): GivenVariableValues | undefined {
  if (raw === undefined) return undefined;
  const byName = new Map<string, string[]>();
  for (const item of Array.isArray(raw) ? (raw as unknown[]) : [raw]) {
    const text = String(item);
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var must be NAME=VALUE (a dashboard variable's name, then the value to select), got "${text}"`);
    const name = text.slice(0, eq);
    byName.set(name, [...(byName.get(name) ?? []), text.slice(eq + 1)]);
  }
  const out: Record<string, string | readonly string[]> = Object.create(null) as Record<string, string | readonly string[]>;
  for (const [name, values] of byName) out[name] = values.length === 1 ? values[0]! : values;
  return out;
}

/**
 * Names given with `--var` that no dashboard being read has a variable for: a
 * typo would otherwise check the saved values and say nothing.
 */
export function unknownVariableNames(given: GivenVariableValues | undefined, dashboards: ReadonlyArray<{ json: unknown }>): string[] {
  if (!given) return [];
  const known = new Set<string>();
  for (const { json } of dashboards) {
    const list = ((json as { templating?: { list?: unknown } } | null)?.templating?.list ?? []) as unknown;
    if (Array.isArray(list)) for (const v of list) if (typeof (v as { name?: unknown })?.name === 'string') known.add((v as { name: string }).name);
  }
  return Object.keys(given).filter((name) => !known.has(name));
}
