/**
 * What Grafana counts as a variable reference. The pattern is Grafana's own
 * (public/app/features/variables/utils.ts `variableRegex`, identical to
 * @grafana/scenes packages/scenes/src/variables/constants.ts VARIABLE_REGEX):
 *
 *   \$(\w+)                                      $var
 *   \[\[(\w+?)(?::(\w+))?\]\]                    [[var]]  [[var:fmt]]
 *   \${(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?}     ${var}   ${var.field}  ${var:fmt}  ${var.field:fmt:arg}
 *
 * Consequences kept on purpose: `$__timeFilter(t)` is a reference named `__timeFilter`;
 * `$1` is a reference named `1`; an unclosed `${x` is no reference at all; a format
 * after `${...:` may hold further `:`-separated arguments (`${__from:date:YYYY-MM}`).
 */

export const VARIABLE_REGEX_SOURCE = String.raw`\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?\}`;

/** A fresh global instance (a shared /g regex carries lastIndex between callers). */
export function variableRegex(): RegExp {
  return new RegExp(VARIABLE_REGEX_SOURCE, 'g');
}

export type ReferenceSyntax = '$var' | '${var}' | '[[var]]';

export interface VariableReference {
  name: string;
  /** Everything after the first `:` (`date:YYYY-MM` for `${__from:date:YYYY-MM}`). */
  format?: string;
  /** `login` in `${__user.login}`. */
  fieldPath?: string;
  syntax: ReferenceSyntax;
  /** The matched text. */
  match: string;
  start: number;
  end: number;
}

/** Splits one regex match into its parts (the six capture groups of Grafana's pattern). */
export function referenceFromMatch(m: RegExpMatchArray | string[], start: number): VariableReference {
  const match = m[0] ?? '';
  const ref: VariableReference = {
    name: m[1] ?? m[2] ?? m[4] ?? '',
    syntax: m[1] !== undefined ? '$var' : m[2] !== undefined ? '[[var]]' : '${var}',
    match,
    start,
    end: start + match.length,
  };
  const format = m[3] ?? m[6];
  if (format !== undefined) ref.format = format;
  if (m[5] !== undefined) ref.fieldPath = m[5];
  return ref;
}

/** Every reference Grafana would try to replace, in order. */
export function findVariableReferences(text: string): VariableReference[] {
  const out: VariableReference[] = [];
  for (const m of text.matchAll(variableRegex())) out.push(referenceFromMatch(m, m.index ?? 0));
  return out;
}
